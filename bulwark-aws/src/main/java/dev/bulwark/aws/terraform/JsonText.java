package dev.bulwark.aws.terraform;

/**
 * A string made by {@code jsonencode} (or a policy document data source) that still knows the
 * value it encodes, with the positions of its parts. Terraform sees a string; the AWS adapter
 * reads the structure, so a finding on one policy statement points at that statement's line.
 *
 * @param json the encoded text, or null when part of the structure is unknown (Terraform would
 *     call the whole string unknown; the known parts of the structure still tell a rule a lot)
 */
record JsonText(String json, Object structure) {
    boolean complete() {
        return json != null;
    }

    @Override
    public String toString() {
        return json == null ? "(unknown JSON)" : json;
    }
}
