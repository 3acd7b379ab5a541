package dev.bulwark.report;

import java.nio.charset.StandardCharsets;

/** Text conventions of SARIF files, shared by every SARIF writer (scan reports, the policy linter). */
public final class SarifText {
    private SarifText() {}

    /**
     * Percent-encodes everything but unreserved characters and the {@code /} between segments, as
     * SARIF artifact URIs need.
     */
    public static String encodePath(String path) {
        StringBuilder out = new StringBuilder(path.length() + 8);
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
            if (unreserved) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** {@code "Container runs privileged"} becomes {@code ContainerRunsPrivileged}, as SARIF rule names are written. */
    public static String pascalCase(String title) {
        StringBuilder name = new StringBuilder();
        boolean upperNext = true;
        for (int i = 0; i < title.length(); i++) {
            char c = title.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                name.append(upperNext ? Character.toUpperCase(c) : c);
                upperNext = false;
            } else {
                upperNext = true;
            }
        }
        return name.length() == 0 ? "Rule" : name.toString();
    }
}
