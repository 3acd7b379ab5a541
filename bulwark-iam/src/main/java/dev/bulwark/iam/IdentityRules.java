package dev.bulwark.iam;

import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metadata of the rules identity analyzers report (they are checks in Java, not CEL), read
 * from a bundled YAML list with the same fields as a rule file:
 * {@code id, title, severity, target, description, rationale, remediation, fix: {format: snippet},
 * references, compliance: {framework: [controls]}}. A malformed bundled file is a bug and fails
 * loudly. Immutable.
 */
public final class IdentityRules {
    private final Map<String, RuleInfo> rules;

    private IdentityRules(Map<String, RuleInfo> rules) {
        this.rules = rules;
    }

    /** What a rule entry may leave out: its target, kinds and the format of a fix given as plain text. */
    public record Defaults(String target, List<String> kinds, String fixFormat) {
        public Defaults {
            kinds = List.copyOf(kinds);
        }
    }

    /** Loads {@code resource} (a classpath path such as {@code bulwark/iam/aws-identity-rules.yaml}), a YAML list of rules. */
    public static IdentityRules load(String resource) {
        return of(BundledYaml.list(resource, null), "builtin:" + resource, null);
    }

    static IdentityRules parse(String text, String source) {
        return of(BundledYaml.list(text, source, null), source, null);
    }

    /** Rules from entries already read; {@code defaults} fills what they leave out (may be null: nothing may be left out). */
    public static IdentityRules of(List<?> entries, String source, Defaults defaults) {
        Map<String, RuleInfo> rules = new LinkedHashMap<>();
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> map)) {
                throw new IllegalStateException(source + ": every rule is a map");
            }
            RuleInfo rule = rule(map, source, defaults);
            if (rules.put(rule.id(), rule) != null) {
                throw new IllegalStateException(source + ": rule " + rule.id() + " appears twice");
            }
        }
        return new IdentityRules(Map.copyOf(rules));
    }

    /** One rule entry as {@link RuleInfo}. */
    public static RuleInfo rule(Map<?, ?> map, String source, Defaults defaults) {
        String id = text(map, "id", source, "");
        Map<String, String> fixes = new LinkedHashMap<>();
        if (map.get("fix") instanceof Map<?, ?> fix) {
            fix.forEach((format, snippet) -> fixes.put(String.valueOf(format), String.valueOf(snippet)));
        } else if (map.get("fix") instanceof String snippet && defaults != null) {
            fixes.put(defaults.fixFormat(), snippet);
        }
        Map<String, List<String>> compliance = new LinkedHashMap<>();
        if (map.get("compliance") instanceof Map<?, ?> frameworks) {
            frameworks.forEach((framework, controls) -> compliance.put(String.valueOf(framework), strings(controls)));
        }
        List<String> kinds = map.containsKey("kinds") || defaults == null ? strings(map.get("kinds")) : defaults.kinds();
        String target = map.containsKey("target") || defaults == null ? text(map, "target", source, id) : defaults.target();
        return new RuleInfo(id, text(map, "title", source, id), Severity.parse(text(map, "severity", source, id)),
                target, kinds, text(map, "description", source, id).strip(), text(map, "rationale", source, id).strip(),
                text(map, "remediation", source, id).strip(), fixes, strings(map.get("references")), compliance, source);
    }

    /** A required text field of a rule entry. */
    public static String text(Map<?, ?> map, String key, String source, String id) {
        Object value = map.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            throw new IllegalStateException(source + ": rule " + (id.isEmpty() ? "without id" : id) + " has no " + key);
        }
        return String.valueOf(value);
    }

    private static List<String> strings(Object value) {
        List<String> result = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(element -> result.add(String.valueOf(element)));
        } else if (value != null) {
            result.add(String.valueOf(value));
        }
        return result;
    }

    /** The rule with {@code id}. */
    public Optional<RuleInfo> find(String id) {
        return Optional.ofNullable(rules.get(id));
    }

    /** The rule with {@code id}; a missing id is a bug in the analyzer. */
    public RuleInfo get(String id) {
        RuleInfo rule = rules.get(id);
        if (rule == null) {
            throw new IllegalStateException("no identity rule " + id);
        }
        return rule;
    }

    /** Every rule, sorted by id. */
    public List<RuleInfo> all() {
        List<RuleInfo> all = new ArrayList<>(rules.values());
        all.sort((a, b) -> a.id().compareTo(b.id()));
        return all;
    }
}
