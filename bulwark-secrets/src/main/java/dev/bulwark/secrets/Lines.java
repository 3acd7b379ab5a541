package dev.bulwark.secrets;

import java.util.Arrays;

/** Line starts of a text, to turn offsets into 1-based lines and columns. */
final class Lines {
    private final int[] starts;
    private final int count;

    Lines(String text) {
        int[] found = new int[64];
        int size = 1;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            if (size == found.length) {
                found = Arrays.copyOf(found, size * 2);
            }
            found[size++] = i + 1;
        }
        this.starts = found;
        this.count = size;
    }

    /** The 1-based line holding {@code offset}. */
    int lineOf(int offset) {
        int index = Arrays.binarySearch(starts, 0, count, offset);
        return index >= 0 ? index + 1 : -index - 1;
    }

    /** The offset where 1-based {@code line} starts. */
    int startOf(int line) {
        return starts[Math.min(Math.max(line, 1), count) - 1];
    }

    /** The offset of the line end (its newline, or the end of the text) of 1-based {@code line}. */
    int endOf(int line, String text) {
        return line < count ? starts[line] - 1 : text.length();
    }

    /** The 1-based column of {@code offset}, in code points. */
    int columnOf(String text, int offset) {
        int start = startOf(lineOf(offset));
        return text.codePointCount(start, offset) + 1;
    }
}
