package dev.bulwark.iam.account;

import dev.bulwark.iam.account.Attempt.Check;
import dev.bulwark.iam.account.Technique.Kind;
import dev.bulwark.iam.account.Technique.On;
import dev.bulwark.iam.account.Technique.Requirement;
import dev.bulwark.iam.account.Technique.Trust;
import dev.bulwark.iam.policy.Decision;
import dev.bulwark.iam.policy.EvaluationResult;
import dev.bulwark.iam.policy.Policy;
import dev.bulwark.iam.policy.PolicyKind;
import dev.bulwark.iam.policy.PolicySet;
import dev.bulwark.iam.policy.ResourceElement;
import dev.bulwark.iam.policy.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds who can reach administrator-equivalent access, and how.
 *
 * <p>The search runs in levels over the graph of principals. Level 0 are the principals that are
 * administrator-equivalent. Level 1 are those with one technique that gets them there: changing
 * their own policies, boundary or groups (the result is checked: a boundary or an SCP may leave a
 * written policy powerless), changing a role they can assume, or gaining the permissions of a
 * level-0 principal (assuming it, passing it to a service, taking over its credentials or
 * rewriting its trust). Level k are those that gain a level k-1 principal, up to
 * {@link #MAX_DEPTH}. Each principal gets the first path found at its level, so paths are shortest
 * and deterministic (techniques in catalog order, targets by ARN); each pair of principal and target
 * is tried once.
 *
 * <p>Every required action is decided by the evaluator over all of a principal's policies, its
 * boundary and the SCPs, on the resource the technique acts on (the target role or user, the
 * principal itself, or, for resources the attacker creates or picks, a name its own policies
 * allow). Only principals whose Allow statements name every required action try a technique at all;
 * at level 1, a technique that would apply but that a Deny, a condition, a resource constraint, a
 * boundary or an SCP blocks is kept with the reason.
 *
 * <p>Principals are analyzed in parallel, one thread per principal at a time; nothing is shared
 * between threads but the immutable model and the levels of the previous iteration.
 */
final class EscalationSearch {
    static final int MAX_DEPTH = 4;
    private static final int MAX_GUESSES = 6;
    /** Targets recorded per technique at level 1: the first is reported, the rest are counted up to this many. */
    static final int MAX_TARGETS_PER_TECHNIQUE = 5;

    private final AccountModel model;
    private final EscalationTechniques techniques;
    private final int threads;

    private final Map<Technique, List<Requirement>> order = new java.util.IdentityHashMap<>();

    EscalationSearch(AccountModel model, EscalationTechniques techniques, int threads) {
        this.model = model;
        this.techniques = techniques;
        this.threads = threads;
        for (Technique technique : techniques.all()) {
            order.put(technique, inOrder(technique));
        }
    }

    void run() {
        Parallel.forEach(model.nodes, threads, node -> {
            node.admin = model.adminCheck.check(node.permissions);
            if (node.admin.admin()) {
                node.level = 0;
            } else {
                node.adminOnPaper = model.adminCheck.onPaper(node.permissions);
            }
        });
        List<Node> frontier = new ArrayList<>();
        for (Node node : model.nodes) {
            if (node.level == 0) {
                frontier.add(node);
            }
        }
        for (int level = 1; level <= MAX_DEPTH; level++) {
            Targets targets = new Targets(frontier);
            boolean first = level == 1;
            Parallel.forEach(model.nodes, threads, node -> {
                if (!node.privileged() && !node.principal.serviceLinked()) {
                    search(node, targets, first);
                }
            });
            List<Node> reached = new ArrayList<>();
            for (Node node : model.nodes) {
                if (node.pendingLevel != Node.UNREACHED) {
                    node.level = level;
                    node.via = node.pendingVia;
                    node.next = node.pendingNext;
                    node.pendingLevel = Node.UNREACHED;
                    reached.add(node);
                }
            }
            if (reached.isEmpty()) {
                break;
            }
            frontier = reached;
        }
    }

    /** The principals of one level, as targets. */
    private final class Targets {
        final List<Node> roles = new ArrayList<>();
        final List<Node> users = new ArrayList<>();
        final Set<Node> all;

        Targets(List<Node> frontier) {
            List<Node> sorted = new ArrayList<>(frontier);
            sorted.sort(AccountModel.BY_ARN);
            for (Node node : sorted) {
                if (node.principal.serviceLinked()) {
                    continue;
                }
                if (node.principal.kind() == PrincipalKind.ROLE) {
                    roles.add(node);
                } else {
                    users.add(node);
                }
            }
            all = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            all.addAll(sorted);
        }
    }

    /** A thing a technique acts on. */
    private record Candidate(String label, Optional<Node> node, Optional<IamPrincipal> group, Optional<ManagedPolicy> policy,
                             Optional<AttachedPolicy> attachment, String service, String resource, Map<String, String> tags) {
        static Candidate self(Node node) {
            return new Candidate("itself", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "",
                    node.principal.arn(), node.principal.tags());
        }

        static Candidate of(Node target, String service) {
            return new Candidate(target.principal.display(), Optional.of(target), Optional.empty(), Optional.empty(), Optional.empty(),
                    service, target.principal.arn(), target.principal.tags());
        }
    }

    private void search(Node node, Targets targets, boolean first) {
        for (Technique technique : techniques.all()) {
            if (!technique.appliesTo().contains(node.principal.kind()) || (!first && !technique.kind().gainsTarget())
                    || !named(node, technique)) {
                continue;
            }
            Attempt firstBlocked = null;
            boolean tried = false;
            boolean onlyNamed = false;
            int successes = 0;
            for (Candidate candidate : candidates(node, technique, targets)) {
                // The first candidate is always tried, so a blocked technique can be reported with its reason;
                // the others only when the principal's Allow statements cover them at all.
                if (tried && !covered(node, technique, candidate)) {
                    continue;
                }
                if (onlyNamed && !model.trustNames(candidate.node().orElseThrow(), node)) {
                    continue;
                }
                if (assumes(technique) && !model.trustAdmits(node, candidate.node().orElseThrow())) {
                    // Not a path at all: the role does not let this principal in.
                    continue;
                }
                tried = true;
                Attempt attempt = attempt(node, technique, candidate, first);
                if (attempt == null) {
                    continue;
                }
                if (!attempt.succeeded() && (failedOnItsOwn(attempt) || failsForEveryCandidate(node, attempt))) {
                    // The step that failed does not depend on the candidate: no other candidate can do better,
                    // except a role whose trust policy names the principal itself (that grant needs nothing else).
                    if (first && firstBlocked == null) {
                        firstBlocked = attempt;
                    }
                    if (assumes(technique) && lastStepTrusts(attempt)) {
                        onlyNamed = true;
                        continue;
                    }
                    break;
                }
                if (attempt.succeeded()) {
                    if (node.pendingLevel == Node.UNREACHED) {
                        node.pendingLevel = 1;
                        node.pendingVia = attempt;
                        node.pendingNext = attempt.target().filter(target -> technique.kind().gainsTarget()).orElse(null);
                    }
                    if (!first) {
                        return;
                    }
                    node.escalations.add(attempt);
                    if (++successes == MAX_TARGETS_PER_TECHNIQUE) {
                        break;
                    }
                } else if (firstBlocked == null && first) {
                    firstBlocked = attempt;
                }
            }
            if (firstBlocked != null && !hasSuccess(node, technique)) {
                node.blocked.add(firstBlocked);
            }
        }
    }

    /**
     * Whether some Allow statement of the principal names each candidate-dependent action and
     * covers the candidate (conditions aside): without one, the evaluator can only deny, unless
     * the candidate's trust policy names the principal itself.
     */
    private boolean covered(Node node, Technique technique, Candidate candidate) {
        for (Requirement requirement : technique.requires()) {
            if (requirement.on() != On.TARGET || requirement.trust() == Trust.REWRITTEN_TRUST) {
                continue;
            }
            if (requirement.trust() == Trust.TARGET_TRUST && model.trustNames(candidate.node().orElseThrow(), node)) {
                continue;
            }
            if (!node.permissions.mayCover(requirement.action(), candidate.resource()) || node.permissions.neverAllowed(requirement.action())) {
                return false;
            }
        }
        return true;
    }

    private static boolean lastStepTrusts(Attempt attempt) {
        return attempt.checks().get(attempt.checks().size() - 1).requirement().trust() == Trust.TARGET_TRUST;
    }

    private static boolean assumes(Technique technique) {
        return technique.kind() == Kind.ASSUME_ROLE || technique.kind() == Kind.MODIFY_ASSUMABLE_ROLE;
    }

    /**
     * Whether the step that failed would fail on every other candidate too: the statements that
     * decide it name no particular resource and test only keys that do not vary with the target.
     * For a step decided with the target's trust policy, only the principal's Deny statements,
     * boundary and SCPs are looked at, and only when they are what denies it.
     */
    private boolean failsForEveryCandidate(Node node, Attempt attempt) {
        if (attempt.checks().isEmpty() || attempt.outcome().isPresent()) {
            return false;
        }
        Check failed = attempt.checks().get(attempt.checks().size() - 1);
        Requirement requirement = failed.requirement();
        if (requirement.on() != On.TARGET || requirement.trust() == Trust.REWRITTEN_TRUST) {
            return false;
        }
        if (requirement.trust() == Trust.NONE) {
            return requirement.context().isEmpty() && node.permissions.decidedAlike(requirement.action(), true);
        }
        return node.permissions.decidedAlike(requirement.action(), false)
                && !node.permissions.evaluate(failed.probe(), node.permissions.grants().plus(model.allowAll)).allowed();
    }

    /** Whether the failed step acts on something other than the candidate (the principal itself, a resource it picks). */
    private static boolean failedOnItsOwn(Attempt attempt) {
        if (attempt.checks().isEmpty() || attempt.outcome().isPresent()) {
            return false;
        }
        Technique.On on = attempt.checks().get(attempt.checks().size() - 1).requirement().on();
        return on == On.SELF || on == On.NEW || on == On.EXISTING;
    }

    private static boolean hasSuccess(Node node, Technique technique) {
        for (Attempt attempt : node.escalations) {
            if (attempt.technique() == technique) {
                return true;
            }
        }
        return false;
    }

    /** Whether the principal's Allow statements name every required action (trust-decided steps aside). */
    private static boolean named(Node node, Technique technique) {
        for (Requirement requirement : technique.requires()) {
            if (requirement.trust() == Trust.NONE && !node.permissions.lists(requirement.action())) {
                return false;
            }
        }
        return true;
    }

    private List<Candidate> candidates(Node node, Technique technique, Targets targets) {
        List<Candidate> candidates = new ArrayList<>();
        switch (technique.kind()) {
            case SELF_POLICY -> candidates.add(Candidate.self(node));
            case DROP_BOUNDARY -> {
                if (node.principal.boundary().isPresent()) {
                    candidates.add(Candidate.self(node));
                }
            }
            case GROUP_POLICY, LEAVE_GROUP -> {
                for (String name : node.principal.groups()) {
                    IamPrincipal group = model.groups.get(name);
                    if (group == null || (technique.kind() == Kind.LEAVE_GROUP && !groupDenies(group))) {
                        continue;
                    }
                    candidates.add(groupCandidate(group));
                }
            }
            case JOIN_GROUP -> {
                for (IamPrincipal group : model.groups.values()) {
                    if (!node.principal.groups().contains(group.name())) {
                        candidates.add(groupCandidate(group));
                    }
                }
            }
            case POLICY_VERSION, DEFAULT_VERSION -> {
                for (ManagedPolicy policy : model.customerPolicies(node).values()) {
                    if (technique.kind() == Kind.DEFAULT_VERSION && !hasOtherVersion(policy)) {
                        continue;
                    }
                    candidates.add(new Candidate(policy.arn(), Optional.empty(), Optional.empty(), Optional.of(policy), Optional.empty(), "",
                            policy.arn(), Map.of()));
                }
            }
            case DROP_MANAGED_DENY, DROP_INLINE_DENY -> {
                AttachedPolicy.Origin origin = technique.kind() == Kind.DROP_MANAGED_DENY ? AttachedPolicy.Origin.MANAGED
                        : AttachedPolicy.Origin.INLINE;
                for (AttachedPolicy attachment : node.principal.policies()) {
                    if (attachment.origin() == origin && AccountModel.hasDeny(attachment.policy())) {
                        candidates.add(new Candidate(attachment.label(), Optional.empty(), Optional.empty(), Optional.empty(),
                                Optional.of(attachment), "", node.principal.arn(), node.principal.tags()));
                    }
                }
            }
            case MODIFY_ASSUMABLE_ROLE -> {
                for (Node role : model.rolesThatMayTrust(node)) {
                    candidates.add(Candidate.of(role, ""));
                }
            }
            case ASSUME_ROLE -> {
                for (Node role : targets.roles) {
                    if (role != node) {
                        candidates.add(Candidate.of(role, ""));
                    }
                }
            }
            case REWRITE_TRUST -> {
                for (Node role : targets.roles) {
                    if (role != node) {
                        candidates.add(Candidate.of(role, ""));
                    }
                }
            }
            case USER_CREDENTIALS -> {
                for (Node user : targets.users) {
                    if (user != node) {
                        candidates.add(Candidate.of(user, ""));
                    }
                }
            }
            case PASS_ROLE, SERVICE_ROLE_IN_USE -> {
                Set<Node> seen = new LinkedHashSet<>();
                for (Node role : targets.roles) {
                    if (role == node || seen.contains(role)) {
                        continue;
                    }
                    if (technique.needsInstanceProfile() && role.principal.instanceProfiles().isEmpty()) {
                        continue;
                    }
                    for (String service : technique.services()) {
                        if (model.serviceTrusts(role, service)) {
                            candidates.add(Candidate.of(role, service));
                            seen.add(role);
                            break;
                        }
                    }
                }
            }
        }
        return candidates;
    }

    private static Candidate groupCandidate(IamPrincipal group) {
        return new Candidate(group.display(), Optional.empty(), Optional.of(group), Optional.empty(), Optional.empty(), "", group.arn(),
                Map.of());
    }

    private static boolean groupDenies(IamPrincipal group) {
        for (AttachedPolicy attachment : group.policies()) {
            if (AccountModel.hasDeny(attachment.policy())) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasOtherVersion(ManagedPolicy policy) {
        for (ManagedPolicy.Version version : policy.versions()) {
            if (!version.isDefault()) {
                return true;
            }
        }
        return false;
    }

    /** Tries one technique on one candidate; null when it does not apply (nothing to gain, and nothing blocks). */
    private Attempt attempt(Node node, Technique technique, Candidate candidate, boolean explain) {
        List<Check> checks = new ArrayList<>();
        for (Requirement requirement : order.get(technique)) {
            Check check = decide(node, candidate, requirement);
            checks.add(check);
            if (!check.result().allowed()) {
                if (requirement.trust() == Trust.TARGET_TRUST && !node.permissions.lists("sts:AssumeRole")) {
                    return null;
                }
                if (!explain) {
                    return new Attempt(technique, node, candidate.label(), candidate.node(), checks, false, Optional.empty(), Optional.empty());
                }
                Block block = node.permissions.whyNot(check.probe(), check.result(), node.permissions.grants());
                return new Attempt(technique, node, candidate.label(), candidate.node(), checks, false, Optional.of(block), Optional.empty());
            }
        }
        // Evidence lists the steps in the catalog's order, whatever order they were decided in.
        checks.sort(Comparator.comparingInt(check -> technique.requires().indexOf(check.requirement())));
        if (technique.kind().gainsTarget()) {
            return new Attempt(technique, node, candidate.label(), candidate.node(), checks, true, Optional.empty(), Optional.empty());
        }
        return outcome(node, technique, candidate, checks);
    }

    /**
     * The requirements with those that do not depend on the candidate first, so that a step no
     * candidate can pass is found once; otherwise in catalog order.
     */
    private static List<Requirement> inOrder(Technique technique) {
        List<Requirement> ordered = new ArrayList<>(technique.requires().size());
        for (Requirement requirement : technique.requires()) {
            if (requirement.on() == On.SELF || requirement.on() == On.NEW || requirement.on() == On.EXISTING) {
                ordered.add(requirement);
            }
        }
        for (Requirement requirement : technique.requires()) {
            if (!ordered.contains(requirement)) {
                ordered.add(requirement);
            }
        }
        return ordered;
    }

    /** For techniques that change policies: whether the changed policies are administrator-equivalent. */
    private Attempt outcome(Node node, Technique technique, Candidate candidate, List<Check> checks) {
        PrincipalPermissions subject = node.permissions;
        List<Grants> changes = new ArrayList<>();
        Grants current = subject.grants();
        switch (technique.kind()) {
            case SELF_POLICY, GROUP_POLICY -> {
                return writtenOutcome(node, technique, candidate, checks, subject);
            }
            case POLICY_VERSION -> changes.add(model.replacing(node, candidate.policy().orElseThrow().arn(), model.attackerPolicy));
            case DEFAULT_VERSION -> {
                for (ManagedPolicy.Version version : candidate.policy().orElseThrow().versions()) {
                    if (!version.isDefault()) {
                        changes.add(model.replacing(node, candidate.policy().get().arn(), version.document()));
                    }
                }
            }
            case JOIN_GROUP -> {
                List<Policy> added = new ArrayList<>();
                for (AttachedPolicy attachment : candidate.group().orElseThrow().policies()) {
                    added.add(attachment.policy());
                }
                changes.add(current.plus(added));
            }
            case DROP_BOUNDARY -> changes.add(current.withoutBoundary());
            case DROP_MANAGED_DENY, DROP_INLINE_DENY -> changes.add(current.without(List.of(candidate.attachment().orElseThrow().policy())));
            case LEAVE_GROUP -> {
                List<Policy> removed = new ArrayList<>();
                String owner = candidate.group().orElseThrow().display();
                for (AttachedPolicy attachment : node.attachments) {
                    if (attachment.owner().equals(owner)) {
                        removed.add(attachment.policy());
                    }
                }
                changes.add(current.without(removed));
            }
            case MODIFY_ASSUMABLE_ROLE -> {
                return writtenOutcome(node, technique, candidate, checks, candidate.node().orElseThrow().permissions);
            }
            case ASSUME_ROLE, REWRITE_TRUST, USER_CREDENTIALS, PASS_ROLE, SERVICE_ROLE_IN_USE ->
                    throw new IllegalStateException("not a policy-changing technique: " + technique.id());
        }
        AdminCheck.Result last = null;
        Grants lastGrants = null;
        for (Grants change : changes) {
            AdminCheck.Result result = model.adminCheck.check(subject, change);
            if (result.admin()) {
                return new Attempt(technique, node, candidate.label(), candidate.node(), checks, true, Optional.empty(), Optional.of(result));
            }
            last = result;
            lastGrants = change;
        }
        boolean writesPolicy = switch (technique.kind()) {
            case SELF_POLICY, GROUP_POLICY, POLICY_VERSION, MODIFY_ASSUMABLE_ROLE -> true;
            default -> false;
        };
        if (!writesPolicy || last == null) {
            return null;
        }
        Block limit = subject.whyNot(last.failedProbe().orElseThrow(), last.failure().orElseThrow(), lastGrants);
        Block block = new Block(limit.guardrail(), "a policy it writes would still not give " + subject.principal().display()
                + " administrator-equivalent access: " + limit.reason(), limit.statements());
        return new Attempt(technique, node, candidate.label(), candidate.node(), checks, false, Optional.of(block), Optional.of(last));
    }

    /** The outcome of writing a policy that allows everything onto {@code subject}: the same for every technique and attacker. */
    private Attempt writtenOutcome(Node node, Technique technique, Candidate candidate, List<Check> checks, PrincipalPermissions subject) {
        AdminCheck.Result result = subject.withWrittenPolicy;
        if (result == null) {
            result = model.adminCheck.check(subject, subject.grants().plus(model.attackerPolicy));
            subject.withWrittenPolicy = result;
        }
        if (result.admin()) {
            return new Attempt(technique, node, candidate.label(), candidate.node(), checks, true, Optional.empty(), Optional.of(result));
        }
        Block limit = subject.whyNot(result.failedProbe().orElseThrow(), result.failure().orElseThrow(),
                subject.grants().plus(model.attackerPolicy));
        Block block = new Block(limit.guardrail(), "a policy it writes would still not give " + subject.principal().display()
                + " administrator-equivalent access: " + limit.reason(), limit.statements());
        return new Attempt(technique, node, candidate.label(), candidate.node(), checks, false, Optional.of(block), Optional.of(result));
    }

    private Check decide(Node node, Candidate candidate, Requirement requirement) {
        Map<String, String> context = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : requirement.context().entrySet()) {
            context.put(entry.getKey(), fillToken(entry.getValue(), candidate));
        }
        Probe probe;
        switch (requirement.on()) {
            case SELF -> probe = Probe.of(requirement.action(), node.principal.arn(), withTags(context, node.principal.tags()));
            case TARGET -> probe = Probe.of(requirement.action(), candidate.resource(), withTags(context, candidate.tags()));
            case POLICY -> probe = Probe.of(requirement.action(), candidate.resource(), context);
            case NEW, EXISTING -> {
                return guessResource(node, requirement, context);
            }
            default -> throw new IllegalStateException("unknown target " + requirement.on());
        }
        switch (requirement.trust()) {
            case TARGET_TRUST -> {
                Node role = candidate.node().orElseThrow();
                if (role.principal.trustPolicy().isEmpty()) {
                    EvaluationResult none = EvaluationResult.of(Decision.IMPLICITLY_DENIED, List.of(),
                            role.principal.display() + " has no trust policy");
                    return new Check(requirement, probe, none);
                }
                probe = probe.withResourcePolicy(role.principal.trustPolicy().get(), PolicySet.ResourcePolicyKind.ROLE_TRUST);
            }
            case REWRITTEN_TRUST -> probe = probe.withResourcePolicy(rewrittenTrust(node), PolicySet.ResourcePolicyKind.ROLE_TRUST);
            case NONE -> {
            }
        }
        return new Check(requirement, probe, node.permissions.evaluate(probe));
    }

    private static String fillToken(String value, Candidate candidate) {
        return switch (value) {
            case "{service}" -> candidate.service();
            case "{policy}" -> candidate.attachment().map(AttachedPolicy::reference).orElse(candidate.resource());
            case "{admin}" -> AccountModel.ADMINISTRATOR_ACCESS;
            default -> value;
        };
    }

    private static Map<String, String> withTags(Map<String, String> context, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return context;
        }
        Map<String, String> all = new LinkedHashMap<>(context);
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            all.put("aws:ResourceTag/" + tag.getKey(), tag.getValue());
            all.put("iam:ResourceTag/" + tag.getKey(), tag.getValue());
        }
        return all;
    }

    private static Policy rewrittenTrust(Node node) {
        return ProbeResources.policy("trust policy rewritten by the attacker", PolicyKind.TRUST,
                "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \""
                        + node.principal.arn() + "\"}, \"Action\": \"sts:AssumeRole\"}]}");
    }

    /**
     * For a resource the attacker creates or picks: the technique's own resource name, and names
     * that fit the resource patterns of the principal's Allow statements for the action (so an
     * Allow on {@code function:app-*} is tried with {@code function:app-bulwark-probe}). The first
     * allowed one wins; otherwise the most telling failure is kept (a Deny, else one whose
     * resource an Allow covers).
     */
    private Check guessResource(Node node, Requirement requirement, Map<String, String> context) {
        String template = model.resources.fill(requirement.resource());
        List<String> guesses = new ArrayList<>();
        guesses.add(template);
        List<Policy> owners = new ArrayList<>();
        for (Statement statement : node.permissions.allowsNaming(requirement.action(), node.permissions.grants(), owners)) {
            if (statement.resource().isEmpty() || statement.resource().get().negated()) {
                continue;
            }
            ResourceElement resource = statement.resource().get();
            for (String pattern : resource.patterns()) {
                String guess = instantiate(pattern, template, node);
                if (guess != null && !guesses.contains(guess) && guesses.size() < MAX_GUESSES) {
                    guesses.add(guess);
                }
            }
        }
        Check best = null;
        for (String guess : guesses) {
            Probe probe = Probe.of(requirement.action(), guess, context);
            EvaluationResult result = node.permissions.evaluate(probe);
            Check check = new Check(requirement, probe, result);
            if (result.allowed()) {
                return check;
            }
            if (best == null || result.decision() == Decision.EXPLICITLY_DENIED && best.result().decision() != Decision.EXPLICITLY_DENIED
                    || !guess.equals(template) && best.probe().resource().equals(template)
                    && best.result().decision() != Decision.EXPLICITLY_DENIED) {
                best = check;
            }
        }
        return best;
    }

    /** {@code pattern} with its wildcards filled in, when it names the same kind of resource as {@code template}; else null. */
    private String instantiate(String pattern, String template, Node node) {
        if (pattern.equals("*")) {
            return null;
        }
        String text = pattern.replace("${aws:username}", node.principal.name());
        if (text.contains("${")) {
            return null;
        }
        String[] parts = text.split(":", 6);
        String[] base = template.split(":", 6);
        if (parts.length < 6 || base.length < 6 || !parts[0].equals("arn")) {
            return null;
        }
        if (!wildcard(parts[2]) && !parts[2].equalsIgnoreCase(base[2])) {
            return null;
        }
        String region = wildcard(parts[3]) ? base[3] : parts[3];
        String account = wildcard(parts[4]) ? base[4] : parts[4];
        String resource = parts[5].replace("*", ProbeResources.NAME).replace('?', 'b');
        if (!resourceType(resource).equals(resourceType(base[5]))) {
            return null;
        }
        return "arn:" + (wildcard(parts[1]) ? base[1] : parts[1]) + ":" + base[2] + ":" + region + ":" + account + ":" + resource;
    }

    private static boolean wildcard(String segment) {
        return segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0;
    }

    /** The resource type part of an ARN's resource segment: the text before the first '/' or ':'. */
    private static String resourceType(String resource) {
        int end = resource.length();
        int slash = resource.indexOf('/');
        int colon = resource.indexOf(':');
        if (slash >= 0) {
            end = slash;
        }
        if (colon >= 0 && colon < end) {
            end = colon;
        }
        return resource.substring(0, end).toLowerCase(Locale.ROOT);
    }
}
