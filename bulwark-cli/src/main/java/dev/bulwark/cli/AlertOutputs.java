package dev.bulwark.cli;

import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.Severity;
import dev.bulwark.detect.alert.Alert;
import dev.bulwark.detect.alert.OcsfAlerts;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where {@code bulwark detect} writes alerts as they happen: {@code table} (lines for a person)
 * and {@code json} (OCSF detection findings, one per line), each to standard output or a file.
 * Files are flushed after every alert, so a follower of the file sees it at once.
 */
final class AlertOutputs implements AutoCloseable {
    static final List<String> FORMATS = List.of("table", "json");

    private record Output(String format, Writer writer, boolean color, boolean closeIt) {}

    private final List<Output> outputs;
    private final OcsfAlerts json;
    private final boolean respond;

    private AlertOutputs(List<Output> outputs, OcsfAlerts json, boolean respond) {
        this.outputs = outputs;
        this.json = json;
        this.respond = respond;
    }

    static AlertOutputs open(List<String> formats, Terminal terminal, boolean noColor, boolean respond, String version) {
        List<OutputSpec> specs = new ArrayList<>();
        for (String text : formats.isEmpty() ? List.of("table") : formats) {
            OutputSpec spec = OutputSpec.parse(text);
            if (!FORMATS.contains(spec.format())) {
                throw BulwarkException.userError("--format: detect writes " + String.join(" or ", FORMATS) + ", not '" + spec.format()
                        + "' (json is OCSF detection findings, one per line)");
            }
            specs.add(spec);
        }
        if (specs.stream().filter(spec -> spec.file().isEmpty()).count() > 1) {
            throw BulwarkException.userError("--format: only one format can go to standard output; send the others to files, e.g. --format json=alerts.json");
        }
        List<Output> outputs = new ArrayList<>();
        for (OutputSpec spec : specs) {
            if (spec.file().isPresent()) {
                Path file = spec.file().get();
                try {
                    Path parent = file.toAbsolutePath().getParent();
                    if (parent != null) {
                        Files.createDirectories(parent);
                    }
                    outputs.add(new Output(spec.format(), Files.newBufferedWriter(file, StandardCharsets.UTF_8), false, true));
                } catch (IOException e) {
                    throw BulwarkException.userError("cannot write " + file + ": " + e.getMessage());
                }
            } else {
                PrintStream out = terminal.out();
                outputs.add(new Output(spec.format(), new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)),
                        terminal.interactive() && !noColor && spec.format().equals("table"), false));
            }
        }
        return new AlertOutputs(outputs, new OcsfAlerts(version), respond);
    }

    void write(Alert alert) {
        for (Output output : outputs) {
            try {
                if (output.format().equals("json")) {
                    output.writer().write(json.line(alert));
                    output.writer().write('\n');
                } else {
                    output.writer().write(table(alert, output.color()));
                }
                output.writer().flush();
            } catch (IOException e) {
                throw BulwarkException.userError("cannot write alerts: " + e.getMessage());
            }
        }
    }

    /** Text after the alerts (the summary); only the table output gets it. */
    void summary(String text) {
        for (Output output : outputs) {
            if (output.format().equals("table")) {
                try {
                    output.writer().write(text);
                    output.writer().flush();
                } catch (IOException e) {
                    throw BulwarkException.userError("cannot write alerts: " + e.getMessage());
                }
            }
        }
    }

    private String table(Alert alert, boolean color) {
        StringBuilder text = new StringBuilder();
        String severity = String.format(Locale.ROOT, "%-9s", alert.severity().name());
        text.append(color ? colored(alert.severity(), severity) : severity).append(' ').append(alert.time()).append("  ")
                .append(alert.title()).append("  [").append(alert.ruleId()).append(']');
        text.append(System.lineSeparator());
        if (!alert.groupBy().isEmpty() || alert.correlationType().isPresent()) {
            text.append("          ").append(alert.correlationType().orElse("")).append(' ').append(alert.groupText());
            text.append(": ").append(alert.eventCount()).append(alert.eventCount() == 1 ? " event" : " events");
            alert.window().ifPresent(window -> text.append(" from ").append(window.start()).append(" to ").append(window.end()));
            text.append(System.lineSeparator());
        }
        if (!alert.location().isEmpty()) {
            text.append("          evidence: ").append(alert.location());
            if (alert.events().size() > 1) {
                text.append(" and ").append(alert.events().size() - 1).append(" more");
            }
            text.append(System.lineSeparator());
        }
        if (respond && alert.playbook().isPresent()) {
            for (String line : alert.playbook().get().lines()) {
                text.append("          ").append(line).append(System.lineSeparator());
            }
        }
        return text.toString();
    }

    private static String colored(Severity severity, String text) {
        String code = switch (severity) {
            case CRITICAL -> "\u001b[1;31m";
            case HIGH -> "\u001b[31m";
            case MEDIUM -> "\u001b[33m";
            case LOW -> "\u001b[36m";
            case INFO -> "\u001b[37m";
        };
        return code + text + "\u001b[0m";
    }

    @Override
    public void close() {
        for (Output output : outputs) {
            try {
                output.writer().flush();
                if (output.closeIt()) {
                    output.writer().close();
                }
            } catch (IOException e) {
                // Nothing more to write: the alerts already went out line by line.
            }
        }
    }
}
