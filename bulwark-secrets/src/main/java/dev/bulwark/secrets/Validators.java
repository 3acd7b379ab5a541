package dev.bulwark.secrets;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Structural checks of candidate secrets, by name. A check answers empty when the candidate is
 * not what the detector is after (wrong checksum, key does not parse), or a short note for the
 * finding message (a JWT's algorithm and expiry, a key's algorithm). Checks never log or keep
 * the candidate. Stateless.
 */
final class Validators {
    static final List<String> NAMES = List.of("aws-access-key-id", "base64-64-bytes", "basic-auth", "gcp-service-account",
            "github-crc32", "jwt", "kubeconfig-client-key", "luhn", "openssh-private-key", "pem-private-key");

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final Pattern ALG = Pattern.compile("\"alg\"\\s*:\\s*\"([A-Za-z0-9+_-]{1,20})\"");
    private static final Pattern EXP = Pattern.compile("\"exp\"\\s*:\\s*([0-9]{1,12})");
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ((?:RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY)-----\\s*((?:[A-Za-z0-9+/=]+\\s*)+?)-----END ");

    private Validators() {}

    /** Empty when {@code secret} fails {@code validator}; otherwise a note (possibly empty) for the message. */
    static Optional<String> check(String validator, String secret) {
        return switch (validator) {
            case "aws-access-key-id" -> awsAccessKeyId(secret);
            case "base64-64-bytes" -> decode(secret).filter(bytes -> bytes.length == 64).map(bytes -> "");
            case "basic-auth" -> basicAuth(secret);
            case "gcp-service-account" -> privateKey(secret.replace("\\n", "\n").replace("\\r", ""));
            case "github-crc32" -> githubChecksum(secret) ? Optional.of("") : Optional.empty();
            case "jwt" -> jwt(secret);
            case "kubeconfig-client-key" -> decode(secret)
                    .flatMap(bytes -> privateKey(new String(bytes, StandardCharsets.UTF_8)));
            case "luhn" -> luhn(secret) ? Optional.of("") : Optional.empty();
            case "openssh-private-key" -> openssh(secret);
            case "pem-private-key" -> privateKey(secret);
            default -> throw new IllegalArgumentException("unknown validator " + validator);
        };
    }

    /** The six-character base62 CRC32 checksum GitHub (and npm) append to 30 characters of entropy. */
    static String base62Checksum(String entropy) {
        CRC32 crc = new CRC32();
        crc.update(entropy.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] digits = new char[6];
        for (int i = 5; i >= 0; i--) {
            digits[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(digits);
    }

    private static boolean githubChecksum(String token) {
        int underscore = token.lastIndexOf('_');
        String body = token.substring(underscore + 1);
        if (body.length() != 36) {
            return false;
        }
        return base62Checksum(body.substring(0, 30)).equals(body.substring(30));
    }

    private static Optional<String> awsAccessKeyId(String id) {
        if (id.length() != 20) {
            return Optional.empty();
        }
        for (int i = 4; i < 20; i++) {
            char c = id.charAt(i);
            boolean base32 = (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7');
            if (!base32) {
                return Optional.empty();
            }
        }
        return Optional.of(id.startsWith("ASIA") ? "temporary (STS) key" : "long-term key");
    }

    private static Optional<String> basicAuth(String encoded) {
        return decode(encoded).flatMap(bytes -> {
            String text = new String(bytes, StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                return Optional.empty();
            }
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) < 0x20) {
                    return Optional.empty();
                }
            }
            return Optional.of("user:password pair");
        });
    }

    private static Optional<String> jwt(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        Optional<String> header = decodeUrl(parts[0]).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
        Optional<String> payload = decodeUrl(parts[1]).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
        if (header.isEmpty() || payload.isEmpty() || !payload.get().strip().startsWith("{")) {
            return Optional.empty();
        }
        Matcher alg = ALG.matcher(header.get());
        if (!alg.find()) {
            return Optional.empty();
        }
        StringBuilder note = new StringBuilder("alg ").append(alg.group(1));
        if (alg.group(1).equalsIgnoreCase("none")) {
            note.append(" (unsigned)");
        }
        Matcher exp = EXP.matcher(payload.get());
        if (exp.find()) {
            note.append(", exp ").append(Instant.ofEpochSecond(Long.parseLong(exp.group(1))));
        } else {
            note.append(", no exp (does not expire)");
        }
        return Optional.of(note.toString());
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return false;
            }
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    private static Optional<String> openssh(String block) {
        int begin = block.indexOf("-----", block.indexOf("-----BEGIN") + 10);
        int end = block.indexOf("-----END");
        if (begin < 0 || end < begin) {
            return Optional.empty();
        }
        String body = withoutWhitespace(block.substring(begin + 5, end));
        return decode(body).filter(bytes -> new String(bytes, 0, Math.min(bytes.length, 15), StandardCharsets.US_ASCII)
                .equals("openssh-key-v1\0")).map(bytes -> "OpenSSH key");
    }

    /** Parses a PEM private key block: PKCS#8 and PKCS#1 RSA through KeyFactory, SEC1 EC and DSA as DER. */
    static Optional<String> privateKey(String text) {
        Matcher matcher = PEM.matcher(text);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String kind = matcher.group(1);
        Optional<byte[]> der = decode(withoutWhitespace(matcher.group(2)));
        if (der.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = der.get();
        return switch (kind) {
            case "PRIVATE KEY" -> pkcs8(bytes);
            case "RSA PRIVATE KEY" -> pkcs8(Der.wrapRsaPkcs1(bytes)).or(() -> Optional.empty());
            case "EC PRIVATE KEY" -> Der.sec1ToPkcs8(bytes).flatMap(Validators::pkcs8);
            case "DSA PRIVATE KEY" -> Der.isSequence(bytes) ? Optional.of("DSA key") : Optional.empty();
            case "ENCRYPTED PRIVATE KEY" -> Der.isSequence(bytes) ? Optional.of("passphrase-encrypted key") : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static Optional<String> pkcs8(byte[] der) {
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "DSA", "X25519", "Ed448")) {
            try {
                KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                return Optional.of(algorithm + " key");
            } catch (java.security.GeneralSecurityException | RuntimeException e) {
                // not this algorithm; try the next
            }
        }
        return Optional.empty();
    }

    private static String withoutWhitespace(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    static Optional<byte[]> decode(String text) {
        try {
            return Optional.of(Base64.getMimeDecoder().decode(text.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> decodeUrl(String text) {
        try {
            return Optional.of(Base64.getUrlDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
