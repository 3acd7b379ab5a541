package dev.bulwark.iam.policy;

import static java.util.Objects.requireNonNull;

import dev.bulwark.iam.json.JsonValue;
import java.util.List;
import java.util.Optional;

/**
 * One statement of a policy. {@code index} is its position in the policy's statement list
 * (0-based); {@code sid} is empty when the statement has none. {@code resource} is empty when
 * the statement names no resource (a trust policy: the role itself); {@code principal} is empty
 * in identity-like policies. Immutable.
 */
public final class Statement {
    private final int index;
    private final String sid;
    private final Effect effect;
    private final Optional<PrincipalElement> principal;
    private final ActionElement action;
    private final Optional<ResourceElement> resource;
    private final List<Condition> conditions;
    private final JsonValue.Position position;

    Statement(int index, String sid, Effect effect, Optional<PrincipalElement> principal, ActionElement action,
              Optional<ResourceElement> resource, List<Condition> conditions, JsonValue.Position position) {
        this.index = index;
        this.sid = requireNonNull(sid, "sid is null");
        this.effect = requireNonNull(effect, "effect is null");
        this.principal = requireNonNull(principal, "principal is null");
        this.action = requireNonNull(action, "action is null");
        this.resource = requireNonNull(resource, "resource is null");
        this.conditions = List.copyOf(conditions);
        this.position = requireNonNull(position, "position is null");
    }

    public int index() {
        return index;
    }

    public String sid() {
        return sid;
    }

    public Effect effect() {
        return effect;
    }

    public Optional<PrincipalElement> principal() {
        return principal;
    }

    public ActionElement action() {
        return action;
    }

    public Optional<ResourceElement> resource() {
        return resource;
    }

    public List<Condition> conditions() {
        return conditions;
    }

    public JsonValue.Position position() {
        return position;
    }

    /** {@code Sid} when there is one, else {@code #index}, for messages. */
    public String label() {
        return sid.isEmpty() ? "#" + index : sid;
    }

    /** Whether every condition holds for {@code context} (true without conditions). */
    public boolean conditionsHold(RequestContext context) {
        for (Condition condition : conditions) {
            if (!condition.holds(context)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the statement's resource element covers {@code resource} (always, when it has none). */
    public boolean coversResource(String resource, RequestContext context) {
        return this.resource.isEmpty() || this.resource.get().appliesTo(resource, context);
    }

    @Override
    public String toString() {
        return "Statement " + label() + " (" + effect.text() + ")";
    }
}
