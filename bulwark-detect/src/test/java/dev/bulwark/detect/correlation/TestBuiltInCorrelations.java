package dev.bulwark.detect.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.detect.alert.Alert;
import dev.bulwark.detect.event.LogEvent;
import dev.bulwark.detect.event.LogSource;
import dev.bulwark.detect.sigma.SigmaEngine;
import dev.bulwark.detect.sigma.SigmaLoader;
import dev.bulwark.detect.sigma.SigmaOptions;
import dev.bulwark.detect.sigma.SigmaRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every built-in correlation rule runs its own {@code tests}: a generated series of events
 * ({@code repeat} times, {@code every} apart from {@code start}, with {@code vary} giving fields
 * that change per event, {@code {i}} counting from 1) and the number of alerts it must raise.
 */
class TestBuiltInCorrelations {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    List<DynamicTest> builtInCorrelationsRaiseTheAlertsTheirTestsExpect() throws IOException {
        Path root = Path.of("src/main/resources/bulwark/detect/rules");
        SigmaLoader loader = new SigmaLoader(SigmaOptions.defaults());
        List<SigmaLoader.Result> loads = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yml")).sorted().toList()) {
                loads.add(loader.load(file));
            }
        }
        CorrelationSet set = CorrelationLoader.resolve(loads);
        assertThat(set.problems()).isEmpty();
        SigmaEngine sigma = SigmaEngine.build(set.rules(), List.of()).engine();
        List<DynamicTest> tests = new ArrayList<>();
        for (CorrelationRule correlation : set.correlations()) {
            Object declared = correlation.custom().get("tests");
            assertThat(declared).as(correlation.title() + " has tests").isInstanceOf(List.class);
            SigmaRule base = (SigmaRule) set.targets(correlation).get(0);
            for (Object entry : (List<?>) declared) {
                Map<?, ?> test = (Map<?, ?>) entry;
                tests.add(DynamicTest.dynamicTest(correlation.title() + ": " + test.get("name"), () -> {
                    CorrelationEngine engine = CorrelationEngine.builder(set).build();
                    List<Alert> alerts = new ArrayList<>();
                    for (LogEvent event : events((Map<?, ?>) test.get("events"), base)) {
                        engine.accept(sigma.evaluate(event), alerts::add);
                    }
                    engine.flush(alerts::add);
                    long raised = alerts.stream().filter(alert -> alert.ruleId().equals(correlation.reference())).count();
                    assertThat(raised).isEqualTo(((Number) test.get("expect")).longValue());
                }));
            }
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(10);
        return tests;
    }

    private static List<LogEvent> events(Map<?, ?> series, SigmaRule base) {
        long repeat = ((Number) series.get("repeat")).longValue();
        Duration every = duration((String) series.get("every"));
        Instant start = Instant.parse((String) series.get("start"));
        Map<?, ?> vary = series.get("vary") instanceof Map<?, ?> map ? map : Map.of();
        LogSource source = LogSource.of(base.logsource().product().orElse(null), base.logsource().service().orElse(null),
                base.logsource().category().orElse(null));
        List<LogEvent> events = new ArrayList<>();
        for (int i = 1; i <= repeat; i++) {
            ObjectNode body = JSON.valueToTree(series.get("event"));
            for (Map.Entry<?, ?> field : vary.entrySet()) {
                set(body, (String) field.getKey(), ((String) field.getValue()).replace("{i}", Integer.toString(i)));
            }
            events.add(new LogEvent(body, source, Optional.of(start.plus(every.multipliedBy(i - 1))), "tests", i));
        }
        return events;
    }

    private static void set(ObjectNode body, String path, String value) {
        String[] parts = path.split("\\.");
        ObjectNode node = body;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.has(parts[i]) ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
        }
        node.put(parts[parts.length - 1], value);
    }

    private static Duration duration(String text) {
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("unknown unit in " + text);
        };
    }
}
