package dev.bulwark.iam;

import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.Severity;
import dev.bulwark.core.yaml.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

    /** Loads {@code resource} (a classpath path such as {@code bulwark/iam/aws-identity-rules.yaml}). */
    public static IdentityRules load(String resource) {
        ClassLoader loader = IdentityRules.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled rule metadata " + resource + " is missing");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "builtin:" + resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static IdentityRules parse(String text, String source) {
        YamlReader.Result result = YamlReader.defaults().read(text, source);
        if (result.error().isPresent()) {
            throw new IllegalStateException(source + ": " + result.error().get().getMessage());
        }
        if (result.documents().size() != 1 || !(result.documents().get(0).root() instanceof List<?> entries)) {
            throw new IllegalStateException(source + ": expected one YAML document holding a list of rules");
        }
        Map<String, RuleInfo> rules = new LinkedHashMap<>();
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> map)) {
                throw new IllegalStateException(source + ": every rule is a map");
            }
            RuleInfo rule = rule(map, source);
            if (rules.put(rule.id(), rule) != null) {
                throw new IllegalStateException(source + ": rule " + rule.id() + " appears twice");
            }
        }
        return new IdentityRules(Map.copyOf(rules));
    }

    private static RuleInfo rule(Map<?, ?> map, String source) {
        String id = text(map, "id", source, "");
        Map<String, String> fixes = new LinkedHashMap<>();
        if (map.get("fix") instanceof Map<?, ?> fix) {
            fix.forEach((format, snippet) -> fixes.put(String.valueOf(format), String.valueOf(snippet)));
        }
        List<String> references = new ArrayList<>();
        if (map.get("references") instanceof List<?> list) {
            list.forEach(reference -> references.add(String.valueOf(reference)));
        }
        Map<String, List<String>> compliance = new LinkedHashMap<>();
        if (map.get("compliance") instanceof Map<?, ?> frameworks) {
            frameworks.forEach((framework, controls) -> {
                List<String> ids = new ArrayList<>();
                if (controls instanceof List<?> list) {
                    list.forEach(control -> ids.add(String.valueOf(control)));
                } else {
                    ids.add(String.valueOf(controls));
                }
                compliance.put(String.valueOf(framework), ids);
            });
        }
        List<String> kinds = new ArrayList<>();
        if (map.get("kinds") instanceof List<?> list) {
            list.forEach(kind -> kinds.add(String.valueOf(kind)));
        }
        return new RuleInfo(id, text(map, "title", source, id), Severity.parse(text(map, "severity", source, id)),
                text(map, "target", source, id), kinds, text(map, "description", source, id).strip(),
                text(map, "rationale", source, id).strip(), text(map, "remediation", source, id).strip(), fixes, references,
                compliance, source);
    }

    private static String text(Map<?, ?> map, String key, String source, String id) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalStateException(source + ": rule " + (id.isEmpty() ? "without id" : id) + " has no " + key);
        }
        return String.valueOf(value);
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
