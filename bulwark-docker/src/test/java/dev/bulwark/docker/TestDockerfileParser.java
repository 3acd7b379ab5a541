package dev.bulwark.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.bulwark.docker.DockerfileSyntax.Heredoc;
import dev.bulwark.docker.DockerfileSyntax.Instruction;
import dev.bulwark.docker.DockerfileSyntax.Problem;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The parser and the model built on it, table-driven: a Dockerfile in, the instructions and values out. */
class TestDockerfileParser {

    /** An instruction as a reader would describe it: keyword, first and last line, arguments. */
    record Line(String keyword, int startLine, int endLine, String arguments) {
        static Line of(Instruction instruction) {
            return new Line(instruction.keyword(), instruction.startLine(), instruction.endLine(), instruction.argumentText());
        }
    }

    static Stream<Arguments> instructionLines() {
        return Stream.of(
                Arguments.of("continuation with comment and blank lines inside", """
                        FROM alpine:3.20
                        RUN apk add \\
                            # a comment inside the continuation
                            curl \\

                            git
                        USER app
                        """, List.of(
                        new Line("FROM", 1, 1, "alpine:3.20"),
                        new Line("RUN", 2, 6, "apk add     curl     git"),
                        new Line("USER", 7, 7, "app"))),
                Arguments.of("keywords are case-insensitive and indented lines are fine", """
                        from alpine:3.20 as Build
                          run echo hi
                        Copy --from=build /a /b
                        """, List.of(
                        new Line("FROM", 1, 1, "alpine:3.20 as Build"),
                        new Line("RUN", 2, 2, "echo hi"),
                        new Line("COPY", 3, 3, "--from=build /a /b"))),
                Arguments.of("escape directive makes the backtick the continuation character", """
                        # escape=`
                        FROM mcr.microsoft.com/windows/servercore:ltsc2022
                        COPY app C:\\app\\
                        RUN powershell -Command `
                            Write-Host hello
                        """, List.of(
                        new Line("FROM", 2, 2, "mcr.microsoft.com/windows/servercore:ltsc2022"),
                        new Line("COPY", 3, 3, "app C:\\app\\"),
                        new Line("RUN", 4, 5, "powershell -Command     Write-Host hello"))),
                Arguments.of("a directive after the first instruction is only a comment", """
                        FROM alpine:3.20
                        # escape=`
                        RUN echo a \\
                            b
                        """, List.of(
                        new Line("FROM", 1, 1, "alpine:3.20"),
                        new Line("RUN", 3, 4, "echo a     b"))),
                Arguments.of("heredocs extend the instruction to their closing line", """
                        FROM alpine:3.20
                        RUN <<EOF
                        echo one
                        # a comment in the script, not in the Dockerfile
                        EOF
                        COPY <<EOF /etc/motd
                        hello
                        EOF
                        USER app
                        """, List.of(
                        new Line("FROM", 1, 1, "alpine:3.20"),
                        new Line("RUN", 2, 5, "<<EOF"),
                        new Line("COPY", 6, 8, "<<EOF /etc/motd"),
                        new Line("USER", 9, 9, "app"))),
                Arguments.of("several heredocs on one instruction", """
                        FROM alpine:3.20
                        COPY <<first.txt <<second.txt /dest/
                        1
                        first.txt
                        2
                        second.txt
                        RUN true
                        """, List.of(
                        new Line("FROM", 1, 1, "alpine:3.20"),
                        new Line("COPY", 2, 6, "<<first.txt <<second.txt /dest/"),
                        new Line("RUN", 7, 7, "true"))),
                Arguments.of("heredoc markers on other instructions are text", """
                        FROM alpine:3.20
                        LABEL note="<<EOF"
                        RUN true
                        """, List.of(
                        new Line("FROM", 1, 1, "alpine:3.20"),
                        new Line("LABEL", 2, 2, "note=\"<<EOF\""),
                        new Line("RUN", 3, 3, "true"))),
                Arguments.of("suppression comments are comments", """
                        # bulwark:ignore BW-DKR-001 runs as root on purpose
                        FROM alpine:3.20
                        # bulwark:ignore BW-DKR-006 vendor installer
                        RUN curl -s https://example.com | sh
                        """, List.of(
                        new Line("FROM", 2, 2, "alpine:3.20"),
                        new Line("RUN", 4, 4, "curl -s https://example.com | sh"))),
                Arguments.of("CRLF line endings and a byte order mark", "\uFEFFFROM alpine:3.20\r\nRUN echo a \\\r\n  b\r\n",
                        List.of(new Line("FROM", 1, 1, "alpine:3.20"), new Line("RUN", 2, 3, "echo a   b"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instructionLines")
    void instructionsKeepTheirLines(String name, String dockerfile, List<Line> expected) {
        DockerfileSyntax syntax = DockerfileParser.parse(dockerfile);
        assertThat(syntax.problems()).isEmpty();
        assertThat(syntax.instructions()).extracting(Line::of).containsExactlyElementsOf(expected);
    }

    @Test
    void heredocBodiesAreReadWithTheirDelimiterForms() {
        DockerfileSyntax syntax = DockerfileParser.parse("""
                FROM alpine:3.20
                RUN <<-"SCRIPT" cat > /a && <<'DATA' cat > /b
                \t\techo $HOME
                \tSCRIPT
                keep\tthis
                DATA
                """);
        assertThat(syntax.problems()).isEmpty();
        List<Heredoc> heredocs = syntax.instructions().get(1).heredocs();
        assertThat(heredocs).extracting(Heredoc::delimiter, Heredoc::quoted, Heredoc::stripTabs, Heredoc::content,
                        Heredoc::startLine, Heredoc::endLine)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("SCRIPT", true, true, "echo $HOME\n", 3, 4),
                        org.assertj.core.groups.Tuple.tuple("DATA", true, false, "keep\tthis\n", 5, 6));
    }

    @Test
    void flagsAndExecFormAreRead() {
        DockerfileSyntax syntax = DockerfileParser.parse("""
                FROM --platform=$BUILDPLATFORM golang:1.22 AS build
                RUN --mount=type=cache,target=/root/.cache --network=none ["go", "build", "-o", "/out/\\u0061pp"]
                HEALTHCHECK --interval=5s CMD ["curl", "-f", "http://localhost/"]
                CMD echo shell form
                """);
        List<Instruction> instructions = syntax.instructions();
        assertThat(instructions.get(0).flags()).extracting(DockerfileSyntax.Flag::name, DockerfileSyntax.Flag::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("platform", "$BUILDPLATFORM"));
        assertThat(instructions.get(0).bodyText()).isEqualTo("golang:1.22 AS build");
        assertThat(instructions.get(1).flags()).extracting(DockerfileSyntax.Flag::name).containsExactly("mount", "network");
        assertThat(instructions.get(1).json()).containsExactly("go", "build", "-o", "/out/app");
        assertThat(instructions.get(2).json()).containsExactly("curl", "-f", "http://localhost/");
        assertThat(instructions.get(3).json()).isNull();
    }

    static Stream<Arguments> malformedInputs() {
        return Stream.of(
                Arguments.of("unterminated heredoc", """
                        FROM alpine:3.20
                        RUN echo start && cat <<EOF > /x
                        never closed
                        """, List.of(new Problem(2, 23, "unterminated heredoc: no line 'EOF' ends the heredoc started here"))),
                Arguments.of("no FROM at all", """
                        # just a comment
                        ARG VERSION=1
                        """, List.of(new Problem(2, 1, "no FROM instruction: a Dockerfile needs at least one build stage"))),
                Arguments.of("unknown instruction", """
                        FROM alpine:3.20
                          RUNN echo typo
                        RUN echo fine
                        """, List.of(new Problem(2, 3, "unknown instruction 'RUNN'"))),
                Arguments.of("bad JSON in exec form", """
                        FROM alpine:3.20
                        CMD ['node', 'server.js']
                        ENTRYPOINT ["a", "b"
                        """, List.of(
                        new Problem(2, 6, "CMD arguments look like the exec form but are not a valid JSON array of strings"
                                + " (strings need double quotes); Docker would run them with a shell instead"),
                        new Problem(3, 20, "ENTRYPOINT arguments look like the exec form but are not a valid JSON array of"
                                + " strings (missing ]); Docker would run them with a shell instead"))),
                Arguments.of("instruction before FROM other than ARG", """
                        ARG BASE=alpine:3.20
                        RUN echo too early
                        FROM ${BASE}
                        """, List.of(new Problem(2, 1, "only ARG may come before the first FROM, found RUN"))),
                Arguments.of("invalid escape directive and ENV without value", """
                        # escape=x
                        FROM alpine:3.20
                        ENV LONELY
                        """, List.of(
                        new Problem(1, 1, "invalid escape directive 'x': use \\ or `"),
                        new Problem(3, 5, "ENV LONELY needs a value: write ENV LONELY=value"))),
                Arguments.of("ONBUILD of an instruction it cannot trigger", """
                        FROM alpine:3.20
                        ONBUILD FROM debian:12
                        ONBUILD
                        """, List.of(new Problem(2, 9, "FROM is not allowed as an ONBUILD instruction"),
                        new Problem(3, 8, "ONBUILD needs an instruction to run in builds that use this image"))),
                Arguments.of("duplicate stage names", """
                        FROM alpine:3.20 AS build
                        FROM alpine:3.20 AS BUILD
                        """, List.of(new Problem(2, 1, "duplicate stage name 'build' (also used by stage 0)"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedInputs")
    void malformedInputGivesLocatedProblems(String name, String dockerfile, List<Problem> expected) {
        DockerfileSyntax syntax = DockerfileParser.parse(dockerfile);
        DockerfileModel.Built model = DockerfileModel.build(syntax);
        List<Problem> problems = new java.util.ArrayList<>(syntax.problems());
        problems.addAll(model.problems());
        assertThat(problems).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theRestOfAFileWithProblemsIsStillModelled() {
        DockerfileSyntax syntax = DockerfileParser.parse("""
                FROM alpine:3.20
                BOGUS line
                CMD ['broken']
                USER root
                RUN cat <<EOF
                never closed
                """);
        assertThat(syntax.problems()).hasSize(3);
        assertThat(syntax.instructions()).extracting(Instruction::keyword).containsExactly("FROM", "CMD", "USER", "RUN");
        assertThat(syntax.instructions().get(3).endLine()).isEqualTo(6);
    }

    static Stream<Arguments> substitutions() {
        return Stream.of(
                Arguments.of("global ARG default in FROM, unknown ARG left as written", """
                        ARG REGISTRY=registry.example.com
                        ARG TAG
                        FROM ${REGISTRY}/base:${TAG} AS a
                        FROM $REGISTRY/base:${UNDECLARED:-3.20} AS b
                        FROM alpine:${UNDECLARED-1}${UNDECLARED:+x}
                        """, (Consumer<Map<String, Object>>) variables -> {
                            assertThat(stage(variables, 0)).containsEntry("from", "registry.example.com/base:${TAG}")
                                    .containsEntry("fromResolved", false);
                            assertThat(stage(variables, 1)).containsEntry("from", "registry.example.com/base:3.20")
                                    .containsEntry("fromResolved", true);
                            assertThat(stage(variables, 2)).containsEntry("from", "alpine:1");
                        }),
                Arguments.of("stage ARG takes the global default; ARGs do not cross stages", """
                        ARG VERSION=1.2.3
                        FROM alpine:3.20 AS first
                        ARG VERSION
                        ARG EMPTY=""
                        RUN echo $VERSION ${EMPTY:-fallback} [${EMPTY-unused}] ${VERSION:+set} '$VERSION'
                        FROM alpine:3.20
                        RUN echo $VERSION
                        """, (Consumer<Map<String, Object>>) variables -> {
                            assertThat(instruction(variables, 4)).containsEntry("resolvedArguments",
                                    "echo 1.2.3 fallback [] set '$VERSION'").containsEntry("resolved", true);
                            assertThat(instruction(variables, 6)).containsEntry("resolvedArguments", "echo $VERSION")
                                    .containsEntry("resolved", false);
                        }),
                Arguments.of("ENV pairs see the values from before the instruction; legacy ENV form", """
                        FROM alpine:3.20
                        ENV abc=hello
                        ENV abc=bye def=$abc
                        ENV GREETING hello big world
                        ENV QUOTED="a b" SINGLE='$abc'
                        """, (Consumer<Map<String, Object>>) variables -> assertThat(variables.get("env")).isEqualTo(Map.of(
                                "abc", "bye", "def", "hello", "GREETING", "hello big world", "QUOTED", "a b",
                                "SINGLE", "$abc"))),
                Arguments.of("ENV wins over ARG and is inherited by stages built on the stage", """
                        FROM alpine:3.20 AS base
                        ARG MODE=from-arg
                        ENV MODE=from-env
                        ARG MODE=again-arg
                        USER app
                        FROM base AS final
                        RUN echo $MODE
                        """, (Consumer<Map<String, Object>>) variables -> {
                            assertThat(instruction(variables, 6)).containsEntry("resolvedArguments", "echo from-env");
                            assertThat(stage(variables, 1)).containsEntry("baseIsStage", true).containsEntry("baseStage", 0L)
                                    .containsEntry("user", "app").containsEntry("userPath", "instructions[4]");
                        }),
                Arguments.of("ONBUILD registers a trigger without running it here; directives are kept", """
                        # syntax=docker/dockerfile:1.7
                        # check=skip=JSONArgsRecommended
                        FROM alpine:3.20
                        ONBUILD RUN curl -s https://x.example | sh
                        """, (Consumer<Map<String, Object>>) variables -> {
                            assertThat(instruction(variables, 1)).containsEntry("keyword", "ONBUILD")
                                    .containsEntry("trigger", Map.of("keyword", "RUN", "arguments", "curl -s https://x.example | sh"));
                            assertThat((List<?>) variables.get("commands")).isEmpty();
                            assertThat(variables.get("directives")).isEqualTo(Map.of("syntax", "docker/dockerfile:1.7",
                                    "check", "skip=JSONArgsRecommended"));
                        }),
                Arguments.of("multi-stage names, scratch, COPY --from by name and index", """
                        FROM golang:1.22 AS Build
                        FROM scratch AS empty
                        FROM build AS test
                        FROM alpine:3.20
                        COPY --from=BUILD /out /a
                        COPY --from=1 /x /b
                        COPY --from=nginx:1.27 /etc/nginx /c
                        """, (Consumer<Map<String, Object>>) variables -> {
                            assertThat(stage(variables, 0)).containsEntry("name", "build").containsEntry("baseIsStage", false);
                            assertThat(stage(variables, 1)).containsEntry("scratch", true).containsEntry("baseIsStage", true);
                            assertThat(stage(variables, 2)).containsEntry("baseStage", 0L);
                            assertThat(stage(variables, 3)).containsEntry("final", true).containsEntry("inFinalImage", true);
                            assertThat(stage(variables, 0)).containsEntry("inFinalImage", false);
                            assertThat(instruction(variables, 4)).containsEntry("fromStage", 0L);
                            assertThat(instruction(variables, 5)).containsEntry("fromStage", 1L);
                            assertThat(instruction(variables, 6)).containsEntry("fromStage", -1L);
                            assertThat(((List<?>) variables.get("images")).stream().map(image -> String.valueOf(((Map<?, ?>) image).get("ref"))))
                                    .containsExactly("golang:1.22", "alpine:3.20", "nginx:1.27");
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("substitutions")
    void variablesAreSubstitutedWhereKnown(String name, String dockerfile, Consumer<Map<String, Object>> check) {
        DockerfileModel.Built model = DockerfileModel.build(DockerfileParser.parse(dockerfile));
        assertThat(model.problems()).isEmpty();
        check.accept(model.variables());
    }

    static Stream<Arguments> shellCommands() {
        return Stream.of(
                Arguments.of("pipelines, wrappers and redirections", """
                        FROM alpine:3.20
                        RUN curl -fsSL https://x.example/i.sh 2>/dev/null | sudo -E bash - && DEBIAN_FRONTEND=noninteractive env A=1 nice -n 5 apt-get install -y curl > /log
                        """, List.of("curl|-fsSL https://x.example/i.sh|0", "bash|-|1", "apt-get|install -y curl|0")),
                Arguments.of("heredoc script runs, heredoc data fed to cat does not", """
                        FROM alpine:3.20
                        RUN <<EOF
                        if true; then
                          apk add --no-cache git
                        fi
                        cat <<DATA > /etc/x
                        rm -rf /
                        DATA
                        EOF
                        RUN cat <<EOF > /etc/y
                        rm -rf /
                        EOF
                        """, List.of("true||0", "apk|add --no-cache git|0", "cat||0", "cat||0")),
                Arguments.of("sh -c strings are parsed too", """
                        FROM alpine:3.20
                        RUN ["/bin/sh", "-c", "wget -qO- https://x.example | sh"]
                        """, List.of("sh|-c wget -qO- https://x.example | sh|0", "wget|-qO- https://x.example|0", "sh||1")),
                Arguments.of("RUN after SHELL switched to PowerShell is not read as POSIX shell", """
                        FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base
                        SHELL ["powershell.exe", "-Command"]
                        FROM base
                        RUN iwr https://x.example/i.ps1 | iex; curl x | sh
                        RUN ["cmd", "/S", "/C", "dir"]
                        """, List.of("cmd|/S /C dir|0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shellCommands")
    void runStepsAreSplitIntoCommands(String name, String dockerfile, List<String> expected) {
        DockerfileModel.Built model = DockerfileModel.build(DockerfileParser.parse(dockerfile));
        List<String> commands = ((List<?>) model.variables().get("commands")).stream()
                .map(command -> (Map<?, ?>) command)
                .map(command -> command.get("program") + "|" + String.join(" ", castStrings(command.get("args")))
                        + "|" + command.get("position"))
                .toList();
        assertThat(commands).containsExactlyElementsOf(expected);
    }

    @Test
    void commandsAreLocatedOnTheirOwnLines() {
        DockerfileModel.Built model = DockerfileModel.build(DockerfileParser.parse("""
                FROM alpine:3.20
                RUN apk update \\
                 # comment
                 && apk add git \\
                 && echo done
                RUN <<EOF
                echo one
                  echo two
                EOF
                """));
        assertThat(model.ranges().get("instructions[1].commands[1]")).isEqualTo(new DockerfileModel.Range(4, 5, 4, 16));
        assertThat(model.ranges().get("instructions[1].commands[2]").startLine()).isEqualTo(5);
        assertThat(model.ranges().get("instructions[2].commands[1]")).isEqualTo(new DockerfileModel.Range(8, 3, 8, 11));
    }

    @Test
    void packagesAreReadWithTheirVersions() {
        DockerfileModel.Built model = DockerfileModel.build(DockerfileParser.parse("""
                FROM alpine:3.20
                RUN apt-get -o Dpkg::Options::=--force-confnew install -y curl=7.88 git ./local.deb \\
                 && apk add --virtual .deps gcc musl-dev~1.2 \\
                 && yum install -y httpd-2.4.57 java-17-openjdk \\
                 && pip install 'flask[async]>=3' requests -r req.txt \\
                 && npm i -g @angular/cli@17.3.0 typescript user/repo
                """));
        List<String> packages = ((List<?>) model.variables().get("packages")).stream()
                .map(found -> (Map<?, ?>) found)
                .map(found -> found.get("manager") + ":" + found.get("name") + "=" + found.get("version"))
                .toList();
        assertThat(packages).containsExactly("apt-get:curl=7.88", "apt-get:git=", "apk:gcc=", "apk:musl-dev=~1.2",
                "yum:httpd=2.4.57", "yum:java-17-openjdk=", "pip:flask=>=3", "pip:requests=",
                "npm:@angular/cli=17.3.0", "npm:typescript=");
    }

    @Test
    void hugeAndHostileInputsDoNotThrow() {
        String longLine = "FROM alpine:3.20\nRUN echo " + "a&&b|c;${x:-${y:-$(z)}}\"'".repeat(5_000_000 / 25) + "\n";
        String manyContinuations = "FROM alpine:3.20\nRUN echo start \\\n" + "  && echo more \\\n".repeat(100_000) + "  && echo end\n";
        String nested = "FROM alpine:3.20\nENV A=" + "${A:-".repeat(200_000) + "}".repeat(200_000) + "\n";
        String unterminated = "FROM alpine:3.20\nRUN echo \"$(" + "(".repeat(500_000) + "\n";
        StringBuilder garbage = new StringBuilder();
        Random random = new Random(42);
        for (int i = 0; i < 2_000_000; i++) {
            garbage.append((char) random.nextInt(0x3000));
        }
        for (String input : List.of(longLine, manyContinuations, nested, unterminated, garbage.toString(), "", "\\", "<<",
                "FROM x\nRUN <<", "FROM x\nCOPY <<'\n")) {
            assertThatCode(() -> new DockerfileAdapter().adapt(dev.bulwark.core.source.SourceFile.of("Dockerfile", input)))
                    .doesNotThrowAnyException();
        }
        DockerfileSyntax syntax = DockerfileParser.parse(manyContinuations);
        assertThat(syntax.instructions().get(1).endLine()).isEqualTo(100_003);
        assertThat(DockerfileParser.parse(garbage.toString()).problems()).hasSizeLessThanOrEqualTo(DockerfileParser.MAX_PROBLEMS + 1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stage(Map<String, Object> variables, int index) {
        return (Map<String, Object>) ((List<?>) variables.get("stages")).get(index);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> instruction(Map<String, Object> variables, int index) {
        return (Map<String, Object>) ((List<?>) variables.get("instructions")).get(index);
    }

    private static List<String> castStrings(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }
}
