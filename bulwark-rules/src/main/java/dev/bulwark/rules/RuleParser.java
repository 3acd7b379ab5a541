package dev.bulwark.rules;

import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.Severity;
import dev.bulwark.core.yaml.Span;
import dev.bulwark.core.yaml.YamlException;
import dev.bulwark.core.yaml.YamlList;
import dev.bulwark.core.yaml.YamlMap;
import dev.bulwark.core.yaml.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads one rule file. Every problem is returned as a located {@link RuleIssue}; nothing throws
 * for bad input.
 */
public final class RuleParser {
    static final Pattern ID = Pattern.compile("[A-Z][A-Z0-9_]*(-[A-Z0-9_]+)*");
    private static final Pattern FRAMEWORK = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Set<String> KEYS = Set.of("id", "title", "severity", "target", "kinds", "description",
            "rationale", "remediation", "fix", "references", "compliance", "check", "tests");

    private RuleParser() {}

    /** The parsed rule (absent when an error prevents building it) and all issues found. */
    public record Parsed(Optional<RuleDefinition> definition, List<RuleIssue> issues) {
        public Parsed {
            issues = List.copyOf(issues);
        }
    }

    public static Parsed parse(String text, String fileName, Optional<Path> folder) {
        List<RuleIssue> issues = new ArrayList<>();
        YamlReader.Result result = YamlReader.defaults().withMaxDepth(30).read(text, fileName);
        if (result.error().isPresent()) {
            YamlException error = result.error().get();
            issues.add(RuleIssue.error(fileName, error.line(), error.column(), "invalid YAML: " + error.getMessage()));
            return new Parsed(Optional.empty(), issues);
        }
        if (result.documents().size() != 1 || !(result.documents().get(0).root() instanceof YamlMap root)) {
            issues.add(RuleIssue.error(fileName, 1, 1, "a rule file holds exactly one YAML mapping"));
            return new Parsed(Optional.empty(), issues);
        }
        Fields fields = new Fields(root, fileName, issues);
        for (String key : root.keySet()) {
            if (!KEYS.contains(key)) {
                fields.error(key, "unknown key '" + key + "' (accepted: " + String.join(", ", new TreeSet<>(KEYS)) + ")");
            }
        }
        String id = fields.requiredString("id");
        if (id != null && !ID.matcher(id).matches()) {
            fields.error("id", "rule id '" + id + "' must be upper case letters, digits and dashes, like ACME-K8S-001");
        }
        String title = fields.requiredString("title");
        String severityText = fields.requiredString("severity");
        Severity severity = null;
        if (severityText != null) {
            try {
                severity = Severity.parse(severityText);
            } catch (IllegalArgumentException e) {
                fields.error("severity", e.getMessage());
            }
        }
        String target = fields.requiredString("target");
        List<String> kinds = fields.stringList("kinds");
        String description = fields.requiredString("description");
        String rationale = fields.optionalString("rationale", "missing 'rationale': say why this matters");
        String remediation = fields.requiredString("remediation");
        Map<String, String> fixes = fields.stringMap("fix");
        List<String> references = fields.stringList("references");
        if (!root.containsKey("references")) {
            fields.warning("id", "missing 'references': link the documentation a reader needs");
        }
        Map<String, List<String>> compliance = new LinkedHashMap<>();
        Object complianceValue = root.get("compliance");
        if (complianceValue == null) {
            fields.warning("id", "missing 'compliance': map the rule to framework controls, e.g. nist-800-53-r5: [AC-6]");
        } else if (!(complianceValue instanceof YamlMap complianceMap)) {
            fields.error("compliance", "'compliance' must map framework ids to lists of control ids");
        } else {
            for (Map.Entry<String, Object> entry : complianceMap.entrySet()) {
                if (!FRAMEWORK.matcher(entry.getKey()).matches()) {
                    issues.add(RuleIssue.error(fileName, line(complianceMap.entrySpan(entry.getKey())), 1,
                            "framework id '" + entry.getKey() + "' must be lower case, like cis-kubernetes"));
                }
                List<String> controls = new ArrayList<>();
                if (entry.getValue() instanceof List<?> list) {
                    list.forEach(control -> controls.add(String.valueOf(control)));
                } else {
                    controls.add(String.valueOf(entry.getValue()));
                }
                compliance.put(entry.getKey(), controls);
            }
        }
        String check = fields.requiredString("check");
        int[] checkStart = checkStart(text, root);
        List<RuleDefinition.FixtureCase> tests = new ArrayList<>();
        Object testsValue = root.get("tests");
        if (testsValue == null) {
            fields.warning("id", "missing 'tests': add fixture files that must fail (with expected lines) and that must pass");
        } else if (!(testsValue instanceof YamlList list)) {
            fields.error("tests", "'tests' must be a list of {file, expect}");
        } else {
            for (int i = 0; i < list.size(); i++) {
                int line = line(list.elementSpan(i));
                if (!(list.get(i) instanceof Map<?, ?> test) || !(test.get("file") instanceof String file)) {
                    issues.add(RuleIssue.error(fileName, line, 1, "each test needs a 'file'"));
                    continue;
                }
                List<Integer> expected = new ArrayList<>();
                Object expect = test.get("expect");
                if (expect instanceof List<?> lines) {
                    for (Object value : lines) {
                        if (value instanceof Long number) {
                            expected.add(number.intValue());
                        } else {
                            issues.add(RuleIssue.error(fileName, line, 1, "'expect' must list line numbers, found '" + value + "'"));
                        }
                    }
                } else if (expect instanceof Long number) {
                    expected.add(number.intValue());
                } else if (expect != null) {
                    issues.add(RuleIssue.error(fileName, line, 1, "'expect' must list line numbers"));
                }
                tests.add(new RuleDefinition.FixtureCase(file, expected, line));
            }
        }
        boolean hasErrors = issues.stream().anyMatch(RuleIssue::isError);
        if (hasErrors || id == null || title == null || severity == null || target == null || check == null
                || description == null || remediation == null) {
            return new Parsed(Optional.empty(), issues);
        }
        RuleInfo info = new RuleInfo(id, title.strip(), severity, target, kinds, description.strip(),
                rationale == null ? "" : rationale.strip(), remediation.strip(), fixes, references, compliance, fileName);
        return new Parsed(Optional.of(new RuleDefinition(info, check, checkStart[0], checkStart[1], tests, folder)), issues);
    }

    private static int line(Span span) {
        return span == null ? 0 : span.startLine();
    }

    /**
     * Where the text of the {@code check} value starts in the file: on the next line for a block
     * scalar ({@code |} or {@code >}), after the key otherwise. Used to translate CEL error
     * positions into rule-file positions.
     */
    private static int[] checkStart(String text, YamlMap root) {
        Span span = root.entrySpan("check");
        if (span == null) {
            return new int[] {0, 0};
        }
        String[] lines = text.split("\n", -1);
        int keyLine = span.startLine();
        if (keyLine < 1 || keyLine > lines.length) {
            return new int[] {keyLine, 1};
        }
        String line = lines[keyLine - 1];
        int colon = line.indexOf(':', span.startColumn() - 1);
        String after = colon < 0 ? "" : line.substring(colon + 1).strip();
        if (after.startsWith("|") || after.startsWith(">")) {
            int next = keyLine;
            while (next < lines.length && lines[next].isBlank()) {
                next++;
            }
            if (next >= lines.length) {
                return new int[] {keyLine, 1};
            }
            String content = lines[next];
            int indent = 0;
            while (indent < content.length() && content.charAt(indent) == ' ') {
                indent++;
            }
            return new int[] {next + 1, indent + 1};
        }
        int valueColumn = colon + 1;
        while (valueColumn < line.length() && line.charAt(valueColumn) == ' ') {
            valueColumn++;
        }
        if (valueColumn < line.length() && (line.charAt(valueColumn) == '"' || line.charAt(valueColumn) == '\'')) {
            valueColumn++;
        }
        return new int[] {keyLine, valueColumn + 1};
    }

    /** Typed access to the rule mapping, recording located issues. */
    private static final class Fields {
        private final YamlMap root;
        private final String fileName;
        private final List<RuleIssue> issues;

        Fields(YamlMap root, String fileName, List<RuleIssue> issues) {
            this.root = root;
            this.fileName = fileName;
            this.issues = issues;
        }

        int lineOf(String key) {
            Span span = root.entrySpan(key);
            return span == null ? root.span().startLine() : span.startLine();
        }

        void error(String key, String message) {
            issues.add(RuleIssue.error(fileName, lineOf(key), 1, message));
        }

        void warning(String key, String message) {
            issues.add(RuleIssue.warning(fileName, lineOf(key), 1, message));
        }

        String requiredString(String key) {
            Object value = root.get(key);
            if (value == null) {
                issues.add(RuleIssue.error(fileName, root.span().startLine(), 1, "missing required '" + key + "'"));
                return null;
            }
            if (value instanceof Map || value instanceof List) {
                error(key, "'" + key + "' must be text");
                return null;
            }
            String text = String.valueOf(value);
            if (text.isBlank()) {
                error(key, "'" + key + "' is empty");
                return null;
            }
            return text;
        }

        String optionalString(String key, String warningIfMissing) {
            Object value = root.get(key);
            if (value == null) {
                warning("id", warningIfMissing);
                return null;
            }
            if (value instanceof Map || value instanceof List) {
                error(key, "'" + key + "' must be text");
                return null;
            }
            return String.valueOf(value);
        }

        List<String> stringList(String key) {
            Object value = root.get(key);
            List<String> result = new ArrayList<>();
            if (value == null) {
                return result;
            }
            if (value instanceof List<?> list) {
                for (Object element : list) {
                    if (element instanceof Map || element instanceof List) {
                        error(key, "'" + key + "' must be a list of strings");
                        return result;
                    }
                    result.add(String.valueOf(element));
                }
            } else if (value instanceof Map) {
                error(key, "'" + key + "' must be a list of strings");
            } else {
                result.add(String.valueOf(value));
            }
            return result;
        }

        Map<String, String> stringMap(String key) {
            Object value = root.get(key);
            Map<String, String> result = new LinkedHashMap<>();
            if (value == null) {
                return result;
            }
            if (!(value instanceof Map<?, ?> map)) {
                error(key, "'" + key + "' must map input formats to fix snippets, e.g. kubernetes: |");
                return result;
            }
            map.forEach((format, snippet) -> result.put(String.valueOf(format), String.valueOf(snippet)));
            return result;
        }
    }
}
