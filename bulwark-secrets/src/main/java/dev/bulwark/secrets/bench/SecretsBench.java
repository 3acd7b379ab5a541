package dev.bulwark.secrets.bench;

import dev.bulwark.secrets.SecretCorpus;
import dev.bulwark.secrets.SecretScanner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Single-thread throughput of {@link SecretScanner#scan(String, byte[])} over a generated corpus
 * ({@code SecretCorpus.generate(2000, 500, 50, 1)}, about 50 MB): one warm-up pass, then three
 * timed passes, each printed in MB/s with the number of findings (which must not change between
 * versions of the scanner).
 *
 * <p>A plain main rather than JMH: the build is offline and JMH is not in the local repository.
 * Run it after {@code ./mvnw -B -q -o install -DskipTests -pl bulwark-core,bulwark-secrets -am}:
 * <pre>
 * java -cp bulwark-secrets/target/classes:bulwark-core/target/classes:$HOME/.m2/repository/com/google/re2j/re2j/1.8/re2j-1.8.jar:$HOME/.m2/repository/org/snakeyaml/snakeyaml-engine/3.2/snakeyaml-engine-3.2.jar \
 *     dev.bulwark.secrets.bench.SecretsBench
 * </pre>
 */
public final class SecretsBench {
    private static final int RUNS = 3;

    private SecretsBench() {}

    public static void main(String[] args) {
        List<SecretCorpus.File> corpus = SecretCorpus.generate(2000, 500, 50, 1);
        List<byte[]> contents = new ArrayList<>(corpus.size());
        long bytes = 0;
        int planted = 0;
        for (SecretCorpus.File file : corpus) {
            byte[] content = file.text().getBytes(StandardCharsets.UTF_8);
            contents.add(content);
            bytes += content.length;
            planted += file.plantedSecrets();
        }
        SecretScanner scanner = SecretScanner.builtin();
        System.out.printf(Locale.ROOT, "corpus: %d files, %.1f MB, %d planted secrets%n", corpus.size(), bytes / 1e6,
                planted);
        run("warm-up", scanner, corpus, contents, bytes);
        for (int run = 1; run <= RUNS; run++) {
            run("run " + run, scanner, corpus, contents, bytes);
        }
    }

    private static void run(String label, SecretScanner scanner, List<SecretCorpus.File> corpus, List<byte[]> contents,
                            long bytes) {
        long started = System.nanoTime();
        long findings = 0;
        for (int f = 0; f < corpus.size(); f++) {
            findings += scanner.scan(corpus.get(f).path(), contents.get(f)).size();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %.1f MB/s (%.2f s, %d findings)%n", label, bytes / 1e6 / seconds, seconds,
                findings);
    }
}
