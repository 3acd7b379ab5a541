package dev.bulwark.detect.sigma;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled {@link Glob}: matches a whole text, case-folded unless cased.
 *
 * <p>Design: most Sigma values are an exact string, a prefix, a suffix or a substring, so those
 * shapes get {@code equals}/{@code startsWith}/{@code endsWith}/{@code indexOf}. Anything else runs
 * the greedy wildcard algorithm that backtracks only to the last {@code *}: time O(text × pattern)
 * at worst, never exponential, no regex engine. {@code ?} consumes one code point.
 */
final class GlobMatcher {
    private static final int ANY_RUN = -1;
    private static final int ANY_ONE = -2;
    private static final int DASH = -3;

    private enum Shape { EXACT, PREFIX, SUFFIX, CONTAINS, ANYTHING, GENERAL }

    private final Shape shape;
    private final String literal;
    private final int[] tokens;
    private final boolean cased;
    private final String source;

    private GlobMatcher(Shape shape, String literal, int[] tokens, boolean cased, String source) {
        this.shape = shape;
        this.literal = literal;
        this.tokens = tokens;
        this.cased = cased;
        this.source = source;
    }

    static GlobMatcher compile(Glob glob, boolean cased) {
        List<Glob.Part> parts = new ArrayList<>();
        for (Glob.Part part : glob.parts()) {
            if (part instanceof Glob.Placeholder placeholder) {
                throw new IllegalStateException("unexpanded placeholder " + placeholder.name());
            }
            if (part instanceof Glob.AnyRun && !parts.isEmpty() && parts.get(parts.size() - 1) instanceof Glob.AnyRun) {
                continue;
            }
            if (part instanceof Glob.Literal literal && !cased) {
                parts.add(new Glob.Literal(CaseFold.fold(literal.text())));
            } else {
                parts.add(part);
            }
        }
        String source = glob.toString();
        int size = parts.size();
        if (size == 0) {
            return new GlobMatcher(Shape.EXACT, "", null, cased, source);
        }
        if (size == 1 && parts.get(0) instanceof Glob.Literal only) {
            return new GlobMatcher(Shape.EXACT, only.text(), null, cased, source);
        }
        if (size == 1 && parts.get(0) instanceof Glob.AnyRun) {
            return new GlobMatcher(Shape.ANYTHING, "", null, cased, source);
        }
        if (size == 2 && parts.get(0) instanceof Glob.Literal first && parts.get(1) instanceof Glob.AnyRun) {
            return new GlobMatcher(Shape.PREFIX, first.text(), null, cased, source);
        }
        if (size == 2 && parts.get(0) instanceof Glob.AnyRun && parts.get(1) instanceof Glob.Literal last) {
            return new GlobMatcher(Shape.SUFFIX, last.text(), null, cased, source);
        }
        if (size == 3 && parts.get(0) instanceof Glob.AnyRun && parts.get(1) instanceof Glob.Literal middle
                && parts.get(2) instanceof Glob.AnyRun) {
            return new GlobMatcher(Shape.CONTAINS, middle.text(), null, cased, source);
        }
        List<Integer> tokens = new ArrayList<>();
        for (Glob.Part part : parts) {
            if (part instanceof Glob.Literal literal) {
                for (int i = 0; i < literal.text().length(); i++) {
                    tokens.add((int) literal.text().charAt(i));
                }
            } else if (part instanceof Glob.AnyRun) {
                tokens.add(ANY_RUN);
            } else if (part instanceof Glob.AnyOne) {
                tokens.add(ANY_ONE);
            } else {
                tokens.add(DASH);
            }
        }
        int[] array = new int[tokens.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = tokens.get(i);
        }
        return new GlobMatcher(Shape.GENERAL, "", array, cased, source);
    }

    /** The exact text this matcher accepts (folded unless cased), or null when it has wildcards. */
    String exactText() {
        return shape == Shape.EXACT ? literal : null;
    }

    boolean matches(String text) {
        return matchesPrepared(cased ? text : CaseFold.fold(text));
    }

    boolean cased() {
        return cased;
    }

    /** Matches a text already folded when this matcher is not cased. */
    boolean matchesPrepared(String subject) {
        return switch (shape) {
            case EXACT -> subject.equals(literal);
            case PREFIX -> subject.startsWith(literal);
            case SUFFIX -> subject.endsWith(literal);
            case CONTAINS -> subject.contains(literal);
            case ANYTHING -> true;
            case GENERAL -> matchesGeneral(subject);
        };
    }

    private boolean matchesGeneral(String text) {
        int length = text.length();
        int token = 0;
        int position = 0;
        int starToken = -1;
        int starPosition = 0;
        while (position < length) {
            if (token < tokens.length) {
                int expected = tokens[token];
                char c = text.charAt(position);
                if (expected >= 0 && expected == c) {
                    token++;
                    position++;
                    continue;
                }
                if (expected == ANY_ONE) {
                    token++;
                    position += Character.charCount(text.codePointAt(position));
                    continue;
                }
                if (expected == DASH && Glob.DASHES.indexOf(c) >= 0) {
                    token++;
                    position++;
                    continue;
                }
                if (expected == ANY_RUN) {
                    starToken = token++;
                    starPosition = position;
                    continue;
                }
            }
            if (starToken < 0) {
                return false;
            }
            token = starToken + 1;
            starPosition += Character.charCount(text.codePointAt(starPosition));
            position = starPosition;
        }
        while (token < tokens.length && tokens[token] == ANY_RUN) {
            token++;
        }
        return token == tokens.length;
    }

    @Override
    public String toString() {
        return source;
    }
}
