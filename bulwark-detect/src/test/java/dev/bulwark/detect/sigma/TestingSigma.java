package dev.bulwark.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.detect.event.LogEvent;
import dev.bulwark.detect.event.LogSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Test helpers: rule files from the test resources and events from JSON text. */
final class TestingSigma {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final LogSource TEST_SOURCE = LogSource.of("test", null, null);

    private TestingSigma() {}

    static String resource(String name) {
        try (InputStream in = TestingSigma.class.getResourceAsStream("/sigma/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource sigma/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads a resource file and asserts it has no problems. */
    static SigmaLoader.Result loadClean(SigmaLoader loader, String name) {
        SigmaLoader.Result result = loader.load(resource(name), name);
        assertThat(result.problems()).as("problems loading " + name).isEmpty();
        return result;
    }

    static LogEvent event(String json) {
        return event(json, TEST_SOURCE);
    }

    static LogEvent event(String json, LogSource source) {
        try {
            JsonNode body = JSON.readTree(json);
            return new LogEvent(body, source, Optional.empty(), "test", 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
