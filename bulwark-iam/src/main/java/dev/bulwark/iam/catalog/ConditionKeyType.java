package dev.bulwark.iam.catalog;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The data type of a condition key, which decides the condition operators that make sense for
 * it ({@code IpAddress} for {@link #IP_ADDRESS}, {@code ArnLike} for {@link #ARN}, ...). The
 * {@code ARRAY_OF_*} types are multivalued keys, which need the {@code ForAnyValue:} or
 * {@code ForAllValues:} set operators.
 */
public enum ConditionKeyType {
    STRING("String", null),
    ARN("ARN", null),
    BOOL("Bool", null),
    DATE("Date", null),
    IP_ADDRESS("IPAddress", null),
    NUMERIC("Numeric", null),
    BINARY("Binary", null),
    ARRAY_OF_STRING("ArrayOfString", STRING),
    ARRAY_OF_ARN("ArrayOfARN", ARN),
    ARRAY_OF_BOOL("ArrayOfBool", BOOL),
    ARRAY_OF_DATE("ArrayOfDate", DATE),
    ARRAY_OF_IP_ADDRESS("ArrayOfIPAddress", IP_ADDRESS),
    ARRAY_OF_NUMERIC("ArrayOfNumeric", NUMERIC),
    ARRAY_OF_BINARY("ArrayOfBinary", BINARY);

    private final String catalogName;
    private final ConditionKeyType elementType;

    ConditionKeyType(String catalogName, ConditionKeyType elementType) {
        this.catalogName = catalogName;
        this.elementType = elementType;
    }

    /** The name the Service Authorization Reference and the catalog file use, e.g. {@code ArrayOfString}. */
    public String catalogName() {
        return catalogName;
    }

    /** Whether the key holds a set of values rather than one. */
    public boolean multiValued() {
        return elementType != null;
    }

    /** The type of one value: the element type of an array type, this type itself otherwise. */
    public ConditionKeyType elementType() {
        return elementType == null ? this : elementType;
    }

    /**
     * The type with the given {@link #catalogName()}, matched exactly.
     *
     * @return the type, or empty for a name the catalog format does not know
     * @throws NullPointerException if {@code name} is null
     */
    public static Optional<ConditionKeyType> fromCatalogName(String name) {
        requireNonNull(name, "name is null");
        for (ConditionKeyType type : values()) {
            if (type.catalogName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
