package dev.bulwark.aws.hcl;

import dev.bulwark.aws.hcl.Expression.Binary;
import dev.bulwark.aws.hcl.Expression.Call;
import dev.bulwark.aws.hcl.Expression.Conditional;
import dev.bulwark.aws.hcl.Expression.For;
import dev.bulwark.aws.hcl.Expression.GetAttr;
import dev.bulwark.aws.hcl.Expression.Index;
import dev.bulwark.aws.hcl.Expression.Literal;
import dev.bulwark.aws.hcl.Expression.ObjectCons;
import dev.bulwark.aws.hcl.Expression.ObjectItem;
import dev.bulwark.aws.hcl.Expression.Operator;
import dev.bulwark.aws.hcl.Expression.Parens;
import dev.bulwark.aws.hcl.Expression.Splat;
import dev.bulwark.aws.hcl.Expression.SplatItem;
import dev.bulwark.aws.hcl.Expression.Template;
import dev.bulwark.aws.hcl.Expression.TemplateFor;
import dev.bulwark.aws.hcl.Expression.TemplateIf;
import dev.bulwark.aws.hcl.Expression.TemplateInterpolation;
import dev.bulwark.aws.hcl.Expression.TemplateLiteral;
import dev.bulwark.aws.hcl.Expression.TemplatePart;
import dev.bulwark.aws.hcl.Expression.Tuple;
import dev.bulwark.aws.hcl.Expression.Unary;
import dev.bulwark.aws.hcl.Expression.Variable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A parser for the HCL2 native syntax (Terraform's {@code .tf} and {@code .tfvars} files) that
 * keeps the exact position of every body item and expression.
 *
 * <p>Design: the libraries we looked at evaluate while parsing or lose positions, and a scanner
 * needs both the unevaluated expression (to evaluate it per module instance, with unknowns) and
 * the line of each attribute. This is a scannerless recursive-descent parser: templates nest
 * expressions inside strings, which a separate tokenizer would have to track as modes anyway.
 * Newlines end attributes and object items, and are ordinary whitespace inside parentheses,
 * brackets and interpolations, as the HCL specification says. Nesting is limited, so hostile
 * input fails with a located message instead of a stack overflow.
 *
 * <p>Not thread-safe; create one per file (cheap).
 */
public final class HclParser {
    private static final int MAX_DEPTH = 200;

    private final String text;
    private final int length;
    private final int lineOffset;
    private final int columnOffset;
    /** Whether {@code columnOffset} applies to every line (a de-indented heredoc) or only the first. */
    private final boolean offsetAllLines;
    private int position;
    private int line = 1;
    private int column = 1;
    private int depth;

    private HclParser(String text, int lineOffset, int columnOffset) {
        this(text, lineOffset, columnOffset, false);
    }

    private HclParser(String text, int lineOffset, int columnOffset, boolean offsetAllLines) {
        this.text = text;
        this.length = text.length();
        this.lineOffset = lineOffset;
        this.columnOffset = columnOffset;
        this.offsetAllLines = offsetAllLines;
    }

    /** Parses a whole file (a body of attributes and blocks). */
    public static Body parseFile(String text) throws HclException {
        HclParser parser = new HclParser(stripBom(text), 0, 0);
        try {
            return parser.body(false);
        } catch (StackOverflowError e) {
            throw new HclException("nesting too deep", parser.currentLine(), parser.currentColumn());
        }
    }

    /** Parses one expression (a {@code --var} value, a template in Terraform JSON). */
    public static Expression parseExpression(String text) throws HclException {
        HclParser parser = new HclParser(text, 0, 0);
        parser.skipSpace(true);
        Expression expression;
        try {
            expression = parser.expression(false);
        } catch (StackOverflowError e) {
            throw new HclException("nesting too deep", parser.currentLine(), parser.currentColumn());
        }
        parser.skipSpace(true);
        if (!parser.atEnd()) {
            throw parser.error("unexpected " + parser.describeNext() + " after the expression");
        }
        return expression;
    }

    /**
     * Parses {@code text} as the inside of a template (as in a quoted string without the quotes),
     * placed at {@code line}:{@code column} of its file. Used for Terraform JSON strings.
     */
    public static Expression parseTemplate(String text, int line, int column) throws HclException {
        HclParser parser = new HclParser(text, line - 1, column - 1);
        int[] start = parser.mark();
        try {
            List<TemplatePart> parts = parser.templateParts(TemplateEnd.EOF, false);
            return simplifyTemplate(parts, parser.rangeFrom(start));
        } catch (StackOverflowError e) {
            throw new HclException("nesting too deep", parser.currentLine(), parser.currentColumn());
        }
    }

    private static String stripBom(String text) {
        return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    }

    // ---------------------------------------------------------------- positions

    private int currentLine() {
        return line + lineOffset;
    }

    private int currentColumn() {
        return line == 1 || offsetAllLines ? column + columnOffset : column;
    }

    private int[] mark() {
        return new int[] {currentLine(), currentColumn()};
    }

    private Range rangeFrom(int[] start) {
        return new Range(start[0], start[1], currentLine(), currentColumn());
    }

    private HclException error(String message) {
        return new HclException(message, currentLine(), currentColumn());
    }

    private boolean atEnd() {
        return position >= length;
    }

    private char peek() {
        return position < length ? text.charAt(position) : '\0';
    }

    private char peek(int ahead) {
        int index = position + ahead;
        return index < length ? text.charAt(index) : '\0';
    }

    private void advance() {
        char c = text.charAt(position++);
        if (c == '\n') {
            line++;
            column = 1;
        } else if (!Character.isLowSurrogate(c)) {
            column++;
        }
    }

    private void advance(int count) {
        for (int i = 0; i < count; i++) {
            advance();
        }
    }

    private boolean lookingAt(String expected) {
        return text.startsWith(expected, position);
    }

    private String describeNext() {
        if (atEnd()) {
            return "end of file";
        }
        char c = peek();
        if (c == '\n') {
            return "newline";
        }
        return "'" + c + "'";
    }

    private void enter() throws HclException {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void leave() {
        depth--;
    }

    /**
     * Skips blanks and comments. With {@code newlines}, newlines are skipped too; otherwise
     * skipping stops before a newline (a line comment is skipped up to its newline).
     */
    private void skipSpace(boolean newlines) {
        while (position < length) {
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\r') {
                advance();
            } else if (c == '\n') {
                if (!newlines) {
                    return;
                }
                advance();
            } else if (c == '#' || (c == '/' && peek(1) == '/')) {
                while (position < length && peek() != '\n') {
                    advance();
                }
            } else if (c == '/' && peek(1) == '*') {
                int close = text.indexOf("*/", position + 2);
                int end = close < 0 ? length : close + 2;
                if (!newlines && text.substring(position, end).indexOf('\n') >= 0) {
                    // A block comment spanning lines ends the line it starts on.
                    while (position < end) {
                        advance();
                    }
                    return;
                }
                while (position < end) {
                    advance();
                }
            } else {
                return;
            }
        }
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    private String identifier() throws HclException {
        if (!isIdentifierStart(peek())) {
            throw error("expected a name, found " + describeNext());
        }
        int start = position;
        while (position < length && isIdentifierPart(peek())) {
            advance();
        }
        return text.substring(start, position);
    }

    // ---------------------------------------------------------------- bodies

    /** A body up to the end of the file, or (when {@code inBlock}) up to its closing brace. */
    private Body body(boolean inBlock) throws HclException {
        enter();
        int[] start = mark();
        List<Body.Attribute> attributes = new ArrayList<>();
        List<Body.Block> blocks = new ArrayList<>();
        Set<String> attributeNames = new HashSet<>();
        while (true) {
            skipSpace(true);
            if (atEnd()) {
                if (inBlock) {
                    throw error("missing '}' to close the block");
                }
                break;
            }
            if (inBlock && peek() == '}') {
                break;
            }
            int[] itemStart = mark();
            String name = identifier();
            Range nameRange = rangeFrom(itemStart);
            skipSpace(false);
            if (peek() == '=' && peek(1) != '=') {
                advance();
                skipSpace(false);
                if (peek() == '\n' || atEnd()) {
                    throw error("missing value for attribute '" + name + "'");
                }
                Expression value = expression(true);
                Range range = rangeFrom(itemStart);
                if (!attributeNames.add(name)) {
                    throw new HclException("attribute '" + name + "' is set twice in the same block", itemStart[0], itemStart[1]);
                }
                attributes.add(new Body.Attribute(name, value, range, nameRange));
                endOfItem(inBlock);
            } else {
                List<String> labels = new ArrayList<>();
                while (peek() == '"' || isIdentifierStart(peek())) {
                    labels.add(peek() == '"' ? quotedLabel() : identifier());
                    skipSpace(false);
                }
                if (peek() != '{') {
                    throw error("expected '=' or '{' after '" + name + "', found " + describeNext());
                }
                advance();
                Body inner = body(true);
                advance(); // the closing brace
                Range range = rangeFrom(itemStart);
                blocks.add(new Body.Block(name, labels, new Body(inner.attributes(), inner.blocks(), inner.range()), range));
                endOfItem(inBlock);
            }
        }
        leave();
        return new Body(attributes, blocks, rangeFrom(start));
    }

    /** After an attribute or block: a newline, the end of the file, or the closing brace of a one-line block. */
    private void endOfItem(boolean inBlock) throws HclException {
        skipSpace(false);
        if (atEnd() || peek() == '\n' || (inBlock && peek() == '}')) {
            return;
        }
        throw error("unexpected " + describeNext() + "; each attribute and block must end with a newline");
    }

    private String quotedLabel() throws HclException {
        int[] start = mark();
        advance();
        StringBuilder label = new StringBuilder();
        while (true) {
            if (atEnd() || peek() == '\n') {
                throw new HclException("unterminated block label", start[0], start[1]);
            }
            char c = peek();
            if (c == '"') {
                advance();
                return label.toString();
            }
            if (c == '\\') {
                label.append(escape());
            } else {
                label.append(c);
                advance();
            }
        }
    }

    // ---------------------------------------------------------------- expressions

    /**
     * An expression. With {@code newlineEnds}, a newline (outside brackets) ends it, as in an
     * attribute or an object item.
     */
    private Expression expression(boolean newlineEnds) throws HclException {
        enter();
        try {
            int[] start = mark();
            Expression condition = binary(0, newlineEnds);
            skipSpace(!newlineEnds);
            if (peek() == '?') {
                advance();
                skipSpace(!newlineEnds);
                Expression whenTrue = expression(newlineEnds);
                skipSpace(!newlineEnds);
                if (peek() != ':') {
                    throw error("expected ':' in the conditional, found " + describeNext());
                }
                advance();
                skipSpace(!newlineEnds);
                Expression whenFalse = expression(newlineEnds);
                return new Conditional(condition, whenTrue, whenFalse, rangeFrom(start));
            }
            return condition;
        } finally {
            leave();
        }
    }

    private static final Operator[][] LEVELS = {
        {Operator.OR},
        {Operator.AND},
        {Operator.EQUAL, Operator.NOT_EQUAL},
        {Operator.GREATER_EQUAL, Operator.LESS_EQUAL, Operator.GREATER, Operator.LESS},
        {Operator.ADD, Operator.SUBTRACT},
        {Operator.MULTIPLY, Operator.DIVIDE, Operator.MODULO},
    };

    private Expression binary(int level, boolean newlineEnds) throws HclException {
        if (level == LEVELS.length) {
            return unary(newlineEnds);
        }
        int[] start = mark();
        Expression left = binary(level + 1, newlineEnds);
        while (true) {
            int savedPosition = position;
            int savedLine = line;
            int savedColumn = column;
            skipSpace(!newlineEnds);
            Operator operator = operatorAt(LEVELS[level]);
            if (operator == null) {
                position = savedPosition;
                line = savedLine;
                column = savedColumn;
                return left;
            }
            advance(operator.symbol().length());
            skipSpace(!newlineEnds);
            Expression right = binary(level + 1, newlineEnds);
            left = new Binary(operator, left, right, rangeFrom(start));
        }
    }

    private Operator operatorAt(Operator[] candidates) {
        for (Operator operator : candidates) {
            if (lookingAt(operator.symbol())) {
                // '=>' and '==' must not read as '=', '>' as '>=', '-' in '->' is not an HCL operator anyway.
                if (operator == Operator.GREATER && peek(1) == '=') {
                    continue;
                }
                if (operator == Operator.LESS && (peek(1) == '=' || peek(1) == '<')) {
                    continue;
                }
                if ((operator == Operator.MULTIPLY || operator == Operator.DIVIDE) && (peek(1) == '/' || peek(1) == '*')) {
                    // a comment, not an operator
                    continue;
                }
                return operator;
            }
        }
        return null;
    }

    private Expression unary(boolean newlineEnds) throws HclException {
        int[] start = mark();
        if (peek() == '!') {
            advance();
            skipSpace(!newlineEnds);
            enter();
            Expression operand = unary(newlineEnds);
            leave();
            return new Unary(Operator.NOT, operand, rangeFrom(start));
        }
        if (peek() == '-' && !Character.isDigit(peek(1))) {
            advance();
            skipSpace(!newlineEnds);
            enter();
            Expression operand = unary(newlineEnds);
            leave();
            return new Unary(Operator.NEGATE, operand, rangeFrom(start));
        }
        return postfix(primary(newlineEnds), start, newlineEnds);
    }

    /** Attribute access, indexes and splats after a term. */
    private Expression postfix(Expression term, int[] start, boolean newlineEnds) throws HclException {
        Expression current = term;
        while (true) {
            int savedPosition = position;
            int savedLine = line;
            int savedColumn = column;
            skipSpace(!newlineEnds);
            if (peek() == '.' && peek(1) == '*') {
                advance(2);
                Expression each = splatSteps(new SplatItem(rangeFrom(start)), start, false, newlineEnds);
                current = new Splat(current, each, rangeFrom(start));
            } else if (peek() == '[' && peek(1) == '*' && peek(2) == ']') {
                advance(3);
                Expression each = splatSteps(new SplatItem(rangeFrom(start)), start, true, newlineEnds);
                current = new Splat(current, each, rangeFrom(start));
            } else if (peek() == '.' && isIdentifierStart(peek(1))) {
                advance();
                String name = identifier();
                current = new GetAttr(current, name, rangeFrom(start));
            } else if (peek() == '.' && Character.isDigit(peek(1))) {
                current = new Index(current, legacyIndex(), rangeFrom(start));
            } else if (peek() == '[') {
                advance();
                skipSpace(true);
                Expression key = expression(false);
                skipSpace(true);
                expect(']', "to close the index");
                current = new Index(current, key, rangeFrom(start));
            } else {
                position = savedPosition;
                line = savedLine;
                column = savedColumn;
                return current;
            }
        }
    }

    /** Reads {@code .0}, the attribute-like index of the legacy syntax; the cursor is on the dot. */
    private Literal legacyIndex() {
        advance();
        int[] indexStart = mark();
        int from = position;
        while (Character.isDigit(peek())) {
            advance();
        }
        return new Literal(new BigDecimal(text.substring(from, position)), rangeFrom(indexStart));
    }

    /** The steps after a splat, applied to each element: attributes, and for a full splat also indexes. */
    private Expression splatSteps(Expression item, int[] start, boolean full, boolean newlineEnds) throws HclException {
        Expression current = item;
        while (true) {
            int savedPosition = position;
            int savedLine = line;
            int savedColumn = column;
            skipSpace(!newlineEnds);
            if (peek() == '.' && isIdentifierStart(peek(1))) {
                advance();
                current = new GetAttr(current, identifier(), rangeFrom(start));
            } else if (full && peek() == '.' && Character.isDigit(peek(1))) {
                current = new Index(current, legacyIndex(), rangeFrom(start));
            } else if (full && peek() == '[' && peek(1) == '*' && peek(2) == ']') {
                // A splat inside a splat applies to each element's list: a[*].b[*].c is [[c, ...], ...].
                advance(3);
                Expression each = splatSteps(new SplatItem(rangeFrom(start)), start, true, newlineEnds);
                return new Splat(current, each, rangeFrom(start));
            } else if (full && peek() == '[' && peek(1) != '*') {
                advance();
                skipSpace(true);
                Expression key = expression(false);
                skipSpace(true);
                expect(']', "to close the index");
                current = new Index(current, key, rangeFrom(start));
            } else {
                position = savedPosition;
                line = savedLine;
                column = savedColumn;
                return current;
            }
        }
    }

    private void expect(char expected, String purpose) throws HclException {
        if (peek() != expected) {
            throw error("expected '" + expected + "' " + purpose + ", found " + describeNext());
        }
        advance();
    }

    private Expression primary(boolean newlineEnds) throws HclException {
        int[] start = mark();
        char c = peek();
        if (Character.isDigit(c) || (c == '-' && Character.isDigit(peek(1)))) {
            return number(start);
        }
        if (c == '"') {
            advance();
            List<TemplatePart> parts = templateParts(TemplateEnd.QUOTE, true);
            return simplifyTemplate(parts, rangeFrom(start));
        }
        if (c == '<' && peek(1) == '<') {
            return heredoc(start);
        }
        if (c == '[') {
            advance();
            skipSpace(true);
            if (lookingAtKeyword("for")) {
                return forExpression(start, false);
            }
            List<Expression> items = new ArrayList<>();
            while (peek() != ']') {
                if (atEnd()) {
                    throw new HclException("missing ']' to close the list", start[0], start[1]);
                }
                items.add(expression(false));
                skipSpace(true);
                if (peek() == ',') {
                    advance();
                    skipSpace(true);
                } else if (peek() != ']') {
                    throw error("expected ',' or ']' in the list, found " + describeNext());
                }
            }
            advance();
            return new Tuple(items, rangeFrom(start));
        }
        if (c == '{') {
            advance();
            skipSpace(true);
            if (lookingAtKeyword("for")) {
                return forExpression(start, true);
            }
            return objectConstructor(start);
        }
        if (c == '(') {
            advance();
            skipSpace(true);
            Expression inner = expression(false);
            skipSpace(true);
            expect(')', "to close the parenthesis");
            return new Parens(inner, rangeFrom(start));
        }
        if (isIdentifierStart(c)) {
            String name = identifier();
            while (peek() == ':' && peek(1) == ':' && isIdentifierStart(peek(2))) {
                advance(2);
                name = name + "::" + identifier();
            }
            if (peek() == '(') {
                return call(name, start);
            }
            return switch (name) {
                case "true" -> new Literal(Boolean.TRUE, rangeFrom(start));
                case "false" -> new Literal(Boolean.FALSE, rangeFrom(start));
                case "null" -> new Literal(null, rangeFrom(start));
                default -> new Variable(name, rangeFrom(start));
            };
        }
        if (atEnd() || (c == '\n' && newlineEnds)) {
            throw error("expected an expression, found " + describeNext());
        }
        throw error("expected an expression, found " + describeNext());
    }

    private boolean lookingAtKeyword(String keyword) {
        return lookingAt(keyword) && !isIdentifierPart(peek(keyword.length()));
    }

    private Expression number(int[] start) throws HclException {
        int from = position;
        if (peek() == '-') {
            advance();
        }
        while (Character.isDigit(peek())) {
            advance();
        }
        if (peek() == '.' && Character.isDigit(peek(1))) {
            advance();
            while (Character.isDigit(peek())) {
                advance();
            }
        }
        if ((peek() == 'e' || peek() == 'E')
                && (Character.isDigit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && Character.isDigit(peek(2))))) {
            advance(2);
            while (Character.isDigit(peek())) {
                advance();
            }
        }
        String digits = text.substring(from, position);
        try {
            return new Literal(new BigDecimal(digits), rangeFrom(start));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new HclException("invalid number " + digits, start[0], start[1]);
        }
    }

    private Expression call(String name, int[] start) throws HclException {
        advance(); // (
        skipSpace(true);
        List<Expression> args = new ArrayList<>();
        boolean expand = false;
        while (peek() != ')') {
            if (atEnd()) {
                throw new HclException("missing ')' to close the call of " + name, start[0], start[1]);
            }
            if (expand) {
                throw error("'...' may only follow the last argument of " + name);
            }
            args.add(expression(false));
            skipSpace(true);
            if (lookingAt("...")) {
                advance(3);
                expand = true;
                skipSpace(true);
            }
            if (peek() == ',') {
                advance();
                skipSpace(true);
            } else if (peek() != ')') {
                throw error("expected ',' or ')' in the call of " + name + ", found " + describeNext());
            }
        }
        advance();
        return new Call(name, args, expand, rangeFrom(start));
    }

    private Expression objectConstructor(int[] start) throws HclException {
        List<ObjectItem> items = new ArrayList<>();
        while (true) {
            skipSpace(true);
            if (peek() == '}') {
                advance();
                return new ObjectCons(items, rangeFrom(start));
            }
            if (atEnd()) {
                throw new HclException("missing '}' to close the object", start[0], start[1]);
            }
            int[] keyStart = mark();
            Expression key;
            Optional<String> literalKey = Optional.empty();
            if (isIdentifierStart(peek())) {
                int savedPosition = position;
                int savedLine = line;
                int savedColumn = column;
                String name = identifier();
                skipSpace(false);
                if (peek() == '=' && peek(1) != '=' || peek() == ':') {
                    key = new Literal(name, rangeFrom(keyStart));
                    literalKey = Optional.of(name);
                } else {
                    position = savedPosition;
                    line = savedLine;
                    column = savedColumn;
                    key = expression(true);
                }
            } else {
                key = expression(true);
                if (key instanceof Literal literal && literal.value() instanceof String name) {
                    literalKey = Optional.of(name);
                } else if (key instanceof Template template && template.parts().isEmpty()) {
                    literalKey = Optional.of("");
                }
            }
            skipSpace(false);
            if (peek() == '=' && peek(1) != '=' || peek() == ':') {
                advance();
            } else {
                throw error("expected '=' after the object key, found " + describeNext());
            }
            skipSpace(false);
            Expression value = expression(true);
            items.add(new ObjectItem(key, value, literalKey));
            skipSpace(false);
            if (peek() == ',') {
                advance();
            } else if (peek() != '\n' && peek() != '}' && !atEnd()) {
                throw error("expected a newline, ',' or '}' after the object item, found " + describeNext());
            }
        }
    }

    private Expression forExpression(int[] start, boolean object) throws HclException {
        advance(3); // for
        skipSpace(true);
        LoopVariables variables = loopVariables("the for expression");
        Optional<String> keyVar = variables.key();
        String valueVar = variables.value();
        Expression collection = expression(false);
        skipSpace(true);
        expect(':', "after the collection of the for expression");
        skipSpace(true);
        Optional<Expression> key = Optional.empty();
        Expression value;
        boolean grouping = false;
        if (object) {
            key = Optional.of(expression(false));
            skipSpace(true);
            if (!lookingAt("=>")) {
                throw error("expected '=>' in the object for expression, found " + describeNext());
            }
            advance(2);
            skipSpace(true);
            value = expression(false);
            skipSpace(true);
            if (lookingAt("...")) {
                advance(3);
                grouping = true;
                skipSpace(true);
            }
        } else {
            value = expression(false);
            skipSpace(true);
        }
        Optional<Expression> condition = Optional.empty();
        if (lookingAtKeyword("if")) {
            advance(2);
            skipSpace(true);
            condition = Optional.of(expression(false));
            skipSpace(true);
        }
        expect(object ? '}' : ']', "to close the for expression");
        return new For(keyVar, valueVar, collection, key, value, condition, grouping, rangeFrom(start));
    }

    /** The variables of a for expression or directive. */
    private record LoopVariables(Optional<String> key, String value) {}

    /** Reads {@code value in} or {@code key, value in}, and the blanks after {@code in}. */
    private LoopVariables loopVariables(String where) throws HclException {
        String first = identifier();
        skipSpace(true);
        Optional<String> key = Optional.empty();
        String value = first;
        if (peek() == ',') {
            advance();
            skipSpace(true);
            key = Optional.of(first);
            value = identifier();
            skipSpace(true);
        }
        if (!lookingAtKeyword("in")) {
            throw error("expected 'in' in " + where + ", found " + describeNext());
        }
        advance(2);
        skipSpace(true);
        return new LoopVariables(key, value);
    }

    // ---------------------------------------------------------------- templates

    private enum TemplateEnd {
        QUOTE, EOF, DIRECTIVE
    }

    /** Marks for whitespace stripping ({@code ~}) next to a literal, resolved after parsing. */
    private static final class Strip implements TemplatePart {
        final boolean before;
        final boolean after;

        Strip(boolean before, boolean after) {
            this.before = before;
            this.after = after;
        }
    }

    /** A directive keyword met while parsing template parts, returned to the enclosing directive. */
    private record DirectiveEnd(String keyword, boolean stripBefore, boolean stripAfter) implements TemplatePart {}

    /**
     * A whole {@code %{ if }} or {@code %{ for }} directive, with the {@code ~} of its opening
     * ({@code %{~ if}}: strip before it) and of its closing ({@code endif ~}}: strip after it).
     */
    private record Directive(TemplatePart part, boolean stripBefore, boolean stripAfter) implements TemplatePart {}

    private List<TemplatePart> templateParts(TemplateEnd end, boolean escapes) throws HclException {
        enter();
        List<TemplatePart> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int[] start = mark();
        while (true) {
            if (atEnd()) {
                if (end == TemplateEnd.EOF) {
                    break;
                }
                throw new HclException(end == TemplateEnd.QUOTE ? "unterminated string" : "missing %{ end } directive", start[0], start[1]);
            }
            char c = peek();
            if (end == TemplateEnd.QUOTE && c == '"') {
                advance();
                break;
            }
            if (end == TemplateEnd.QUOTE && c == '\n') {
                throw new HclException("unterminated string: a quoted string cannot span lines (use a heredoc)", start[0], start[1]);
            }
            if (escapes && c == '\\') {
                literal.append(escape());
                continue;
            }
            if ((c == '$' || c == '%') && peek(1) == c && peek(2) == '{') {
                literal.append(c).append('{');
                advance(3);
                continue;
            }
            if (c == '$' && peek(1) == '{') {
                flushLiteral(literal, parts);
                advance(2);
                boolean stripBefore = peek() == '~';
                if (stripBefore) {
                    advance();
                }
                skipSpace(true);
                Expression inner = expression(false);
                skipSpace(true);
                boolean stripAfter = false;
                if (peek() == '~') {
                    stripAfter = true;
                    advance();
                }
                expect('}', "to close the interpolation");
                if (stripBefore) {
                    parts.add(new Strip(true, false));
                }
                parts.add(new TemplateInterpolation(inner));
                if (stripAfter) {
                    parts.add(new Strip(false, true));
                }
                continue;
            }
            if (c == '%' && peek(1) == '{') {
                flushLiteral(literal, parts);
                TemplatePart directive = directive(escapes);
                if (directive instanceof DirectiveEnd directiveEnd) {
                    if (end != TemplateEnd.DIRECTIVE) {
                        throw error("%{ " + directiveEnd.keyword() + " } without a matching %{ if } or %{ for }");
                    }
                    parts.add(directiveEnd);
                    leave();
                    return parts;
                }
                Directive whole = (Directive) directive;
                if (whole.stripBefore()) {
                    parts.add(new Strip(true, false));
                }
                parts.add(whole.part());
                if (whole.stripAfter()) {
                    parts.add(new Strip(false, true));
                }
                continue;
            }
            literal.append(c);
            advance();
        }
        flushLiteral(literal, parts);
        leave();
        return applyStrips(parts);
    }

    private static void flushLiteral(StringBuilder literal, List<TemplatePart> parts) {
        if (literal.length() > 0) {
            parts.add(new TemplateLiteral(literal.toString()));
            literal.setLength(0);
        }
    }

    /** Reads {@code %{ ... }} and, for if/for, everything up to the matching end. */
    private TemplatePart directive(boolean escapes) throws HclException {
        int[] start = mark();
        advance(2);
        boolean stripBefore = peek() == '~';
        if (stripBefore) {
            advance();
        }
        skipSpace(true);
        String keyword = identifier();
        skipSpace(true);
        switch (keyword) {
            case "if" -> {
                Expression condition = expression(false);
                boolean stripAfter = closeDirective();
                List<TemplatePart> whenTrue = new ArrayList<>();
                if (stripAfter) {
                    whenTrue.add(new Strip(false, true));
                }
                List<TemplatePart> body = templateParts(TemplateEnd.DIRECTIVE, escapes);
                DirectiveEnd ending = (DirectiveEnd) body.remove(body.size() - 1);
                whenTrue.addAll(body);
                if (ending.stripBefore()) {
                    whenTrue.add(new Strip(true, false));
                }
                List<TemplatePart> whenFalse = new ArrayList<>();
                boolean stripAfterEnd = ending.stripAfter();
                if (ending.keyword().equals("else")) {
                    if (ending.stripAfter()) {
                        whenFalse.add(new Strip(false, true));
                    }
                    List<TemplatePart> elseBody = templateParts(TemplateEnd.DIRECTIVE, escapes);
                    DirectiveEnd elseEnding = (DirectiveEnd) elseBody.remove(elseBody.size() - 1);
                    if (!elseEnding.keyword().equals("endif")) {
                        throw new HclException("expected %{ endif } to end the %{ if }", start[0], start[1]);
                    }
                    whenFalse.addAll(elseBody);
                    if (elseEnding.stripBefore()) {
                        whenFalse.add(new Strip(true, false));
                    }
                    stripAfterEnd = elseEnding.stripAfter();
                } else if (!ending.keyword().equals("endif")) {
                    throw new HclException("expected %{ endif } to end the %{ if }", start[0], start[1]);
                }
                return new Directive(new TemplateIf(condition, applyStrips(whenTrue), applyStrips(whenFalse)), stripBefore, stripAfterEnd);
            }
            case "for" -> {
                LoopVariables variables = loopVariables("the %{ for } directive");
                Optional<String> keyVar = variables.key();
                String valueVar = variables.value();
                Expression collection = expression(false);
                boolean stripAfter = closeDirective();
                List<TemplatePart> body = new ArrayList<>();
                if (stripAfter) {
                    body.add(new Strip(false, true));
                }
                List<TemplatePart> inner = templateParts(TemplateEnd.DIRECTIVE, escapes);
                DirectiveEnd ending = (DirectiveEnd) inner.remove(inner.size() - 1);
                if (!ending.keyword().equals("endfor")) {
                    throw new HclException("expected %{ endfor } to end the %{ for }", start[0], start[1]);
                }
                body.addAll(inner);
                if (ending.stripBefore()) {
                    body.add(new Strip(true, false));
                }
                return new Directive(new TemplateFor(keyVar, valueVar, collection, applyStrips(body)), stripBefore, ending.stripAfter());
            }
            case "else", "endif", "endfor" -> {
                boolean stripAfter = closeDirective();
                return new DirectiveEnd(keyword, stripBefore, stripAfter);
            }
            default -> throw new HclException("unknown template directive %{ " + keyword + " }", start[0], start[1]);
        }
    }

    /** Reads the end of a directive, {@code }} or {@code ~}}; returns whether it strips. */
    private boolean closeDirective() throws HclException {
        skipSpace(true);
        boolean strip = false;
        if (peek() == '~') {
            strip = true;
            advance();
        }
        expect('}', "to close the template directive");
        return strip;
    }

    /** Applies {@code ~} markers: trims whitespace of the literal before or after them. */
    private static List<TemplatePart> applyStrips(List<TemplatePart> parts) {
        List<TemplatePart> result = new ArrayList<>(parts.size());
        boolean stripNextLeading = false;
        for (int i = 0; i < parts.size(); i++) {
            TemplatePart part = parts.get(i);
            if (part instanceof Strip strip) {
                if (strip.before && !result.isEmpty() && result.get(result.size() - 1) instanceof TemplateLiteral previous) {
                    String trimmed = previous.text().stripTrailing();
                    result.set(result.size() - 1, new TemplateLiteral(trimmed));
                }
                if (strip.after) {
                    stripNextLeading = true;
                }
                continue;
            }
            if (stripNextLeading && part instanceof TemplateLiteral literal) {
                part = new TemplateLiteral(literal.text().stripLeading());
            }
            stripNextLeading = false;
            result.add(part);
        }
        result.removeIf(part -> part instanceof TemplateLiteral literal && literal.text().isEmpty());
        return result;
    }

    /** A template that is one plain literal becomes a literal; a lone interpolation keeps its value's type. */
    private static Expression simplifyTemplate(List<TemplatePart> parts, Range range) {
        if (parts.isEmpty()) {
            return new Literal("", range);
        }
        if (parts.size() == 1 && parts.get(0) instanceof TemplateLiteral literal) {
            return new Literal(literal.text(), range);
        }
        return new Template(parts, range);
    }

    private String escape() throws HclException {
        int[] start = mark();
        advance(); // backslash
        if (atEnd()) {
            throw new HclException("unterminated escape sequence", start[0], start[1]);
        }
        char c = peek();
        advance();
        return switch (c) {
            case 'n' -> "\n";
            case 'r' -> "\r";
            case 't' -> "\t";
            case '"' -> "\"";
            case '\\' -> "\\";
            case 'u' -> unicodeEscape(4, start);
            case 'U' -> unicodeEscape(8, start);
            default -> throw new HclException("invalid escape sequence \\" + c, start[0], start[1]);
        };
    }

    private String unicodeEscape(int digits, int[] start) throws HclException {
        if (position + digits > length) {
            throw new HclException("incomplete unicode escape", start[0], start[1]);
        }
        String hex = text.substring(position, position + digits);
        try {
            int codePoint = Integer.parseInt(hex, 16);
            advance(digits);
            return new String(Character.toChars(codePoint));
        } catch (IllegalArgumentException e) {
            throw new HclException("invalid unicode escape \\u" + hex, start[0], start[1]);
        }
    }

    private Expression heredoc(int[] start) throws HclException {
        advance(2);
        boolean indented = false;
        if (peek() == '-') {
            indented = true;
            advance();
        }
        String marker = identifier();
        skipSpace(false);
        if (peek() == '\r') {
            advance();
        }
        if (peek() != '\n') {
            throw error("expected a newline after the heredoc marker " + marker);
        }
        advance();
        int contentStart = position;
        int contentLine = currentLine();
        // Find the closing line: optional blanks, then the marker alone.
        int lineStart = position;
        int closeStart = -1;
        int closeEnd = -1;
        while (lineStart <= length) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = length;
            }
            String candidate = text.substring(lineStart, lineEnd).strip();
            if (candidate.equals(marker)) {
                closeStart = lineStart;
                closeEnd = lineStart + text.substring(lineStart, lineEnd).indexOf(marker) + marker.length();
                break;
            }
            if (lineEnd >= length) {
                break;
            }
            lineStart = lineEnd + 1;
        }
        if (closeStart < 0) {
            throw new HclException("heredoc " + marker + " is not closed: no line holds just " + marker, start[0], start[1]);
        }
        String content = text.substring(contentStart, closeStart);
        int indent = 0;
        if (indented) {
            indent = Integer.MAX_VALUE;
            for (String contentLineText : content.split("\n", -1)) {
                if (contentLineText.isBlank()) {
                    continue;
                }
                int spaces = 0;
                while (spaces < contentLineText.length() && (contentLineText.charAt(spaces) == ' ' || contentLineText.charAt(spaces) == '\t')) {
                    spaces++;
                }
                indent = Math.min(indent, spaces);
            }
            if (indent == Integer.MAX_VALUE) {
                indent = 0;
            }
            if (indent > 0) {
                StringBuilder stripped = new StringBuilder(content.length());
                for (String contentLineText : content.split("\n", -1)) {
                    stripped.append(contentLineText.length() >= indent ? contentLineText.substring(indent) : contentLineText.strip()).append('\n');
                }
                stripped.setLength(stripped.length() - 1);
                content = stripped.toString();
            }
        }
        while (position < closeEnd) {
            advance();
        }
        Range range = rangeFrom(start);
        HclParser inner = new HclParser(content, contentLine - 1, indent, true);
        List<TemplatePart> parts;
        try {
            parts = inner.templateParts(TemplateEnd.EOF, false);
        } catch (StackOverflowError e) {
            throw new HclException("nesting too deep", contentLine, 1);
        }
        return simplifyTemplate(parts, range);
    }
}
