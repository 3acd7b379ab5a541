package dev.bulwark.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generates source-like files (Java, YAML, .env, Terraform) with synthetic secrets planted at
 * known places, for benchmarks and end-to-end checks of the scanner. The secrets have valid
 * structure (GitHub checksums, AWS key id alphabet) but are random: none is a real credential.
 * Deterministic for a seed.
 */
public final class SecretCorpus {
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String[] FILLER = {
        "    private final Map<String, List<Integer>> index = new HashMap<>();",
        "    // Keep the list sorted so lookups can use binary search.",
        "    public int size() { return entries.size(); }",
        "  replicas: 3",
        "  image: registry.corp.dev/team/service:1.4.2",
        "resource \"aws_s3_bucket\" \"logs\" { bucket = \"corp-logs\" }",
        "LOG_LEVEL=info",
        "    if (token == null || token.isEmpty()) { throw new IllegalStateException(\"token missing\"); }",
        "    String password = System.getenv(\"DB_PASSWORD\");",
        "  password: ${DB_PASSWORD}",
        "    for (int i = 0; i < values.length; i++) { total += values[i]; }",
    };

    private SecretCorpus() {}

    /** One generated file and how many secrets were planted in it. */
    public record File(String path, String text, int plantedSecrets) {}

    /**
     * Generates {@code files} files of about {@code linesPerFile} lines; roughly one line in
     * {@code secretEvery} is a planted secret.
     *
     * @throws IllegalArgumentException when a count is not positive
     */
    public static List<File> generate(int files, int linesPerFile, int secretEvery, long seed) {
        if (files < 1 || linesPerFile < 1 || secretEvery < 1) {
            throw new IllegalArgumentException("counts must be positive: files=" + files + ", linesPerFile="
                    + linesPerFile + ", secretEvery=" + secretEvery);
        }
        Random random = new Random(seed);
        List<File> result = new ArrayList<>(files);
        String[] extensions = {"java", "yaml", "env", "tf"};
        for (int f = 0; f < files; f++) {
            StringBuilder text = new StringBuilder(linesPerFile * 48);
            int planted = 0;
            for (int line = 0; line < linesPerFile; line++) {
                if (random.nextInt(secretEvery) == 0) {
                    text.append(secret(random)).append('\n');
                    planted++;
                } else {
                    text.append(FILLER[random.nextInt(FILLER.length)]).append('\n');
                }
            }
            String path = String.format(Locale.ROOT, "corpus/file%05d.%s", f, extensions[f % extensions.length]);
            result.add(new File(path, text.toString(), planted));
        }
        return List.copyOf(result);
    }

    private static String secret(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "aws_access_key_id = AKIA" + random(random, BASE32, 16);
            case 1 -> {
                String entropy = random(random, BASE62, 30);
                yield "GITHUB_TOKEN=ghp_" + entropy + Validators.base62Checksum(entropy);
            }
            case 2 -> "SLACK_BOT_TOKEN=xoxb-" + random(random, "0123456789", 12) + "-" + random(random, "0123456789", 13)
                    + "-" + random(random, BASE62, 24);
            case 3 -> "STRIPE_KEY=sk_live_" + random(random, BASE62, 99);
            case 4 -> "db_password = \"" + random(random, BASE62, 16) + "\"";
            default -> "DATABASE_URL=postgresql://app:" + random(random, BASE62, 16) + "@db.internal:5432/app";
        };
    }

    private static String random(Random random, String alphabet, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(chars);
    }
}
