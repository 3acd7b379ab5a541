package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken inputs: each is reported (a parse finding or a warning) and never stops the
 * scan of the other files, never prints a stack trace.
 */
class TestBadInput {
    @TempDir
    Path dir;

    private void writeGoodFile() throws IOException {
        Files.writeString(dir.resolve("good.yaml"), TestScanCommand.PRIVILEGED_POD, StandardCharsets.UTF_8);
    }

    private CliRun scan() {
        return CliRun.run("scan", dir.toString(), "--no-config");
    }

    private static void assertOtherFileStillScanned(CliRun run) {
        assertThat(run.out()).as(run.err()).contains("good.yaml").contains("BW-K8S-001");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void malformedYamlIsALocatedParseFinding() throws IOException {
        writeGoodFile();
        Files.writeString(dir.resolve("broken.yaml"), "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   bad: [1, 2\n");
        CliRun run = scan();
        assertOtherFileStillScanned(run);
        assertThat(run.out()).contains("broken.yaml").contains("BW-PARSE-001");
    }

    @Test
    void aliasBombIsSkippedWithAWarning() throws IOException {
        writeGoodFile();
        StringBuilder bomb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\n");
        bomb.append("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char previous = 'a';
        for (char c = 'b'; c <= 'z'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            bomb.append("]\n");
            previous = c;
        }
        Files.writeString(dir.resolve("bomb.yaml"), bomb.toString());
        CliRun run = scan();
        assertOtherFileStillScanned(run);
        assertThat(run.err()).contains("bomb.yaml").contains("alias");
    }

    @Test
    void deepNestingIsSkippedWithAWarning() throws IOException {
        writeGoodFile();
        String deep = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        Files.writeString(dir.resolve("deep.yaml"), deep);
        CliRun run = scan();
        assertOtherFileStillScanned(run);
        assertThat(run.err()).contains("deep.yaml").contains("nesting");
    }

    @Test
    void oversizedBinaryAndInvalidUtf8FilesAreSkipped() throws IOException {
        writeGoodFile();
        Files.writeString(dir.resolve("huge.yaml"), "apiVersion: v1\nkind: ConfigMap\n" + "# padding\n".repeat(200_000));
        Files.write(dir.resolve("binary.yaml"), new byte[] {'a', 'p', 'i', 0, 1, 2, 3, (byte) 0xff});
        Files.write(dir.resolve("latin1.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: caf\u00e9}\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        CliRun run = CliRun.run("scan", dir.toString(), "--no-config", "--max-file-size", "1MB");
        assertOtherFileStillScanned(run);
        assertThat(run.err()).contains("huge.yaml").contains("limit");
        assertThat(run.err()).contains("binary.yaml").contains("binary");
        assertThat(run.err()).contains("latin1.yaml").contains("invalid UTF-8 at line 3");
    }

    @Test
    void symlinkLoopIsSkipped() throws IOException {
        writeGoodFile();
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Files.createSymbolicLink(sub.resolve("loop"), dir);
        CliRun run = scan();
        assertOtherFileStillScanned(run);
        assertThat(run.err()).contains("symbolic link loop");
    }

    @Test
    void helmTemplatesAreSkippedWithAHint() throws IOException {
        writeGoodFile();
        Path templates = Files.createDirectories(dir.resolve("chart/templates"));
        Files.writeString(templates.resolve("deployment.yaml"),
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n");
        CliRun run = scan();
        assertOtherFileStillScanned(run);
        assertThat(run.err()).contains("helm template");
    }

    @Test
    void malformedDockerfileIsALocatedParseFinding() throws IOException {
        writeGoodFile();
        Files.writeString(dir.resolve("Dockerfile"), "FROM alpine:3.20\nRUN <<EOF\necho never closed\n");
        CliRun run = scan();
        assertOtherFileStillScanned(run);
        assertThat(run.out()).contains("Dockerfile").contains("BW-PARSE-001").contains("L2");
    }
}
