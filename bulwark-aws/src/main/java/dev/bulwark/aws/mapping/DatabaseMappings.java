package dev.bulwark.aws.mapping;

/** DynamoDB, ElastiCache, OpenSearch and Redshift. */
final class DatabaseMappings {
    private DatabaseMappings() {}

    static void register(Mappings mappings) {
        // Mappings are registered here.
    }
}
