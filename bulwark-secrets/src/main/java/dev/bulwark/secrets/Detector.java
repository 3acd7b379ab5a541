package dev.bulwark.secrets;

import static java.util.Objects.requireNonNull;

import com.google.re2j.Pattern;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.Severity;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One secret detector, loaded from data: the keywords that must occur for it to run, an RE2/J
 * pattern whose {@code secret} group is the credential, and the checks a candidate must pass.
 *
 * @param keywords lower-case literals; the detector runs only around their occurrences
 * @param requires lower-case literals that must all occur somewhere in the file (context), may be empty
 * @param window how many characters after a keyword hit the pattern may reach
 * @param multiline whether the window crosses line ends (PEM blocks, JSON documents)
 * @param validator the name of a structural check ({@code github-crc32}, {@code jwt}, ...), if any
 * @param minEntropy the minimum Shannon entropy in bits per character of the secret; 0 for none
 * @param password whether the secret is a human-chosen password (well-known weak ones are flagged
 *     even below the entropy threshold)
 * @param source where the detector was loaded from ({@code builtin:...} or a file)
 * @param assignment whether the secret is the value of a generic key/value assignment, so an
 *     unquoted value that reads as code ({@code settings.SECRET_KEY}, {@code DB_PASSWORD}) is a reference
 *
 * <p>Immutable and thread-safe.
 */
public record Detector(
        String id,
        String title,
        Severity severity,
        List<String> keywords,
        List<String> requires,
        Pattern pattern,
        int window,
        boolean multiline,
        Optional<String> validator,
        double minEntropy,
        boolean password,
        boolean assignment,
        String description,
        String remediation,
        Map<String, List<String>> compliance,
        String source) {
    public Detector {
        requireNonNull(id, "id is null");
        requireNonNull(title, "title is null");
        requireNonNull(severity, "severity is null");
        keywords = List.copyOf(keywords);
        requires = List.copyOf(requires);
        requireNonNull(pattern, "pattern is null");
        requireNonNull(validator, "validator is null");
        requireNonNull(description, "description is null");
        requireNonNull(remediation, "remediation is null");
        compliance = Map.copyOf(compliance);
        requireNonNull(source, "source is null");
    }

    /** The metadata reports need, with {@code target} {@code secrets}. */
    public RuleInfo info() {
        return new RuleInfo(id, title, severity, "secrets", List.of(), description, "", remediation, Map.of(), List.of(),
                compliance, source);
    }
}
