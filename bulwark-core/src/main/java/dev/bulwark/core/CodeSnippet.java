package dev.bulwark.core;

import java.util.List;

/** A few source lines around a finding, for reports. {@code firstLine} is the 1-based number of the first entry. */
public record CodeSnippet(int firstLine, List<String> lines) {
    public CodeSnippet {
        lines = List.copyOf(lines);
    }

    public static CodeSnippet empty() {
        return new CodeSnippet(1, List.of());
    }

    /** Cuts {@code context} lines either side of the 1-based range out of {@code allLines}. */
    public static CodeSnippet around(List<String> allLines, int startLine, int endLine, int context) {
        if (allLines.isEmpty() || startLine < 1) {
            return empty();
        }
        int from = Math.max(1, startLine - context);
        int to = Math.min(allLines.size(), Math.max(startLine, Math.min(endLine, startLine + 8)) + context);
        if (from > to) {
            return empty();
        }
        List<String> cut = allLines.subList(from - 1, to).stream()
                .map(line -> line.length() > 300 ? line.substring(0, 300) + "…" : line)
                .toList();
        return new CodeSnippet(from, cut);
    }
}
