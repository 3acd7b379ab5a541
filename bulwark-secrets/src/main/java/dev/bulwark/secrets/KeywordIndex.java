package dev.bulwark.secrets;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Finds every occurrence of a fixed set of lower-case keywords in one pass (Aho–Corasick), matching
 * ASCII letters case-insensitively.
 *
 * <p>Design: hand-written rather than a library because the automaton is small (a few hundred
 * keywords), the only Maven Central candidate in wide use (org.ahocorasick) builds a
 * {@code Map}-per-state trie and returns an object per hit, and the scanner needs neither:
 * it only wants, per keyword, the offsets where it ends. States are rows of a dense table over
 * the 128 ASCII codes (non-ASCII characters reset to the root, since keywords are ASCII), so the
 * scan is one array lookup per character, linear in the text whatever the keywords. Upper-case
 * columns repeat the lower-case ones, so the scan does not fold case; an entry is the next row's
 * offset in the table, negated (bitwise) when keywords end in that state, so the scan reads the
 * outputs only there. Over the ASCII start of a file it reads the file's bytes, which are its
 * characters, instead of the decoded text. Immutable and thread-safe once built.
 */
final class KeywordIndex {
    private static final int ALPHABET = 128;
    /** ASCII starts at least this long are read as two halves at once ({@link #scanHalves}). */
    static final int SPLIT_BYTES = 4096;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * Row {@code s} (at offset {@code s * 128}) holds, for each ASCII code, the next state's row
     * offset, or its bitwise complement when keywords end in that state.
     */
    private final int[] table;
    /** For each state, the keyword indexes that end there (including through suffix links). */
    private final int[][] outputs;
    private final int[] lengths;
    /** The length of the longest keyword. */
    private final int longest;

    KeywordIndex(List<String> keywords) {
        List<int[]> rows = new ArrayList<>();
        List<List<Integer>> ends = new ArrayList<>();
        rows.add(newRow());
        ends.add(new ArrayList<>());
        lengths = new int[keywords.size()];
        for (int k = 0; k < keywords.size(); k++) {
            String keyword = keywords.get(k);
            lengths[k] = keyword.length();
            int state = 0;
            for (int i = 0; i < keyword.length(); i++) {
                int c = fold(keyword.charAt(i));
                if (c < 0) {
                    throw new IllegalArgumentException("keyword '" + keyword + "' is not ASCII");
                }
                if (rows.get(state)[c] <= 0) {
                    rows.add(newRow());
                    ends.add(new ArrayList<>());
                    rows.get(state)[c] = rows.size() - 1;
                }
                state = rows.get(state)[c];
            }
            ends.get(state).add(k);
        }
        int states = rows.size();
        int[] failure = new int[states];
        int[] transitions = new int[states * ALPHABET];
        Deque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < ALPHABET; c++) {
            int next = rows.get(0)[c];
            if (next > 0) {
                failure[next] = 0;
                queue.add(next);
                transitions[c] = next;
            } else {
                transitions[c] = 0;
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            ends.get(state).addAll(ends.get(failure[state]));
            for (int c = 0; c < ALPHABET; c++) {
                int next = rows.get(state)[c];
                if (next > 0) {
                    failure[next] = transitions[failure[state] * ALPHABET + c];
                    queue.add(next);
                    transitions[state * ALPHABET + c] = next;
                } else {
                    transitions[state * ALPHABET + c] = transitions[failure[state] * ALPHABET + c];
                }
            }
        }
        longest = keywords.stream().mapToInt(String::length).max().orElse(1);
        outputs = new int[states][];
        for (int s = 0; s < states; s++) {
            outputs[s] = ends.get(s).stream().mapToInt(Integer::intValue).distinct().toArray();
        }
        table = new int[states * ALPHABET];
        for (int s = 0; s < states; s++) {
            for (int c = 0; c < ALPHABET; c++) {
                int next = transitions[s * ALPHABET + fold((char) c)];
                table[s * ALPHABET + c] = outputs[next].length > 0 ? ~(next * ALPHABET) : next * ALPHABET;
            }
        }
    }

    private static int[] newRow() {
        int[] row = new int[ALPHABET];
        Arrays.fill(row, -1);
        return row;
    }

    private static int fold(char c) {
        if (c >= ALPHABET) {
            return -1;
        }
        if (c >= 'A' && c <= 'Z') {
            return c + ('a' - 'A');
        }
        return c;
    }

    /** Receives keyword occurrences: the keyword's index and the offset where it starts. */
    interface Hits {
        /** Returns false to stop the scan. */
        boolean hit(int keyword, int start);
    }

    /** Reports every occurrence of every keyword in {@code text}, in order of their end offset. */
    void scan(CharSequence text, Hits hits) {
        scan(text, null, hits);
    }

    /**
     * Reports every occurrence of every keyword in {@code text}. {@code utf8} is null or the UTF-8
     * bytes {@code text} was decoded from: up to its first non-ASCII byte, bytes and characters are
     * the same, and the scan reads the bytes. Without bytes hits come in order of their end offset;
     * with bytes of at least {@link #SPLIT_BYTES} ASCII characters, the two halves of the ASCII
     * part are read in one loop, so hits of the two halves interleave (each half in order).
     */
    void scan(CharSequence text, byte[] utf8, Hits hits) {
        int i = 0;
        if (utf8 != null) {
            int ascii = asciiPrefix(utf8);
            boolean going = ascii >= SPLIT_BYTES ? scanHalves(utf8, ascii, hits) : scanBytes(utf8, ascii, hits);
            if (!going) {
                return;
            }
            i = ascii;
        }
        int entry = 0;
        int length = text.length();
        for (; i < length; i++) {
            char c = text.charAt(i);
            if (c >= ALPHABET) {
                entry = 0;
                continue;
            }
            entry = table[(entry ^ (entry >> 31)) + c];
            if (entry < 0 && !report(~entry / ALPHABET, i, hits)) {
                return;
            }
        }
    }

    /** The length of the ASCII start of {@code utf8}, read eight bytes at a time. */
    static int asciiPrefix(byte[] utf8) {
        int i = 0;
        for (int last = utf8.length - Long.BYTES; i <= last; i += Long.BYTES) {
            if (((long) LONGS.get(utf8, i) & 0x8080808080808080L) != 0) {
                break;
            }
        }
        while (i < utf8.length && utf8[i] >= 0) {
            i++;
        }
        return i;
    }

    /** Reads the ASCII {@code utf8[0, ascii)} from the root; false when the receiver stopped the scan. */
    private boolean scanBytes(byte[] utf8, int ascii, Hits hits) {
        int entry = 0;
        for (int i = 0; i < ascii; i++) {
            entry = table[(entry ^ (entry >> 31)) + utf8[i]];
            if (entry < 0 && !report(~entry / ALPHABET, i, hits)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads the ASCII {@code utf8[0, ascii)} as two halves in one loop: the automaton is a chain of
     * dependent table reads, and two independent chains keep the processor busy where one waits
     * on memory. The second half starts {@code longest - 1} characters early, which is enough to be
     * in the same state as a single pass at the half's first character (a state is never deeper
     * than the longest keyword), and reports only hits ending in its half.
     */
    private boolean scanHalves(byte[] utf8, int ascii, Hits hits) {
        int middle = ascii / 2;
        int second = Math.max(0, middle - (longest - 1));
        int first = 0;
        int entryFirst = 0;
        int entrySecond = 0;
        for (; first < middle; first++, second++) {
            entryFirst = table[(entryFirst ^ (entryFirst >> 31)) + utf8[first]];
            entrySecond = table[(entrySecond ^ (entrySecond >> 31)) + utf8[second]];
            if (entryFirst < 0 && !report(~entryFirst / ALPHABET, first, hits)) {
                return false;
            }
            if (entrySecond < 0 && second >= middle && !report(~entrySecond / ALPHABET, second, hits)) {
                return false;
            }
        }
        for (; second < ascii; second++) {
            entrySecond = table[(entrySecond ^ (entrySecond >> 31)) + utf8[second]];
            if (entrySecond < 0 && second >= middle && !report(~entrySecond / ALPHABET, second, hits)) {
                return false;
            }
        }
        return true;
    }

    /** Reports the keywords that end at {@code end} in {@code state}; false when the receiver stops the scan. */
    private boolean report(int state, int end, Hits hits) {
        for (int k : outputs[state]) {
            if (!hits.hit(k, end + 1 - lengths[k])) {
                return false;
            }
        }
        return true;
    }
}
