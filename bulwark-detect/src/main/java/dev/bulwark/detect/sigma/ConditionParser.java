package dev.bulwark.detect.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a Sigma condition into a {@link Condition} over compiled search identifiers.
 *
 * <p>Grammar, loosest first (the specification's precedence: or, and, not, x of, parentheses):
 * <pre>
 *   or      := and ("or" and)*
 *   and     := not ("and" not)*
 *   not     := "not" not | primary
 *   primary := "(" or ")" | ("1" | "any" | "all") "of" (pattern | "them") | identifier
 * </pre>
 * Keywords are matched without regard to case. {@code them} stands for every identifier not
 * starting with {@code _}; a pattern's {@code *} matches any run of characters. {@code 1 of} is an
 * OR, {@code all of} an AND of the identifiers, each with its own map/list semantics. Recursive
 * descent with a depth limit, so hostile nesting is a located error, not a stack overflow.
 */
final class ConditionParser {
    private final String text;
    private final Map<String, Selection> identifiers;
    private final int maxDepth;
    private final List<Token> tokens = new ArrayList<>();
    private int next;
    private int depth;

    private record Token(String text, int position) {}

    private ConditionParser(String text, Map<String, Selection> identifiers, int maxDepth) {
        this.text = text;
        this.identifiers = identifiers;
        this.maxDepth = maxDepth;
    }

    /**
     * @param identifiers the search identifiers in definition order
     * @throws SigmaSyntaxException with the position (1-based) inside the condition
     */
    static Condition parse(String text, Map<String, Selection> identifiers, int maxDepth) {
        ConditionParser parser = new ConditionParser(text, identifiers, maxDepth);
        parser.tokenize();
        if (parser.tokens.isEmpty()) {
            throw new SigmaSyntaxException("the condition is empty");
        }
        Condition condition = parser.parseOr();
        if (parser.next < parser.tokens.size()) {
            Token token = parser.tokens.get(parser.next);
            throw parser.error(token, "unexpected '" + token.text() + "'");
        }
        return condition;
    }

    private void tokenize() {
        int index = 0;
        while (index < text.length()) {
            char c = text.charAt(index);
            if (Character.isWhitespace(c)) {
                index++;
            } else if (c == '(' || c == ')') {
                tokens.add(new Token(String.valueOf(c), index));
                index++;
            } else if (isWordCharacter(c)) {
                int start = index;
                while (index < text.length() && isWordCharacter(text.charAt(index))) {
                    index++;
                }
                tokens.add(new Token(text.substring(start, index), start));
            } else {
                throw new SigmaSyntaxException("unexpected character '" + c + "' at position " + (index + 1) + " of the condition");
            }
        }
    }

    private static boolean isWordCharacter(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '*' || c == '-' || c == '.';
    }

    private SigmaSyntaxException error(Token token, String message) {
        return new SigmaSyntaxException(message + " at position " + (token.position() + 1) + " of the condition");
    }

    private SigmaSyntaxException endError(String message) {
        return new SigmaSyntaxException(message + " at the end of the condition");
    }

    private boolean atKeyword(String keyword) {
        return next < tokens.size() && tokens.get(next).text().toLowerCase(Locale.ROOT).equals(keyword);
    }

    private Condition parseOr() {
        List<Condition> operands = new ArrayList<>();
        operands.add(parseAnd());
        while (atKeyword("or")) {
            next++;
            operands.add(parseAnd());
        }
        return operands.size() == 1 ? operands.get(0) : new Condition.Or(operands);
    }

    private Condition parseAnd() {
        List<Condition> operands = new ArrayList<>();
        operands.add(parseNot());
        while (atKeyword("and")) {
            next++;
            operands.add(parseNot());
        }
        return operands.size() == 1 ? operands.get(0) : new Condition.And(operands);
    }

    private Condition parseNot() {
        if (atKeyword("not")) {
            Token token = tokens.get(next++);
            enter(token);
            Condition operand = parseNot();
            depth--;
            return new Condition.Not(operand);
        }
        return parsePrimary();
    }

    private void enter(Token token) {
        if (++depth > maxDepth) {
            throw error(token, "condition nested deeper than " + maxDepth + " levels");
        }
    }

    private Condition parsePrimary() {
        if (next >= tokens.size()) {
            throw endError("expected an identifier, 'not', 'x of' or '('");
        }
        Token token = tokens.get(next++);
        String word = token.text();
        String lower = word.toLowerCase(Locale.ROOT);
        if (word.equals("(")) {
            enter(token);
            Condition inner = parseOr();
            depth--;
            if (next >= tokens.size()) {
                throw new SigmaSyntaxException("missing ')' for the '(' at position " + (token.position() + 1) + " of the condition");
            }
            Token close = tokens.get(next++);
            if (!close.text().equals(")")) {
                throw error(close, "expected ')' but found '" + close.text() + "'");
            }
            return inner;
        }
        if (word.equals(")")) {
            throw error(token, "unexpected ')'");
        }
        if (lower.equals("and") || lower.equals("or") || lower.equals("of") || lower.equals("them")) {
            throw error(token, "expected an identifier but found '" + word + "'");
        }
        if (atKeyword("of")) {
            next++;
            boolean all;
            if (lower.equals("all")) {
                all = true;
            } else if (lower.equals("1") || lower.equals("any")) {
                all = false;
            } else {
                throw error(token, "'" + word + " of' is not Sigma: write '1 of' or 'all of'");
            }
            if (next >= tokens.size()) {
                throw endError("expected an identifier pattern or 'them' after 'of'");
            }
            Token target = tokens.get(next++);
            return quantifier(all, target);
        }
        if (word.indexOf('*') >= 0) {
            throw error(token, "the pattern '" + word + "' needs '1 of' or 'all of' before it");
        }
        Selection selection = identifiers.get(word);
        if (selection == null) {
            throw error(token, "undefined search identifier '" + word + "'");
        }
        return new Condition.Reference(word, selection);
    }

    private Condition quantifier(boolean all, Token target) {
        String pattern = target.text();
        boolean them = pattern.toLowerCase(Locale.ROOT).equals("them");
        if (pattern.equals("(") || pattern.equals(")")) {
            throw error(target, "expected an identifier pattern or 'them' after 'of'");
        }
        GlobMatcher glob = them ? null : GlobMatcher.compile(Glob.parse(pattern, false), true);
        List<Condition> operands = new ArrayList<>();
        for (Map.Entry<String, Selection> entry : identifiers.entrySet()) {
            String name = entry.getKey();
            boolean selected = them ? !name.startsWith("_") : glob.matches(name);
            if (selected) {
                operands.add(new Condition.Reference(name, entry.getValue()));
            }
        }
        if (operands.isEmpty()) {
            throw error(target, them ? "'them' names no search identifier" : "'" + pattern + "' matches no search identifier");
        }
        if (operands.size() == 1) {
            return operands.get(0);
        }
        return all ? new Condition.And(operands) : new Condition.Or(operands);
    }
}
