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
import java.util.LinkedHashMap;
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

    static Stream<Arguments> selections() {
        return Stream.of(
                Arguments.of("RUN curl -fsSL https://x.example/i.sh | sh && curl -fsSL https://x.example/a -o a | sh -c 'cat'"
                        + " && wget -qO- https://x.example/p | python3 - && bash -c \"$(curl -fsSL https://x.example/i.sh)\"",
                        "downloadedScriptRuns", List.of("instructions[1].commands[1]", "instructions[1].commands[6]",
                                "instructions[1].commands[7]")),
                Arguments.of("RUN sudo apt-get install -y curl && doas ls && ls", "sudoCommands",
                        List.of("instructions[1].commands[0]", "instructions[1].commands[1]")),
                Arguments.of("RUN apt-get install -y curl=8.5.0 jq && npm install -g tsc@latest && pip install flask==3.0",
                        "unversionedInstalls", List.of("instructions[1].commands[0]", "instructions[1].commands[1]")),
                Arguments.of("RUN apt-get install -y --no-install-recommends curl && apt install -y jq"
                        + " && aptitude install -y x", "aptInstallsWithRecommends", List.of("instructions[1].commands[1]")),
                Arguments.of("RUN apt-get update && apt-get install -y curl\n"
                        + "RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n"
                        + "RUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl\n"
                        + "RUN apk add curl && apk add --no-cache jq\n"
                        + "RUN dnf install -y httpd && dnf clean all", "uncleanedCaches",
                        List.of("instructions[1].commands[0]", "instructions[4].commands[0]")),
                Arguments.of("RUN apt-get update\nRUN apt-get update && apt-get install -y curl\nRUN apk update && apk upgrade",
                        "updatesWithoutInstall", List.of("instructions[1].commands[0]")),
                Arguments.of("RUN apt-get dist-upgrade -y && yum update -y && yum update -y httpd && apk upgrade",
                        "fullUpgrades", List.of("instructions[1].commands[0]", "instructions[1].commands[1]",
                                "instructions[1].commands[3]")),
                Arguments.of("RUN curl -fsSLk https://x.example && curl -K config && apt-get install --force-yes x"
                        + " && git -c http.sslVerify=false clone y && pip install --trusted-host=pypi.org z",
                        "verificationOffCommands", List.of("instructions[1].commands[0]", "instructions[1].commands[2]",
                                "instructions[1].commands[3]", "instructions[1].commands[4]")),
                Arguments.of("ENV DB_PASSWORD=x DB_PASSWORD_FILE=/run/x passenger=1\nARG github_token\nLABEL TOKEN=x",
                        "credentialPairs", List.of("instructions[1].pairs[0]", "instructions[2].pairs[0]")),
                Arguments.of("ENV npm_config_strict_ssl=false NODE_TLS_REJECT_UNAUTHORIZED=1 NODE_TLS=0\nLABEL PIP_TRUSTED_HOST=x",
                        "verificationSettingPairs", List.of("instructions[1].pairs[0]", "instructions[1].pairs[1]")),
                Arguments.of("COPY --from=nginx:1.27 /a /b\nCOPY --from= /c /d\nFROM alpine:3.20 AS other\n"
                        + "COPY --from=busybox:1.36 /e /f", "finalImages", List.of("instructions[3]", "instructions[4]")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("selections")
    void selectionsHoldTheSameItemsAsTheFlatLists(String instructions, String variable, List<String> paths) {
        Map<String, Object> variables = adapter.adapt(SourceFile.of("Dockerfile", "FROM debian:12\n" + instructions + "\n"))
                .resources().get(0).variables();
        List<?> selected = (List<?>) variables.get(variable);
        assertThat(selected).extracting(item -> (Object) ((Map<?, ?>) item).get("path")).containsExactlyElementsOf(paths);
        List<?> flat = (List<?>) variables.get(variable.endsWith("Pairs") ? "pairs"
                : variable.equals("finalImages") ? "images" : "commands");
        assertThat(selected).allSatisfy(item -> assertThat(flat).anySatisfy(each -> assertThat(each).isSameAs(item)));
    }

    @Test
    void indexesGroupItemsByProgramKeywordFlagAndPort() {
        Map<String, Object> variables = adapter.adapt(SourceFile.of("Dockerfile", """
                FROM debian:12
                RUN chmod 755 /a && chmod u+s /b && ls
                COPY --chmod=644 --chown=app a /c
                EXPOSE 22 22/tcp 80/UDP
                EXPOSE 22
                """)).resources().get(0).variables();
        assertThat(paths(variables, "commandsByProgram")).containsExactly(
                Map.entry("chmod", List.of("instructions[1].commands[0]", "instructions[1].commands[1]")),
                Map.entry("ls", List.of("instructions[1].commands[2]")));
        assertThat(paths(variables, "instructionsByKeyword")).containsExactly(
                Map.entry("COPY", List.of("instructions[2]")), Map.entry("EXPOSE", List.of("instructions[3]", "instructions[4]")),
                Map.entry("FROM", List.of("instructions[0]")), Map.entry("RUN", List.of("instructions[1]")));
        assertThat(paths(variables, "instructionsByFlag")).containsExactly(
                Map.entry("chmod", List.of("instructions[2]")), Map.entry("chown", List.of("instructions[2]")));
        assertThat(paths(variables, "exposedPorts")).containsExactly(
                Map.entry("22/tcp", List.of("instructions[3]", "instructions[4]")), Map.entry("80/udp", List.of("instructions[3]")));
    }

    @Test
    void contentHoldsArgumentsAndHeredocsButNoComments() {
        Map<String, Object> variables = adapter.adapt(SourceFile.of("Dockerfile", """
                FROM debian:12
                # APT::Install-Recommends in a comment
                COPY <<EOF /etc/apt/apt.conf.d/99norecommends
                APT::Install-Recommends "false";
                EOF
                """)).resources().get(0).variables();
        assertThat(variables.get("content")).isEqualTo("debian:12\n<<EOF /etc/apt/apt.conf.d/99norecommends\n"
                + "APT::Install-Recommends \"false\";\n\n");
    }

    @ParameterizedTest
    @CsvSource({"USER app, app", "USER 0:0, 0", "USER root:, root", "USER :staff, ''", "RUN true, ''"})
    void userNameIsTheUserWithoutItsGroup(String instruction, String userName) {
        Map<?, ?> finalStage = (Map<?, ?>) adapter.adapt(SourceFile.of("Dockerfile", "FROM debian:12\n" + instruction + "\n"))
                .resources().get(0).variables().get("finalStage");
        assertThat(finalStage.get("userName")).isEqualTo(userName);
    }

    /** The paths of the items of an index, by key. */
    private static Map<String, List<String>> paths(Map<String, Object> variables, String index) {
        Map<String, List<String>> paths = new LinkedHashMap<>();
        ((Map<?, ?>) variables.get(index)).forEach((key, items) -> paths.put((String) key,
                ((List<?>) items).stream().map(item -> (String) ((Map<?, ?>) item).get("path")).toList()));
        return paths;
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
