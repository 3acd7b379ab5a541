package dev.bulwark.aws.mapping;

/** IAM: policies, roles, users, groups, their inline policies and attachments, the account password policy. */
final class IamMappings {
    private IamMappings() {}

    static void register(Mappings mappings) {
        // Mappings are registered here.
    }
}
