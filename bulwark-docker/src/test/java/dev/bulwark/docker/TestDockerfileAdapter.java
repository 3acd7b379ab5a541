package dev.bulwark.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Finding;
import dev.bulwark.core.ScanReport;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.Resource;
import dev.bulwark.core.source.SourceFile;
import dev.bulwark.core.spi.AdaptResult;
import dev.bulwark.core.spi.ParseProblem;
import dev.bulwark.rules.RuleCompiler;
import dev.bulwark.rules.RuleLoader;
import dev.bulwark.rules.RuleSet;
import dev.bulwark.rules.scan.ScanListener;
import dev.bulwark.rules.scan.ScanOptions;
import dev.bulwark.rules.scan.Scanner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class TestDockerfileAdapter {
    private static final String MULTI_STAGE = """
            # syntax=docker/dockerfile:1
            ARG GO_VERSION=1.22.5
            FROM golang:${GO_VERSION} AS build
            RUN go build -o /out/app ./...

            FROM alpine:3.20
            ENV APP_TOKEN=abc123
            RUN apk add --no-cache curl \\
             && curl -fsSL https://example.com/i.sh | sh
            COPY <<EOF /etc/app.conf
            level=debug
            EOF
            COPY --from=build /out/app /app
            USER 10001
            """;

    private final DockerfileAdapter adapter = new DockerfileAdapter();

    @ParameterizedTest
    @CsvSource({
            "dockerfile, true", "containerfile, true", "dockerfile.dev, true", "api.dockerfile, true",
            "containerfile.prod, true", "dockerfiles, false", "my-dockerfile, false", "docker-compose.yaml, false",
            ".dockerignore, false"})
    void acceptsDockerfileNames(String name, boolean accepted) {
        assertThat(adapter.acceptsName(name)).isEqualTo(accepted);
    }

    static Stream<Arguments> contents() {
        return Stream.of(
                Arguments.of("FROM alpine:3.20\n", true),
                Arguments.of("\uFEFF# syntax=docker/dockerfile:1\n\n  arg BASE=alpine\nFROM $BASE\n", true),
                Arguments.of("# just a comment\n\n", false),
                Arguments.of("apiVersion: v1\nkind: Pod\n", false),
                Arguments.of("FROMAGE is not an instruction\n", false),
                Arguments.of("RUN echo no FROM first\n", false));
    }

    @ParameterizedTest
    @MethodSource("contents")
    void recognizesDockerfilesOnStandardInput(String content, boolean accepted) {
        assertThat(adapter.acceptsContent(content)).isEqualTo(accepted);
    }

    @Test
    void oneResourceCoversTheWholeFileAndBindsEveryDocumentedVariable() {
        AdaptResult result = adapter.adapt(SourceFile.of("services/api/Dockerfile", MULTI_STAGE));
        assertThat(result.problems()).isEmpty();
        assertThat(result.resources()).hasSize(1);
        Resource resource = result.resources().get(0);
        assertThat(resource.target()).isEqualTo("dockerfile");
        assertThat(resource.kind()).isEqualTo("Dockerfile");
        assertThat(resource.ref().address()).isEqualTo("services/api/Dockerfile");
        assertThat(resource.ref().name()).isEqualTo("Dockerfile");
        assertThat(resource.location()).isEqualTo(new SourceLocation("services/api/Dockerfile", 1, 1, 14, 11));
        assertThat(resource.variables().keySet()).containsExactlyInAnyOrderElementsOf(adapter.variables().keySet());
    }

    static Stream<Arguments> paths() {
        return Stream.of(
                Arguments.of("instructions[2]", 4, 4),
                Arguments.of("instructions[5]", 8, 9),
                Arguments.of("stages[1].instructions[2]", 8, 9),
                Arguments.of("stages[1]", 6, 14),
                Arguments.of("finalStage", 6, 14),
                Arguments.of("finalStage.instructions[0]", 6, 6),
                Arguments.of("instructions[5].commands[1]", 9, 9),
                Arguments.of("commands[2]", 9, 9),
                Arguments.of("commands[2].args[0]", 9, 9),
                Arguments.of("packages[0]", 8, 8),
                Arguments.of("pairs[1]", 7, 7),
                Arguments.of("instructions[6].heredocs[0]", 11, 12),
                Arguments.of("instructions[6].no.such.field", 10, 12),
                Arguments.of("images[1]", 6, 6),
                Arguments.of("nothing.here", 1, 14));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void pathsAreLocatedOnTheirInstruction(String path, int startLine, int endLine) {
        Resource resource = adapter.adapt(SourceFile.of("Dockerfile", MULTI_STAGE)).resources().get(0);
        SourceLocation location = resource.locations().locate(path);
        assertThat(location.startLine()).isEqualTo(startLine);
        assertThat(location.endLine()).isEqualTo(endLine);
    }

    @Test
    void stableKeysSurviveUnrelatedEditsAbove() {
        Resource before = adapter.adapt(SourceFile.of("Dockerfile", MULTI_STAGE)).resources().get(0);
        String edited = MULTI_STAGE.replace("FROM alpine:3.20\n", "FROM alpine:3.20\nLABEL team=payments\nWORKDIR /srv\n");
        Resource after = adapter.adapt(SourceFile.of("Dockerfile", edited)).resources().get(0);

        assertThat(after.locations().stableKey("instructions[7].commands[1]"))
                .isEqualTo(before.locations().stableKey("instructions[5].commands[1]"))
                .startsWith("stage1/RUN#");
        assertThat(after.locations().stableKey("pairs[2]")).isEqualTo(before.locations().stableKey("pairs[1]"))
                .endsWith(".pairs[key=APP_TOKEN]");
        assertThat(after.locations().stableKey("packages[0]")).isEqualTo(before.locations().stableKey("packages[0]"))
                .endsWith("[name=curl]");
        assertThat(before.locations().stableKey("finalStage")).isEqualTo("stage:stage1");
    }

    @Test
    void identicalInstructionsAreTellApartByTheirOccurrence() {
        Resource resource = adapter.adapt(SourceFile.of("Dockerfile", "FROM alpine:3.20\nRUN make\nRUN   make\n"))
                .resources().get(0);
        assertThat(resource.locations().stableKey("instructions[1]")).endsWith("#1");
        assertThat(resource.locations().stableKey("instructions[2]")).endsWith("#2");
    }

    @Test
    void problemsAreReportedForTheFileAndTheRestIsModelled() {
        AdaptResult result = adapter.adapt(SourceFile.of("app/Containerfile", "FROM alpine:3.20\nRUNN x\nUSER root\n"));
        assertThat(result.problems()).containsExactly(new ParseProblem("app/Containerfile", 2, 1, "unknown instruction 'RUNN'"));
        assertThat(result.resources()).singleElement()
                .satisfies(resource -> assertThat(((Map<?, ?>) resource.variables().get("finalStage")).get("user")).isEqualTo("root"));
    }

    @Test
    void aFileWithoutInstructionsGivesAProblemAndNoResource() {
        AdaptResult result = adapter.adapt(SourceFile.of("Dockerfile", "# nothing yet\n"));
        assertThat(result.resources()).isEmpty();
        assertThat(result.problems()).extracting(ParseProblem::message)
                .containsExactly("no FROM instruction: a Dockerfile needs at least one build stage");
    }

    @Test
    void scanReportsFindingsOnTheirLinesHonoursSuppressionsAndKeepsFingerprints(@TempDir Path folder) throws IOException {
        String dockerfile = """
                FROM alpine:3.20
                # bulwark:ignore BW-DKR-019 internal mirror with a self-signed certificate
                RUN curl -k https://mirror.internal/tool -o /usr/local/bin/tool
                RUN curl -fsSL https://example.com/install.sh | sh
                USER app
                HEALTHCHECK NONE
                """;
        List<Finding> first = scan(folder, dockerfile);
        assertThat(first).filteredOn(finding -> finding.ruleId().equals("BW-DKR-006"))
                .singleElement().satisfies(finding -> {
                    assertThat(finding.location().startLine()).isEqualTo(4);
                    assertThat(finding.suppression()).isEmpty();
                });
        assertThat(first).filteredOn(finding -> finding.ruleId().equals("BW-DKR-019"))
                .singleElement().satisfies(finding -> assertThat(finding.suppression()).isPresent());

        List<Finding> second = scan(folder, dockerfile.replace("FROM alpine:3.20\n", "FROM alpine:3.20\nWORKDIR /srv\n"));
        Finding moved = second.stream().filter(finding -> finding.ruleId().equals("BW-DKR-006")).findFirst().orElseThrow();
        Finding original = first.stream().filter(finding -> finding.ruleId().equals("BW-DKR-006")).findFirst().orElseThrow();
        assertThat(moved.location().startLine()).isEqualTo(5);
        assertThat(moved.fingerprint()).isEqualTo(original.fingerprint());
    }

    @Test
    void builtinRulesFinishOnHugeInputs(@TempDir Path folder) throws IOException {
        String huge = "FROM alpine:3.20\nRUN " + "curl -s https://x.example/a | sh && apt-get install -y pkg && ".repeat(60_000)
                + "true\n" + "RUN echo hi\n".repeat(12_000);
        Files.writeString(folder.resolve("Dockerfile"), huge, StandardCharsets.UTF_8);
        ScanReport report = scanner().scan(ScanOptions.of(List.of(folder.toString())), ScanListener.NONE);
        assertThat(report.findings()).isNotEmpty();
        assertThat(report.warnings()).extracting(warning -> warning.message())
                .anySatisfy(message -> assertThat(message).contains("only the first 10000 instructions are checked"));
    }

    private List<Finding> scan(Path folder, String dockerfile) throws IOException {
        Files.writeString(folder.resolve("Dockerfile"), dockerfile, StandardCharsets.UTF_8);
        return scanner().scan(ScanOptions.of(List.of(folder.toString())), ScanListener.NONE).findings();
    }

    private Scanner scanner() {
        RuleCompiler compiler = new RuleCompiler(List.of(adapter));
        RuleLoader.Loaded loaded = new RuleLoader(compiler).loadBuiltin();
        assertThat(loaded.errors()).isEmpty();
        return new Scanner(List.of(adapter), new RuleSet(loaded.rules()), "test", new ByteArrayInputStream(new byte[0]));
    }
}
