package dev.bulwark.secrets;

import static java.util.Objects.requireNonNull;

import com.google.re2j.Matcher;
import dev.bulwark.core.CodeSnippet;
import dev.bulwark.core.Finding;
import dev.bulwark.core.FindingType;
import dev.bulwark.core.ResourceRef;
import dev.bulwark.core.Severity;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.findings.Fingerprints;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Scans text for secrets with the detectors of a {@link DetectorCatalog}.
 *
 * <p>Design: one Aho–Corasick pass finds every detector keyword; a detector runs only when one of
 * its keywords (and all of its {@code requires} context words) occur, and then only in windows
 * around the hits (the hit's line, clipped to a few hundred characters before and the detector's
 * {@code window} after; multi-line detectors reach across lines). Overlapping windows of one
 * detector merge, so every character is matched at most once per detector: the cost is linear in
 * the text even for one huge minified line. Patterns are RE2/J, linear in their input. The generic
 * assignment detectors ({@code password = "..."}), whose keywords occur on many lines of code, do not
 * run their pattern on ASCII windows: {@link AssignmentMatcher} finds exactly the same spans by hand,
 * an order of magnitude faster than the NFA; so does {@link UrlCredentialMatcher} for the
 * credentials-in-a-URL detectors ({@code postgres://user:secret@host}), whose every hit is a URL. A
 * candidate is dropped when it is a reference ({@code ${var.x}}, {@code {{ .Values.x }}},
 * {@code !Ref}, env lookups), fails its validator or entropy threshold; a documented placeholder
 * becomes an INFO finding. Kubernetes {@code Secret} values are decoded and scanned too
 * ({@link KubernetesSecrets}).
 *
 * <p>Findings never carry the raw secret: message and snippet show it redacted
 * ({@code gh…9Q}) and the fingerprint is a SHA-256 of the detector id and the secret, so the same
 * secret keeps its fingerprint when lines move and a baseline can accept it.
 *
 * <p>Immutable and thread-safe: one instance serves all files and threads.
 */
public final class SecretScanner {
    /** Files whose first bytes hold a NUL are binary and skipped. */
    static final int BINARY_PROBE = 8000;
    private static final int BEFORE_HIT = 256;
    private static final int MAX_HITS_PER_DETECTOR = 10_000;
    private static final String AWS_KEY_ID = "BW-SEC-001";
    private static final String AWS_SECRET = "BW-SEC-002";
    private static final int PAIR_LINES = 5;

    private final List<Detector> detectors;
    private final KeywordIndex keywords;
    /** For each keyword index, the detectors (indexes into {@code detectors}) that list it. */
    private final int[][] keywordDetectors;
    /** For each detector, the keyword indexes it requires as context. */
    private final int[][] required;
    /** For each detector, where in a window its pattern can first match. */
    private final Prefilter[] prefilters;
    /** For each detector, the hand-written matcher used instead of its pattern on ASCII windows, or null. */
    private final AssignmentMatcher[] assignmentMatchers;
    /** For each detector, the hand-written matcher for URL credentials used instead of its pattern on ASCII windows, or null. */
    private final UrlCredentialMatcher[] urlMatchers;
    /** For each detector, the hand-written matcher used at its keyword hits instead of its pattern, or null. */
    private final TokenMatcher[] tokenMatchers;
    private final int maxFindingsPerFile;
    private final KubernetesSecrets kubernetes;

    /** A scanner with {@code maxFindingsPerFile} findings at most per file (the rest are dropped, the first kept). */
    public SecretScanner(DetectorCatalog catalog, int maxFindingsPerFile) {
        requireNonNull(catalog, "catalog is null");
        if (maxFindingsPerFile < 1) {
            throw new IllegalArgumentException("maxFindingsPerFile must be positive: " + maxFindingsPerFile);
        }
        this.detectors = catalog.detectors();
        this.maxFindingsPerFile = maxFindingsPerFile;
        Map<String, Integer> keywordIds = new LinkedHashMap<>();
        Map<Integer, List<Integer>> byKeyword = new LinkedHashMap<>();
        this.required = new int[detectors.size()][];
        this.prefilters = new Prefilter[detectors.size()];
        this.assignmentMatchers = new AssignmentMatcher[detectors.size()];
        this.urlMatchers = new UrlCredentialMatcher[detectors.size()];
        this.tokenMatchers = new TokenMatcher[detectors.size()];
        for (int d = 0; d < detectors.size(); d++) {
            Detector detector = detectors.get(d);
            for (String keyword : detector.keywords()) {
                int k = keywordIds.computeIfAbsent(keyword, key -> keywordIds.size());
                byKeyword.computeIfAbsent(k, key -> new ArrayList<>()).add(d);
            }
            int[] requires = new int[detector.requires().size()];
            for (int r = 0; r < requires.length; r++) {
                requires[r] = keywordIds.computeIfAbsent(detector.requires().get(r), key -> keywordIds.size());
            }
            required[d] = requires;
            prefilters[d] = Prefilter.of(detector.pattern());
            assignmentMatchers[d] = AssignmentMatcher.of(detector.pattern()).orElse(null);
            urlMatchers[d] = UrlCredentialMatcher.of(detector.pattern()).orElse(null);
            tokenMatchers[d] = detector.multiline() ? null
                    : TokenMatcher.of(detector.pattern(), detector.keywords()).orElse(null);
        }
        this.keywords = new KeywordIndex(List.copyOf(keywordIds.keySet()));
        this.keywordDetectors = new int[keywordIds.size()][];
        for (int k = 0; k < keywordDetectors.length; k++) {
            keywordDetectors[k] = byKeyword.getOrDefault(k, List.of()).stream().mapToInt(Integer::intValue).toArray();
        }
        this.kubernetes = new KubernetesSecrets(this);
    }

    /** A scanner over the built-in detectors, at most 200 findings per file. */
    public static SecretScanner builtin() {
        return new SecretScanner(DetectorCatalog.builtin(), 200);
    }

    /** Whether {@code content} looks binary (a NUL byte in its first 8000 bytes); such files are not scanned. */
    public static boolean isBinary(byte[] content) {
        int probe = Math.min(content.length, BINARY_PROBE);
        for (int i = 0; i < probe; i++) {
            if (content[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Scans file content: binary content yields no findings; the rest is decoded as UTF-8
     * (malformed bytes replaced). This is the entry point benchmarks time.
     *
     * @param file the path shown in findings
     * @return findings in {@link Finding#REPORT_ORDER}, never null
     */
    public List<Finding> scan(String file, byte[] content) {
        if (isBinary(content)) {
            return List.of();
        }
        return scan(file, new String(content, StandardCharsets.UTF_8), content);
    }

    /**
     * Scans text.
     *
     * @param file the path shown in findings
     * @return findings in {@link Finding#REPORT_ORDER}, at most the configured number, never null
     */
    public List<Finding> scan(String file, String text) {
        return scan(file, text, null);
    }

    /** Scans {@code text}; {@code utf8} is null or the bytes it was decoded from, which the keyword pass reads while they are ASCII. */
    private List<Finding> scan(String file, String text, byte[] utf8) {
        requireNonNull(file, "file is null");
        requireNonNull(text, "text is null");
        if (text.indexOf('\0') >= 0 && text.indexOf('\0') < BINARY_PROBE) {
            return List.of();
        }
        Lines lines = new Lines(text);
        List<Candidate> candidates = new ArrayList<>();
        collect(text, utf8, lines, 0, candidates);
        kubernetes.decoded(text, lines, candidates);
        return findings(file, text, lines, pair(distinct(candidates), lines));
    }

    /**
     * Finds candidates in {@code text}; offsets are shifted by {@code base}. Kubernetes secrets
     * reuse this for decoded values with their own base. {@code utf8} is null or the bytes
     * {@code text} was decoded from. {@code knownLines} may be null: the line index is then built
     * only when some detector runs.
     */
    void collect(String text, byte[] utf8, Lines knownLines, int base, List<Candidate> out) {
        int[][] hits = new int[detectors.size()][];
        int[] counts = new int[detectors.size()];
        boolean[] seen = new boolean[keywordDetectors.length];
        Lines lines = knownLines;
        keywords.scan(text, utf8, (keyword, start) -> {
            seen[keyword] = true;
            for (int d : keywordDetectors[keyword]) {
                if (counts[d] == MAX_HITS_PER_DETECTOR) {
                    continue;
                }
                if (hits[d] == null) {
                    hits[d] = new int[8];
                } else if (counts[d] == hits[d].length) {
                    hits[d] = Arrays.copyOf(hits[d], hits[d].length * 2);
                }
                hits[d][counts[d]++] = start;
            }
            return true;
        });
        for (int d = 0; d < detectors.size(); d++) {
            if (counts[d] == 0 || !allSeen(required[d], seen)) {
                continue;
            }
            if (lines == null) {
                lines = new Lines(text);
            }
            if (tokenMatchers[d] != null) {
                matchTokens(detectors.get(d), tokenMatchers[d], text, base, hits[d], counts[d], out);
                continue;
            }
            match(detectors.get(d), prefilters[d], assignmentMatchers[d], urlMatchers[d], text, lines, base, hits[d],
                    counts[d], out);
        }
    }

    private static boolean allSeen(int[] keywordIndexes, boolean[] seen) {
        for (int k : keywordIndexes) {
            if (!seen[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * A token detector's candidates: the token at each keyword hit, checked by its matcher in a
     * window as long as the pattern's would be. Hits inside a token already found are skipped.
     * Lines need no clipping: a token and the characters around it never hold a line break.
     */
    private static void matchTokens(Detector detector, TokenMatcher token, String text, int base, int[] hits, int count,
                                    List<Candidate> out) {
        Arrays.sort(hits, 0, count);
        int previousEnd = -1;
        for (int i = 0; i < count; i++) {
            int hit = hits[i];
            if (hit < previousEnd) {
                continue;
            }
            int end = token.secretEnd(text, hit, (int) Math.min(text.length(), (long) hit + detector.window()));
            if (end > hit) {
                consider(detector, text, base, hit, end, "", out);
                previousEnd = end;
            }
        }
    }

    private static void match(Detector detector, Prefilter prefilter, AssignmentMatcher assignment,
                              UrlCredentialMatcher url, String text, Lines lines, int base, int[] hits, int count,
                              List<Candidate> out) {
        Arrays.sort(hits, 0, count);
        int windowStart = -1;
        int windowEnd = -1;
        for (int i = 0; i < count; i++) {
            int hit = hits[i];
            int start = Math.max(0, hit - BEFORE_HIT);
            int end = Math.min(text.length(), hit + detector.window());
            if (!detector.multiline()) {
                int line = lines.lineOf(hit);
                start = Math.max(start, lines.startOf(line));
                end = Math.min(end, lines.endOf(line, text));
            }
            if (start <= windowEnd) {
                windowEnd = Math.max(windowEnd, end);
                continue;
            }
            if (windowStart >= 0) {
                matchWindow(detector, prefilter, assignment, url, text, base, windowStart, windowEnd, out);
            }
            windowStart = start;
            windowEnd = end;
        }
        if (windowStart >= 0) {
            matchWindow(detector, prefilter, assignment, url, text, base, windowStart, windowEnd, out);
        }
    }

    /** {@link #matchWindow(Detector, Prefilter, AssignmentMatcher, UrlCredentialMatcher, String, int, int, int, List)} without a URL matcher. */
    static void matchWindow(Detector detector, Prefilter prefilter, AssignmentMatcher assignment, String text,
                            int base, int start, int end, List<Candidate> out) {
        matchWindow(detector, prefilter, assignment, null, text, base, start, end, out);
    }

    /**
     * Finds the detector's matches in {@code text[start, end)}: with its hand-written matcher when it
     * has one and the window is ASCII, else with its pattern (from where its prefilter says). The
     * URL matcher checks the characters as it reads them, and hands over to the pattern at the
     * first one outside ASCII.
     */
    static void matchWindow(Detector detector, Prefilter prefilter, AssignmentMatcher assignment,
                            UrlCredentialMatcher url, String text, int base, int start, int end, List<Candidate> out) {
        int from = start;
        if (url != null) {
            UrlCredentialMatcher.Match match;
            while ((match = url.find(text, start, from, end)) != UrlCredentialMatcher.NOT_ASCII) {
                if (match == null) {
                    return;
                }
                from = match.end();
                consider(detector, text, base, match.secretStart(), match.secretEnd(), "", out);
            }
        } else if (assignment != null && isAscii(text, start, end)) {
            AssignmentMatcher.Match match;
            while ((match = assignment.find(text, start, from, end)) != null) {
                from = match.end();
                consider(detector, text, base, match.secretStart(), match.secretEnd(),
                        text.substring(match.keyStart(), match.keyEnd()), out);
            }
            return;
        }
        Matcher matcher = detector.pattern().matcher(CharBuffer.wrap(text, start, end));
        // After the URL matcher stopped at a character outside ASCII, the search goes on where it
        // stopped: its matches so far were the pattern's, and URL patterns never match the empty string.
        boolean found = from > start && prefilter == Prefilter.NONE ? matcher.find(from - start)
                : find(matcher, prefilter, text, start, from, end);
        while (found) {
            from = start + matcher.end();
            if (matcher.start("secret") >= 0) {
                consider(detector, text, base, start + matcher.start("secret"), start + matcher.end("secret"),
                        detector.assignment() ? matcher.group("key") : "", out);
            }
            found = find(matcher, prefilter, text, start, from, end);
        }
    }

    private static boolean isAscii(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    /** Adds the candidate {@code text[secretStart, secretEnd)} when it is not empty, a descriptive key's value or dropped by its checks. */
    private static void consider(Detector detector, String text, int base, int secretStart, int secretEnd, String key,
                                 List<Candidate> out) {
        if (secretEnd <= secretStart) {
            return;
        }
        if (detector.assignment() && Candidates.isDescriptiveKey(key)) {
            return;
        }
        String secret = text.substring(secretStart, secretEnd);
        boolean quoted = secretStart > 0 && "\"'`".indexOf(text.charAt(secretStart - 1)) >= 0;
        evaluate(detector, secret, quoted).ifPresent(verdict -> out.add(Candidate.of(detector, secret,
                base + secretStart, base + secretEnd, verdict.severity(), verdict.note())));
    }

    /**
     * The next match at or after {@code from}: the NFA starts where the prefilter says the first
     * match can start, and does not run when none can. Patterns with a prefilter never match the
     * empty string, so {@code find(offset)} continues as {@code find()} would.
     */
    static boolean find(Matcher matcher, Prefilter prefilter, String text, int start, int from, int end) {
        if (prefilter == Prefilter.NONE) {
            return matcher.find();
        }
        int earliest = prefilter.earliestStart(text, from, end);
        return earliest >= 0 && matcher.find(earliest - start);
    }

    private record Verdict(Severity severity, String note) {}

    /** Whether a matched candidate is a finding, at which severity and with what note; empty drops it. */
    private static Optional<Verdict> evaluate(Detector detector, String secret, boolean quoted) {
        if (Candidates.isReference(secret)) {
            return Optional.empty();
        }
        if (detector.password() && Candidates.isWeakPassword(secret)) {
            return Optional.of(new Verdict(detector.severity(), "a well-known weak password"));
        }
        if (Candidates.isPlaceholder(secret)) {
            return Optional.of(new Verdict(Severity.INFO, "looks like a placeholder; make sure a real value is never"
                    + " committed in its place"));
        }
        if (!quoted && (detector.password() || detector.assignment()) && Candidates.isIdentifier(secret)) {
            return Optional.empty();
        }
        if (detector.assignment() && Candidates.isLocation(secret)) {
            return Optional.empty();
        }
        String note = "";
        if (detector.validator().isPresent()) {
            Optional<String> checked = Validators.check(detector.validator().get(), secret);
            if (checked.isEmpty()) {
                return Optional.empty();
            }
            note = checked.get();
        }
        if (detector.minEntropy() > 0 && Candidates.entropy(secret) < detector.minEntropy()) {
            return Optional.empty();
        }
        return Optional.of(new Verdict(detector.severity(), note));
    }

    /**
     * Sorted by position, then id, one candidate per span: where two detectors matched the same
     * value, the lower (more specific) id wins, so a token is not reported twice.
     */
    private static List<Candidate> distinct(List<Candidate> candidates) {
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort((left, right) -> left.start() != right.start() ? Integer.compare(left.start(), right.start())
                : left.detector().id().compareTo(right.detector().id()));
        Set<Long> spans = new HashSet<>();
        List<Candidate> kept = new ArrayList<>();
        for (Candidate candidate : sorted) {
            if (spans.add(((long) candidate.start() << 32) | candidate.end())) {
                kept.add(candidate);
            }
        }
        return kept;
    }

    /** An AWS access key id and secret key within a few lines of each other become one finding. */
    private static List<Candidate> pair(List<Candidate> candidates, Lines lines) {
        List<Candidate> keyIds = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (candidate.detector().id().equals(AWS_KEY_ID)) {
                keyIds.add(candidate);
            }
        }
        if (keyIds.isEmpty()) {
            return candidates;
        }
        Set<Candidate> paired = new HashSet<>();
        List<Candidate> result = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (!candidate.detector().id().equals(AWS_SECRET)) {
                continue;
            }
            int line = lines.lineOf(candidate.start());
            Candidate partner = null;
            for (Candidate keyId : keyIds) {
                if (!paired.contains(keyId) && Math.abs(lines.lineOf(keyId.start()) - line) <= PAIR_LINES) {
                    partner = keyId;
                    break;
                }
            }
            if (partner != null) {
                paired.add(partner);
                paired.add(candidate);
                Severity severity = candidate.severity() == Severity.INFO && partner.severity() == Severity.INFO
                        ? Severity.INFO : candidate.detector().severity();
                result.add(candidate.pairedWith(partner, severity));
            }
        }
        for (Candidate candidate : candidates) {
            if (!paired.contains(candidate)) {
                result.add(candidate);
            }
        }
        return result;
    }

    private List<Finding> findings(String file, String text, Lines lines, List<Candidate> candidates) {
        List<Candidate> kept = new ArrayList<>(candidates);
        kept.sort((left, right) -> Integer.compare(left.start(), right.start()));
        if (kept.size() > maxFindingsPerFile) {
            kept = kept.subList(0, maxFindingsPerFile);
        }
        List<Finding> findings = new ArrayList<>(kept.size());
        String name = file.substring(file.lastIndexOf('/') + 1);
        ResourceRef resource = new ResourceRef("File", file, name);
        for (Candidate candidate : kept) {
            findings.add(finding(file, resource, text, lines, candidate, kept));
        }
        findings.sort(Finding.REPORT_ORDER);
        return List.copyOf(findings);
    }

    private static Finding finding(String file, ResourceRef resource, String text, Lines lines, Candidate candidate,
                                   List<Candidate> all) {
        Detector detector = candidate.detector();
        int line = lines.lineOf(candidate.start());
        int column = lines.columnOf(text, candidate.start());
        int endLine = candidate.decoded() ? line : lines.lineOf(Math.max(candidate.start(), candidate.end() - 1));
        SourceLocation location = new SourceLocation(file, line, column, endLine,
                endLine == line && !candidate.decoded() ? column + candidate.secret().codePointCount(0,
                        candidate.secret().length()) : SourceLocation.END_OF_LINE);
        StringBuilder message = new StringBuilder(detector.title()).append(' ').append(Redaction.redact(candidate.secret()));
        if (candidate.partner() != null) {
            message.append(" paired with access key id ").append(Redaction.redact(candidate.partner()));
        }
        if (!candidate.path().isEmpty()) {
            message.append(" (decoded from ").append(candidate.path()).append(')');
        }
        if (!candidate.note().isEmpty()) {
            message.append("; ").append(candidate.note());
        }
        String key = candidate.partner() == null ? candidate.secret() : candidate.partner() + "\0" + candidate.secret();
        String fingerprint = Fingerprints.of(detector.id(), "secret", "", key);
        CodeSnippet snippet = new CodeSnippet(line, List.of(redactedLine(text, lines, line, all)));
        return new Finding(detector.id(), candidate.severity(), FindingType.SECRET, detector.title(), message.toString(),
                resource, location, candidate.path(), snippet, detector.remediation(), "", detector.compliance(),
                Optional.empty(), fingerprint);
    }

    /** The finding's line with every candidate secret on it redacted, cut to 200 characters. */
    private static String redactedLine(String text, Lines lines, int line, List<Candidate> all) {
        int lineStart = lines.startOf(line);
        int lineEnd = lines.endOf(line, text);
        StringBuilder out = new StringBuilder();
        int position = lineStart;
        List<int[]> spans = new ArrayList<>();
        for (Candidate candidate : all) {
            if (candidate.start() < lineEnd && candidate.end() > lineStart) {
                spans.add(new int[] {candidate.start(), candidate.end(), all.indexOf(candidate), 0});
            }
            if (candidate.partner() != null && candidate.partnerStart() < lineEnd && candidate.partnerEnd() > lineStart) {
                spans.add(new int[] {candidate.partnerStart(), candidate.partnerEnd(), all.indexOf(candidate), 1});
            }
        }
        spans.sort((left, right) -> Integer.compare(left[0], right[0]));
        for (int[] span : spans) {
            int from = Math.max(span[0], lineStart);
            if (from < position) {
                continue;
            }
            Candidate candidate = all.get(span[2]);
            String secret = span[3] == 0 ? candidate.secret() : candidate.partner();
            out.append(text, position, from).append(Redaction.redact(secret));
            position = Math.min(span[1], lineEnd);
        }
        if (position < lineEnd) {
            out.append(text, position, lineEnd);
        }
        String shown = out.toString();
        return shown.length() > 200 ? shown.substring(0, 200) + "…" : shown;
    }
}
