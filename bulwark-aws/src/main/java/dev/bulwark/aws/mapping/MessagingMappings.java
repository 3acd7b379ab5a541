package dev.bulwark.aws.mapping;

/** SNS topics and SQS queues with their policies. */
final class MessagingMappings {
    private MessagingMappings() {}

    static void register(Mappings mappings) {
        // Mappings are registered here.
    }
}
