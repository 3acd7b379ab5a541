package dev.bulwark.aws.mapping;

/** API Gateway REST and HTTP APIs, stages, methods. */
final class ApiGatewayMappings {
    private ApiGatewayMappings() {}

    static void register(Mappings mappings) {
        // Mappings are registered here.
    }
}
