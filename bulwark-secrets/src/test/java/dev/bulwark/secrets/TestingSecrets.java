package dev.bulwark.secrets;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands the {@code @@...@@} macros of the detector samples into synthetic values: random
 * strings of an alphabet, GitHub-style tokens with a valid (or broken) CRC32 checksum, freshly
 * generated keys. Nothing here is a real credential. Remembers every generated value so tests
 * can assert none leaks into a finding.
 */
final class TestingSecrets {
    static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final Pattern MACRO = Pattern.compile("@@([A-Za-z0-9]+)(?::([^@]*))?@@");
    private static final String[] ALPHABETS = {
        "b62", BASE62, "hex", "0123456789abcdef", "HEX", "0123456789ABCDEF",
        "b64", BASE62 + "+/", "url", BASE62 + "_-", "b32", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
        "lowb32", "abcdefghijklmnopqrstuvwxyz234567", "UPN", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
        "low", "abcdefghijklmnopqrstuvwxyz0123456789", "dig", "0123456789", "bech", "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"};
    private static byte[] rsaPkcs8;
    private static byte[] ecSec1;

    private final Random random;
    private final List<String> generated = new ArrayList<>();

    TestingSecrets(long seed) {
        this.random = new Random(seed);
    }

    /** Every value generated so far (the sensitive parts), for leak checks. */
    List<String> generated() {
        return generated;
    }

    String expand(String template) {
        Matcher matcher = MACRO.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = value(matcher.group(1), matcher.group(2));
            generated.add(value);
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String value(String name, String argument) {
        for (int i = 0; i < ALPHABETS.length; i += 2) {
            if (ALPHABETS[i].equals(name)) {
                return random(ALPHABETS[i + 1], Integer.parseInt(argument));
            }
        }
        return switch (name) {
            case "uuid" -> random("0123456789abcdef", 8) + "-" + random("0123456789abcdef", 4) + "-4"
                    + random("0123456789abcdef", 3) + "-a" + random("0123456789abcdef", 3) + "-" + random("0123456789abcdef", 12);
            case "gh" -> github(argument);
            case "ghbad" -> {
                String token = github(argument);
                char last = token.charAt(token.length() - 1);
                yield token.substring(0, token.length() - 1) + (last == 'a' ? 'b' : 'a');
            }
            case "pem" -> {
                String[] parts = argument.split(":");
                yield pem(parts[0], der(parts[1]));
            }
            case "openssh" -> pem("OPENSSH PRIVATE KEY", concat("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII), bytes(300)));
            case "opensshbad" -> pem("OPENSSH PRIVATE KEY", concat("openssh-key-v2\0".getBytes(StandardCharsets.US_ASCII), bytes(300)));
            case "gcpkey" -> pem("PRIVATE KEY", der("rsa8")).replace("\n", "\\n");
            case "gcpbad" -> pem("PRIVATE KEY", der("junk")).replace("\n", "\\n");
            case "kubekey" -> Base64.getEncoder().encodeToString(pem("RSA PRIVATE KEY", der("rsa1")).getBytes(StandardCharsets.US_ASCII));
            case "kubebad" -> Base64.getEncoder().encodeToString(bytes(400));
            case "azkey" -> Base64.getEncoder().encodeToString(bytes(64));
            case "basic" -> Base64.getEncoder().encodeToString(("ci-user:" + random(BASE62, 16)).getBytes(StandardCharsets.US_ASCII));
            case "basicbad" -> Base64.getEncoder().encodeToString(random(BASE62, 18).getBytes(StandardCharsets.US_ASCII));
            case "jwt" -> jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"sub\":\"ci\",\"exp\":1893456000}");
            case "jwtbad" -> "eyJ" + random(BASE62, 20) + ".eyJ" + random(BASE62, 20) + "." + random(BASE62, 20);
            case "card" -> card(false);
            case "cardbad" -> card(true);
            default -> throw new IllegalArgumentException("unknown macro " + name);
        };
    }

    String random(String alphabet, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(chars);
    }

    String github(String prefix) {
        String entropy = random(BASE62, 30);
        return prefix + entropy + Validators.base62Checksum(entropy);
    }

    static String jwt(String header, String payload) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString("synthetic-signature-for-tests-only".getBytes(StandardCharsets.UTF_8));
    }

    private String card(boolean broken) {
        String body = "4" + random("0123456789", 14);
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            int digit = body.charAt(body.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        int check = (10 - sum % 10) % 10;
        return body + (broken ? (check + 1) % 10 : check);
    }

    byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        if (bytes[0] == 0x30) {
            bytes[0] = 0x04;
        }
        return bytes;
    }

    byte[] der(String kind) {
        return switch (kind) {
            case "rsa8" -> rsaPkcs8();
            case "rsa1" -> Der.pkcs8Inner(rsaPkcs8()).orElseThrow();
            case "ec1" -> ecSec1();
            case "der" -> {
                byte[] content = bytes(300);
                yield concat(new byte[] {0x30, (byte) 0x82, 0x01, 0x2c}, content);
            }
            case "junk" -> bytes(300);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    static synchronized byte[] rsaPkcs8() {
        if (rsaPkcs8 == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(1024);
                rsaPkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return rsaPkcs8.clone();
    }

    /** A SEC1 ECPrivateKey on P-256 with its curve OID in [0], as OpenSSL writes "EC PRIVATE KEY". */
    static synchronized byte[] ecSec1() {
        if (ecSec1 == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                BigInteger s = ((ECPrivateKey) generator.generateKeyPair().getPrivate()).getS();
                byte[] raw = s.toByteArray();
                byte[] scalar = new byte[32];
                int copy = Math.min(raw.length, 32);
                System.arraycopy(raw, raw.length - copy, scalar, 32 - copy, copy);
                byte[] oid = {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07};
                byte[] content = concat(new byte[] {0x02, 0x01, 0x01, 0x04, 0x20}, scalar, new byte[] {(byte) 0xa0, 0x0a}, oid);
                ecSec1 = concat(new byte[] {0x30, (byte) content.length}, content);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return ecSec1.clone();
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, offset, part.length);
            offset += part.length;
        }
        return out;
    }
}
