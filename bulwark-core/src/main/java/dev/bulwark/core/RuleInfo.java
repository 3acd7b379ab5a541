package dev.bulwark.core;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What reports need to know about a rule: its metadata, without the compiled check.
 *
 * @param target the model the rule runs on ({@code kubernetes}, {@code dockerfile}, ...)
 * @param kinds the resource kinds it applies to within the target; empty means all
 * @param fixes a fix snippet per input format ({@code kubernetes}, {@code dockerfile}, ...)
 * @param compliance framework id to control ids, e.g. {@code nist-800-53-r5 -> [AC-6]}
 * @param source where the rule was loaded from (a file path or {@code builtin:...})
 */
public record RuleInfo(
        String id,
        String title,
        Severity severity,
        String target,
        List<String> kinds,
        String description,
        String rationale,
        String remediation,
        Map<String, String> fixes,
        List<String> references,
        Map<String, List<String>> compliance,
        String source) {
    public RuleInfo {
        requireNonNull(id, "id is null");
        requireNonNull(title, "title is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(target, "target is null");
        kinds = List.copyOf(kinds);
        requireNonNull(description, "description is null");
        requireNonNull(rationale, "rationale is null");
        requireNonNull(remediation, "remediation is null");
        fixes = Collections.unmodifiableMap(new TreeMap<>(fixes));
        references = List.copyOf(references);
        compliance = Compliance.frozen(compliance);
        requireNonNull(source, "source is null");
    }

    /** The fix snippet for {@code format}, or the first one there is, or an empty string. */
    public String fixFor(String format) {
        String fix = fixes.get(format);
        if (fix != null) {
            return fix;
        }
        return fixes.isEmpty() ? "" : fixes.values().iterator().next();
    }

    public boolean mapsTo(String framework) {
        return compliance.containsKey(framework);
    }
}
