package dev.bulwark.aws.hcl;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * An HCL2 expression as written, with its source range. Nothing is evaluated here: the
 * Terraform evaluator walks these trees with the values of one module instance.
 */
public sealed interface Expression {
    Range range();

    /** {@code null}, {@code true}/{@code false}, a number or a string without template parts. */
    record Literal(Object value, Range range) implements Expression {
        public Literal {
            if (value != null && !(value instanceof Boolean) && !(value instanceof BigDecimal) && !(value instanceof String)) {
                throw new IllegalArgumentException("literal of unexpected type " + value.getClass());
            }
        }
    }

    /** A quoted string or heredoc with interpolations and directives. */
    record Template(List<TemplatePart> parts, Range range) implements Expression {
        public Template {
            parts = List.copyOf(parts);
        }
    }

    record Tuple(List<Expression> items, Range range) implements Expression {
        public Tuple {
            items = List.copyOf(items);
        }
    }

    /** An object constructor; a bare identifier key is a literal name, not a variable. */
    record ObjectCons(List<ObjectItem> items, Range range) implements Expression {
        public ObjectCons {
            items = List.copyOf(items);
        }
    }

    record ObjectItem(Expression key, Expression value, Optional<String> literalKey) {
        public ObjectItem {
            requireNonNull(key, "key is null");
            requireNonNull(value, "value is null");
            requireNonNull(literalKey, "literalKey is null");
        }
    }

    /** A variable and its static steps: {@code var.name}, {@code aws_s3_bucket.logs[0].id}. */
    record Variable(String name, Range range) implements Expression {}

    /** {@code source.name}. */
    record GetAttr(Expression source, String name, Range range) implements Expression {}

    /** {@code source[key]}, also the legacy {@code source.0}. */
    record Index(Expression source, Expression key, Range range) implements Expression {}

    /**
     * {@code source[*].each...} or {@code source.*.each...}: {@code each} is applied to every
     * element, with the element bound to {@link SplatItem}.
     */
    record Splat(Expression source, Expression each, Range range) implements Expression {}

    /** The current element inside a {@link Splat}'s {@code each}. */
    record SplatItem(Range range) implements Expression {}

    record Call(String name, List<Expression> args, boolean expandLast, Range range) implements Expression {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** {@code [for k, v in c : value if cond]} or {@code {for k, v in c : key => value... if cond}}. */
    record For(Optional<String> keyVar, String valueVar, Expression collection, Optional<Expression> key,
               Expression value, Optional<Expression> condition, boolean grouping, Range range) implements Expression {
        public boolean object() {
            return key.isPresent();
        }
    }

    record Conditional(Expression condition, Expression whenTrue, Expression whenFalse, Range range) implements Expression {}

    record Binary(Operator operator, Expression left, Expression right, Range range) implements Expression {}

    record Unary(Operator operator, Expression operand, Range range) implements Expression {}

    record Parens(Expression inner, Range range) implements Expression {}

    enum Operator {
        OR("||"), AND("&&"), EQUAL("=="), NOT_EQUAL("!="), LESS("<"), LESS_EQUAL("<="), GREATER(">"), GREATER_EQUAL(">="),
        ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), MODULO("%"), NOT("!"), NEGATE("-");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** A part of a template: {@link TemplateLiteral}, {@link TemplateInterpolation}, {@link TemplateIf} or {@link TemplateFor}. */
    interface TemplatePart {}

    record TemplateLiteral(String text) implements TemplatePart {}

    record TemplateInterpolation(Expression expression) implements TemplatePart {}

    record TemplateIf(Expression condition, List<TemplatePart> whenTrue, List<TemplatePart> whenFalse) implements TemplatePart {
        public TemplateIf {
            whenTrue = List.copyOf(whenTrue);
            whenFalse = List.copyOf(whenFalse);
        }
    }

    record TemplateFor(Optional<String> keyVar, String valueVar, Expression collection, List<TemplatePart> body) implements TemplatePart {
        public TemplateFor {
            body = List.copyOf(body);
        }
    }
}
