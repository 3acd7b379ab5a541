package dev.bulwark.aws.mapping;

/** Secrets Manager: secrets, rotation and resource policies. */
final class SecretsManagerMappings {
    private SecretsManagerMappings() {}

    static void register(Mappings mappings) {
        // Mappings are registered here.
    }
}
