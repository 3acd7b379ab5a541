package dev.bulwark.iam.policy;

/** A statement's {@code Effect}. */
public enum Effect {
    ALLOW("Allow"),
    DENY("Deny");

    private final String text;

    Effect(String text) {
        this.text = text;
    }

    /** As written in a policy: {@code Allow} or {@code Deny}. */
    public String text() {
        return text;
    }
}
