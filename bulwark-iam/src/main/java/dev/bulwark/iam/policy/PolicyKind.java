package dev.bulwark.iam.policy;

/** Where a policy is attached, which decides how it takes part in an evaluation and what it may contain. */
public enum PolicyKind {
    /** Attached to a user, group or role (managed or inline): grants what its principal can do. */
    IDENTITY("identity policy", true),
    /** Attached to a resource (bucket, key, queue, ...): grants the principals it names. */
    RESOURCE("resource policy", false),
    /** A role's trust policy: who may assume the role. */
    TRUST("trust policy", false),
    /** A permissions boundary: the most the identity policies of a user or role can grant. */
    PERMISSIONS_BOUNDARY("permissions boundary", true),
    /** A session policy passed when assuming a role or federating: the most the session can do. */
    SESSION("session policy", true),
    /** An AWS Organizations service control policy: the most principals of an account can do. */
    SCP("service control policy", true),
    /** An AWS Organizations resource control policy: the most anyone can do to an account's resources. */
    RCP("resource control policy", false);

    private final String label;
    private final boolean principalLess;

    PolicyKind(String label, boolean principalLess) {
        this.label = label;
        this.principalLess = principalLess;
    }

    public String label() {
        return label;
    }

    /** Whether statements of this kind must not have {@code Principal} (identity-like policies). */
    public boolean principalLess() {
        return principalLess;
    }
}
