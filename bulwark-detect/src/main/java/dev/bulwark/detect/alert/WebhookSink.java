package dev.bulwark.detect.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * POSTs each alert as JSON to an HTTP(S) endpoint: the OCSF detection finding by default, or a
 * Slack-compatible message ({@link #slack}). A connection error, a timeout, 429 or a 5xx answer
 * is retried with exponential backoff (0.5 s, 1 s, 2 s, ... by default, five attempts); another 4xx is
 * final. Redirects are not followed, so an alert never goes somewhere the URL does not say.
 */
public final class WebhookSink extends QueuedSink {
    private final URI endpoint;
    private final Function<Alert, String> body;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final String label;

    public WebhookSink(URI endpoint, Function<Alert, String> body, String label, int capacity, int attempts, Duration firstBackoff,
                       Duration requestTimeout) {
        super("bulwark-" + label, capacity, attempts, firstBackoff, requestTimeout.multipliedBy(2));
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || endpoint.getHost() == null) {
            throw new IllegalArgumentException("a webhook URL is http(s)://host/..., not '" + endpoint + "'");
        }
        this.endpoint = endpoint;
        this.body = body;
        this.label = label;
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder().connectTimeout(requestTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The OCSF JSON of each alert, with the defaults: 1,000 queued alerts, five attempts from 0.5 s, 10 s per request. */
    public static WebhookSink ocsf(URI endpoint, OcsfAlerts json) {
        return new WebhookSink(endpoint, json::line, "webhook", 1_000, 5, Duration.ofMillis(500), Duration.ofSeconds(10));
    }

    /** A Slack incoming-webhook message for each alert, with the same defaults. */
    public static WebhookSink slack(URI endpoint) {
        return new WebhookSink(endpoint, SlackMessage::of, "slack", 1_000, 5, Duration.ofMillis(500), Duration.ofSeconds(10));
    }

    @Override
    public String name() {
        // The path of a webhook URL is often its secret: only the host is shown.
        return label + " " + endpoint.getScheme() + "://" + endpoint.getHost() + "/...";
    }

    @Override
    Outcome send(Alert alert, AtomicReference<String> lastError) {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(requestTimeout).header("Content-Type", "application/json")
                .header("User-Agent", "bulwark-detect").POST(HttpRequest.BodyPublishers.ofString(body.apply(alert))).build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return Outcome.DELIVERED;
            }
            lastError.set(name() + " answered HTTP " + status);
            return status == 429 || status >= 500 ? Outcome.RETRY : Outcome.FAILED;
        } catch (IOException e) {
            lastError.set(name() + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return Outcome.RETRY;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lastError.set(name() + ": interrupted while closing");
            return Outcome.FAILED;
        }
    }
}
