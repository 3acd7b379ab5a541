package dev.bulwark.iam.catalog;

import static java.util.Objects.requireNonNull;

/**
 * A condition key and its data type. The key is spelled as AWS documents it; a templated key
 * keeps its placeholder, for example {@code aws:RequestTag/${TagKey}} or
 * {@code s3:ExistingObjectTag/<key>}, and stands for every key that fills it in.
 */
public record ConditionKeyInfo(String key, ConditionKeyType type) {
    public ConditionKeyInfo {
        requireNonNull(key, "key is null");
        requireNonNull(type, "type is null");
    }

    /** Whether the key has a placeholder ({@code ${...}} or {@code <...>}) that a policy fills in. */
    public boolean templated() {
        return ConditionKeyTemplates.isTemplate(key);
    }
}
