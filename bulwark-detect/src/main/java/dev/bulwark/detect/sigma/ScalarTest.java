package dev.bulwark.detect.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import dev.bulwark.detect.event.LogEvent;
import java.math.BigDecimal;
import java.util.List;

/**
 * One compiled rule value, tested against one scalar of an event (arrays are taken apart by the
 * caller: a field holding an array matches when any element does). Immutable and thread-safe.
 */
sealed interface ScalarTest {
    boolean test(ScalarValue scalar, LogEvent event);

    /** A string pattern; also equal by value when both sides are numbers ({@code 42} and {@code "42.0"}). */
    record Text(GlobMatcher glob, BigDecimal number, boolean binary) implements ScalarTest {
        @Override
        public boolean test(ScalarValue scalar, LogEvent event) {
            if (number != null) {
                BigDecimal actual = scalar.number();
                if (actual != null && actual.compareTo(number) == 0) {
                    return true;
                }
            }
            String text = glob.cased() ? scalar.text() : scalar.folded();
            return text != null && glob.matchesPrepared(text);
        }
    }

    /** The {@code re} modifier: RE2 search anywhere in the text (anchor with ^ and $). */
    record Regex(Pattern pattern) implements ScalarTest {
        @Override
        public boolean test(ScalarValue scalar, LogEvent event) {
            String text = scalar.text();
            return text != null && pattern.matcher(text).find();
        }
    }

    enum Comparison { LT, LTE, GT, GTE, EQ }

    /** {@code lt}, {@code lte}, {@code gt}, {@code gte}: the field read as a number. */
    record Compare(Comparison comparison, BigDecimal value) implements ScalarTest {
        @Override
        public boolean test(ScalarValue scalar, LogEvent event) {
            BigDecimal actual = scalar.number();
            return actual != null && holds(comparison, actual.compareTo(value));
        }
    }

    static boolean holds(Comparison comparison, int order) {
        return switch (comparison) {
            case LT -> order < 0;
            case LTE -> order <= 0;
            case GT -> order > 0;
            case GTE -> order >= 0;
            case EQ -> order == 0;
        };
    }

    /** A time-part modifier, compared with {@code comparison} (equality unless lt/lte/gt/gte follows). */
    record TimeCompare(TimePart part, Comparison comparison, long value) implements ScalarTest {
        @Override
        public boolean test(ScalarValue scalar, LogEvent event) {
            String text = scalar.text();
            if (text == null) {
                return false;
            }
            long actual = part.extract(text);
            return actual >= 0 && holds(comparison, Long.compare(actual, value));
        }
    }

    /** The {@code cidr} modifier. */
    record Network(Cidr cidr) implements ScalarTest {
        @Override
        public boolean test(ScalarValue scalar, LogEvent event) {
            return scalar.node().isTextual() && cidr.contains(scalar.text());
        }
    }

    enum Position { WHOLE, PREFIX, SUFFIX, ANYWHERE }

    /** The {@code fieldref} modifier: equal to (or starting/ending with, containing) another field's value. */
    record FieldReference(FieldAccessor other, Position position, boolean cased) implements ScalarTest {
        @Override
        public boolean test(ScalarValue scalar, LogEvent event) {
            if (scalar.text() == null) {
                return false;
            }
            JsonNode reference = other.read(event);
            if (reference.isArray()) {
                for (JsonNode element : reference) {
                    if (relates(scalar, element)) {
                        return true;
                    }
                }
                return false;
            }
            return relates(scalar, reference);
        }

        private boolean relates(ScalarValue scalar, JsonNode reference) {
            if (position == Position.WHOLE) {
                BigDecimal left = scalar.number();
                BigDecimal right = Scalars.number(reference);
                if (left != null && right != null) {
                    return left.compareTo(right) == 0;
                }
            }
            String value = Scalars.text(reference);
            if (value == null) {
                return false;
            }
            String subject = cased ? scalar.text() : scalar.folded();
            String expected = cased ? value : CaseFold.fold(value);
            return switch (position) {
                case WHOLE -> subject.equals(expected);
                case PREFIX -> subject.startsWith(expected);
                case SUFFIX -> subject.endsWith(expected);
                case ANYWHERE -> subject.contains(expected);
            };
        }
    }

    /** The variants one rule value expanded into (base64offset, expand): any of them. */
    record AnyOf(List<ScalarTest> alternatives) implements ScalarTest {
        public AnyOf {
            alternatives = List.copyOf(alternatives);
        }

        @Override
        public boolean test(ScalarValue scalar, LogEvent event) {
            for (ScalarTest alternative : alternatives) {
                if (alternative.test(scalar, event)) {
                    return true;
                }
            }
            return false;
        }
    }
}
