package dev.bulwark.core.config;

import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.Severity;
import dev.bulwark.core.yaml.YamlDocument;
import dev.bulwark.core.yaml.YamlException;
import dev.bulwark.core.yaml.YamlMap;
import dev.bulwark.core.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code .bulwark.yaml}. Unknown keys and wrong types are user errors with the file, line and
 * the accepted keys, so a typo never silently disables a setting.
 */
public final class ConfigLoader {
    public static final String FILE_NAME = ".bulwark.yaml";
    private static final Set<String> KEYS = Set.of(
            "rules", "disable", "enable", "exclude", "severity", "fail-on", "frameworks", "ignore");

    private ConfigLoader() {}

    public static BulwarkConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw BulwarkException.userError("cannot read " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    public static BulwarkConfig parse(String text, String name) {
        YamlReader.Result result = YamlReader.defaults().withMaxDepth(20).read(text, name);
        if (result.error().isPresent()) {
            YamlException error = result.error().get();
            throw BulwarkException.userError(name + ":" + error.line() + ":" + error.column() + ": " + error.getMessage());
        }
        if (result.documents().isEmpty() || result.documents().get(0).root() == null) {
            return BulwarkConfig.empty();
        }
        YamlDocument document = result.documents().get(0);
        if (!(document.root() instanceof YamlMap root)) {
            throw BulwarkException.userError(name + ":1: expected a mapping of settings");
        }
        for (String key : root.keySet()) {
            if (!KEYS.contains(key)) {
                throw error(name, root, key, "unknown setting '" + key + "' (accepted: " + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
            }
        }
        List<String> rules = strings(name, root, "rules");
        Set<String> disable = upper(strings(name, root, "disable"));
        Set<String> enable = upper(strings(name, root, "enable"));
        List<String> exclude = strings(name, root, "exclude");
        List<String> frameworks = strings(name, root, "frameworks");
        Map<String, Severity> severity = new LinkedHashMap<>();
        Object severityValue = root.get("severity");
        if (severityValue != null) {
            if (!(severityValue instanceof Map<?, ?> map)) {
                throw error(name, root, "severity", "'severity' must map rule ids to severities");
            }
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                try {
                    severity.put(String.valueOf(entry.getKey()).toUpperCase(Locale.ROOT), Severity.parse(String.valueOf(entry.getValue())));
                } catch (IllegalArgumentException e) {
                    throw error(name, root, "severity", e.getMessage());
                }
            }
        }
        Optional<Severity> failOn = Optional.empty();
        if (root.get("fail-on") != null) {
            try {
                failOn = Optional.of(Severity.parse(String.valueOf(root.get("fail-on"))));
            } catch (IllegalArgumentException e) {
                throw error(name, root, "fail-on", e.getMessage());
            }
        }
        List<BulwarkConfig.Ignore> ignores = new ArrayList<>();
        Object ignoreValue = root.get("ignore");
        if (ignoreValue != null) {
            if (!(ignoreValue instanceof dev.bulwark.core.yaml.YamlList list)) {
                throw error(name, root, "ignore", "'ignore' must be a list of {rule, paths, reason, until}");
            }
            for (int i = 0; i < list.size(); i++) {
                int line = list.elementSpan(i).startLine();
                if (!(list.get(i) instanceof YamlMap entry) || !(entry.get("rule") instanceof String rule)) {
                    throw BulwarkException.userError(name + ":" + line + ": each 'ignore' entry needs a 'rule'");
                }
                for (String key : entry.keySet()) {
                    if (!Set.of("rule", "paths", "reason", "until").contains(key)) {
                        throw error(name, entry, key, "unknown key '" + key + "' in ignore entry (accepted: paths, reason, rule, until)");
                    }
                }
                Optional<LocalDate> until = Optional.empty();
                if (entry.get("until") != null) {
                    try {
                        until = Optional.of(LocalDate.parse(String.valueOf(entry.get("until"))));
                    } catch (DateTimeParseException e) {
                        throw error(name, entry, "until", "bad date '" + entry.get("until") + "' (expected YYYY-MM-DD)");
                    }
                }
                Object reason = entry.get("reason");
                ignores.add(new BulwarkConfig.Ignore(rule.toUpperCase(Locale.ROOT), strings(name, entry, "paths"),
                        reason == null ? "" : String.valueOf(reason), until, line));
            }
        }
        return new BulwarkConfig(rules, disable, enable, exclude, severity, failOn, frameworks, ignores);
    }

    private static Set<String> upper(List<String> values) {
        Set<String> result = new LinkedHashSet<>();
        for (String value : values) {
            result.add(value.toUpperCase(Locale.ROOT));
        }
        return result;
    }

    private static List<String> strings(String name, YamlMap map, String key) {
        Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String text) {
            return List.of(text);
        }
        if (!(value instanceof List<?> list)) {
            throw error(name, map, key, "'" + key + "' must be a string or a list of strings");
        }
        List<String> result = new ArrayList<>();
        for (Object element : list) {
            if (element instanceof Map || element instanceof List) {
                throw error(name, map, key, "'" + key + "' must be a list of strings");
            }
            result.add(String.valueOf(element));
        }
        return result;
    }

    private static BulwarkException error(String name, YamlMap map, String key, String message) {
        var span = map.entrySpan(key);
        int line = span == null ? map.span().startLine() : span.startLine();
        return BulwarkException.userError(name + ":" + line + ": " + message);
    }
}
