package dev.bulwark.aws.mapping;

/** Lambda, ECS, ECR and EKS. */
final class ComputeMappings {
    private ComputeMappings() {}

    static void register(Mappings mappings) {
        // Mappings are registered here.
    }
}
