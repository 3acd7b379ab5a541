package dev.bulwark.iam.account;

import static java.util.Objects.requireNonNull;

import dev.bulwark.iam.policy.Condition;
import dev.bulwark.iam.policy.Decision;
import dev.bulwark.iam.policy.Effect;
import dev.bulwark.iam.policy.EvaluationResult;
import dev.bulwark.iam.policy.Policy;
import dev.bulwark.iam.policy.PolicyEvaluator;
import dev.bulwark.iam.policy.PolicySet;
import dev.bulwark.iam.policy.RequestContext;
import dev.bulwark.iam.policy.RequestPrincipal;
import dev.bulwark.iam.policy.Statement;
import dev.bulwark.iam.policy.StatementRef;
import dev.bulwark.iam.policy.AuthorizationRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one principal can do: its policies as the evaluator sees them, and a cache of answers.
 * Every question is decided by {@link PolicyEvaluator} over all the principal's policies together
 * (never policy by policy), within its permissions boundary and the SCPs. Requests carry the
 * condition keys AWS sets for every request plus the principal's tags
 * ({@code aws:PrincipalTag/...}); a condition on any other key sees it absent. Every request is
 * taken to be for a resource of the principal's own account.
 *
 * <p>Thread-safe: the cache is concurrent, everything else is immutable.
 */
final class PrincipalPermissions {
    private final IamPrincipal principal;
    private final RequestPrincipal caller;
    private final Grants grants;
    private final List<List<Policy>> scpLevels;
    private final PolicyEvaluator evaluator;
    private final PolicySet base;
    private final Map<String, List<String>> principalContext;
    private final RequestContext baseContext;
    private final ConcurrentHashMap<String, EvaluationResult> results = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Boolean> listed = new ConcurrentHashMap<>();
    private final AtomicLong evaluations = new AtomicLong();
    private final ConcurrentHashMap<String, List<Statement>> naming = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Boolean> never = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Boolean> alike = new ConcurrentHashMap<>();
    /** What this principal would hold with a policy of an attacker's writing added; computed once. */
    volatile AdminCheck.Result withWrittenPolicy;

    /** Keys that no request of the analysis carries unless the principal's own context does (time, MFA, network, TLS). */
    private static final java.util.Set<String> FIXED_KEYS = java.util.Set.of("aws:multifactorauthpresent", "aws:multifactorauthage",
            "aws:sourceip", "aws:sourcevpc", "aws:sourcevpce", "aws:vpcsourceip", "aws:securetransport", "aws:currenttime",
            "aws:epochtime", "aws:requestedregion", "aws:viaawsservice", "aws:calledvia", "aws:tokenissuetime", "aws:useragent",
            "aws:referer", "aws:sourceidentity", "aws:principalorgid", "aws:principalorgpaths");

    PrincipalPermissions(IamPrincipal principal, RequestPrincipal caller, Grants grants, List<List<Policy>> scpLevels,
                         PolicyEvaluator evaluator) {
        this.principal = requireNonNull(principal, "principal is null");
        this.caller = requireNonNull(caller, "caller is null");
        this.grants = requireNonNull(grants, "grants is null");
        this.scpLevels = List.copyOf(scpLevels);
        this.evaluator = requireNonNull(evaluator, "evaluator is null");
        this.base = policySet(grants, Optional.empty(), Optional.empty());
        Map<String, List<String>> context = new HashMap<>();
        for (Map.Entry<String, String> tag : principal.tags().entrySet()) {
            context.put("aws:PrincipalTag/" + tag.getKey(), List.of(tag.getValue()));
        }
        // The keys AWS sets on every request, set here once so that building a request adds none.
        context.put("aws:PrincipalArn", List.of(caller.principalArn()));
        context.put("aws:PrincipalAccount", List.of(caller.accountId()));
        context.put("aws:PrincipalType", List.of(caller.type().contextValue()));
        context.put("aws:PrincipalIsAWSService", List.of("false"));
        context.put("aws:ResourceAccount", List.of(caller.accountId()));
        if (caller.type() == RequestPrincipal.Type.USER) {
            context.put("aws:username", List.of(caller.name()));
        }
        this.principalContext = Map.copyOf(context);
        this.baseContext = RequestContext.of(principalContext);
    }

    IamPrincipal principal() {
        return principal;
    }

    RequestPrincipal caller() {
        return caller;
    }

    Grants grants() {
        return grants;
    }

    /** The principal's decision for {@code probe}, cached. */
    EvaluationResult evaluate(Probe probe) {
        String key = probe.key();
        EvaluationResult cached = results.get(key);
        if (cached != null) {
            return cached;
        }
        EvaluationResult result = evaluate(probe, grants);
        results.putIfAbsent(key, result);
        return result;
    }

    /** The decision for {@code probe} if the principal's policies were {@code changed}; not cached. */
    EvaluationResult evaluate(Probe probe, Grants changed) {
        evaluations.incrementAndGet();
        PolicySet policies = changed == grants && probe.resourcePolicy().isEmpty() ? base
                : policySet(changed, probe.resourcePolicy(), probe.resourcePolicyKind());
        return evaluator.evaluate(request(probe), policies);
    }

    /** How many requests this principal's evaluator decided (cache hits not counted). */
    long evaluations() {
        return evaluations.get();
    }

    /** The decision for {@code probe} with an explanation, for {@code can} queries. */
    EvaluationResult explain(Probe probe) {
        return evaluator.evaluate(request(probe), policySet(grants, probe.resourcePolicy(), probe.resourcePolicyKind()), true);
    }

    private AuthorizationRequest request(Probe probe) {
        return new AuthorizationRequest(caller, probe.action(), probe.resource(), "", context(probe));
    }

    RequestContext context(Probe probe) {
        if (probe.context().isEmpty()) {
            return baseContext;
        }
        Map<String, List<String>> context = new LinkedHashMap<>(principalContext);
        for (Map.Entry<String, String> entry : probe.context().entrySet()) {
            context.put(entry.getKey(), List.of(entry.getValue()));
        }
        return RequestContext.of(context);
    }

    private PolicySet policySet(Grants set, Optional<Policy> resourcePolicy, Optional<PolicySet.ResourcePolicyKind> kind) {
        PolicySet.Builder builder = PolicySet.builder().identity(set.identity());
        set.boundary().ifPresent(builder::permissionsBoundary);
        for (List<Policy> level : scpLevels) {
            builder.scpLevel(level);
        }
        resourcePolicy.ifPresent(builder::resource);
        kind.ifPresent(builder::resourcePolicyKind);
        return builder.build();
    }

    /** Whether an Allow statement of the principal's identity policies names {@code action} (resources and conditions aside). */
    boolean lists(String action) {
        Boolean known = listed.get(action);
        if (known != null) {
            return known;
        }
        String lower = action.toLowerCase(Locale.ROOT);
        boolean found = false;
        for (Policy policy : grants.identity()) {
            for (Statement statement : policy.statements()) {
                if (statement.effect() == Effect.ALLOW && statement.action().appliesTo(lower)) {
                    found = true;
                    break;
                }
            }
            if (found) {
                break;
            }
        }
        listed.putIfAbsent(action, found);
        return found;
    }

    /**
     * Whether an Allow statement naming {@code action} covers {@code resource}, conditions aside
     * (a quick test before the evaluator: false means no identity policy can allow it).
     */
    boolean mayCover(String action, String resource) {
        List<Statement> statements = naming.get(action);
        if (statements == null) {
            List<Statement> found = allowsNaming(action, grants, new ArrayList<>());
            naming.putIfAbsent(action, found);
            statements = found;
        }
        for (Statement statement : statements) {
            if (statement.coversResource(resource, baseContext)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether no request for {@code action} can be allowed by the identity policies whatever its
     * resource: every Allow statement naming it has a condition that fails on the keys every
     * request carries (an MFA or source-IP condition, say). A condition on a key that a request
     * may add (resource tags, {@code iam:PassedToService}, ...) is not decided here.
     */
    boolean neverAllowed(String action) {
        Boolean known = never.get(action);
        if (known != null) {
            return known;
        }
        boolean result = true;
        List<Statement> statements = allowsNaming(action, grants, new ArrayList<>());
        for (Statement statement : statements) {
            if (statement.conditions().isEmpty()) {
                result = false;
                break;
            }
            boolean decidable = true;
            for (Condition condition : statement.conditions()) {
                decidable &= baseContext.has(condition.key()) || FIXED_KEYS.contains(condition.keyLower());
            }
            if (!decidable || statement.conditionsHold(baseContext)) {
                result = false;
                break;
            }
        }
        never.putIfAbsent(action, result);
        return result;
    }

    /**
     * Whether every statement that can take part in deciding {@code action} (the identity
     * policies' Allow and Deny statements, or only their Deny statements when {@code allowsToo} is
     * false; the boundary's; the SCPs') names no particular resource and tests only keys every
     * request carries alike: then the decision is the same whatever the resource.
     */
    boolean decidedAlike(String action, boolean allowsToo) {
        String key = action + (allowsToo ? "" : "\u0000denies");
        Boolean known = alike.get(key);
        if (known != null) {
            return known;
        }
        String lower = action.toLowerCase(Locale.ROOT);
        boolean result = true;
        for (Policy policy : grants.identity()) {
            result &= alike(policy, lower, allowsToo);
        }
        if (grants.boundary().isPresent()) {
            result &= alike(grants.boundary().get(), lower, true);
        }
        for (List<Policy> level : scpLevels) {
            for (Policy policy : level) {
                result &= alike(policy, lower, true);
            }
        }
        alike.putIfAbsent(key, result);
        return result;
    }

    private boolean alike(Policy policy, String lowerAction, boolean allowsToo) {
        for (Statement statement : policy.statements()) {
            if (!statement.action().appliesTo(lowerAction) || (!allowsToo && statement.effect() == Effect.ALLOW)) {
                continue;
            }
            if (statement.resource().isPresent() && (statement.resource().get().negated() || !statement.resource().get().listsEverything())) {
                return false;
            }
            for (Condition condition : statement.conditions()) {
                if (!baseContext.has(condition.key()) && !FIXED_KEYS.contains(condition.keyLower())) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The identity Allow statements that name {@code action} and cover {@code resource},
     * conditions aside: what the policies grant on paper.
     */
    List<StatementRef> paperGrants(Probe probe, Grants set) {
        String lower = probe.action().toLowerCase(Locale.ROOT);
        RequestContext context = context(probe);
        List<StatementRef> found = new ArrayList<>(1);
        for (Policy policy : set.identity()) {
            for (Statement statement : policy.statements()) {
                if (statement.effect() == Effect.ALLOW && statement.action().appliesTo(lower)
                        && statement.coversResource(probe.resource(), context)) {
                    found.add(ref(policy, statement));
                }
            }
        }
        return found;
    }

    /** The identity Allow statements naming {@code action}, as references (resources and conditions aside). */
    List<StatementRef> grantsNaming(String action) {
        List<Policy> owners = new ArrayList<>();
        List<Statement> statements = allowsNaming(action, grants, owners);
        List<StatementRef> refs = new ArrayList<>(statements.size());
        for (int i = 0; i < statements.size(); i++) {
            refs.add(ref(owners.get(i), statements.get(i)));
        }
        return refs;
    }

    /** Identity Allow statements naming {@code action}, in policy order (resources and conditions aside). */
    List<Statement> allowsNaming(String action, Grants set, List<Policy> owners) {
        String lower = action.toLowerCase(Locale.ROOT);
        List<Statement> found = new ArrayList<>();
        for (Policy policy : set.identity()) {
            for (Statement statement : policy.statements()) {
                if (statement.effect() == Effect.ALLOW && statement.action().appliesTo(lower)) {
                    found.add(statement);
                    owners.add(policy);
                }
            }
        }
        return found;
    }

    /**
     * Why {@code probe} is not allowed: the Deny statements that match, the Allow that covers other
     * resources only or holds only under conditions, or the evaluator's reason (a boundary, an SCP,
     * a trust policy).
     */
    Block whyNot(Probe probe, EvaluationResult result, Grants set) {
        if (result.decision() == Decision.EXPLICITLY_DENIED) {
            List<String> denies = new ArrayList<>();
            for (StatementRef deny : result.decidingStatements()) {
                denies.add(describe(deny));
            }
            String guardrail = String.join("; ", denies);
            return new Block(guardrail, probe.action() + " is denied by " + guardrail, result.decidingStatements());
        }
        List<Policy> owners = new ArrayList<>();
        List<Statement> naming = allowsNaming(probe.action(), set, owners);
        if (naming.isEmpty()) {
            return new Block("no Allow for " + probe.action(), "no policy of " + principal.display() + " allows " + probe.action(), List.of());
        }
        RequestContext context = context(probe);
        int covering = -1;
        for (int i = 0; i < naming.size(); i++) {
            if (naming.get(i).coversResource(probe.resource(), context)) {
                if (naming.get(i).conditionsHold(context)) {
                    // The identity policies allow it: a boundary, an SCP or a trust policy does not.
                    String generic = result.reason().replace(probe.action(), "it");
                    return new Block(generic, result.reason(), List.of());
                }
                if (covering < 0) {
                    covering = i;
                }
            }
        }
        if (covering >= 0) {
            Statement statement = naming.get(covering);
            List<String> conditions = new ArrayList<>();
            for (Condition condition : statement.conditions()) {
                conditions.add(condition.toString());
            }
            String where = owners.get(covering).name() + " statement " + statement.label();
            return new Block(where + " (its conditions)", where + " allows " + probe.action() + " only when "
                    + String.join(" and ", conditions), List.of(ref(owners.get(covering), statement)));
        }
        Statement first = naming.get(0);
        String resources = first.resource().map(element -> (element.negated() ? "every resource except " : "")
                + String.join(", ", element.patterns())).orElse("no resource");
        String where = owners.get(0).name() + " statement " + first.label();
        return new Block(where + " (its resources)", where + " allows " + probe.action() + " only on " + resources,
                List.of(ref(owners.get(0), first)));
    }

    /** {@code P statement S}, with the kind of policy where its name does not already say it (SCPs, resource policies). */
    static String describe(StatementRef ref) {
        String kind = switch (ref.kind()) {
            case IDENTITY, PERMISSIONS_BOUNDARY, TRUST -> "";
            case SCP -> "service control policy ";
            case RESOURCE, SESSION, RCP -> ref.kind().label() + " ";
        };
        return kind + ref.policy() + " statement " + ref.label();
    }

    private static StatementRef ref(Policy policy, Statement statement) {
        return new StatementRef(dev.bulwark.iam.policy.PolicyKind.IDENTITY, policy.name(), statement.index(), statement.sid(),
                statement.effect(), statement.position());
    }
}
