package dev.bulwark.iam.account;

import dev.bulwark.iam.policy.AuthorizationRequest;
import dev.bulwark.iam.policy.Condition;
import dev.bulwark.iam.policy.Effect;
import dev.bulwark.iam.policy.EvaluationResult;
import dev.bulwark.iam.policy.Policy;
import dev.bulwark.iam.policy.PolicyKind;
import dev.bulwark.iam.policy.PolicySet;
import dev.bulwark.iam.policy.PrincipalElement;
import dev.bulwark.iam.policy.RequestContext;
import dev.bulwark.iam.policy.RequestPrincipal;
import dev.bulwark.iam.policy.Statement;
import dev.bulwark.iam.policy.StatementRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who outside the account, or which service, a role's trust policy lets in. Each question is put
 * to the evaluator as a request from a stand-in caller whose own account allows it everything, so
 * only the trust policy and its conditions decide: an outsider of an unrelated account (anyone),
 * a principal of each other account the policy names (cross-account), a token of each OIDC
 * provider it names with a subject of someone else's (web identity), a compute service (for
 * administrator-equivalent roles). A condition the stand-in cannot meet, such as
 * {@code sts:ExternalId} or {@code aws:PrincipalOrgID}, keeps the finding away. Stateless.
 */
final class TrustChecks {
    /** An account id no trust policy names on purpose. */
    static final String OUTSIDER_ACCOUNT = "000000000000";
    /** Issuers that hand tokens with an audience of the caller's choosing to anyone with an account. */
    static final Set<String> PUBLIC_ISSUERS = Set.of("token.actions.githubusercontent.com", "gitlab.com", "app.terraform.io");
    /** Identity providers whose audience is the customer's own app or pool, so a matching aud already binds the token. */
    private static final Set<String> AUDIENCE_BOUND = Set.of("cognito-identity.amazonaws.com", "accounts.google.com",
            "graph.facebook.com", "www.amazon.com");
    static final List<String> COMPUTE_SERVICES = List.of("ec2.amazonaws.com", "lambda.amazonaws.com", "ecs-tasks.amazonaws.com",
            "pods.eks.amazonaws.com", "codebuild.amazonaws.com", "glue.amazonaws.com", "sagemaker.amazonaws.com",
            "batch.amazonaws.com", "tasks.apprunner.amazonaws.com", "elasticmapreduce.amazonaws.com", "states.amazonaws.com",
            "datapipeline.amazonaws.com");

    /** One way into the role: who, and the trust statements that let them in. */
    record Entry(String who, List<StatementRef> statements) {}

    private final AccountModel model;
    private final Policy allowAll = ProbeResources.policy("the caller's own policies", PolicyKind.IDENTITY,
            "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}");

    TrustChecks(AccountModel model) {
        this.model = model;
    }

    /** The trust statements that let an unrelated account's principals assume the role; empty when none does. */
    List<StatementRef> anyone(Node role) {
        Policy trust = role.principal.trustPolicy().orElse(null);
        if (trust == null || !namesEveryone(trust)) {
            return List.of();
        }
        EvaluationResult result = assume(RequestPrincipal.parse("arn:aws:iam::" + OUTSIDER_ACCOUNT + ":user/bulwark-outsider"),
                role, trust, "sts:AssumeRole", RequestContext.empty());
        return result.allowed() ? trustStatements(result) : List.of();
    }

    /** For each other account the trust policy names that can assume the role without a binding condition: who, and why. */
    List<Entry> crossAccount(Node role) {
        Policy trust = role.principal.trustPolicy().orElse(null);
        List<Entry> entries = new ArrayList<>();
        if (trust == null) {
            return entries;
        }
        Map<String, RequestPrincipal> callers = new LinkedHashMap<>();
        for (Statement statement : trust.statements()) {
            if (statement.effect() != Effect.ALLOW || statement.principal().isEmpty() || statement.principal().get().negated()) {
                continue;
            }
            for (String value : statement.principal().get().aws()) {
                String account = accountOf(value);
                if (account.isEmpty() || account.equals(model.accountId) || callers.containsKey(value)) {
                    continue;
                }
                callers.put(value, standIn(value, account));
            }
        }
        for (Map.Entry<String, RequestPrincipal> caller : callers.entrySet()) {
            if (caller.getValue() == null) {
                continue;
            }
            EvaluationResult result = assume(caller.getValue(), role, trust, "sts:AssumeRole", RequestContext.empty());
            if (result.allowed()) {
                entries.add(new Entry(caller.getKey(), trustStatements(result)));
            }
        }
        return entries;
    }

    /** For each OIDC provider the trust policy names that lets in tokens with someone else's subject: the provider, and why. */
    List<Entry> webIdentity(Node role) {
        Policy trust = role.principal.trustPolicy().orElse(null);
        List<Entry> entries = new ArrayList<>();
        if (trust == null) {
            return entries;
        }
        List<String> providers = new ArrayList<>();
        for (Statement statement : trust.statements()) {
            if (statement.effect() != Effect.ALLOW || statement.principal().isEmpty()
                    || !statement.action().appliesToAnyCase("sts:AssumeRoleWithWebIdentity")) {
                continue;
            }
            for (String provider : statement.principal().get().federated()) {
                if (!provider.contains(":saml-provider/") && !providers.contains(provider)) {
                    providers.add(provider);
                }
            }
        }
        for (String provider : providers) {
            String host = host(provider);
            Map<String, List<String>> context = new LinkedHashMap<>();
            String audience = AUDIENCE_BOUND.contains(host) ? "bulwark-outsider-audience" : audience(trust, host);
            context.put(host + ":aud", List.of(audience));
            context.put(host + ":sub", List.of(subject(host)));
            context.put(host + ":amr", List.of("authenticated"));
            EvaluationResult result = assume(RequestPrincipal.identityProvider(provider), role, trust, "sts:AssumeRoleWithWebIdentity",
                    RequestContext.of(context));
            if (result.allowed()) {
                entries.add(new Entry(host, trustStatements(result)));
            }
        }
        return entries;
    }

    /** The compute services that may assume {@code role}. */
    List<String> computeServices(Node role) {
        List<String> services = new ArrayList<>();
        for (String service : COMPUTE_SERVICES) {
            if (model.serviceTrusts(role, service)) {
                services.add(service);
            }
        }
        return services;
    }

    private EvaluationResult assume(RequestPrincipal caller, Node role, Policy trust, String action, RequestContext context) {
        PolicySet.Builder policies = PolicySet.builder().resource(trust).resourcePolicyKind(PolicySet.ResourcePolicyKind.ROLE_TRUST);
        if (caller.hasIdentityPolicies()) {
            policies.identity(allowAll);
        }
        return model.evaluator.evaluate(new AuthorizationRequest(caller, action, role.principal.arn(), model.accountId, context),
                policies.build());
    }

    private static List<StatementRef> trustStatements(EvaluationResult result) {
        List<StatementRef> statements = new ArrayList<>();
        for (StatementRef ref : result.decidingStatements()) {
            if (ref.kind() == PolicyKind.TRUST) {
                statements.add(ref);
            }
        }
        return statements;
    }

    private static boolean namesEveryone(Policy trust) {
        for (Statement statement : trust.statements()) {
            if (statement.effect() == Effect.ALLOW && statement.principal().isPresent()) {
                PrincipalElement element = statement.principal().get();
                if (element.everyone() || element.negated() || element.aws().contains("*")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A caller standing for {@code value} (an account id, root, user or role ARN), or null when it is not one. */
    private static RequestPrincipal standIn(String value, String account) {
        try {
            if (value.contains(":role/")) {
                return RequestPrincipal.roleSession(value, "bulwark-outsider");
            }
            if (value.contains(":user/") || value.contains(":assumed-role/")) {
                return RequestPrincipal.parse(value);
            }
            return RequestPrincipal.parse("arn:aws:iam::" + account + ":user/bulwark-outsider");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The account of a trust policy's AWS principal value (an id or an ARN), or empty ({@code *}, unique ids). */
    private static String accountOf(String value) {
        if (value.matches("\\d{12}")) {
            return value;
        }
        if (value.startsWith("arn:")) {
            String[] parts = value.split(":", 6);
            if (parts.length == 6 && parts[4].matches("\\d{12}")) {
                return parts[4];
            }
        }
        return "";
    }

    /** The host condition keys use for a provider: {@code arn:...:oidc-provider/HOST} gives HOST. */
    static String host(String provider) {
        int marker = provider.indexOf(":oidc-provider/");
        String host = marker >= 0 ? provider.substring(marker + ":oidc-provider/".length()) : provider;
        return host.toLowerCase(Locale.ROOT);
    }

    /** The audience the trust policy asks for (the attacker's token can carry it), or the common default. */
    private static String audience(Policy trust, String host) {
        String key = host + ":aud";
        for (Statement statement : trust.statements()) {
            for (Condition condition : statement.conditions()) {
                if (condition.keyLower().equals(key) && !condition.values().isEmpty() && !condition.operator().negated()) {
                    return condition.values().get(0).replace("*", "x");
                }
            }
        }
        return "sts.amazonaws.com";
    }

    private static String subject(String host) {
        if (host.equals("token.actions.githubusercontent.com")) {
            return "repo:bulwark-outsider/bulwark-outsider:ref:refs/heads/main";
        }
        if (host.startsWith("oidc.eks.")) {
            return "system:serviceaccount:bulwark-outsider:bulwark-outsider";
        }
        return "bulwark-outsider";
    }
}
