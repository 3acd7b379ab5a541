package dev.bulwark.core.findings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A set of accepted findings, by fingerprint. {@code --write-baseline} records the current
 * findings; {@code --baseline} then reports only findings that are not in it. The file stores
 * rule, file and fingerprint so a reviewer can read it; only the fingerprint is matched.
 */
public final class Baseline {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Set<String> fingerprints;

    private Baseline(Set<String> fingerprints) {
        this.fingerprints = Set.copyOf(fingerprints);
    }

    public boolean contains(String fingerprint) {
        return fingerprints.contains(fingerprint);
    }

    public int size() {
        return fingerprints.size();
    }

    public static Baseline read(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw BulwarkException.userError("cannot read baseline " + file + ": " + firstLine(e.getMessage()));
        }
        if (root == null || !root.path("findings").isArray()) {
            throw BulwarkException.userError("baseline " + file + " has no 'findings' list; write one with --write-baseline");
        }
        Set<String> fingerprints = new TreeSet<>();
        for (JsonNode entry : root.path("findings")) {
            String fingerprint = entry.path("fingerprint").asText("");
            if (!fingerprint.isEmpty()) {
                fingerprints.add(fingerprint);
            }
        }
        return new Baseline(fingerprints);
    }

    /** Writes the unsuppressed {@code findings} as a baseline, sorted, so the file diffs cleanly. */
    public static void write(Path file, List<Finding> findings) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", 1);
        ArrayNode entries = root.putArray("findings");
        findings.stream()
                .filter(finding -> !finding.isSuppressed())
                .sorted(Finding.REPORT_ORDER)
                .forEach(finding -> entries.addObject()
                        .put("rule", finding.ruleId())
                        .put("file", finding.location().file())
                        .put("resource", finding.resource().address())
                        .put("fingerprint", finding.fingerprint()));
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            MAPPER.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw BulwarkException.userError("cannot write baseline " + file + ": " + e.getMessage());
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
