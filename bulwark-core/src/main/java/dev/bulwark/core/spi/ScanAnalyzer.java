package dev.bulwark.core.spi;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.Finding;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.ScanWarning;
import dev.bulwark.core.model.Resource;
import java.util.List;
import java.util.Set;

/**
 * An engine that looks at the resources of a scan together rather than one at a time: who can do
 * what through Kubernetes RBAC bindings, or through the roles and policies of a Terraform stack.
 * Its findings go through the same severity overrides, snippets, suppressions and baselines as
 * rule findings. Implementations are stateless and thread-safe.
 */
public interface ScanAnalyzer {
    /** A short name for messages, e.g. {@code kubernetes-rbac}. */
    String name();

    /** Every rule this analyzer can report, with its metadata; ids are unique across Bulwark. */
    List<RuleInfo> rules();

    /**
     * Analyzes every resource of a scan (all targets; an analyzer picks the ones it reads).
     * Findings carry each rule's default severity and an empty snippet; the scanner does the rest.
     * Never throws for bad input: what could not be analyzed comes back as a warning.
     *
     * @param enabled ids of this analyzer's rules selected by configuration and framework;
     *     findings of other rules must not be returned
     */
    Result analyze(List<Resource> resources, Set<String> enabled);

    /** What an analysis found. */
    record Result(List<Finding> findings, List<ScanWarning> warnings) {
        public Result {
            findings = List.copyOf(requireNonNull(findings, "findings is null"));
            warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
        }
    }
}
