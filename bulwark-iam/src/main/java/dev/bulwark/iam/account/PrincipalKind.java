package dev.bulwark.iam.account;

/** The IAM identities an account export lists. */
public enum PrincipalKind {
    USER("user", "AWS::IAM::User"),
    ROLE("role", "AWS::IAM::Role"),
    GROUP("group", "AWS::IAM::Group");

    private final String label;
    private final String resourceType;

    PrincipalKind(String label, String resourceType) {
        this.label = label;
        this.resourceType = resourceType;
    }

    /** {@code user}, {@code role} or {@code group}, as in ARNs and messages. */
    public String label() {
        return label;
    }

    /** The CloudFormation resource type findings name, e.g. {@code AWS::IAM::User}. */
    public String resourceType() {
        return resourceType;
    }
}
