package dev.bulwark.detect.ruletest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.detect.Detector;
import dev.bulwark.detect.Durations;
import dev.bulwark.detect.RulePack;
import dev.bulwark.detect.alert.Alert;
import dev.bulwark.detect.correlation.CorrelationRule;
import dev.bulwark.detect.correlation.CorrelationSet;
import dev.bulwark.detect.event.LogEvent;
import dev.bulwark.detect.event.LogSource;
import dev.bulwark.detect.sigma.SigmaRule;
import dev.bulwark.detect.source.LogFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the sample events rules carry in their {@code tests} attribute ({@code bulwark rules test}):
 *
 * <pre>
 * tests:
 *   - name: what the case shows
 *     expect: 1            # alerts of this rule the events raise
 *     events:              # a list of events, or a generator:
 *       - {eventName: ..., eventTime: ...}
 *   - name: a burst
 *     expect: 1
 *     events: {repeat: 12, every: 10s, start: "2026-11-30T03:00:00Z",
 *              vary: {requestParameters.secretId: "prod/db-{i}"}, event: {...}}
 * </pre>
 *
 * Events are tagged with the rule's log source; a generator sets each copy's time (the field
 * the log source's format reads it from) and fills {@code {i}} (0, 1, ...) in the varied fields
 * ({@code "{i}"} alone becomes a number). Each case runs the whole pack over its events, so a
 * correlation sees its base rules, and counts the alerts of the rule. A malformed test is a
 * failing case with the reason, never an exception.
 */
public final class RuleTests {
    static final int MAX_EVENTS_PER_CASE = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RuleTests() {}

    /** One test case of one rule. */
    public record Case(String rule, String name, SourceLocation location, int expected, int actual, Optional<String> error) {
        public boolean passed() {
            return error.isEmpty() && expected == actual;
        }

        @Override
        public String toString() {
            String where = location.file() + ":" + location.startLine();
            if (error.isPresent()) {
                return where + ": " + rule + " [" + name + "]: " + error.get();
            }
            return where + ": " + rule + " [" + name + "]: expected " + expected + " alert" + (expected == 1 ? "" : "s") + ", got " + actual;
        }
    }

    /** The cases of every rule of {@code pack} that has tests, in rule order, and the rules without any. */
    public record Report(List<Case> cases, List<String> untested) {
        public Report {
            cases = List.copyOf(cases);
            untested = List.copyOf(untested);
        }

        public long failures() {
            return cases.stream().filter(c -> !c.passed()).count();
        }
    }

    public static Report run(RulePack pack) {
        List<Case> cases = new ArrayList<>();
        List<String> untested = new ArrayList<>();
        CorrelationSet set = Detector.of(pack).correlations();
        for (SigmaRule rule : set.rules()) {
            Object tests = rule.custom().get("tests");
            if (tests == null) {
                // A building block of a correlation is tested through it.
                if (set.alertsAlone(rule)) {
                    untested.add(rule.reference());
                }
                continue;
            }
            cases.addAll(cases(pack, rule.reference(), rule.logsource(), rule.location(), tests));
        }
        for (CorrelationRule correlation : set.correlations()) {
            Object tests = correlation.custom().get("tests");
            if (tests == null) {
                if (set.alertsAlone(correlation)) {
                    untested.add(correlation.reference());
                }
                continue;
            }
            cases.addAll(cases(pack, correlation.reference(), logSource(set, correlation, 0), correlation.location(), tests));
        }
        return new Report(cases, untested);
    }

    /** The log source of a correlation's events: that of the first detection rule it reaches. */
    private static LogSource logSource(CorrelationSet set, CorrelationRule correlation, int depth) {
        for (Object target : set.targets(correlation)) {
            if (target instanceof SigmaRule rule) {
                return rule.logsource();
            }
            if (target instanceof CorrelationRule inner && depth < 32) {
                return logSource(set, inner, depth + 1);
            }
        }
        return LogSource.of(null, null, null);
    }

    /** The cases of one rule's {@code tests} attribute. */
    public static List<Case> cases(RulePack pack, String rule, LogSource source, SourceLocation location, Object tests) {
        List<Case> cases = new ArrayList<>();
        if (!(tests instanceof List<?> list)) {
            cases.add(new Case(rule, "tests", location, 0, 0, Optional.of("'tests' must be a list of cases")));
            return cases;
        }
        int index = 0;
        for (Object entry : list) {
            index++;
            if (!(entry instanceof Map<?, ?> test)) {
                cases.add(new Case(rule, "#" + index, location, 0, 0, Optional.of("a case is a map with name, expect and events")));
                continue;
            }
            String name = test.get("name") == null ? "#" + index : String.valueOf(test.get("name"));
            if (!(test.get("expect") instanceof Number expected) || expected.intValue() < 0) {
                cases.add(new Case(rule, name, location, 0, 0, Optional.of("'expect' must be the number of alerts, 0 or more")));
                continue;
            }
            List<LogEvent> events;
            try {
                events = events(test.get("events"), source, location.file() + "#" + rule + "/" + name);
            } catch (IllegalArgumentException e) {
                cases.add(new Case(rule, name, location, expected.intValue(), 0, Optional.of(e.getMessage())));
                continue;
            }
            int actual = 0;
            Detector detector = Detector.of(pack);
            List<Alert> alerts = new ArrayList<>();
            for (LogEvent event : events) {
                alerts.addAll(detector.accept(event));
            }
            alerts.addAll(detector.flush());
            for (Alert alert : alerts) {
                if (alert.ruleId().equals(rule)) {
                    actual++;
                }
            }
            cases.add(new Case(rule, name, location, expected.intValue(), actual, Optional.empty()));
        }
        return cases;
    }

    /** The events of a case: a list of event maps, or a generator map. */
    static List<LogEvent> events(Object value, LogSource source, String origin) {
        LogFormat format = LogFormat.forSource(source);
        List<LogEvent> events = new ArrayList<>();
        if (value instanceof List<?> list) {
            long line = 0;
            for (Object element : list) {
                if (!(element instanceof Map<?, ?>)) {
                    throw new IllegalArgumentException("event " + (line + 1) + " is not a map");
                }
                JsonNode body = JSON.valueToTree(element);
                events.add(new LogEvent(body, source, format.timeOf(body), origin, ++line));
            }
            return events;
        }
        if (!(value instanceof Map<?, ?> generator)) {
            throw new IllegalArgumentException("'events' must be a list of events or {repeat, every, start, event}");
        }
        int repeat = generator.get("repeat") instanceof Number number ? number.intValue() : -1;
        if (repeat < 1 || repeat > MAX_EVENTS_PER_CASE) {
            throw new IllegalArgumentException("'repeat' must be between 1 and " + MAX_EVENTS_PER_CASE);
        }
        Duration every = duration(generator.get("every"));
        Instant start;
        try {
            start = Instant.parse(String.valueOf(generator.get("start")));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'start' must be a time such as 2026-11-30T03:00:00Z");
        }
        if (!(generator.get("event") instanceof Map<?, ?> template)) {
            throw new IllegalArgumentException("'event' must be the event to repeat");
        }
        Map<?, ?> vary = generator.get("vary") instanceof Map<?, ?> map ? map : Map.of();
        for (int i = 0; i < repeat; i++) {
            ObjectNode body = JSON.valueToTree(template);
            Instant time = start.plus(every.multipliedBy(i));
            if (format == LogFormat.VPC_FLOW) {
                body.put(format.timeField(), time.getEpochSecond());
            } else {
                body.put(format.timeField(), time.toString());
            }
            for (Map.Entry<?, ?> entry : vary.entrySet()) {
                String template2 = String.valueOf(entry.getValue());
                JsonNode filled = template2.equals("{i}") ? JsonNodeFactory.instance.numberNode(i)
                        : JsonNodeFactory.instance.textNode(template2.replace("{i}", Integer.toString(i)));
                set(body, String.valueOf(entry.getKey()), filled);
            }
            events.add(new LogEvent(body, source, Optional.of(time), origin, i + 1L));
        }
        return events;
    }

    private static void set(ObjectNode body, String path, JsonNode value) {
        String[] keys = path.split("\\.");
        ObjectNode node = body;
        for (int i = 0; i < keys.length - 1; i++) {
            JsonNode child = node.get(keys[i]);
            node = child instanceof ObjectNode object ? object : node.putObject(keys[i]);
        }
        node.set(keys[keys.length - 1], value);
    }

    /** {@code 10s}, {@code 5m}, {@code 1h}, {@code 1d}. */
    static Duration duration(Object value) {
        String text = value == null ? "" : String.valueOf(value).strip();
        return Durations.parse(text).orElseThrow(() -> new IllegalArgumentException(
                "'every' must be a duration such as 10s, 5m, 1h or 1d, not '" + text + "'"));
    }
}
