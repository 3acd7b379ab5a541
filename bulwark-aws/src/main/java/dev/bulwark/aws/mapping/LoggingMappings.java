package dev.bulwark.aws.mapping;

/** CloudTrail, CloudWatch Logs and alarms, AWS Config, GuardDuty and Security Hub. */
final class LoggingMappings {
    private LoggingMappings() {}

    static void register(Mappings mappings) {
        // Mappings are registered here.
    }
}
