package dev.bulwark.iam.rbac;

import dev.bulwark.core.RuleInfo;
import dev.bulwark.iam.BundledYaml;
import dev.bulwark.iam.IdentityRules;
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
        Map<String, RbacRisk> byId = new LinkedHashMap<>();
        for (RbacRisk risk : RbacRisk.values()) {
            byId.put(risk.ruleId(), risk);
        }
        IdentityRules.Defaults defaults = new IdentityRules.Defaults("kubernetes", KINDS, "kubernetes");
        Map<RbacRisk, Entry> entries = new EnumMap<>(RbacRisk.class);
        for (Object element : BundledYaml.list(RESOURCE, "rules")) {
            if (!(element instanceof Map<?, ?> rule)) {
                throw new IllegalStateException(RESOURCE + ": a rule is not a mapping");
            }
            RuleInfo info = IdentityRules.rule(rule, "builtin:" + RESOURCE, defaults);
            RbacRisk risk = byId.get(info.id());
            if (risk == null || entries.containsKey(risk)) {
                throw new IllegalStateException(RESOURCE + ": rule '" + info.id() + "' is unknown or repeated");
            }
            entries.put(risk, new Entry(info, IdentityRules.text(rule, "message", RESOURCE, info.id()).strip()));
        }
        if (entries.size() != RbacRisk.values().length) {
            throw new IllegalStateException(RESOURCE + " lacks rules for some risks: has " + entries.keySet());
        }
        return Collections.unmodifiableMap(entries);
    }
}
