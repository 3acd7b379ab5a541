package dev.bulwark.detect.source;

import dev.bulwark.core.ScanWarning;
import dev.bulwark.detect.event.LogEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Reads test inputs and keeps what came out. */
final class TestingLogs {
    static final Path LOGS = Path.of("src/test/resources/logs");
    static final String SHOWN = "src/test/resources/logs/";

    final List<LogEvent> events = new ArrayList<>();
    final List<ScanWarning> warnings = new ArrayList<>();
    ReadSummary summary;

    static TestingLogs read(String relative) {
        return read(ReadOptions.defaults(), LOGS.resolve(relative));
    }

    static TestingLogs read(ReadOptions options, Path path) {
        TestingLogs logs = new TestingLogs();
        logs.summary = new LogReader(options).read(path, logs.events::add, logs.warnings::add);
        return logs;
    }

    static TestingLogs read(ReadOptions options, byte[] input) {
        TestingLogs logs = new TestingLogs();
        logs.summary = new LogReader(options).read(new ByteArrayInputStream(input), "-", logs.events::add, logs.warnings::add);
        return logs;
    }

    static TestingLogs read(String text, ReadOptions options) {
        return read(options, text.getBytes(StandardCharsets.UTF_8));
    }

    List<String> warningTexts() {
        List<String> texts = new ArrayList<>();
        for (ScanWarning warning : warnings) {
            texts.add(warning.toString());
        }
        return texts;
    }

    List<String> field(String name) {
        List<String> values = new ArrayList<>();
        for (LogEvent event : events) {
            values.add(event.field(name).asText());
        }
        return values;
    }

    List<String> locations() {
        List<String> values = new ArrayList<>();
        for (LogEvent event : events) {
            values.add(event.location());
        }
        return values;
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
