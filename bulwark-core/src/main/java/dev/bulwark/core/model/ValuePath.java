package dev.bulwark.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The path of a value inside a resource document, as rules report it:
 * {@code spec.containers[0].securityContext} or {@code metadata.annotations["a.b/c"]}.
 *
 * <p>Segments are keys (strings) or list indexes (integers).
 */
public final class ValuePath {
    private ValuePath() {}

    /**
     * Splits a path into segments. Malformed paths yield the segments that could be read before the
     * problem; a path is a rule's output, so a bad one degrades the location rather than failing.
     */
    public static List<Object> parse(String path) {
        List<Object> segments = new ArrayList<>();
        int length = path.length();
        int index = 0;
        StringBuilder key = new StringBuilder();
        while (index < length) {
            char c = path.charAt(index);
            if (c == '.') {
                flush(key, segments);
                index++;
            } else if (c == '[') {
                flush(key, segments);
                int close = path.indexOf(']', index);
                if (close < 0) {
                    return segments;
                }
                String inner = path.substring(index + 1, close).trim();
                if (inner.length() >= 2 && (inner.startsWith("\"") || inner.startsWith("'"))) {
                    int quoteEnd = findQuoteEnd(path, index + 1);
                    if (quoteEnd < 0) {
                        return segments;
                    }
                    segments.add(path.substring(index + 2, quoteEnd));
                    close = path.indexOf(']', quoteEnd);
                    if (close < 0) {
                        return segments;
                    }
                } else {
                    try {
                        segments.add(Integer.parseInt(inner));
                    } catch (NumberFormatException e) {
                        segments.add(inner);
                    }
                }
                index = close + 1;
            } else {
                key.append(c);
                index++;
            }
        }
        flush(key, segments);
        return segments;
    }

    private static int findQuoteEnd(String path, int openQuote) {
        char quote = path.charAt(openQuote);
        return path.indexOf(quote, openQuote + 1);
    }

    private static void flush(StringBuilder key, List<Object> segments) {
        if (key.length() > 0) {
            segments.add(key.toString());
            key.setLength(0);
        }
    }

    /** Appends a key segment, quoting it when it is not a plain identifier. */
    public static String child(String parent, String key) {
        boolean plain = !key.isEmpty();
        for (int i = 0; i < key.length() && plain; i++) {
            char c = key.charAt(i);
            plain = Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '$';
        }
        String segment = plain ? key : "[\"" + key + "\"]";
        if (parent.isEmpty()) {
            return segment;
        }
        return plain ? parent + "." + segment : parent + segment;
    }

    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
