package dev.bulwark.core.findings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Builds finding fingerprints: SHA-256 over the rule, the file, the resource address and the
 * value's stable key, never over line numbers, so an unrelated edit above a finding keeps its
 * fingerprint and baselines and suppressions keep working.
 */
public final class Fingerprints {
    private Fingerprints() {}

    public static String of(String ruleId, String file, String resourceAddress, String valueKey) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {ruleId, file, resourceAddress, valueKey}) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
