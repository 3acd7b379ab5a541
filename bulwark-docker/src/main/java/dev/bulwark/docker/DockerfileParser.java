package dev.bulwark.docker;

import dev.bulwark.docker.DockerfileSyntax.Flag;
import dev.bulwark.docker.DockerfileSyntax.Heredoc;
import dev.bulwark.docker.DockerfileSyntax.Instruction;
import dev.bulwark.docker.DockerfileSyntax.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the syntax of a Dockerfile the way BuildKit does, keeping the first and last line of
 * every instruction:
 * <ul>
 *   <li>parser directives ({@code # syntax=}, {@code # escape=}, {@code # check=}) only in the
 *       run of directive lines at the very top; anything else ends that run;</li>
 *   <li>a line ending with the escape character (and optional blanks) continues on the next line;
 *       comment lines and blank lines inside a continuation are skipped; pieces are joined as is;</li>
 *   <li>heredocs ({@code <<EOF}, {@code <<-EOF}, {@code <<"EOF"}, several per instruction) on
 *       RUN, COPY and ADD, whose bodies follow the instruction line;</li>
 *   <li>leading {@code --flag[=value]} options, and the exec form (a JSON array of strings).</li>
 * </ul>
 * Problems are returned with line and column and parsing goes on with the next instruction; the
 * parser never throws. Work is linear in the input: every line is looked at a bounded number of
 * times, and at most {@link #MAX_INSTRUCTIONS} instructions are read.
 */
final class DockerfileParser {
    static final Set<String> KEYWORDS = Set.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM",
            "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR");
    private static final Set<String> HEREDOC_KEYWORDS = Set.of("RUN", "COPY", "ADD");
    private static final Set<String> EXEC_FORM_KEYWORDS = Set.of("RUN", "CMD", "ENTRYPOINT", "SHELL", "VOLUME", "COPY", "ADD");
    private static final Set<String> DIRECTIVES = Set.of("syntax", "escape", "check");
    private static final Set<String> NOT_ONBUILD_TRIGGERS = Set.of("ONBUILD", "FROM", "MAINTAINER");
    static final int MAX_INSTRUCTIONS = 10_000;
    static final int MAX_PROBLEMS = 50;
    private static final int MAX_HEREDOCS = 64;
    private static final int MAX_QUOTED_LENGTH = 40;

    private final List<String> lines;
    private final List<Problem> problems = new ArrayList<>();
    private int hiddenProblems;
    private char escape = '\\';

    private DockerfileParser(List<String> lines) {
        this.lines = lines;
    }

    static DockerfileSyntax parse(String content) {
        List<String> lines = splitLines(content);
        return new DockerfileParser(lines).run();
    }

    /** Lines without terminators, numbered like {@code SourceFile.lines()} so findings and suppressions agree. */
    static List<String> splitLines(String content) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int length = content.length();
        for (int i = 0; i < length; i++) {
            if (content.charAt(i) == '\n') {
                int end = i > start && content.charAt(i - 1) == '\r' ? i - 1 : i;
                lines.add(content.substring(start, end));
                start = i + 1;
            }
        }
        if (start < length) {
            lines.add(content.substring(start));
        }
        if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
            lines.set(0, " " + lines.get(0).substring(1));
        }
        return lines;
    }

    private DockerfileSyntax run() {
        Map<String, String> directives = new LinkedHashMap<>();
        int index = readDirectives(directives);
        List<Instruction> instructions = new ArrayList<>();
        boolean truncated = false;
        int count = lines.size();
        while (index < count) {
            String line = lines.get(index);
            int first = firstNonBlank(line);
            if (first < 0 || line.charAt(first) == '#') {
                index++;
                continue;
            }
            if (instructions.size() >= MAX_INSTRUCTIONS) {
                truncated = true;
                break;
            }
            index = readInstruction(index, instructions);
        }
        if (hiddenProblems > 0) {
            problems.add(new Problem(problems.get(problems.size() - 1).line(), 1,
                    hiddenProblems + " more problems in this file are not shown"));
        }
        int lastLength = lines.isEmpty() ? 0 : lines.get(lines.size() - 1).length();
        return new DockerfileSyntax(directives, escape, instructions, problems, lines.size(), lastLength, truncated);
    }

    private void problem(int line, int column, String message) {
        if (problems.size() >= MAX_PROBLEMS) {
            hiddenProblems++;
            return;
        }
        problems.add(new Problem(line, column, message));
    }

    // ---- parser directives ----

    private int readDirectives(Map<String, String> directives) {
        int index = 0;
        while (index < lines.size()) {
            String line = lines.get(index);
            String[] directive = directive(line);
            if (directive == null || !DIRECTIVES.contains(directive[0])) {
                return index;
            }
            String key = directive[0];
            String value = directive[1];
            int column = line.indexOf('#') + 1;
            if (directives.containsKey(key)) {
                problem(index + 1, column, "only one '" + key + "' parser directive may be used");
            } else if (key.equals("escape") && !value.equals("\\") && !value.equals("`")) {
                problem(index + 1, column, "invalid escape directive '" + shorten(value) + "': use \\ or `");
                directives.put(key, value);
            } else {
                directives.put(key, value);
                if (key.equals("escape")) {
                    escape = value.charAt(0);
                }
            }
            index++;
        }
        return index;
    }

    /** {@code [key (lower case), value]} when the line has the form {@code # key = value}, else null. */
    private static String[] directive(String line) {
        int i = skipBlanks(line, 0);
        if (i >= line.length() || line.charAt(i) != '#') {
            return null;
        }
        i = skipBlanks(line, i + 1);
        int keyStart = i;
        if (i >= line.length() || !isAsciiLetter(line.charAt(i))) {
            return null;
        }
        while (i < line.length() && (isAsciiLetter(line.charAt(i)) || Character.isDigit(line.charAt(i)))) {
            i++;
        }
        String key = line.substring(keyStart, i).toLowerCase(Locale.ROOT);
        i = skipBlanks(line, i);
        if (i >= line.length() || line.charAt(i) != '=') {
            return null;
        }
        String value = line.substring(i + 1).strip();
        if (value.isEmpty()) {
            return null;
        }
        return new String[] {key, value};
    }

    // ---- instructions ----

    /** Reads the instruction starting on line {@code index} (0-based); returns the index of the next unread line. */
    private int readInstruction(int index, List<Instruction> instructions) {
        String first = lines.get(index);
        int startColumn = firstNonBlank(first);
        SourceText.Builder logical = new SourceText.Builder();
        int lineIndex = index;
        String piece = first.substring(startColumn);
        int pieceColumn = startColumn + 1;
        boolean continues = false;
        int endColumn = first.length() + 1;
        while (true) {
            int cut = continuation(piece);
            continues = cut >= 0;
            logical.append(continues ? piece.substring(0, cut) : stripTrailing(piece), lineIndex + 1, pieceColumn);
            endColumn = lines.get(lineIndex).length() + 1;
            if (!continues) {
                break;
            }
            int next = lineIndex + 1;
            while (next < lines.size()) {
                String candidate = lines.get(next);
                int nonBlank = firstNonBlank(candidate);
                if (nonBlank >= 0 && candidate.charAt(nonBlank) != '#') {
                    break;
                }
                next++;
            }
            if (next >= lines.size()) {
                break;
            }
            lineIndex = next;
            piece = lines.get(lineIndex);
            pieceColumn = 1;
        }
        SourceText text = logical.build();
        int nextLine = lineIndex + 1;

        String whole = text.text();
        int keywordEnd = 0;
        while (keywordEnd < whole.length() && !isBlank(whole.charAt(keywordEnd))) {
            keywordEnd++;
        }
        String written = whole.substring(0, keywordEnd);
        String keyword = written.toUpperCase(Locale.ROOT);
        int line = index + 1;
        int column = startColumn + 1;
        if (!KEYWORDS.contains(keyword)) {
            problem(line, column, "unknown instruction '" + shorten(written) + "'");
            return nextLine;
        }
        SourceText arguments = text.suffix(skipBlanks(whole, keywordEnd));
        List<Heredoc> heredocs = new ArrayList<>();
        int endLine = lineIndex + 1;
        if (HEREDOC_KEYWORDS.contains(keyword)) {
            for (HeredocMarker marker : heredocMarkers(arguments.text())) {
                if (heredocs.size() >= MAX_HEREDOCS) {
                    break;
                }
                Heredoc heredoc = readHeredoc(marker, nextLine, arguments);
                heredocs.add(heredoc);
                if (heredoc.endLine() > endLine) {
                    endLine = heredoc.endLine();
                    endColumn = lines.get(endLine - 1).length() + 1;
                }
                if (!heredoc.terminated()) {
                    nextLine = lines.size();
                    break;
                }
                nextLine = heredoc.endLine();
            }
        }
        Instruction instruction = instruction(instructions.size(), keyword, line, column, endLine, endColumn, arguments, heredocs);
        instructions.add(instruction);
        return nextLine;
    }

    private Instruction instruction(int number, String keyword, int line, int column, int endLine, int endColumn,
                                    SourceText arguments, List<Heredoc> heredocs) {
        String text = arguments.text();
        if (keyword.equals("ONBUILD")) {
            return new Instruction(number, keyword, line, column, endLine, endColumn, arguments, List.of(), 0, null,
                    heredocs, trigger(arguments, line, endLine, endColumn));
        }
        List<Flag> flags = new ArrayList<>();
        int body = readFlags(text, flags);
        List<String> json = null;
        if (EXEC_FORM_KEYWORDS.contains(keyword)) {
            json = execForm(keyword, arguments, body);
        } else if (keyword.equals("HEALTHCHECK")) {
            int commandEnd = body;
            while (commandEnd < text.length() && !isBlank(text.charAt(commandEnd))) {
                commandEnd++;
            }
            if (text.substring(body, commandEnd).equalsIgnoreCase("CMD")) {
                json = execForm(keyword, arguments, skipBlanks(text, commandEnd));
            }
        }
        if (keyword.equals("SHELL") && json == null) {
            problem(arguments.lineAt(body), arguments.columnAt(body),
                    "SHELL needs the exec form, a JSON array such as [\"/bin/sh\", \"-c\"]");
        }
        return new Instruction(number, keyword, line, column, endLine, endColumn, arguments, flags, body, json, heredocs, null);
    }

    private Instruction trigger(SourceText arguments, int line, int endLine, int endColumn) {
        String text = arguments.text();
        int end = 0;
        while (end < text.length() && !isBlank(text.charAt(end))) {
            end++;
        }
        String written = text.substring(0, end);
        String keyword = written.toUpperCase(Locale.ROOT);
        int column = arguments.columnAt(0);
        if (written.isEmpty()) {
            problem(line, column, "ONBUILD needs an instruction to run in builds that use this image");
            return null;
        }
        if (!KEYWORDS.contains(keyword)) {
            problem(arguments.lineAt(0), column, "unknown instruction '" + shorten(written) + "' after ONBUILD");
            return null;
        }
        if (NOT_ONBUILD_TRIGGERS.contains(keyword)) {
            problem(arguments.lineAt(0), column, keyword + " is not allowed as an ONBUILD instruction");
            return null;
        }
        SourceText triggerArguments = arguments.suffix(skipBlanks(text, end));
        return instruction(-1, keyword, arguments.lineAt(0), column, endLine, endColumn, triggerArguments, List.of());
    }

    /** Reads leading {@code --name[=value]} words into {@code flags}; returns the offset of the rest. */
    private int readFlags(String text, List<Flag> flags) {
        int position = 0;
        while (true) {
            position = skipBlanks(text, position);
            if (!text.startsWith("--", position)) {
                return position;
            }
            int end = wordEnd(text, position, escape);
            String word = text.substring(position, end);
            if (word.equals("--")) {
                return skipBlanks(text, end);
            }
            if (word.length() < 3 || !isAsciiLetter(word.charAt(2))) {
                return position;
            }
            int equals = word.indexOf('=');
            String name = (equals < 0 ? word.substring(2) : word.substring(2, equals)).toLowerCase(Locale.ROOT);
            String value = equals < 0 ? null : unquote(word.substring(equals + 1), escape);
            flags.add(new Flag(name, value, position));
            position = end;
        }
    }

    /** The exec form of the text from {@code start}, or null when it is in shell form. */
    private List<String> execForm(String keyword, SourceText arguments, int start) {
        String text = arguments.text();
        if (start >= text.length() || text.charAt(start) != '[') {
            return null;
        }
        JsonStrings.Result parsed = JsonStrings.parse(text, start);
        if (parsed.values() != null) {
            return parsed.values();
        }
        int next = skipBlanks(text, start + 1);
        boolean looksLikeExecForm = next < text.length()
                && (text.charAt(next) == '"' || text.charAt(next) == '\'' || text.charAt(next) == ']');
        if (looksLikeExecForm) {
            int at = Math.min(parsed.errorOffset(), text.length() - 1);
            problem(arguments.lineAt(at), arguments.columnAt(at), keyword + " arguments look like the exec form but are not"
                    + " a valid JSON array of strings (" + parsed.error() + "); Docker would run them with a shell instead");
        }
        return null;
    }

    // ---- heredocs ----

    record HeredocMarker(String delimiter, boolean quoted, boolean stripTabs, int offset) {}

    /** Heredoc words ({@code [n]<<[-]WORD}) of an instruction's arguments, in order. */
    static List<HeredocMarker> heredocMarkers(String text) {
        List<HeredocMarker> markers = new ArrayList<>();
        int position = 0;
        int length = text.length();
        while (position < length && markers.size() < MAX_HEREDOCS) {
            position = skipBlanks(text, position);
            if (position >= length) {
                break;
            }
            int end = wordEnd(text, position, '\\');
            HeredocMarker marker = heredocMarker(text, position, end);
            if (marker != null) {
                markers.add(marker);
            }
            position = end;
        }
        return markers;
    }

    private static HeredocMarker heredocMarker(String text, int start, int end) {
        int i = start;
        while (i < end && Character.isDigit(text.charAt(i))) {
            i++;
        }
        if (!text.startsWith("<<", i) || i + 2 >= end) {
            return null;
        }
        i += 2;
        boolean stripTabs = text.charAt(i) == '-';
        if (stripTabs) {
            i++;
        }
        if (i >= end || text.charAt(i) == '<') {
            return null;
        }
        StringBuilder delimiter = new StringBuilder();
        boolean quoted = false;
        char quote = 0;
        for (int j = i; j < end; j++) {
            char c = text.charAt(j);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    delimiter.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                quoted = true;
            } else if (c == '\\' && j + 1 < end) {
                quoted = true;
                delimiter.append(text.charAt(++j));
            } else if ("<>|;&()".indexOf(c) >= 0) {
                break;
            } else {
                delimiter.append(c);
            }
        }
        if (delimiter.length() == 0) {
            return null;
        }
        return new HeredocMarker(delimiter.toString(), quoted, stripTabs, start);
    }

    private Heredoc readHeredoc(HeredocMarker marker, int firstLine, SourceText arguments) {
        SourceText.Builder body = new SourceText.Builder();
        int index = firstLine;
        while (index < lines.size()) {
            String line = lines.get(index);
            int stripped = 0;
            if (marker.stripTabs()) {
                while (stripped < line.length() && line.charAt(stripped) == '\t') {
                    stripped++;
                }
            }
            String content = line.substring(stripped);
            if (content.equals(marker.delimiter())) {
                return new Heredoc(marker.delimiter(), marker.quoted(), marker.stripTabs(), body.build(), firstLine + 1,
                        index + 1, true);
            }
            body.append(content + "\n", index + 1, stripped + 1);
            index++;
        }
        problem(arguments.lineAt(marker.offset()), arguments.columnAt(marker.offset()),
                "unterminated heredoc: no line '" + shorten(marker.delimiter()) + "' ends the heredoc started here");
        return new Heredoc(marker.delimiter(), marker.quoted(), marker.stripTabs(), body.build(), firstLine + 1,
                Math.max(lines.size(), firstLine), false);
    }

    // ---- small scanners ----

    /**
     * The offset of the escape character that continues {@code piece} on the next line (the
     * escape followed only by blanks), or -1.
     */
    private int continuation(String piece) {
        int end = piece.length() - 1;
        while (end >= 0 && (piece.charAt(end) == ' ' || piece.charAt(end) == '\t')) {
            end--;
        }
        return end >= 0 && piece.charAt(end) == escape ? end : -1;
    }

    /** End of the whitespace-separated word starting at {@code start}, honouring quotes and the escape character. */
    static int wordEnd(String text, int start, char escapeCharacter) {
        int i = start;
        int length = text.length();
        char quote = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == escapeCharacter && quote == '"' && i + 1 < length) {
                    i += 2;
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == escapeCharacter && i + 1 < length) {
                i += 2;
                continue;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (isBlank(c)) {
                break;
            }
            i++;
        }
        return i;
    }

    /** Removes quotes and escape characters from one word. */
    static String unquote(String word, char escapeCharacter) {
        StringBuilder out = new StringBuilder(word.length());
        char quote = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    out.append(c);
                }
            } else if (c == escapeCharacter && i + 1 < word.length()) {
                out.append(word.charAt(++i));
            } else if (c == '"') {
                quote = quote == '"' ? 0 : '"';
            } else if (c == '\'' && quote == 0) {
                quote = '\'';
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0x0B;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static int skipBlanks(String text, int from) {
        int i = from;
        while (i < text.length() && isBlank(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int firstNonBlank(String line) {
        int i = skipBlanks(line, 0);
        return i < line.length() ? i : -1;
    }

    private static String stripTrailing(String piece) {
        int end = piece.length();
        while (end > 0 && isBlank(piece.charAt(end - 1))) {
            end--;
        }
        return piece.substring(0, end);
    }

    static String shorten(String text) {
        return text.length() <= MAX_QUOTED_LENGTH ? text : text.substring(0, MAX_QUOTED_LENGTH) + "…";
    }
}
