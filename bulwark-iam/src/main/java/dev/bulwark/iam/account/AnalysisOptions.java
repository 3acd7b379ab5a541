package dev.bulwark.iam.account;

import dev.bulwark.iam.policy.Glob;
import dev.bulwark.iam.policy.Policy;
import java.util.ArrayList;
import java.util.List;

/**
 * How to analyze an export.
 *
 * @param scpLevels service control policies, one list per level of the organization (each level must allow)
 * @param principals globs over principal ARNs and names ({@code *} wildcards, case-insensitive);
 *        findings are reported only for matching principals (and for groups that match or have a
 *        matching member). Empty: every principal. All principals still take part in paths.
 * @param includeBlocked whether to report blocked paths (rule {@code BW-IAM-011})
 * @param threads worker threads, at least 1
 */
public record AnalysisOptions(List<List<Policy>> scpLevels, List<String> principals, boolean includeBlocked, int threads) {
    public AnalysisOptions {
        List<List<Policy>> copy = new ArrayList<>();
        for (List<Policy> level : scpLevels) {
            copy.add(List.copyOf(level));
        }
        scpLevels = List.copyOf(copy);
        principals = List.copyOf(principals);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
    }

    /** No SCPs, every principal, blocked paths included, one thread per processor. */
    public static AnalysisOptions defaults() {
        return new AnalysisOptions(List.of(), List.of(), true, Runtime.getRuntime().availableProcessors());
    }

    public AnalysisOptions withScpLevels(List<List<Policy>> levels) {
        return new AnalysisOptions(levels, principals, includeBlocked, threads);
    }

    public AnalysisOptions withPrincipals(List<String> globs) {
        return new AnalysisOptions(scpLevels, globs, includeBlocked, threads);
    }

    public AnalysisOptions withIncludeBlocked(boolean include) {
        return new AnalysisOptions(scpLevels, principals, include, threads);
    }

    public AnalysisOptions withThreads(int count) {
        return new AnalysisOptions(scpLevels, principals, includeBlocked, count);
    }

    /** Whether findings about {@code principal} are reported. */
    boolean selects(IamPrincipal principal) {
        if (principals.isEmpty()) {
            return true;
        }
        for (String pattern : principals) {
            Glob glob = Glob.of(pattern, true);
            if (glob.matchesAnyCase(principal.arn()) || glob.matchesAnyCase(principal.name())
                    || glob.matchesAnyCase(principal.display())) {
                return true;
            }
        }
        return false;
    }
}
