package dev.bulwark.rules.scan;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.Finding;
import dev.bulwark.core.ScanWarning;
import dev.bulwark.core.Suppression;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.findings.Baseline;
import dev.bulwark.core.findings.InlineSuppressions;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place findings are suppressed, for every engine and command: {@code .bulwark.yaml}
 * ignores (by rule and path glob, until a date), inline {@code bulwark:ignore} comments, resource
 * annotations and the baseline. Expired suppressions are reported as warnings and the finding
 * counts again. Immutable and thread-safe.
 */
public final class FindingSuppressor {
    private final BulwarkConfig config;
    private final List<String> roots;
    private final LocalDate today;
    private final Optional<Baseline> baseline;

    /**
     * @param roots the scanned files or folders; ignore globs match the path as shown or relative to one of them
     * @param today the date expiry dates are compared with
     */
    public FindingSuppressor(BulwarkConfig config, List<String> roots, LocalDate today, Optional<Baseline> baseline) {
        this.config = requireNonNull(config, "config is null");
        this.roots = List.copyOf(roots);
        this.today = requireNonNull(today, "today is null");
        this.baseline = requireNonNull(baseline, "baseline is null");
    }

    /** The suppressor of a posture scan's options. */
    public static FindingSuppressor of(ScanOptions options) {
        return new FindingSuppressor(options.config(), options.inputs(), options.today(), options.baseline());
    }

    /**
     * Applies configuration ignores and the inline comments of the lines of the one file all of
     * {@code findings} point into (the findings' own lines: no resource spans them); malformed or
     * expired comments become warnings. The baseline is applied separately.
     */
    public List<Finding> suppressInFile(List<Finding> findings, String file, List<String> lines, List<ScanWarning> warnings) {
        if (findings.isEmpty()) {
            return findings;
        }
        InlineSuppressions inline = InlineSuppressions.parse(lines);
        for (InlineSuppressions.Directive bad : inline.malformed()) {
            warnings.add(new ScanWarning(file, bad.line(), bad.problem().orElse("malformed bulwark:ignore")));
        }
        List<Finding> result = new ArrayList<>(findings.size());
        for (Finding finding : findings) {
            result.add(suppress(finding, inline, inline, finding.location().startLine(), Map.of(), warnings));
        }
        return result;
    }

    /**
     * Suppresses one finding by configuration, inline comment or resource annotation.
     *
     * @param inline the comments of the finding's file; {@code resourceInline} those of the file
     *     holding the resource's first line (the same file unless the finding points elsewhere)
     * @param resourceLine the first line of the finding's resource (a comment there covers the resource)
     * @param annotations the resource's own ignores, rule id (or {@code *}) to reason
     */
    public Finding suppress(Finding finding, InlineSuppressions inline, InlineSuppressions resourceInline, int resourceLine,
                            Map<String, String> annotations, List<ScanWarning> warnings) {
        for (BulwarkConfig.Ignore ignore : config.ignores()) {
            if (!ignore.rule().equals("*") && !ignore.rule().equals(finding.ruleId())) {
                continue;
            }
            if (!ignore.paths().isEmpty() && !matchesAny(ignore.paths(), finding.location().file())) {
                continue;
            }
            if (ignore.until().isPresent() && ignore.until().get().isBefore(today)) {
                continue;
            }
            return finding.withSuppression(new Suppression(Suppression.Kind.CONFIG, ignore.reason(), ignore.until(),
                    ".bulwark.yaml:" + ignore.line()));
        }
        Optional<InlineSuppressions.Directive> directive = inline == resourceInline
                ? inline.find(finding.ruleId(), finding.location().startLine(), resourceLine)
                : inline.find(finding.ruleId(), finding.location().startLine(), finding.location().startLine())
                        .or(() -> resourceInline.find(finding.ruleId(), resourceLine, resourceLine));
        if (directive.isPresent()) {
            InlineSuppressions.Directive found = directive.get();
            String source = finding.location().file() + ":" + found.line();
            if (found.expires().isPresent() && found.expires().get().isBefore(today)) {
                warnings.add(new ScanWarning(finding.location().file(), found.line(), "suppression of " + finding.ruleId()
                        + " expired on " + found.expires().get() + "; the finding is reported again"));
            } else {
                return finding.withSuppression(new Suppression(Suppression.Kind.INLINE, found.reason(), found.expires(), source));
            }
        }
        String reason = annotations.containsKey(finding.ruleId()) ? annotations.get(finding.ruleId()) : annotations.get("*");
        if (reason != null) {
            return finding.withSuppression(new Suppression(Suppression.Kind.ANNOTATION, reason, Optional.empty(),
                    finding.resource().address()));
        }
        return finding;
    }

    /** Marks the findings whose fingerprint the baseline holds as suppressed, in place. */
    public void applyBaseline(List<Finding> findings) {
        if (baseline.isEmpty()) {
            return;
        }
        for (int i = 0; i < findings.size(); i++) {
            Finding finding = findings.get(i);
            if (!finding.isSuppressed() && baseline.get().contains(finding.fingerprint())) {
                findings.set(i, finding.withSuppression(new Suppression(Suppression.Kind.BASELINE,
                        "accepted in baseline", Optional.empty(), "baseline")));
            }
        }
    }

    /**
     * Whether {@code file} (a display path) matches one of {@code globs}, as shown or relative to
     * one of the scanned roots: {@code test/**} in the {@code .bulwark.yaml} of the scanned
     * folder means that folder's {@code test}, wherever Bulwark runs from.
     */
    private boolean matchesAny(List<String> globs, String file) {
        List<Path> candidates = new ArrayList<>(2);
        Path path = Path.of(file);
        candidates.add(path);
        Path absolute = path.toAbsolutePath().normalize();
        for (String input : roots) {
            Path root = input.equals("-") ? null : Path.of(input).toAbsolutePath().normalize();
            if (root != null && !absolute.equals(root) && absolute.startsWith(root)) {
                candidates.add(root.relativize(absolute));
            }
        }
        for (String glob : globs) {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            for (Path candidate : candidates) {
                if (matcher.matches(candidate)) {
                    return true;
                }
            }
        }
        return false;
    }
}
