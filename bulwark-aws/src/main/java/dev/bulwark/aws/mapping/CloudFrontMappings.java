package dev.bulwark.aws.mapping;

/** CloudFront distributions. */
final class CloudFrontMappings {
    private CloudFrontMappings() {}

    static void register(Mappings mappings) {
        // Mappings are registered here.
    }
}
