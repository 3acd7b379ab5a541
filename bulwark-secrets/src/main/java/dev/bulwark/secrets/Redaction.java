package dev.bulwark.secrets;

/** How a secret is shown: at most its first two and last two characters, never more. */
final class Redaction {
    private Redaction() {}

    /**
     * {@code gh…9Q} for a secret of 12 or more characters, {@code g…Q} for 6 to 11, and {@code …}
     * for shorter ones, so that at least two thirds of any secret stays hidden.
     */
    static String redact(String secret) {
        int length = secret.length();
        if (length >= 12) {
            return secret.substring(0, 2) + "…" + secret.substring(length - 2);
        }
        if (length >= 6) {
            return secret.charAt(0) + "…" + secret.charAt(length - 1);
        }
        return "…";
    }
}
