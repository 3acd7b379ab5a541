package dev.bulwark.iam.policy;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The base condition operators of the IAM policy language, without the {@code ForAllValues:}/
 * {@code ForAnyValue:} qualifier and the {@code IfExists} suffix. A negated operator
 * ({@code StringNotEquals}) holds when the request value matches none of the policy values.
 */
public enum ConditionOperator {
    STRING_EQUALS("StringEquals", Family.STRING, false),
    STRING_NOT_EQUALS("StringNotEquals", Family.STRING, true),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", Family.STRING, false),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", Family.STRING, true),
    STRING_LIKE("StringLike", Family.STRING, false),
    STRING_NOT_LIKE("StringNotLike", Family.STRING, true),
    NUMERIC_EQUALS("NumericEquals", Family.NUMERIC, false),
    NUMERIC_NOT_EQUALS("NumericNotEquals", Family.NUMERIC, true),
    NUMERIC_LESS_THAN("NumericLessThan", Family.NUMERIC, false),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Family.NUMERIC, false),
    NUMERIC_GREATER_THAN("NumericGreaterThan", Family.NUMERIC, false),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Family.NUMERIC, false),
    DATE_EQUALS("DateEquals", Family.DATE, false),
    DATE_NOT_EQUALS("DateNotEquals", Family.DATE, true),
    DATE_LESS_THAN("DateLessThan", Family.DATE, false),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", Family.DATE, false),
    DATE_GREATER_THAN("DateGreaterThan", Family.DATE, false),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", Family.DATE, false),
    BOOL("Bool", Family.BOOL, false),
    BINARY_EQUALS("BinaryEquals", Family.BINARY, false),
    IP_ADDRESS("IpAddress", Family.IP, false),
    NOT_IP_ADDRESS("NotIpAddress", Family.IP, true),
    ARN_EQUALS("ArnEquals", Family.ARN, false),
    ARN_LIKE("ArnLike", Family.ARN, false),
    ARN_NOT_EQUALS("ArnNotEquals", Family.ARN, true),
    ARN_NOT_LIKE("ArnNotLike", Family.ARN, true),
    NULL("Null", Family.NULL, false);

    /** What kind of values an operator compares. */
    public enum Family { STRING, NUMERIC, DATE, BOOL, BINARY, IP, ARN, NULL }

    private static final Map<String, ConditionOperator> BY_NAME = new TreeMap<>();

    static {
        for (ConditionOperator operator : values()) {
            BY_NAME.put(operator.text.toLowerCase(Locale.ROOT), operator);
        }
    }

    private final String text;
    private final Family family;
    private final boolean negated;

    ConditionOperator(String text, Family family, boolean negated) {
        this.text = text;
        this.family = family;
        this.negated = negated;
    }

    public String text() {
        return text;
    }

    public Family family() {
        return family;
    }

    public boolean negated() {
        return negated;
    }

    /** The operator that holds when this negated one does not: {@code StringNotLike} gives {@code StringLike}. */
    public ConditionOperator positive() {
        return switch (this) {
            case STRING_NOT_EQUALS -> STRING_EQUALS;
            case STRING_NOT_EQUALS_IGNORE_CASE -> STRING_EQUALS_IGNORE_CASE;
            case STRING_NOT_LIKE -> STRING_LIKE;
            case NUMERIC_NOT_EQUALS -> NUMERIC_EQUALS;
            case DATE_NOT_EQUALS -> DATE_EQUALS;
            case NOT_IP_ADDRESS -> IP_ADDRESS;
            case ARN_NOT_EQUALS -> ARN_EQUALS;
            case ARN_NOT_LIKE -> ARN_LIKE;
            default -> this;
        };
    }

    /**
     * The operator named {@code name} exactly as AWS spells it. AWS treats operator names
     * case-insensitively in practice, but documents one spelling; {@link #lookup} finds both.
     */
    public static Optional<ConditionOperator> lookup(String name) {
        return Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
    }
}
