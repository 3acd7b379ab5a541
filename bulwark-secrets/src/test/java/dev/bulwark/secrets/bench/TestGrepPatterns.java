package dev.bulwark.secrets.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.secrets.Detector;
import dev.bulwark.secrets.DetectorCatalog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestGrepPatterns {
    private static Optional<String> posix(String pattern) {
        return GrepPatterns.convert(pattern, GrepPatterns.Dialect.POSIX);
    }

    @Test
    void groupsBecomePlainAndCaseIsSpelledOut() {
        assertThat(posix("(?i)(?:^|[^a-z0-9:/])(?P<secret>tok[a-z_\\-]{3,})")).hasValue(
                "(^|[^a-zA-Z0-9:/])([tT][oO][kK][a-zA-Z_-]{3,})");
        assertThat(posix("\\b(?P<secret>AKIA[A-Z2-7]{16})\\b")).hasValue("\\b(AKIA[A-Z2-7]{16})\\b");
    }

    @Test
    void escapesBecomeBracketClassesAndLazyBecomesGreedy() {
        assertThat(posix("x\\s*=[^\\s\"\\'\\]]*?\\.y")).hasValue("x[[:space:]]*=[^][:space:]\"']*\\.y");
        assertThat(GrepPatterns.convert("a[\\\\x\\[]", GrepPatterns.Dialect.RUST)).hasValue("a[\\\\x\\[]");
    }

    @Test
    void dropsWhatALineBasedToolCannotExpress() {
        assertThat(posix("(?s)a.+b")).isEmpty();
        assertThat(posix("a\\nb")).isEmpty();
        assertThat(posix("\\pL+")).isEmpty();
    }

    @Test
    void everyBuiltInSingleLinePatternButOneConverts() {
        int dropped = 0;
        for (Detector detector : DetectorCatalog.builtin().detectors()) {
            if (!detector.multiline() && posix(detector.pattern().pattern()).isEmpty()) {
                dropped++;
            }
        }
        assertThat(dropped).isEqualTo(1);
    }

    /** The entry point a CLI command calls: the numbers come back in the record and are printed. */
    @Test
    void runReturnsTheNumbersItPrints() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SecretsBench.Result result = SecretsBench.run(8, 100, 2, new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(result.files()).isEqualTo(8);
        assertThat(result.findings()).isPositive();
        assertThat(result.singleThreadMegabytesPerSecond()).isPositive();
        assertThat(result.allThreadsMegabytesPerSecond()).isPositive();
        assertThat(result.patterns() + result.droppedPatterns()).isEqualTo(DetectorCatalog.builtin().detectors().size());
        assertThat(result.tools()).hasSize(3).allSatisfy(tool -> assertThat(tool.available()
                ? tool.matchedLines() > 0 : !tool.note().isEmpty()).as(tool.toString()).isTrue());
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(result.findings() + " findings")
                .contains("grep -E -c -r -f").contains("rg -j1 -c -f");
    }
}
