package dev.bulwark.aws.mapping;

/** RDS and Aurora: instances, clusters, parameter groups. */
final class RdsMappings {
    private RdsMappings() {}

    static void register(Mappings mappings) {
        // Mappings are registered here.
    }
}
