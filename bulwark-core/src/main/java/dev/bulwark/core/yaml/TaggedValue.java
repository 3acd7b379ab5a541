package dev.bulwark.core.yaml;

/**
 * Hook for explicit local tags ({@code !Ref name}, {@code !Sub ...}): the reader asks it to turn
 * a tagged node into a value. CloudFormation maps them to their long form ({@code {"Ref": name}}).
 */
@FunctionalInterface
public interface TaggedValue {
    /** Returns the value to store for {@code value} read under local {@code tag} (with its {@code !}). */
    Object convert(String tag, Object value);

    /** Keeps the value and drops the tag. */
    TaggedValue IGNORE = (tag, value) -> value;
}
