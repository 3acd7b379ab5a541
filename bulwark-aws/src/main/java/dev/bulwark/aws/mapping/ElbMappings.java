package dev.bulwark.aws.mapping;

/** Elastic Load Balancing: application, network and classic load balancers, listeners, WAF associations. */
final class ElbMappings {
    private ElbMappings() {}

    static void register(Mappings mappings) {
        // Mappings are registered here.
    }
}
