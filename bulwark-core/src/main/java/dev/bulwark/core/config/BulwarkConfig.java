package dev.bulwark.core.config;

import dev.bulwark.core.Severity;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The contents of {@code .bulwark.yaml}. Command-line flags override or extend it.
 *
 * @param ruleFolders extra rule folders, resolved against the file's folder
 * @param disabledRules rule ids never run
 * @param enabledRules when not empty, only these rule ids run
 * @param excludePaths path globs (relative to the scan root) never read
 * @param severityOverrides rule id to the severity to report instead of the rule's
 * @param failOn the fail threshold, when set
 * @param frameworks when not empty, only rules mapped to one of these frameworks run
 * @param ignores suppressions by rule and path
 */
public record BulwarkConfig(
        List<String> ruleFolders,
        Set<String> disabledRules,
        Set<String> enabledRules,
        List<String> excludePaths,
        Map<String, Severity> severityOverrides,
        Optional<Severity> failOn,
        List<String> frameworks,
        List<Ignore> ignores) {
    public BulwarkConfig {
        ruleFolders = List.copyOf(ruleFolders);
        disabledRules = Set.copyOf(disabledRules);
        enabledRules = Set.copyOf(enabledRules);
        excludePaths = List.copyOf(excludePaths);
        severityOverrides = Collections.unmodifiableMap(new TreeMap<>(severityOverrides));
        frameworks = List.copyOf(frameworks);
        ignores = List.copyOf(ignores);
    }

    public static BulwarkConfig empty() {
        return new BulwarkConfig(List.of(), Set.of(), Set.of(), List.of(), Map.of(), Optional.empty(), List.of(), List.of());
    }

    /**
     * A suppression in the configuration file: {@code rule} (or {@code *}) for files matching any of
     * {@code paths} (all files when empty), with a reason and an optional expiry date.
     */
    public record Ignore(String rule, List<String> paths, String reason, Optional<LocalDate> until, int line) {
        public Ignore {
            paths = List.copyOf(paths);
        }
    }
}
