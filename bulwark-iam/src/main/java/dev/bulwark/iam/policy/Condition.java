package dev.bulwark.iam.policy;

import static java.util.Objects.requireNonNull;

import dev.bulwark.iam.json.JsonValue;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One condition test of a statement: {@code "ForAnyValue:StringLikeIfExists": {"aws:TagKeys": [...]}}
 * is the operator {@code STRING_LIKE} with qualifier {@code FOR_ANY_VALUE}, {@code ifExists}, key
 * {@code aws:TagKeys} and its values. A statement's conditions must all hold. Policy values are
 * parsed once, when the policy is read; only values with policy variables are resolved per
 * request. Immutable.
 */
public final class Condition {
    /** How a condition treats a key with several values in the request. */
    public enum Qualifier {
        /** No qualifier: a single-valued test (of a multivalued key, any value may satisfy it). */
        NONE(""),
        /** {@code ForAllValues:} every request value must satisfy the test; true when there are none. */
        FOR_ALL_VALUES("ForAllValues:"),
        /** {@code ForAnyValue:} at least one request value must satisfy the test; false when there are none. */
        FOR_ANY_VALUE("ForAnyValue:");

        private final String prefix;

        Qualifier(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    private final ConditionOperator operator;
    private final Qualifier qualifier;
    private final boolean ifExists;
    private final String operatorText;
    private final String key;
    private final String keyLower;
    private final List<String> values;
    private final JsonValue.Position operatorPosition;
    private final JsonValue.Position keyPosition;
    private final List<JsonValue.Position> valuePositions;
    private final PolicyValue[] parsed;

    Condition(ConditionOperator operator, Qualifier qualifier, boolean ifExists, String operatorText, String key,
              List<String> values, JsonValue.Position operatorPosition, JsonValue.Position keyPosition,
              List<JsonValue.Position> valuePositions, boolean variables) {
        this.operator = requireNonNull(operator, "operator is null");
        this.qualifier = requireNonNull(qualifier, "qualifier is null");
        this.ifExists = ifExists;
        this.operatorText = requireNonNull(operatorText, "operatorText is null");
        this.key = requireNonNull(key, "key is null");
        this.keyLower = key.toLowerCase(Locale.ROOT);
        this.values = List.copyOf(values);
        this.operatorPosition = requireNonNull(operatorPosition, "operatorPosition is null");
        this.keyPosition = requireNonNull(keyPosition, "keyPosition is null");
        this.valuePositions = List.copyOf(valuePositions);
        boolean templated = operator.family() == ConditionOperator.Family.STRING || operator.family() == ConditionOperator.Family.ARN;
        this.parsed = new PolicyValue[values.size()];
        for (int i = 0; i < parsed.length; i++) {
            parsed[i] = new PolicyValue(Template.parse(values.get(i), variables && templated), operator.positive());
        }
    }

    public ConditionOperator operator() {
        return operator;
    }

    public Qualifier qualifier() {
        return qualifier;
    }

    public boolean ifExists() {
        return ifExists;
    }

    /** The operator as written, e.g. {@code ForAnyValue:StringLikeIfExists}. */
    public String operatorText() {
        return operatorText;
    }

    /** The condition key as written. */
    public String key() {
        return key;
    }

    /** The condition key in lower case (keys are case-insensitive). */
    public String keyLower() {
        return keyLower;
    }

    /** The policy values as strings (booleans and numbers as written). */
    public List<String> values() {
        return values;
    }

    public JsonValue.Position operatorPosition() {
        return operatorPosition;
    }

    public JsonValue.Position keyPosition() {
        return keyPosition;
    }

    public List<JsonValue.Position> valuePositions() {
        return valuePositions;
    }

    /** Whether every policy value parses for the operator (numbers, dates, addresses, booleans); the index of the first bad one, or -1. */
    public int firstInvalidValue() {
        for (int i = 0; i < parsed.length; i++) {
            if (!parsed[i].valid()) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether the condition holds for {@code context}. Missing keys: {@code ...IfExists} holds,
     * {@code ForAllValues} holds, {@code ForAnyValue} fails, a negated operator holds and a
     * positive one fails.
     */
    boolean holds(RequestContext context) {
        List<String> requestValues = context.values(keyLower);
        boolean missing = requestValues == null || requestValues.isEmpty();
        if (operator == ConditionOperator.NULL) {
            // "true": the key is absent; "false": it is present. Several values: any may hold.
            for (PolicyValue value : parsed) {
                Boolean wanted = value.bool;
                if (wanted != null && wanted == missing) {
                    return true;
                }
            }
            return false;
        }
        if (missing) {
            if (ifExists) {
                return true;
            }
            return switch (qualifier) {
                case FOR_ALL_VALUES -> true;
                case FOR_ANY_VALUE -> false;
                case NONE -> operator.negated();
            };
        }
        return switch (qualifier) {
            case NONE -> {
                // A single-valued test: positive operators need one request value to match a
                // policy value; negated ones need no request value to match any.
                boolean anyMatch = false;
                for (String requestValue : requestValues) {
                    if (matchesPositive(requestValue, context)) {
                        anyMatch = true;
                        break;
                    }
                }
                yield anyMatch != operator.negated();
            }
            case FOR_ANY_VALUE -> {
                for (String requestValue : requestValues) {
                    if (matchesPositive(requestValue, context) != operator.negated()) {
                        yield true;
                    }
                }
                yield false;
            }
            case FOR_ALL_VALUES -> {
                for (String requestValue : requestValues) {
                    if (matchesPositive(requestValue, context) == operator.negated()) {
                        yield false;
                    }
                }
                yield true;
            }
        };
    }

    /** Whether {@code requestValue} matches at least one policy value under the positive operator. */
    private boolean matchesPositive(String requestValue, RequestContext context) {
        for (PolicyValue value : parsed) {
            if (value.matches(requestValue, context)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return operatorText + " " + key + " " + values;
    }

    /** One policy value, parsed for its operator. */
    private static final class PolicyValue {
        private final Template template;
        private final ConditionOperator operator;
        private final String plain;
        private final String lower;
        private final BigDecimal number;
        private final Long instant;
        private final IpRange range;
        private final Boolean bool;
        private final byte[] binary;
        private final boolean valid;

        PolicyValue(Template template, ConditionOperator operator) {
            this.template = template;
            this.operator = operator;
            String text = template.isConstant() ? Template.unmark(template.constant()) : null;
            this.plain = text;
            this.lower = text == null ? null : text.toLowerCase(Locale.ROOT);
            this.number = text == null ? null : ConditionValues.number(text).orElse(null);
            this.instant = text == null ? null : ConditionValues.instant(text).orElse(null);
            this.range = text == null ? null : IpRange.parse(text).orElse(null);
            this.bool = text == null ? null : ConditionValues.bool(text).orElse(null);
            this.binary = text == null ? null : ConditionValues.binary(text).orElse(null);
            this.valid = switch (operator.family()) {
                case STRING, ARN -> true;
                case NUMERIC -> text == null || number != null;
                case DATE -> text == null || instant != null;
                case BOOL, NULL -> text == null || bool != null;
                case BINARY -> text == null || binary != null;
                case IP -> text == null || range != null;
            };
        }

        boolean valid() {
            return valid;
        }

        boolean matches(String requestValue, RequestContext context) {
            if (!template.isConstant()) {
                String resolved = template.resolve(context);
                if (resolved == null) {
                    return false;
                }
                return new PolicyValue(Template.ofMarked(resolved), operator).matchesConstant(requestValue, resolved);
            }
            return matchesConstant(requestValue, template.constant());
        }

        private boolean matchesConstant(String requestValue, String marked) {
            return switch (operator) {
                case STRING_EQUALS -> plain.equals(requestValue);
                case STRING_EQUALS_IGNORE_CASE -> lower.equals(requestValue.toLowerCase(Locale.ROOT));
                case STRING_LIKE -> Glob.matches(marked, 0, marked.length(), requestValue, 0, requestValue.length());
                case ARN_EQUALS, ARN_LIKE -> ArnMatcher.matches(marked, requestValue);
                case NUMERIC_EQUALS, NUMERIC_LESS_THAN, NUMERIC_LESS_THAN_EQUALS, NUMERIC_GREATER_THAN,
                        NUMERIC_GREATER_THAN_EQUALS -> compareNumbers(requestValue);
                case DATE_EQUALS, DATE_LESS_THAN, DATE_LESS_THAN_EQUALS, DATE_GREATER_THAN,
                        DATE_GREATER_THAN_EQUALS -> compareDates(requestValue);
                case BOOL -> bool != null && ConditionValues.bool(requestValue).map(bool::equals).orElse(false);
                case BINARY_EQUALS -> binary != null && ConditionValues.binary(requestValue)
                        .map(bytes -> java.util.Arrays.equals(bytes, binary)).orElse(false);
                case IP_ADDRESS -> range != null && range.contains(requestValue);
                default -> throw new IllegalStateException("not a positive operator: " + operator);
            };
        }

        private boolean compareNumbers(String requestValue) {
            if (number == null) {
                return false;
            }
            Optional<BigDecimal> actual = ConditionValues.number(requestValue);
            if (actual.isEmpty()) {
                return false;
            }
            return ordered(actual.get().compareTo(number));
        }

        private boolean compareDates(String requestValue) {
            if (instant == null) {
                return false;
            }
            Optional<Long> actual = ConditionValues.instant(requestValue);
            if (actual.isEmpty()) {
                return false;
            }
            return ordered(Long.compare(actual.get(), instant));
        }

        /** {@code comparison} is request value against policy value. */
        private boolean ordered(int comparison) {
            return switch (operator) {
                case NUMERIC_EQUALS, DATE_EQUALS -> comparison == 0;
                case NUMERIC_LESS_THAN, DATE_LESS_THAN -> comparison < 0;
                case NUMERIC_LESS_THAN_EQUALS, DATE_LESS_THAN_EQUALS -> comparison <= 0;
                case NUMERIC_GREATER_THAN, DATE_GREATER_THAN -> comparison > 0;
                case NUMERIC_GREATER_THAN_EQUALS, DATE_GREATER_THAN_EQUALS -> comparison >= 0;
                default -> false;
            };
        }
    }
}
