package dev.bulwark.aws.mapping;

/** EFS and AWS Backup. */
final class StorageMappings {
    private StorageMappings() {}

    static void register(Mappings mappings) {
        // Mappings are registered here.
    }
}
