package dev.bulwark.iam.policy;

import static java.util.Objects.requireNonNull;

import dev.bulwark.iam.json.JsonValue;

/** A statement that took part in a decision: the kind and name of its policy, its index, Sid and effect. */
public record StatementRef(PolicyKind kind, String policy, int index, String sid, Effect effect, JsonValue.Position position) {
    public StatementRef {
        requireNonNull(kind, "kind is null");
        requireNonNull(policy, "policy is null");
        requireNonNull(sid, "sid is null");
        requireNonNull(effect, "effect is null");
        requireNonNull(position, "position is null");
    }

    static StatementRef of(PolicyKind kind, Policy policy, Statement statement) {
        return new StatementRef(kind, policy.name(), statement.index(), statement.sid(), statement.effect(), statement.position());
    }

    /** {@code Sid} or {@code #index}. */
    public String label() {
        return sid.isEmpty() ? "#" + index : sid;
    }

    @Override
    public String toString() {
        return kind.label() + " " + policy + " statement " + label() + " (" + effect.text() + ")";
    }
}
