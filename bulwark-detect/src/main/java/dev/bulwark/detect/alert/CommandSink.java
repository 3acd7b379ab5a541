package dev.bulwark.detect.alert;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a command for each alert, the alert's OCSF JSON on its standard input and the rule id,
 * severity and fingerprint in {@code BULWARK_RULE_ID}, {@code BULWARK_SEVERITY} and
 * {@code BULWARK_FINGERPRINT}. The command is the user's (a flag), never taken from a rule or an
 * event; it is started directly, not through a shell, and killed after the timeout. Its output
 * is discarded; a non-zero exit is a failure, not retried.
 */
public final class CommandSink extends QueuedSink {
    private final List<String> command;
    private final OcsfAlerts json;
    private final Duration timeout;

    public CommandSink(List<String> command, OcsfAlerts json, Duration timeout) {
        super("bulwark-command", 1_000, 1, Duration.ZERO, timeout.plusSeconds(1));
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw new IllegalArgumentException("the alert command is empty");
        }
        this.command = List.copyOf(command);
        this.json = json;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "command " + command.get(0);
    }

    @Override
    Outcome send(Alert alert, AtomicReference<String> lastError) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("BULWARK_RULE_ID", alert.ruleId());
        builder.environment().put("BULWARK_SEVERITY", alert.severity().name().toLowerCase(java.util.Locale.ROOT));
        builder.environment().put("BULWARK_FINGERPRINT", alert.fingerprint());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            lastError.set(name() + " cannot be started: " + e.getMessage());
            return Outcome.FAILED;
        }
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write((json.line(alert) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The command did not read its input; its exit status decides.
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                lastError.set(name() + " ran longer than " + timeout.toSeconds() + " s and was stopped");
                return Outcome.FAILED;
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return Outcome.FAILED;
        }
        if (process.exitValue() != 0) {
            lastError.set(name() + " exited with " + process.exitValue());
            return Outcome.FAILED;
        }
        return Outcome.DELIVERED;
    }
}
