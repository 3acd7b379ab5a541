package dev.bulwark.iam.account;

import static java.util.Objects.requireNonNull;

import dev.bulwark.iam.policy.StatementRef;
import java.util.List;

/**
 * What keeps a request from being allowed. {@code guardrail} names the thing itself, the same for
 * every request it blocks (a Deny statement, an Allow statement's condition or resource list, a
 * permissions boundary, an SCP level), so blocked techniques can be told by what blocks them;
 * {@code reason} says it for this request; {@code statements} are the statements behind it (Deny
 * statements, or the Allow that is too narrow; none for a boundary or SCP that lacks an Allow).
 */
record Block(String guardrail, String reason, List<StatementRef> statements) {
    Block {
        requireNonNull(guardrail, "guardrail is null");
        requireNonNull(reason, "reason is null");
        statements = List.copyOf(statements);
    }
}
