package dev.bulwark.iam.policy;

/** The outcome of an evaluation. */
public enum Decision {
    ALLOWED("Allowed"),
    /** A Deny statement matched; nothing can override it. */
    EXPLICITLY_DENIED("ExplicitlyDenied"),
    /** No Deny matched, but a required Allow is missing (identity, boundary, session, SCP, RCP or resource policy). */
    IMPLICITLY_DENIED("ImplicitlyDenied");

    private final String text;

    Decision(String text) {
        this.text = text;
    }

    /** {@code Allowed}, {@code ExplicitlyDenied} or {@code ImplicitlyDenied}. */
    public String text() {
        return text;
    }

    public static Decision parse(String text) {
        for (Decision decision : values()) {
            if (decision.text.equalsIgnoreCase(text) || decision.name().equalsIgnoreCase(text)) {
                return decision;
            }
        }
        throw new IllegalArgumentException("unknown decision '" + text + "' (expected Allowed, ExplicitlyDenied or ImplicitlyDenied)");
    }
}
