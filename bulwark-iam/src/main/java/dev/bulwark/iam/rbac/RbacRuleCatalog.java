package dev.bulwark.iam.rbac;

import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.Severity;
import dev.bulwark.core.yaml.YamlMap;
import dev.bulwark.core.yaml.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metadata of the RBAC rules, read once from {@code bulwark/iam/rbac-rules.yaml}: one entry
 * per {@link RbacRisk}, each with the message that completes "SUBJECT can ...". The resource is
 * part of the build; a malformed or incomplete one is a bug and fails loudly.
 */
final class RbacRuleCatalog {
    static final String RESOURCE = "bulwark/iam/rbac-rules.yaml";
    private static final List<String> KINDS = List.of("RoleBinding", "ClusterRoleBinding");

    /** A rule's metadata and its message template ({@code {details}} is filled in per scope). */
    record Entry(RuleInfo info, String message) {}

    private static final Map<RbacRisk, Entry> ENTRIES = load();

    private RbacRuleCatalog() {}

    static Entry entry(RbacRisk risk) {
        return ENTRIES.get(risk);
    }

    static List<RuleInfo> rules() {
        List<RuleInfo> rules = new ArrayList<>();
        for (Entry entry : ENTRIES.values()) {
            rules.add(entry.info());
        }
        return rules;
    }

    private static Map<RbacRisk, Entry> load() {
        String text;
        try (InputStream input = RbacRuleCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (input == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            text = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        YamlReader.Result result = YamlReader.defaults().read(text, RESOURCE);
        if (result.error().isPresent() || result.documents().size() != 1
                || !(result.documents().get(0).root() instanceof YamlMap root) || !(root.get("rules") instanceof List<?> list)) {
            throw new IllegalStateException(RESOURCE + " is not a mapping with a list of rules");
        }
        Map<String, RbacRisk> byId = new LinkedHashMap<>();
        for (RbacRisk risk : RbacRisk.values()) {
            byId.put(risk.ruleId(), risk);
        }
        Map<RbacRisk, Entry> entries = new EnumMap<>(RbacRisk.class);
        for (Object element : list) {
            if (!(element instanceof Map<?, ?> rule)) {
                throw new IllegalStateException(RESOURCE + ": a rule is not a mapping");
            }
            String id = text(rule, "id", "");
            RbacRisk risk = byId.get(id);
            if (risk == null || entries.containsKey(risk)) {
                throw new IllegalStateException(RESOURCE + ": rule '" + id + "' is unknown or repeated");
            }
            Map<String, List<String>> compliance = new LinkedHashMap<>();
            if (rule.get("compliance") instanceof Map<?, ?> frameworks) {
                frameworks.forEach((framework, controls) -> compliance.put(String.valueOf(framework), strings(controls)));
            }
            RuleInfo info = new RuleInfo(id, text(rule, "title", id), Severity.parse(text(rule, "severity", id)), "kubernetes", KINDS,
                    text(rule, "description", id), text(rule, "rationale", id), text(rule, "remediation", id),
                    Map.of("kubernetes", text(rule, "fix", id)), strings(rule.get("references")), compliance, "builtin:" + RESOURCE);
            entries.put(risk, new Entry(info, text(rule, "message", id)));
        }
        if (entries.size() != RbacRisk.values().length) {
            throw new IllegalStateException(RESOURCE + " lacks rules for some risks: has " + entries.keySet());
        }
        return Collections.unmodifiableMap(entries);
    }

    private static String text(Map<?, ?> rule, String field, String id) {
        if (!(rule.get(field) instanceof String value) || value.isBlank()) {
            throw new IllegalStateException(RESOURCE + ": rule " + id + " has no " + field);
        }
        return value.strip();
    }

    private static List<String> strings(Object value) {
        List<String> result = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object element : list) {
                result.add(String.valueOf(element));
            }
        }
        return result;
    }
}
