package dev.bulwark.iam.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides a request the way AWS documents its policy evaluation logic:
 * <ol>
 *   <li>A matching {@code Deny} in any applicable policy (SCP, RCP, resource policy, identity
 *       policy, permissions boundary, session policy) is final: explicitly denied.</li>
 *   <li>RCPs (for the services that support them) and SCPs: every level must have a matching
 *       {@code Allow}. SCPs do not apply to service principals, anonymous callers or
 *       service-linked roles; RCPs do not apply to service-linked roles.</li>
 *   <li>Resource policy, same account: a grant naming the user, the role session or the
 *       federated-user session (or everyone) allows by itself; one naming the role allows when
 *       the permissions boundary and session policies also allow; one naming the account only
 *       delegates to the identity policies. Role trust policies and KMS key policies must always
 *       allow the principal (directly, or through its account plus an identity policy).</li>
 *   <li>Cross-account: the resource policy must allow the principal or its account, and the
 *       principal's identity policies, boundary and session policies must allow too.</li>
 *   <li>Otherwise an identity policy must allow, within the boundary and session policies.</li>
 * </ol>
 * The account root user is allowed in its own account (SCPs, RCPs, explicit denies and key
 * policies still apply; it cannot assume roles); a service or identity provider only through a
 * resource policy naming it; an anonymous caller only through a grant to everyone.
 *
 * <p>Two documented quirks are reproduced: a {@code Deny} with {@code NotPrincipal} applies to
 * every principal that has a permissions boundary, and {@code NotPrincipal} excludes a principal
 * only when it lists both the principal (the session ARN, for a role session) and its account.
 *
 * <p>Stateless and thread-safe. Evaluation allocates little and runs in well under a
 * microsecond for small policy sets (see {@code bulwark bench --iam}).
 */
public final class PolicyEvaluator {
    /** Services whose resources RCPs govern (AWS Organizations, 2025). */
    private static final Set<String> RCP_SERVICES = Set.of("s3", "sts", "kms", "sqs", "secretsmanager", "ecr", "aoss",
            "cognito-identity", "logs", "dynamodb");

    /** How a resource policy statement names the caller; the order is the strength of the grant. */
    private enum Grant { NONE, ACCOUNT, ROLE, DIRECT }

    public EvaluationResult evaluate(AuthorizationRequest request, PolicySet policies) {
        return evaluate(request, policies, false);
    }

    /** Evaluates; with {@code explain} the result lists the reasoning step by step. */
    public EvaluationResult evaluate(AuthorizationRequest request, PolicySet policies, boolean explain) {
        Trace trace = explain ? new Trace(true) : Trace.OFF;
        RequestPrincipal principal = request.principal();
        boolean identityApplies = principal.hasIdentityPolicies();
        boolean hasBoundary = identityApplies && policies.permissionsBoundary().isPresent();
        boolean scpsApply = principal.subjectToScps() && !policies.scpLevels().isEmpty();
        boolean rcpsApply = !policies.rcpLevels().isEmpty() && !principal.serviceLinked()
                && RCP_SERVICES.contains(request.service());
        if (trace.on()) trace.add("request: " + principal.type().contextValue() + " " + principal.arn() + " calls " + request.action() + " on "
                + request.resource() + (request.sameAccount() ? " (same account " + request.resourceAccount() + ")"
                : request.resourceAccount().isEmpty() ? "" : " (resource in account " + request.resourceAccount() + ")"));
        if (!policies.scpLevels().isEmpty() && !scpsApply) {
            if (trace.on()) trace.add("SCPs do not apply to this principal");
        }
        if (!policies.rcpLevels().isEmpty() && !rcpsApply) {
            if (trace.on()) trace.add("RCPs do not apply (" + (principal.serviceLinked() ? "service-linked role" : "service " + request.service()
                    + " does not support RCPs") + ")");
        }

        // 1. Explicit deny, anywhere.
        List<StatementRef> denies = new ArrayList<>(0);
        if (scpsApply) {
            for (List<Policy> level : policies.scpLevels()) {
                denies(PolicyKind.SCP, level, request, false, hasBoundary, denies);
            }
        }
        if (rcpsApply) {
            for (List<Policy> level : policies.rcpLevels()) {
                denies(PolicyKind.RCP, level, request, true, hasBoundary, denies);
            }
        }
        if (policies.resourcePolicy().isPresent()) {
            denies(kindOfResourcePolicy(request, policies), List.of(policies.resourcePolicy().get()), request, true, hasBoundary,
                    denies);
        }
        if (identityApplies) {
            denies(PolicyKind.IDENTITY, policies.identityPolicies(), request, false, hasBoundary, denies);
            if (hasBoundary) {
                denies(PolicyKind.PERMISSIONS_BOUNDARY, List.of(policies.permissionsBoundary().get()), request, false, hasBoundary,
                        denies);
            }
            denies(PolicyKind.SESSION, policies.sessionPolicies(), request, false, hasBoundary, denies);
        }
        if (!denies.isEmpty()) {
            for (StatementRef deny : denies) {
                if (trace.on()) trace.add("explicit deny: " + deny);
            }
            return trace.result(Decision.EXPLICITLY_DENIED, denies, () -> "explicitly denied by " + denies.get(0));
        }
        if (trace.on()) trace.add("no Deny statement matches");

        // 2. Organization guardrails: every level must allow.
        if (rcpsApply) {
            for (int i = 0; i < policies.rcpLevels().size(); i++) {
                StatementRef allow = firstAllow(PolicyKind.RCP, policies.rcpLevels().get(i), request, true);
                if (allow == null) {
                    int level = i + 1;
                    return trace.implicit(() -> "no resource control policy at level " + level + " allows " + request.action());
                }
                if (trace.on()) trace.add("RCP level " + (i + 1) + " allows: " + allow);
            }
        }
        if (scpsApply) {
            for (int i = 0; i < policies.scpLevels().size(); i++) {
                StatementRef allow = firstAllow(PolicyKind.SCP, policies.scpLevels().get(i), request, false);
                if (allow == null) {
                    int level = i + 1;
                    return trace.implicit(() -> "no service control policy at level " + level + " allows " + request.action());
                }
                if (trace.on()) trace.add("SCP level " + (i + 1) + " allows: " + allow);
            }
        }

        // 3. The resource policy's grant, if any.
        PolicySet.ResourcePolicyKind resourceKind = policies.resourcePolicyKind().orElse(defaultKind(request));
        List<StatementRef> grants = new ArrayList<>(0);
        Grant grant = Grant.NONE;
        if (policies.resourcePolicy().isPresent()) {
            Policy policy = policies.resourcePolicy().get();
            PolicyKind kind = kindOfResourcePolicy(request, policies);
            for (Statement statement : policy.statements()) {
                if (statement.effect() != Effect.ALLOW || !appliesIgnoringPrincipal(statement, request)) {
                    continue;
                }
                Grant match = statement.principal().map(element -> grant(element, principal)).orElse(Grant.NONE);
                if (match != Grant.NONE) {
                    grants.add(StatementRef.of(kind, policy, statement));
                    if (match.compareTo(grant) > 0) {
                        grant = match;
                    }
                }
            }
            if (trace.on()) trace.add(grants.isEmpty() ? "the " + kind.label() + " does not allow this principal"
                    : "the " + kind.label() + " allows " + describe(grant) + ": " + grants.get(0));
        } else if (resourceKind != PolicySet.ResourcePolicyKind.STANDARD) {
            if (trace.on()) trace.add("no " + (resourceKind == PolicySet.ResourcePolicyKind.ROLE_TRUST ? "trust policy" : "key policy") + " given");
        }

        // 4. Decide by principal type.
        return switch (principal.type()) {
            case ANONYMOUS, SERVICE, IDENTITY_PROVIDER -> {
                if (grant == Grant.DIRECT) {
                    yield trace.result(Decision.ALLOWED, grants, () -> "allowed by " + grants.get(0));
                }
                yield trace.implicit(() -> "a " + principal.type().contextValue().toLowerCase(java.util.Locale.ROOT)
                        + " caller is allowed only by a resource policy that names it, and none does");
            }
            case ROOT -> rootDecision(request, resourceKind, grant, grants, trace);
            case USER, ROLE_SESSION, FEDERATED_USER -> identityDecision(request, policies, resourceKind, grant, grants, trace);
        };
    }

    private EvaluationResult rootDecision(AuthorizationRequest request, PolicySet.ResourcePolicyKind resourceKind, Grant grant,
                                          List<StatementRef> grants, Trace trace) {
        if (resourceKind == PolicySet.ResourcePolicyKind.ROLE_TRUST) {
            return trace.implicit(() -> "the root user cannot assume roles");
        }
        if (request.sameAccount() && resourceKind == PolicySet.ResourcePolicyKind.STANDARD) {
            return trace.result(Decision.ALLOWED, grants, () -> "the root user has every permission in its own account");
        }
        if (grant != Grant.NONE) {
            return trace.result(Decision.ALLOWED, grants, () -> "allowed by " + grants.get(0));
        }
        return trace.implicit(() -> request.sameAccount() ? "the key policy does not allow the account"
                : "cross-account: the resource policy does not allow account " + request.principal().accountId());
    }

    private EvaluationResult identityDecision(AuthorizationRequest request, PolicySet policies,
                                              PolicySet.ResourcePolicyKind resourceKind, Grant grant, List<StatementRef> grants,
                                              Trace trace) {
        List<StatementRef> identity = allows(PolicyKind.IDENTITY, policies.identityPolicies(), request);
        if (trace.on()) trace.add(identity.isEmpty() ? "no identity policy allows " + request.action() : "identity policy allows: " + identity.get(0));
        StatementRef boundary = null;
        boolean boundaryAllows = true;
        if (policies.permissionsBoundary().isPresent()) {
            boundary = firstAllow(PolicyKind.PERMISSIONS_BOUNDARY, List.of(policies.permissionsBoundary().get()), request, false);
            boundaryAllows = boundary != null;
            if (trace.on()) trace.add(boundaryAllows ? "permissions boundary allows: " + boundary
                    : "permissions boundary " + policies.permissionsBoundary().get().name() + " does not allow " + request.action());
        }
        StatementRef session = null;
        boolean sessionAllows = true;
        if (!policies.sessionPolicies().isEmpty()) {
            session = firstAllow(PolicyKind.SESSION, policies.sessionPolicies(), request, false);
            sessionAllows = session != null;
            if (trace.on()) trace.add(sessionAllows ? "session policy allows: " + session : "no session policy allows " + request.action());
        }
        List<StatementRef> deciding = new ArrayList<>(4);
        if (request.sameAccount()) {
            if (grant == Grant.DIRECT) {
                return trace.result(Decision.ALLOWED, grants, () -> "allowed by " + grants.get(0)
                        + ", which names this principal directly (identity policies, boundary and session policies do not limit it)");
            }
            if (grant == Grant.ROLE) {
                if (boundaryAllows && sessionAllows) {
                    deciding.addAll(grants);
                    addIfPresent(deciding, boundary);
                    addIfPresent(deciding, session);
                    return trace.result(Decision.ALLOWED, deciding, () -> "allowed by " + grants.get(0) + ", which names the role");
                }
                boolean boundaryOk = boundaryAllows;
                return trace.implicit(() -> boundaryOk ? "the resource policy names the role, but no session policy allows "
                        + request.action() : "the resource policy names the role, but its permissions boundary does not allow "
                        + request.action());
            }
            if (resourceKind != PolicySet.ResourcePolicyKind.STANDARD && grant == Grant.NONE) {
                return trace.implicit(() -> (resourceKind == PolicySet.ResourcePolicyKind.ROLE_TRUST ? "the role's trust policy"
                        : "the key policy") + " does not allow this principal or its account");
            }
        } else if (grant == Grant.NONE) {
            return trace.implicit(() -> policies.resourcePolicy().isEmpty()
                    ? "cross-account access to account " + request.resourceAccount() + " needs a resource policy that allows it"
                    : "cross-account: the resource policy does not allow this principal or account " + request.principal().accountId());
        }
        if (identity.isEmpty()) {
            return trace.implicit(() -> "no identity policy allows " + request.action()
                    + (grant == Grant.ACCOUNT ? " (the resource policy only names the account, which delegates to identity policies)" : ""));
        }
        if (!boundaryAllows) {
            return trace.implicit(() -> "the permissions boundary " + policies.permissionsBoundary().get().name() + " does not allow "
                    + request.action());
        }
        if (!sessionAllows) {
            return trace.implicit(() -> "no session policy allows " + request.action());
        }
        deciding.addAll(identity);
        deciding.addAll(grants);
        addIfPresent(deciding, boundary);
        addIfPresent(deciding, session);
        return trace.result(Decision.ALLOWED, deciding, () -> "allowed by " + identity.get(0)
                + (grants.isEmpty() ? "" : " and " + grants.get(0)));
    }

    private static void addIfPresent(List<StatementRef> list, StatementRef ref) {
        if (ref != null) {
            list.add(ref);
        }
    }

    private static PolicySet.ResourcePolicyKind defaultKind(AuthorizationRequest request) {
        String action = request.actionLower();
        if (action.startsWith("sts:assumerole")) {
            return PolicySet.ResourcePolicyKind.ROLE_TRUST;
        }
        if (action.startsWith("kms:")) {
            return PolicySet.ResourcePolicyKind.KMS_KEY;
        }
        return PolicySet.ResourcePolicyKind.STANDARD;
    }

    private static PolicyKind kindOfResourcePolicy(AuthorizationRequest request, PolicySet policies) {
        return policies.resourcePolicyKind().orElse(defaultKind(request)) == PolicySet.ResourcePolicyKind.ROLE_TRUST
                ? PolicyKind.TRUST : PolicyKind.RESOURCE;
    }

    private static String describe(Grant grant) {
        return switch (grant) {
            case NONE -> "no one";
            case ACCOUNT -> "the principal's account";
            case ROLE -> "the role";
            case DIRECT -> "this principal directly";
        };
    }

    private static void denies(PolicyKind kind, List<Policy> policies, AuthorizationRequest request, boolean checkPrincipal,
                               boolean hasBoundary, List<StatementRef> denies) {
        for (Policy policy : policies) {
            for (Statement statement : policy.statements()) {
                if (statement.effect() == Effect.DENY && appliesIgnoringPrincipal(statement, request)
                        && (!checkPrincipal || denyCoversPrincipal(statement, request.principal(), hasBoundary))) {
                    denies.add(StatementRef.of(kind, policy, statement));
                }
            }
        }
    }

    private static StatementRef firstAllow(PolicyKind kind, List<Policy> policies, AuthorizationRequest request,
                                           boolean checkPrincipal) {
        for (Policy policy : policies) {
            for (Statement statement : policy.statements()) {
                if (statement.effect() == Effect.ALLOW && appliesIgnoringPrincipal(statement, request)
                        && (!checkPrincipal || statement.principal().isEmpty()
                        || grant(statement.principal().get(), request.principal()) != Grant.NONE)) {
                    return StatementRef.of(kind, policy, statement);
                }
            }
        }
        return null;
    }

    private static List<StatementRef> allows(PolicyKind kind, List<Policy> policies, AuthorizationRequest request) {
        List<StatementRef> allows = null;
        for (Policy policy : policies) {
            for (Statement statement : policy.statements()) {
                if (statement.effect() == Effect.ALLOW && appliesIgnoringPrincipal(statement, request)) {
                    if (allows == null) {
                        allows = new ArrayList<>(2);
                    }
                    allows.add(StatementRef.of(kind, policy, statement));
                }
            }
        }
        return allows == null ? List.of() : allows;
    }

    /** Action, resource and conditions; cheapest test first. */
    private static boolean appliesIgnoringPrincipal(Statement statement, AuthorizationRequest request) {
        return statement.action().appliesTo(request.actionLower())
                && statement.coversResource(request.resource(), request.context())
                && statement.conditionsHold(request.context());
    }

    private static boolean denyCoversPrincipal(Statement statement, RequestPrincipal principal, boolean hasBoundary) {
        if (statement.principal().isEmpty()) {
            return true;
        }
        PrincipalElement element = statement.principal().get();
        if (element.negated()) {
            // Documented: Deny + NotPrincipal applies to any principal with a permissions boundary.
            return hasBoundary || !excluded(element, principal);
        }
        return grant(element, principal) != Grant.NONE;
    }

    /** How {@code element} (a Principal, not NotPrincipal) names {@code principal}. */
    private static Grant grant(PrincipalElement element, RequestPrincipal principal) {
        if (element.negated()) {
            return excluded(element, principal) ? Grant.NONE : Grant.DIRECT;
        }
        if (element.everyone()) {
            return Grant.DIRECT;
        }
        Grant best = Grant.NONE;
        switch (principal.type()) {
            case SERVICE -> {
                for (String service : element.service()) {
                    if (service.equalsIgnoreCase(principal.arn())) {
                        return Grant.DIRECT;
                    }
                }
            }
            case IDENTITY_PROVIDER -> {
                for (String provider : element.federated()) {
                    if (provider.equals(principal.arn())) {
                        return Grant.DIRECT;
                    }
                }
            }
            case ANONYMOUS -> {
                return Grant.NONE;
            }
            case ROOT, USER, ROLE_SESSION, FEDERATED_USER -> {
                for (String value : element.aws()) {
                    if (isAccount(value, principal.accountId())) {
                        best = best.compareTo(Grant.ACCOUNT) < 0 ? Grant.ACCOUNT : best;
                    } else if (value.equals(principal.arn())) {
                        return Grant.DIRECT;
                    } else if (principal.type() == RequestPrincipal.Type.ROLE_SESSION && sameRole(value, principal)) {
                        best = Grant.ROLE;
                    }
                }
                if (principal.type() == RequestPrincipal.Type.ROOT && best == Grant.ACCOUNT) {
                    return Grant.DIRECT;
                }
            }
        }
        return best;
    }

    /** Whether a NotPrincipal list leaves {@code principal} out: it must list the principal and its account. */
    private static boolean excluded(PrincipalElement element, RequestPrincipal principal) {
        if (element.everyone()) {
            return true;
        }
        switch (principal.type()) {
            case SERVICE -> {
                return element.service().stream().anyMatch(service -> service.equalsIgnoreCase(principal.arn()));
            }
            case IDENTITY_PROVIDER -> {
                return element.federated().contains(principal.arn());
            }
            case ANONYMOUS -> {
                return false;
            }
            default -> {
                boolean account = false;
                boolean specific = false;
                for (String value : element.aws()) {
                    if (isAccount(value, principal.accountId())) {
                        account = true;
                    } else if (value.equals(principal.arn())) {
                        specific = true;
                    }
                }
                return principal.type() == RequestPrincipal.Type.ROOT ? account : account && specific;
            }
        }
    }

    private static boolean isAccount(String value, String accountId) {
        if (accountId.isEmpty()) {
            return false;
        }
        if (value.equals(accountId)) {
            return true;
        }
        return value.startsWith("arn:") && value.endsWith(":iam::" + accountId + ":root");
    }

    /** Whether a principal value is the ARN of the session's role (by full ARN, or by account and name when the path is not known). */
    private static boolean sameRole(String value, RequestPrincipal principal) {
        if (value.equals(principal.roleArn())) {
            return true;
        }
        if (principal.rolePathKnown() || !value.startsWith("arn:")) {
            return false;
        }
        String[] parts = value.split(":", 6);
        if (parts.length < 6 || !parts[2].equals("iam") || !parts[4].equals(principal.accountId()) || !parts[5].startsWith("role/")) {
            return false;
        }
        return parts[5].substring(parts[5].lastIndexOf('/') + 1).equals(principal.name());
    }

    /** Collects reasoning when asked; free otherwise. */
    private static final class Trace {
        static final Trace OFF = new Trace(false);

        private final List<String> lines;

        Trace(boolean enabled) {
            this.lines = enabled ? new ArrayList<>() : null;
        }

        boolean on() {
            return lines != null;
        }

        void add(String line) {
            if (lines != null) {
                lines.add(line);
            }
        }

        EvaluationResult result(Decision decision, List<StatementRef> deciding, Supplier<String> reason) {
            if (lines != null) {
                add("decision: " + decision.text() + " (" + reason.get() + ")");
            }
            return new EvaluationResult(decision, deciding, reason, lines == null ? List.of() : lines);
        }

        EvaluationResult implicit(Supplier<String> reason) {
            return result(Decision.IMPLICITLY_DENIED, List.of(), reason);
        }
    }
}
