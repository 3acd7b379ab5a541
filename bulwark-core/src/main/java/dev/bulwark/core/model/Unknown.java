package dev.bulwark.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A value that cannot be known without deploying: a Terraform computed attribute ({@code aws_kms_key.k.arn}),
 * a variable without a value, a data source, {@code Fn::ImportValue}. Models hold it where the value
 * would be; {@link KnownMap} and {@link KnownList} raise {@link UnknownValueException} when a rule
 * reads it, so a rule that depends on it yields no finding instead of a guess.
 *
 * @param reason why the value is unknown, for debugging ({@code computed attribute arn})
 * @param reference the address of the resource the value comes from, when it does
 *     ({@code aws_kms_key.main}); adapters use it to relate resources
 */
public record Unknown(String reason, Optional<String> reference) {
    public Unknown {
        requireNonNull(reason, "reason is null");
        requireNonNull(reference, "reference is null");
    }

    public static Unknown because(String reason) {
        return new Unknown(reason, Optional.empty());
    }

    public static Unknown fromResource(String address, String reason) {
        return new Unknown(reason, Optional.of(address));
    }

    @Override
    public String toString() {
        return "(unknown: " + reason + ")";
    }
}
