package dev.bulwark.docker;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * A Dockerfile as written: parser directives and instructions with their exact lines, before any
 * meaning (stages, variables) is given to them. Produced by {@link DockerfileParser}.
 *
 * @param escape the escape character ({@code \} or a backtick, from the {@code # escape=} directive)
 * @param lineCount number of lines of the file
 * @param lastLineLength length of the last line, for the end column of the whole-file range
 */
record DockerfileSyntax(Map<String, String> directives, char escape, List<Instruction> instructions,
                        List<Problem> problems, int lineCount, int lastLineLength, boolean truncated) {
    DockerfileSyntax {
        directives = Map.copyOf(directives);
        instructions = List.copyOf(instructions);
        problems = List.copyOf(problems);
    }

    /** A syntax error, 1-based line and column. */
    record Problem(int line, int column, String message) {
        Problem {
            requireNonNull(message, "message is null");
        }
    }

    /**
     * One instruction.
     *
     * @param keyword the keyword in upper case
     * @param arguments everything after the keyword, continuation lines joined, comment lines inside
     *     the continuation left out; positions of its characters are kept
     * @param flags leading {@code --name=value} options
     * @param body the arguments after the flags, as an offset into {@code arguments}
     * @param json the exec form (a JSON array of strings), or null for the shell form
     * @param trigger for ONBUILD, the instruction it registers; null otherwise
     */
    record Instruction(int index, String keyword, int startLine, int column, int endLine, int endColumn,
                       SourceText arguments, List<Flag> flags, int body, List<String> json,
                       List<Heredoc> heredocs, Instruction trigger) {
        Instruction {
            requireNonNull(keyword, "keyword is null");
            requireNonNull(arguments, "arguments is null");
            flags = List.copyOf(flags);
            json = json == null ? null : List.copyOf(json);
            heredocs = List.copyOf(heredocs);
        }

        String argumentText() {
            return arguments.text();
        }

        /** The arguments after the flags. */
        String bodyText() {
            return arguments.text().substring(body);
        }

        boolean isExecForm() {
            return json != null;
        }
    }

    /**
     * A {@code --name[=value]} option of an instruction. {@code value} is null for a bare flag.
     * {@code offset} is where the flag starts in the instruction's arguments.
     */
    record Flag(String name, String value, int offset) {
        Flag {
            requireNonNull(name, "name is null");
        }
    }

    /**
     * A heredoc ({@code <<EOF}) of a RUN, COPY or ADD instruction.
     *
     * @param quoted the delimiter was quoted, so the body is taken literally (no expansion)
     * @param stripTabs written {@code <<-}: leading tabs are removed from the body lines
     * @param body the content (lines joined with newlines, ending with one), with positions
     * @param startLine the first line of the body (the line after the instruction or the previous heredoc)
     * @param endLine the line of the closing delimiter (the last line of the file when unterminated)
     */
    record Heredoc(String delimiter, boolean quoted, boolean stripTabs, SourceText body, int startLine, int endLine,
                   boolean terminated) {
        Heredoc {
            requireNonNull(delimiter, "delimiter is null");
            requireNonNull(body, "body is null");
        }

        String content() {
            return body.text();
        }
    }
}
