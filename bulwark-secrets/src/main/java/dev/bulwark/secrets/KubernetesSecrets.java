package dev.bulwark.secrets;

import com.google.re2j.Pattern;
import dev.bulwark.core.yaml.Span;
import dev.bulwark.core.yaml.YamlDocument;
import dev.bulwark.core.yaml.YamlMap;
import dev.bulwark.core.yaml.YamlReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Kubernetes {@code Secret} manifests keep values base64-encoded under {@code data}, where no
 * pattern sees them. This decodes each value and scans {@code key=decoded} with the same
 * detectors (so {@code password} keys hit the password detectors and a PEM key its detector),
 * and places the finding on the encoded value's line, with the path {@code data.<key>}. Findings
 * the plain scan made on the encoded text itself are dropped in favour of the decoded ones.
 * {@code stringData} values are plain text and the plain scan already covers them.
 */
final class KubernetesSecrets {
    private static final Pattern SECRET_KIND = Pattern.compile("(?m)^kind:\\s*[\"']?Secret[\"']?\\s*$");
    private static final int MAX_DECODED = 1 << 20;

    private final SecretScanner scanner;

    KubernetesSecrets(SecretScanner scanner) {
        this.scanner = scanner;
    }

    void decoded(String text, Lines lines, List<Candidate> candidates) {
        if (!text.contains("Secret") || !SECRET_KIND.matcher(text).find()) {
            return;
        }
        YamlReader.Result result = YamlReader.defaults().read(text, "secret");
        List<int[]> encodedSpans = new ArrayList<>();
        List<Candidate> decoded = new ArrayList<>();
        for (YamlDocument document : result.documents()) {
            if (!(document.root() instanceof YamlMap root) || !"Secret".equals(root.get("kind"))
                    || !(root.get("data") instanceof YamlMap data)) {
                continue;
            }
            for (String key : data.keySet()) {
                if (!(data.get(key) instanceof String encoded) || encoded.isBlank()) {
                    continue;
                }
                String value = decode(encoded);
                if (value == null) {
                    continue;
                }
                Span span = data.entrySpan(key);
                int lineStart = lines.startOf(span.startLine());
                String compact = encoded.strip();
                int start = text.indexOf(compact, lineStart);
                if (start < 0) {
                    start = lineStart + Math.max(0, span.startColumn() - 1);
                }
                int end = start + compact.length();
                encodedSpans.add(new int[] {start, end});
                List<Candidate> found = new ArrayList<>();
                scanner.collect(key + "=" + value + "\n", null, null, 0, found);
                for (Candidate candidate : found) {
                    decoded.add(candidate.decodedFrom("data." + key, start, end));
                }
            }
        }
        if (encodedSpans.isEmpty()) {
            return;
        }
        candidates.removeIf(candidate -> {
            for (int[] span : encodedSpans) {
                if (candidate.start() < span[1] && candidate.end() > span[0]) {
                    return true;
                }
            }
            return false;
        });
        candidates.addAll(decoded);
    }

    /** The decoded value when it is UTF-8 text of at most 1 MiB, else null. */
    private static String decode(String encoded) {
        try {
            byte[] bytes = Base64.getMimeDecoder().decode(encoded.strip());
            if (bytes.length > MAX_DECODED) {
                return null;
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return null;
        }
    }
}
