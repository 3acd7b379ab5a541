package dev.bulwark.core.findings;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inline suppression comments of one file:
 * <pre>
 * # bulwark:ignore BW-K8S-001[,BW-K8S-002] [until=2027-01-31] reason text
 * </pre>
 * A comment applies to the line it is on, or, when it stands alone, to the next line that is not
 * a comment. Findings are checked against their own line and the first line of their resource, so
 * a comment above a whole object suppresses the rule for that object.
 */
public final class InlineSuppressions {
    private static final String MARKER = "bulwark:ignore";
    private static final Pattern DIRECTIVE = Pattern.compile(
            "bulwark:ignore[ \\t]+([A-Za-z0-9_.*-]+(?:[ \\t]*,[ \\t]*[A-Za-z0-9_.*-]+)*)(.*)");
    private static final Pattern EXPIRY = Pattern.compile(
            "(?:until|expires|exp)[=:](\\S+)", Pattern.CASE_INSENSITIVE);

    /** One directive. {@code line} is where the comment is written. */
    public record Directive(int line, Set<String> ruleIds, String reason, Optional<LocalDate> expires,
                            Optional<String> problem) {}

    private final Map<Integer, List<Directive>> byTargetLine;
    private final List<Directive> malformed;

    private InlineSuppressions(Map<Integer, List<Directive>> byTargetLine, List<Directive> malformed) {
        this.byTargetLine = byTargetLine;
        this.malformed = malformed;
    }

    public static InlineSuppressions none() {
        return new InlineSuppressions(Map.of(), List.of());
    }

    /** Reads directives from {@code lines}; comment markers {@code #} and {@code //} are recognized. */
    public static InlineSuppressions parse(List<String> lines) {
        Map<Integer, List<Directive>> byTarget = new HashMap<>();
        List<Directive> malformed = new ArrayList<>();
        List<Directive> pending = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int lineNumber = i + 1;
            String trimmed = line.strip();
            boolean commentOnly = trimmed.startsWith("#") || trimmed.startsWith("//");
            int marker = line.indexOf(MARKER);
            Directive directive = null;
            if (marker >= 0 && isInComment(line, marker)) {
                directive = parseDirective(line.substring(marker), lineNumber);
                if (directive.problem().isPresent()) {
                    malformed.add(directive);
                    directive = null;
                }
            }
            if (commentOnly) {
                if (directive != null) {
                    pending.add(directive);
                }
                continue;
            }
            if (trimmed.isEmpty()) {
                continue;
            }
            List<Directive> here = new ArrayList<>(pending);
            pending.clear();
            if (directive != null) {
                here.add(directive);
            }
            if (!here.isEmpty()) {
                byTarget.computeIfAbsent(lineNumber, key -> new ArrayList<>()).addAll(here);
            }
        }
        return new InlineSuppressions(byTarget, malformed);
    }

    private static boolean isInComment(String line, int marker) {
        int hash = line.lastIndexOf('#', marker);
        int slashes = line.lastIndexOf("//", marker);
        return hash >= 0 || slashes >= 0;
    }

    private static Directive parseDirective(String text, int line) {
        Matcher matcher = DIRECTIVE.matcher(text);
        if (!matcher.lookingAt()) {
            return new Directive(line, Set.of(), "", Optional.empty(),
                    Optional.of("bulwark:ignore needs a rule id, e.g. '# bulwark:ignore BW-K8S-001 reason'"));
        }
        Set<String> ids = new java.util.TreeSet<>();
        for (String id : matcher.group(1).split(",")) {
            ids.add(id.strip().toUpperCase(Locale.ROOT));
        }
        String rest = matcher.group(2).strip();
        Optional<LocalDate> expires = Optional.empty();
        Matcher expiry = EXPIRY.matcher(rest);
        if (expiry.find()) {
            try {
                expires = Optional.of(LocalDate.parse(expiry.group(1)));
            } catch (DateTimeParseException e) {
                return new Directive(line, ids, rest, Optional.empty(),
                        Optional.of("bad expiry date '" + expiry.group(1) + "' (expected YYYY-MM-DD)"));
            }
            rest = (rest.substring(0, expiry.start()) + rest.substring(expiry.end())).strip();
        }
        if (rest.startsWith("--") || rest.startsWith(":")) {
            rest = rest.substring(rest.startsWith("--") ? 2 : 1).strip();
        }
        return new Directive(line, ids, rest, expires, Optional.empty());
    }

    /**
     * The directive suppressing {@code ruleId} for a finding on {@code findingLine} inside a resource
     * that starts on {@code resourceLine}, if any.
     */
    public Optional<Directive> find(String ruleId, int findingLine, int resourceLine) {
        Optional<Directive> onFinding = findAt(ruleId, findingLine);
        return onFinding.isPresent() ? onFinding : findAt(ruleId, resourceLine);
    }

    private Optional<Directive> findAt(String ruleId, int line) {
        List<Directive> directives = byTargetLine.get(line);
        if (directives == null) {
            return Optional.empty();
        }
        String wanted = ruleId.toUpperCase(Locale.ROOT);
        for (Directive directive : directives) {
            if (directive.ruleIds().contains(wanted) || directive.ruleIds().contains("*")) {
                return Optional.of(directive);
            }
        }
        return Optional.empty();
    }

    /** Directives that could not be read; each is reported as a warning. */
    public List<Directive> malformed() {
        return malformed;
    }
}
