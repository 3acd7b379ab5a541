package dev.bulwark.core.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Tells Sigma rule files from Bulwark's own rule files, which share the {@code .yml} extension
 * and may share a folder: a Sigma document has a top-level {@code detection}, {@code correlation}
 * or {@code logsource} key, which Bulwark rules never have. Only the first 64 KiB are looked at.
 */
public final class SigmaFiles {
    private static final int SNIFF_BYTES = 64 * 1024;
    private static final Pattern SIGMA_KEY = Pattern.compile("(?m)^(detection|correlation|logsource)\\s*:");

    private SigmaFiles() {}

    public static boolean isSigma(String text) {
        return SIGMA_KEY.matcher(text.length() > SNIFF_BYTES ? text.substring(0, SNIFF_BYTES) : text).find();
    }

    /** Whether the file holds Sigma rules; an unreadable file is not (its own reader reports it). */
    public static boolean isSigma(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return isSigma(new String(in.readNBytes(SNIFF_BYTES), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return false;
        }
    }
}
