package dev.bulwark.aws.mapping;

/** KMS: keys, key policies and aliases. */
final class KmsMappings {
    private KmsMappings() {}

    static void register(Mappings mappings) {
        // Mappings are registered here.
    }
}
