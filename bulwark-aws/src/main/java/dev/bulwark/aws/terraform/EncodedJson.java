package dev.bulwark.aws.terraform;

import java.util.Optional;

/**
 * A string attribute that Terraform built with {@code jsonencode} or a policy document data
 * source, converted for the model: the decoded structure (with the positions of its parts) and
 * the text, which is empty when part of the structure is unknown.
 */
public record EncodedJson(Optional<String> text, Object structure) {
    EncodedJson(String json, Object structure) {
        this(Optional.ofNullable(json), structure);
    }

    @Override
    public String toString() {
        return text.orElse("(JSON with unknown parts)");
    }
}
