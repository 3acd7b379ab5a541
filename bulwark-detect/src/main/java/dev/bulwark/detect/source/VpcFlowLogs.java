package dev.bulwark.detect.source;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Amazon VPC flow log records in their text format: space-separated fields in the order of the
 * log's format. A header line of field names (as AWS writes at the top of every S3 log file,
 * {@code version account-id interface-id ...}) sets the format for the lines after it; without
 * one the default (version 2) format applies. Each record becomes a JSON object keyed by AWS's own
 * hyphenated field names ({@code dstport}, {@code log-status}, {@code pkt-srcaddr}); {@code -}
 * (no value) leaves the field out; counters, ports, protocol, times and flags are numbers, all
 * else (including {@code account-id}, which may start with 0) is text. The time is {@code start}.
 */
final class VpcFlowLogs implements LineHandler {
    static final List<String> DEFAULT_FORMAT = List.of("version", "account-id", "interface-id", "srcaddr", "dstaddr",
            "srcport", "dstport", "protocol", "packets", "bytes", "start", "end", "action", "log-status");
    /** Field names of format versions 2 to 8. */
    static final Set<String> KNOWN_FIELDS = Set.of("version", "account-id", "interface-id", "srcaddr", "dstaddr",
            "srcport", "dstport", "protocol", "packets", "bytes", "start", "end", "action", "log-status",
            "vpc-id", "subnet-id", "instance-id", "tcp-flags", "type", "pkt-srcaddr", "pkt-dstaddr",
            "region", "az-id", "sublocation-type", "sublocation-id", "pkt-src-aws-service", "pkt-dst-aws-service",
            "flow-direction", "traffic-path", "ecs-cluster-arn", "ecs-cluster-name", "ecs-container-instance-arn",
            "ecs-container-instance-id", "ecs-container-id", "ecs-second-container-id", "ecs-service-name",
            "ecs-task-definition-arn", "ecs-task-arn", "ecs-task-id", "reject-reason");
    static final Set<String> NUMERIC_FIELDS = Set.of("version", "srcport", "dstport", "protocol", "packets", "bytes",
            "start", "end", "tcp-flags", "traffic-path");

    private final InputRun run;
    private List<String> fields = DEFAULT_FORMAT;
    private boolean[] numeric = numericFlags(DEFAULT_FORMAT);

    VpcFlowLogs(InputRun run) {
        this.run = run;
        run.decide(LogFormat.VPC_FLOW);
    }

    @Override
    public void line(byte[] bytes, int offset, int length, long number) {
        if (JsonLines.isBlank(bytes, offset, length)) {
            return;
        }
        String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
        List<String> values = split(text);
        if (isHeader(values)) {
            fields = List.copyOf(values);
            numeric = numericFlags(fields);
            if (!fields.contains("start")) {
                run.warn(number, "VPC flow log format has no start field: its events have no time");
            }
            return;
        }
        if (values.size() != fields.size()) {
            run.warn(number, "VPC flow log record has " + values.size() + " fields, its format has " + fields.size() + "; skipped");
            return;
        }
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        Optional<Instant> time = Optional.empty();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value.equals("-")) {
                continue;
            }
            String field = fields.get(i);
            if (!numeric[i]) {
                event.put(field, value);
                continue;
            }
            long parsed;
            try {
                parsed = Long.parseLong(value);
            } catch (NumberFormatException e) {
                run.warn(number, "VPC flow log field " + field + " is not a number: '" + abbreviate(value) + "'; kept as text");
                event.put(field, value);
                continue;
            }
            event.put(field, parsed);
            if (field.equals("start")) {
                time = Optional.of(Instant.ofEpochSecond(parsed));
            }
        }
        run.emit(event, time, number);
    }

    @Override
    public void tooLong(long number, int limit) {
        run.warn(number, "line longer than " + limit + " bytes; skipped");
    }

    /** A header names fields: its first word is a known field name and every word looks like one. */
    static boolean isHeader(List<String> words) {
        if (words.isEmpty() || !KNOWN_FIELDS.contains(words.get(0))) {
            return false;
        }
        for (String word : words) {
            if (!isFieldName(word)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a line without a header is a record of the default format. */
    static boolean isDefaultRecord(List<String> words) {
        return words.size() == DEFAULT_FORMAT.size() && isDigits(words.get(0))
                && (words.get(2).startsWith("eni-") || words.get(2).equals("-"));
    }

    static List<String> split(String text) {
        List<String> words = new ArrayList<>(16);
        int length = text.length();
        int i = 0;
        while (i < length) {
            while (i < length && isSpace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < length && !isSpace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(text.substring(start, i));
            }
        }
        return words;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    private static boolean isFieldName(String word) {
        if (word.isEmpty() || word.charAt(0) < 'a' || word.charAt(0) > 'z') {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigits(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) < '0' || word.charAt(i) > '9') {
                return false;
            }
        }
        return !word.isEmpty();
    }

    private static boolean[] numericFlags(List<String> fields) {
        boolean[] flags = new boolean[fields.size()];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = NUMERIC_FIELDS.contains(fields.get(i));
        }
        return flags;
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
