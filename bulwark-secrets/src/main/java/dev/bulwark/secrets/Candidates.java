package dev.bulwark.secrets;

import java.util.Locale;
import java.util.Set;

/**
 * What a candidate secret is when it is not a live credential: a reference to one held elsewhere
 * (never reported), a documented placeholder (reported as INFO: it looks like real configuration
 * someone will fill in), or a well-known weak password (reported even at low entropy).
 */
final class Candidates {
    /** The access key pair AWS documentation uses in every example. */
    static final String AWS_EXAMPLE_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    static final String AWS_EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private static final String[] PLACEHOLDER_PARTS = {"example", "changeme", "change_me", "change-me", "placeholder",
        "xxxx", "****", "....", "<", ">", "your_", "your-", "yourpassword", "yourtoken", "dummy", "sample", "redacted",
        "replace_me", "replaceme", "insert_", "fixme", "todo", "notreal", "not_a_real", "not-a-real", "fake_", "fake-"};

    private static final Set<String> NOT_VALUES = Set.of("true", "false", "null", "none", "nil", "undefined", "required",
        "optional", "string", "secret", "password", "token", "empty", "env", "default", "value", "str", "bool", "int");

    private static final Set<String> WEAK_PASSWORDS = Set.of("password1", "password123", "passw0rd",
        "p@ssw0rd", "p@ssword", "123456", "1234567", "12345678", "123456789", "1234567890", "qwerty", "qwerty123",
        "letmein", "admin", "admin123", "administrator", "root", "toor", "welcome", "welcome1", "iloveyou", "monkey",
        "dragon", "abc123", "111111", "000000", "test", "test123", "testing", "postgres", "mysql", "guest", "master",
        "secret123", "sunshine", "football", "trustno1", "hunter2", "superuser", "pass123", "default");

    /** The name of the thing standing in for its value ({@code user:password@host}, {@code token: token}). */
    private static final Set<String> PLACEHOLDER_WORDS = Set.of("password", "passwd", "pass", "pwd", "secret", "token",
        "apikey", "api_key", "key", "credentials");

    /** Key-name endings of settings that describe a secret rather than hold it ({@code secretName}, {@code TOKEN_URL}). */
    private static final String[] DESCRIPTIVE_KEY_ENDINGS = {"id", "name", "url", "uri", "file", "path", "length", "type",
        "policy", "arn", "ref", "field", "prompt", "hint", "label", "header", "param", "parameter", "endpoint", "expiry",
        "expires", "ttl", "format", "mode", "enabled", "required", "version", "count", "size", "prefix", "suffix"};

    private static final String[] REFERENCE_PARTS = {"${", "{{", "}}", "#{", "%{", "<%", "$(", "((", "secretkeyref",
        "os.environ", "getenv", "process.env", "env[", "environ[", "system.getproperty", "valuefrom",
        "vault:", "ssm:", "secretsmanager", "keyvault", "enc["};

    private Candidates() {}

    /** A reference to a secret held elsewhere (a variable, template, env lookup, secret store), not a secret. */
    static boolean isReference(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("$") || lower.startsWith("!") || lower.startsWith("&") || lower.startsWith("*")
                || lower.startsWith("var.") || lower.startsWith("local.") || lower.startsWith("data.")
                || lower.startsWith("module.") || lower.startsWith("%") || lower.startsWith("@")) {
            return true;
        }
        for (String part : REFERENCE_PARTS) {
            if (lower.contains(part)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An unquoted value that reads as code rather than a literal: a dotted name ({@code settings.DB_PASSWORD}),
     * a call ({@code get_password()}), an upper-case constant ({@code DB_PASSWORD}), or a non-value word.
     */
    static boolean isIdentifier(String value) {
        if (NOT_VALUES.contains(value.toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (value.indexOf('(') >= 0 || value.indexOf(')') >= 0) {
            return true;
        }
        // A dotted name, optionally indexed: settings.DB_PASSWORD, aws_secret.this[0].arn, config["db"].password.
        boolean dotted = value.indexOf('.') > 0;
        boolean upperSnake = value.indexOf('_') >= 0;
        int brackets = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '[') {
                brackets++;
                continue;
            }
            if (c == ']') {
                brackets--;
                continue;
            }
            boolean name = Character.isLetterOrDigit(c) || c == '_';
            if (!(name || c == '.' || (brackets > 0 && (c == '"' || c == '\'' || c == '-')))) {
                dotted = false;
                upperSnake = false;
            }
            if (!(c == '_' || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                upperSnake = false;
            }
        }
        boolean startsLikeName = Character.isLetter(value.charAt(0)) || value.charAt(0) == '_';
        return startsLikeName && brackets == 0 && (dotted || upperSnake);
    }

    static boolean isLocation(String value) {
        return value.startsWith("/") || value.startsWith("./") || value.startsWith("../") || value.startsWith("~/")
                || value.startsWith("file:") || value.contains("://") || value.startsWith("arn:");
    }

    /** Whether an assignment's key names something about a secret rather than the secret ({@code secretName}). */
    static boolean isDescriptiveKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (String ending : DESCRIPTIVE_KEY_ENDINGS) {
            if (lower.endsWith(ending)) {
                return true;
            }
        }
        return false;
    }

    static boolean isPlaceholder(String value) {
        if (value.equals(AWS_EXAMPLE_KEY_ID) || value.equals(AWS_EXAMPLE_SECRET)
                || PLACEHOLDER_WORDS.contains(value.toLowerCase(Locale.ROOT))) {
            return true;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        for (String part : PLACEHOLDER_PARTS) {
            if (lower.contains(part)) {
                return true;
            }
        }
        return repeated(value);
    }

    static boolean isWeakPassword(String value) {
        return WEAK_PASSWORDS.contains(value.toLowerCase(Locale.ROOT));
    }

    /** One character over and over ({@code aaaaaaaa}, {@code 00000000}). */
    private static boolean repeated(String value) {
        for (int i = 1; i < value.length(); i++) {
            if (value.charAt(i) != value.charAt(0)) {
                return false;
            }
        }
        return value.length() > 3;
    }

    /** Shannon entropy in bits per character. */
    static double entropy(String value) {
        if (value.isEmpty()) {
            return 0;
        }
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double entropy = 0;
        double length = value.length();
        for (int count : counts) {
            if (count > 0) {
                double p = count / length;
                entropy -= p * Math.log(p);
            }
        }
        if (other > 0) {
            double p = other / length;
            entropy -= p * Math.log(p);
        }
        return entropy / Math.log(2);
    }
}
