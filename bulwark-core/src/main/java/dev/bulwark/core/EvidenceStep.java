package dev.bulwark.core;

import static java.util.Objects.requireNonNull;

/**
 * One link of the evidence chain behind an identity finding: {@code subject} does or can do
 * {@code action} (a phrase: the actions it holds, the role it binds), because of {@code source}. A privilege-escalation path is a list of
 * steps, each step's outcome being the next step's subject, for example
 * <pre>
 *   user/alice   iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction   policy DeployTools, statement Lambda
 *   role/ops     every action on every resource                               policy AdministratorAccess
 * </pre>
 *
 * @param subject who holds the permission at this step (a user, a role, a service account)
 * @param action what it holds or does, as a phrase; empty for a last step that only names where the chain ends
 * @param source what grants it (a policy and statement, a binding and role); may be empty
 */
public record EvidenceStep(String subject, String action, String source) {
    public EvidenceStep {
        requireNonNull(subject, "subject is null");
        requireNonNull(action, "action is null");
        requireNonNull(source, "source is null");
    }
}
