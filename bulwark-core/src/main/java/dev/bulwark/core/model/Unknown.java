package dev.bulwark.core.model;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
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
 * @param otherReferences further resources the value is built from (a string template or
 *     {@code Fn::Sub} naming several)
 */
public record Unknown(String reason, Optional<String> reference, List<String> otherReferences) {
    public Unknown {
        requireNonNull(reason, "reason is null");
        requireNonNull(reference, "reference is null");
        otherReferences = List.copyOf(otherReferences);
    }

    public static Unknown because(String reason) {
        return new Unknown(reason, Optional.empty(), List.of());
    }

    public static Unknown fromResource(String address, String reason) {
        return new Unknown(reason, Optional.of(address), List.of());
    }

    /** Every resource the value is built from: {@link #reference()} first. */
    public List<String> references() {
        List<String> all = new ArrayList<>();
        reference.ifPresent(all::add);
        all.addAll(otherReferences);
        return all;
    }

    /**
     * One unknown standing for several parts of a value (the pieces of a template), keeping the
     * references of all of them; null when {@code parts} is empty.
     */
    public static Unknown combine(List<Unknown> parts) {
        if (parts.isEmpty()) {
            return null;
        }
        List<String> references = new ArrayList<>();
        for (Unknown part : parts) {
            for (String reference : part.references()) {
                if (!references.contains(reference)) {
                    references.add(reference);
                }
            }
        }
        if (references.isEmpty()) {
            return parts.get(0);
        }
        return new Unknown(parts.get(0).reason(), Optional.of(references.get(0)), references.subList(1, references.size()));
    }

    @Override
    public String toString() {
        return "(unknown: " + reason + ")";
    }
}
