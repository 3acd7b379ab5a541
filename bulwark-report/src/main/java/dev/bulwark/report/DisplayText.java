package dev.bulwark.report;

/**
 * Makes untrusted text safe for an output medium. Finding messages, snippets and resource names
 * come from the scanned files, which an attacker may write: on a terminal an escape sequence can
 * rewrite the screen or the window title, in XML a control character makes the whole report
 * unreadable, in HTML markup runs as script.
 */
final class DisplayText {
    static final char REPLACEMENT = '\uFFFD';

    private DisplayText() {}

    /**
     * One terminal line: line breaks and tabs become spaces; other control characters (ESC among
     * them) and bidirectional overrides become {@code U+FFFD}, so nothing in the text reaches the
     * terminal as a command or reorders what is shown.
     */
    static String terminalLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
            } else if (Character.isISOControl(c) || isBidiControl(c)) {
                out.append(REPLACEMENT);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Drops what XML 1.0 cannot hold: control characters other than tab and line breaks, unpaired surrogates, U+FFFE/U+FFFF. */
    static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(i + 1));
                i++;
            } else if (isXmlChar(c)) {
                out.append(c);
            } else {
                out.append(REPLACEMENT);
            }
        }
        return out.toString();
    }

    /** Escapes HTML markup characters (for text and quoted attribute values) and replaces characters XML cannot hold. */
    static String html(String text) {
        String clean = xml(text);
        StringBuilder out = new StringBuilder(clean.length() + 16);
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isXmlChar(char c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return true;
        }
        if (c < 0x20 || Character.isSurrogate(c)) {
            return false;
        }
        return c != '\uFFFE' && c != '\uFFFF';
    }

    private static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F'
                || c == '\u061C';
    }
}
