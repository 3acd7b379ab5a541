package dev.bulwark.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits POSIX shell code (a RUN instruction, a heredoc script, the argument of {@code sh -c})
 * into simple commands, enough to see which programs run with which words:
 * <ul>
 *   <li>{@code ;}, {@code &&}, {@code ||}, {@code &}, newlines and parentheses end a command;
 *       {@code |} ends it and continues the same pipeline;</li>
 *   <li>quotes, escapes, {@code $(...)}, {@code ${...}}, backticks and process substitutions stay
 *       inside their word;</li>
 *   <li>redirections and their targets are not words; the bodies of heredocs the code opens
 *       ({@code cat <<EOF > file}) are file content and are skipped;</li>
 *   <li>comments are skipped, as are reserved words opening or closing a compound command
 *       ({@code if}, {@code then}, {@code do}, {@code done}, ...), so the commands inside are seen.</li>
 * </ul>
 * It does not expand anything. Linear in the input; stops after a given number of commands.
 */
final class ShellSyntax {
    private static final Set<String> RESERVED = Set.of("if", "then", "else", "elif", "fi", "do", "done", "while",
            "until", "{", "}", "!", "esac");

    private ShellSyntax() {}

    /** A word as written (quotes included) and its offsets in the code. */
    record Word(String raw, int start, int end) {}

    /**
     * One simple command.
     *
     * @param pipeline number of the pipeline it belongs to, counted from 0 in the code
     * @param position its position in that pipeline, from 0
     * @param heredocs delimiters of the heredocs it reads ({@code <<EOF})
     */
    record Command(List<Word> words, int pipeline, int position, int start, int end, List<String> heredocs) {
        Command {
            words = List.copyOf(words);
            heredocs = List.copyOf(heredocs);
        }
    }

    /** The commands found, and whether the limits cut the code short. */
    record Result(List<Command> commands, boolean truncated) {
        Result {
            commands = List.copyOf(commands);
        }
    }

    static Result parse(String code, int maxCommands, int maxWords) {
        return new Splitter(code, maxCommands, maxWords).run();
    }

    private static final class Splitter {
        private final String code;
        private final int length;
        private final int maxCommands;
        private final int maxWords;
        private final List<Command> commands = new ArrayList<>();
        private final List<Word> words = new ArrayList<>();
        private final List<String> heredocs = new ArrayList<>();
        private final List<String[]> pendingBodies = new ArrayList<>();
        private int pipeline;
        private int position;
        private boolean pipelineUsed;
        private boolean truncated;

        Splitter(String code, int maxCommands, int maxWords) {
            this.code = code;
            this.length = code.length();
            this.maxCommands = maxCommands;
            this.maxWords = maxWords;
        }

        Result run() {
            int i = 0;
            while (i < length && !truncated) {
                char c = code.charAt(i);
                if (c == ' ' || c == '\t' || c == '\r') {
                    i++;
                } else if (c == '\\' && i + 1 < length && code.charAt(i + 1) == '\n') {
                    i += 2;
                } else if (c == '\n') {
                    endCommand(false);
                    i = skipHeredocBodies(i + 1);
                } else if (c == '#') {
                    while (i < length && code.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == ';') {
                    endCommand(false);
                    i++;
                } else if (c == '&') {
                    if (i + 1 < length && code.charAt(i + 1) == '>') {
                        i = redirection(i);
                    } else {
                        endCommand(false);
                        i += i + 1 < length && code.charAt(i + 1) == '&' ? 2 : 1;
                    }
                } else if (c == '|') {
                    if (i + 1 < length && code.charAt(i + 1) == '|') {
                        endCommand(false);
                        i += 2;
                    } else {
                        endCommand(true);
                        i += i + 1 < length && code.charAt(i + 1) == '&' ? 2 : 1;
                    }
                } else if (c == '(' || c == ')') {
                    endCommand(false);
                    i++;
                } else if ((c == '<' || c == '>') && !(i + 1 < length && code.charAt(i + 1) == '(')) {
                    i = redirection(i);
                } else {
                    int end = wordEnd(i);
                    addWord(i, end);
                    i = end;
                }
            }
            endCommand(false);
            return new Result(commands, truncated);
        }

        private void addWord(int start, int end) {
            String raw = code.substring(start, end);
            if (end < length && (code.charAt(end) == '<' || code.charAt(end) == '>') && isDigits(raw)) {
                return;
            }
            if (words.isEmpty() && RESERVED.contains(raw)) {
                return;
            }
            if (words.size() < maxWords) {
                words.add(new Word(raw, start, end));
            }
        }

        private void endCommand(boolean pipe) {
            if (!words.isEmpty()) {
                if (commands.size() >= maxCommands) {
                    truncated = true;
                } else {
                    Word last = words.get(words.size() - 1);
                    commands.add(new Command(words, pipeline, position, words.get(0).start(), last.end(), heredocs));
                    pipelineUsed = true;
                    position++;
                }
                words.clear();
            }
            heredocs.clear();
            if (!pipe && pipelineUsed) {
                pipeline++;
                position = 0;
                pipelineUsed = false;
            }
        }

        /** Consumes a redirection operator at {@code i} and its target; returns the offset after them. */
        private int redirection(int i) {
            int j = i;
            char first = code.charAt(j);
            boolean heredoc = false;
            boolean stripTabs = false;
            if (first == '&') {
                j += 2;
                if (j < length && code.charAt(j) == '>') {
                    j++;
                }
            } else if (first == '<') {
                j++;
                if (j < length && code.charAt(j) == '<') {
                    j++;
                    if (j < length && code.charAt(j) == '<') {
                        j++;
                    } else {
                        heredoc = true;
                        if (j < length && code.charAt(j) == '-') {
                            stripTabs = true;
                            j++;
                        }
                    }
                } else if (j < length && (code.charAt(j) == '&' || code.charAt(j) == '>')) {
                    j++;
                }
            } else {
                j++;
                if (j < length && (code.charAt(j) == '>' || code.charAt(j) == '&' || code.charAt(j) == '|')) {
                    j++;
                }
            }
            while (j < length && (code.charAt(j) == ' ' || code.charAt(j) == '\t')) {
                j++;
            }
            if (j >= length || "\n;&|()<>".indexOf(code.charAt(j)) >= 0) {
                return j;
            }
            int end = wordEnd(j);
            if (heredoc) {
                String delimiter = DockerfileParser.unquote(code.substring(j, end), '\\');
                heredocs.add(delimiter);
                pendingBodies.add(new String[] {delimiter, stripTabs ? "-" : ""});
            }
            return end;
        }

        /** At the start of a line: skips the bodies of heredocs opened on the line before. */
        private int skipHeredocBodies(int start) {
            int i = start;
            for (String[] pending : pendingBodies) {
                String delimiter = pending[0];
                boolean stripTabs = !pending[1].isEmpty();
                while (i < length) {
                    int lineEnd = code.indexOf('\n', i);
                    if (lineEnd < 0) {
                        lineEnd = length;
                    }
                    int contentStart = i;
                    while (stripTabs && contentStart < lineEnd && code.charAt(contentStart) == '\t') {
                        contentStart++;
                    }
                    int contentEnd = lineEnd > contentStart && code.charAt(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
                    boolean closes = code.substring(contentStart, contentEnd).equals(delimiter);
                    i = Math.min(lineEnd + 1, length);
                    if (closes) {
                        break;
                    }
                }
            }
            pendingBodies.clear();
            return i;
        }

        /** End of the word starting at {@code start}. */
        private int wordEnd(int start) {
            int i = start;
            while (i < length) {
                char c = code.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '&' || c == '|' || c == ')') {
                    return i;
                }
                if (c == '(' ) {
                    if (i == start) {
                        return i;
                    }
                    i = balanced(i, '(', ')');
                } else if ((c == '<' || c == '>')) {
                    if (i + 1 < length && code.charAt(i + 1) == '(') {
                        i = balanced(i + 1, '(', ')');
                    } else {
                        return i;
                    }
                } else if (c == '\\') {
                    i += 2;
                } else if (c == '\'') {
                    int close = code.indexOf('\'', i + 1);
                    i = close < 0 ? length : close + 1;
                } else if (c == '"') {
                    i = doubleQuoted(i);
                } else {
                    int after = afterSubstitution(i);
                    i = after < 0 ? i + 1 : after;
                }
            }
            return Math.min(i, length);
        }

        private int doubleQuoted(int open) {
            int i = open + 1;
            while (i < length) {
                char c = code.charAt(i);
                if (c == '\\') {
                    i += 2;
                } else if (c == '"') {
                    return i + 1;
                } else {
                    int after = afterSubstitution(i);
                    i = after < 0 ? i + 1 : after;
                }
            }
            return length;
        }

        /** The offset after a `...`, $(...) or ${...} starting at {@code i}, or -1 when none starts there. */
        private int afterSubstitution(int i) {
            char c = code.charAt(i);
            if (c == '`') {
                return backticks(i);
            }
            if (c == '$' && i + 1 < length) {
                char next = code.charAt(i + 1);
                if (next == '(') {
                    return balanced(i + 1, '(', ')');
                }
                if (next == '{') {
                    return balanced(i + 1, '{', '}');
                }
            }
            return -1;
        }

        private int backticks(int open) {
            return afterUnescaped(open, '`');
        }

        /** The offset after the first unescaped {@code terminator} following {@code open}. */
        private int afterUnescaped(int open, char terminator) {
            int i = open + 1;
            while (i < length) {
                char c = code.charAt(i);
                if (c == '\\') {
                    i += 2;
                } else if (c == terminator) {
                    return i + 1;
                } else {
                    i++;
                }
            }
            return length;
        }

        /** The offset after the bracket closing the one at {@code open}, honouring quotes inside. */
        private int balanced(int open, char opening, char closing) {
            int level = 0;
            int i = open;
            while (i < length) {
                char c = code.charAt(i);
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                if (c == '\'') {
                    int close = code.indexOf('\'', i + 1);
                    i = close < 0 ? length : close + 1;
                    continue;
                }
                if (c == '"') {
                    i = doubleQuotedFlat(i);
                    continue;
                }
                if (c == opening) {
                    level++;
                } else if (c == closing) {
                    level--;
                    if (level == 0) {
                        return i + 1;
                    }
                }
                i++;
            }
            return length;
        }

        /** A double-quoted string inside a substitution; nested substitutions are counted by the caller. */
        private int doubleQuotedFlat(int open) {
            return afterUnescaped(open, '"');
        }
    }

    private static boolean isDigits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
