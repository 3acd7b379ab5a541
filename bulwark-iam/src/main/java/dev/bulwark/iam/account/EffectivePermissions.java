package dev.bulwark.iam.account;

import dev.bulwark.iam.policy.EvaluationResult;
import dev.bulwark.iam.policy.Policy;
import dev.bulwark.iam.policy.PolicySet;
import dev.bulwark.iam.policy.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What each principal of an export can do: {@code can(principal, action, resource)} decides a
 * request as AWS would, over all the principal's policies (a user's groups' included), its
 * permissions boundary and the SCPs. A request for {@code sts:AssumeRole} on a role of the export
 * is decided with that role's trust policy; a KMS request with the default key policy. Answers
 * are cached per principal.
 *
 * <p>Thread-safe.
 */
public final class EffectivePermissions {
    private final AccountModel model;

    private EffectivePermissions(AccountModel model) {
        this.model = model;
    }

    public static EffectivePermissions of(AccountExport export, List<List<Policy>> scpLevels) {
        return new EffectivePermissions(new AccountModel(export, scpLevels));
    }

    /** The ARNs of the users and roles whose permissions can be decided, in export order. */
    public List<String> principals() {
        List<String> arns = new ArrayList<>();
        for (Node node : model.nodes) {
            arns.add(node.principal.arn());
        }
        return arns;
    }

    /** @see #can(String, String, String, RequestContext) */
    public EvaluationResult can(String principal, String action, String resource) {
        return can(principal, action, resource, RequestContext.empty());
    }

    /**
     * Whether {@code principal} (an ARN, or {@code user/NAME} / {@code role/NAME}) may do
     * {@code action} on {@code resource}, with the condition keys in {@code context} (the
     * principal's tags are added as {@code aws:PrincipalTag/...}). Cached; see {@link #explain} for the reasoning.
     *
     * @throws IllegalArgumentException when the export has no such user or role (or its boundary is unknown)
     */
    public EvaluationResult can(String principal, String action, String resource, RequestContext context) {
        return find(principal).permissions.evaluate(probe(action, resource, context));
    }

    /** Like {@link #can(String, String, String, RequestContext)}, with the step-by-step explanation; not cached. */
    public EvaluationResult explain(String principal, String action, String resource, RequestContext context) {
        return find(principal).permissions.explain(probe(action, resource, context));
    }

    private Probe probe(String action, String resource, RequestContext context) {
        Map<String, String> single = new java.util.TreeMap<>();
        for (Map.Entry<String, List<String>> entry : context.asMap().entrySet()) {
            if (!entry.getValue().isEmpty()) {
                single.put(entry.getKey(), entry.getValue().get(0));
            }
        }
        Probe probe = Probe.of(action, resource, single);
        if (action.toLowerCase(Locale.ROOT).startsWith("sts:assumerole")) {
            Node role = model.byArn.get(resource);
            if (role != null && role.principal.trustPolicy().isPresent()) {
                probe = probe.withResourcePolicy(role.principal.trustPolicy().get(), PolicySet.ResourcePolicyKind.ROLE_TRUST);
            }
        } else if (action.toLowerCase(Locale.ROOT).startsWith("kms:")) {
            probe = model.resources.anyResource("kms:Decrypt").resourcePolicy()
                    .map(policy -> Probe.of(action, resource, single).withResourcePolicy(policy, PolicySet.ResourcePolicyKind.KMS_KEY))
                    .orElse(probe);
        }
        return probe;
    }

    private Node find(String principal) {
        Node node = model.byArn.get(principal);
        if (node != null) {
            return node;
        }
        for (Node candidate : model.nodes) {
            if (candidate.principal.display().equals(principal)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no user or role '" + principal + "' in the export (use its ARN or user/NAME, role/NAME)");
    }
}
