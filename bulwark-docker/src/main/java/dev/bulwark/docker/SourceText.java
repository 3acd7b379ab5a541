package dev.bulwark.docker;

import java.util.Arrays;

/**
 * Text assembled from pieces of source lines (an instruction joined across line continuations, or
 * a heredoc body), which still knows the line and column every character came from.
 */
final class SourceText {
    private final String text;
    private final int[] offsets;
    private final int[] lines;
    private final int[] columns;

    private SourceText(String text, int[] offsets, int[] lines, int[] columns) {
        this.text = text;
        this.offsets = offsets;
        this.lines = lines;
        this.columns = columns;
    }

    String text() {
        return text;
    }

    /** The 1-based line of the character at {@code offset} (clamped to the text). */
    int lineAt(int offset) {
        return lines[segment(offset)];
    }

    /** The 1-based column of the character at {@code offset} (clamped to the text). */
    int columnAt(int offset) {
        int segment = segment(offset);
        return columns[segment] + Math.max(0, offset - offsets[segment]);
    }

    /** The text from {@code start} on, keeping the position of every character. */
    SourceText suffix(int start) {
        int from = Math.min(Math.max(0, start), text.length());
        int first = segment(from);
        int count = offsets.length - first;
        int[] newOffsets = new int[count];
        int[] newLines = Arrays.copyOfRange(lines, first, offsets.length);
        int[] newColumns = Arrays.copyOfRange(columns, first, offsets.length);
        for (int i = 0; i < count; i++) {
            newOffsets[i] = Math.max(0, offsets[first + i] - from);
        }
        newColumns[0] = columns[first] + (from - offsets[first]);
        return new SourceText(text.substring(from), newOffsets, newLines, newColumns);
    }

    private int segment(int offset) {
        int found = Arrays.binarySearch(offsets, offset);
        if (found >= 0) {
            // Several empty pieces may start at the same offset; the last one holds the character.
            while (found + 1 < offsets.length && offsets[found + 1] == offset) {
                found++;
            }
            return found;
        }
        return Math.max(0, -found - 2);
    }

    /** Collects pieces in order. */
    static final class Builder {
        private final StringBuilder text = new StringBuilder();
        private int[] offsets = new int[4];
        private int[] lines = new int[4];
        private int[] columns = new int[4];
        private int size;

        /** Appends {@code piece}, whose first character sits at {@code line}:{@code column}. */
        Builder append(String piece, int line, int column) {
            if (size == offsets.length) {
                offsets = Arrays.copyOf(offsets, size * 2);
                lines = Arrays.copyOf(lines, size * 2);
                columns = Arrays.copyOf(columns, size * 2);
            }
            offsets[size] = text.length();
            lines[size] = line;
            columns[size] = column;
            size++;
            text.append(piece);
            return this;
        }

        int length() {
            return text.length();
        }

        SourceText build() {
            if (size == 0) {
                return new SourceText("", new int[] {0}, new int[] {1}, new int[] {1});
            }
            return new SourceText(text.toString(), Arrays.copyOf(offsets, size), Arrays.copyOf(lines, size),
                    Arrays.copyOf(columns, size));
        }
    }
}
