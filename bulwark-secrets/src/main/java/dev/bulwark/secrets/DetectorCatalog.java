package dev.bulwark.secrets;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.bulwark.core.Severity;
import dev.bulwark.core.yaml.YamlList;
import dev.bulwark.core.yaml.YamlMap;
import dev.bulwark.core.yaml.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The detectors of a scan, read from YAML ({@code detectors: [...]}), sorted by id.
 *
 * <p>Loading checks every entry (id format, severity, lower-case keywords, a {@code secret}
 * group in the pattern, a known validator) and refuses the whole catalog with a message naming the
 * detector and the field: a detector that silently never fires is worse than none. Immutable and
 * thread-safe.
 */
public final class DetectorCatalog {
    static final String BUILTIN = "bulwark/secrets/detectors.yaml";
    private static final Pattern ID = Pattern.compile("BW-SEC-[0-9]{3}");

    private final List<Detector> detectors;

    private DetectorCatalog(List<Detector> detectors) {
        this.detectors = List.copyOf(detectors);
    }

    /** The detectors bundled with Bulwark. */
    public static DetectorCatalog builtin() {
        try (InputStream in = DetectorCatalog.class.getClassLoader().getResourceAsStream(BUILTIN)) {
            if (in == null) {
                throw new IllegalStateException("resource " + BUILTIN + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "builtin:" + BUILTIN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads detectors from YAML text.
     *
     * @throws IllegalArgumentException naming the source, the detector and the problem when an entry is invalid
     */
    public static DetectorCatalog parse(String yaml, String source) {
        YamlReader.Result result = YamlReader.defaults().read(yaml, source);
        if (result.error().isPresent()) {
            throw new IllegalArgumentException(source + ": " + result.error().get().getMessage());
        }
        if (result.documents().isEmpty() || !(result.documents().get(0).root() instanceof YamlMap root)
                || !(root.get("detectors") instanceof YamlList list)) {
            throw new IllegalArgumentException(source + ": expected a mapping with a 'detectors' list");
        }
        List<Detector> detectors = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Object element : list) {
            if (!(element instanceof YamlMap entry)) {
                throw new IllegalArgumentException(source + ": every detector must be a mapping");
            }
            Detector detector = detector(entry, source);
            if (!ids.add(detector.id())) {
                throw new IllegalArgumentException(source + ": detector " + detector.id() + " is defined twice");
            }
            detectors.add(detector);
        }
        detectors.sort(Comparator.comparing(Detector::id));
        return new DetectorCatalog(detectors);
    }

    /** All detectors, sorted by id. */
    public List<Detector> detectors() {
        return detectors;
    }

    /** The detector with {@code id}, if there is one. */
    public Optional<Detector> find(String id) {
        for (Detector detector : detectors) {
            if (detector.id().equals(id)) {
                return Optional.of(detector);
            }
        }
        return Optional.empty();
    }

    private static Detector detector(YamlMap entry, String source) {
        String id = text(entry, "id", "?", source);
        String where = source + ": detector " + id;
        if (!ID.matches(id)) {
            throw new IllegalArgumentException(where + ": id must look like BW-SEC-NNN");
        }
        Severity severity;
        try {
            severity = Severity.parse(text(entry, "severity", id, source));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        List<String> keywords = strings(entry, "keywords", where);
        if (keywords.isEmpty()) {
            throw new IllegalArgumentException(where + ": keywords must not be empty");
        }
        List<String> requires = strings(entry, "requires", where);
        String patternText = text(entry, "pattern", id, source);
        Pattern pattern;
        try {
            pattern = Pattern.compile(patternText);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(where + ": invalid pattern: " + e.getMessage(), e);
        }
        if (!patternText.contains("(?P<secret>")) {
            throw new IllegalArgumentException(where + ": pattern must have a (?P<secret>...) group");
        }
        boolean password = Boolean.TRUE.equals(entry.get("password"));
        boolean assignment = Boolean.TRUE.equals(entry.get("assignment"));
        Optional<String> validator = Optional.ofNullable(entry.get("validator")).map(String::valueOf);
        if (validator.isPresent() && !Validators.NAMES.contains(validator.get())) {
            throw new IllegalArgumentException(where + ": unknown validator '" + validator.get() + "' (expected one of "
                    + String.join(", ", Validators.NAMES) + ")");
        }
        if (assignment && !patternText.contains("(?P<key>")) {
            throw new IllegalArgumentException(where + ": an assignment pattern must have a (?P<key>...) group");
        }
        double entropy = entry.get("entropy") instanceof Number number ? number.doubleValue() : 0.0;
        int window = entry.get("window") instanceof Number number ? number.intValue() : 1024;
        boolean multiline = Boolean.TRUE.equals(entry.get("multiline"));

        Map<String, List<String>> compliance = new LinkedHashMap<>();
        if (entry.get("compliance") instanceof YamlMap mappings) {
            for (String framework : mappings.keySet()) {
                compliance.put(framework, strings(mappings, framework, where));
            }
        }
        if (compliance.isEmpty()) {
            throw new IllegalArgumentException(where + ": compliance must not be empty");
        }
        return new Detector(id, text(entry, "title", id, source), severity, keywords, requires, pattern, window, multiline,
                validator, entropy, password, assignment, String.valueOf(entry.getOrDefault("description", "")).strip(),
                text(entry, "remediation", id, source).strip(), compliance, source);
    }

    private static String text(YamlMap entry, String key, String id, String source) {
        Object value = entry.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            throw new IllegalArgumentException(source + ": detector " + id + ": '" + key + "' is missing");
        }
        return String.valueOf(value);
    }

    private static List<String> strings(YamlMap entry, String key, String where) {
        Object value = entry.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof YamlList list)) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be a list");
        }
        List<String> strings = new ArrayList<>();
        for (Object element : list) {
            String string = String.valueOf(element);
            if ((key.equals("keywords") || key.equals("requires")) && !string.equals(string.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(where + ": keyword '" + string + "' must be lower-case");
            }
            strings.add(string);
        }
        return strings;
    }
}
