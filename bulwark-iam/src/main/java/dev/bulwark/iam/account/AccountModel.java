package dev.bulwark.iam.account;

import dev.bulwark.iam.policy.Effect;
import dev.bulwark.iam.policy.EvaluationResult;
import dev.bulwark.iam.policy.Policy;
import dev.bulwark.iam.policy.PolicyEvaluator;
import dev.bulwark.iam.policy.PolicyKind;
import dev.bulwark.iam.policy.PolicySet;
import dev.bulwark.iam.policy.PrincipalElement;
import dev.bulwark.iam.policy.RequestPrincipal;
import dev.bulwark.iam.policy.Statement;
import dev.bulwark.iam.policy.AuthorizationRequest;
import dev.bulwark.iam.policy.RequestContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An export made ready for analysis: one {@link Node} per user and role with its policies (a
 * user's groups' policies included), groups with their members, and indexes of who each role's
 * trust policy names, so candidate targets are found without trying every pair.
 *
 * <p>Built once; the nodes' analysis fields are filled by the analyzer, one node per thread.
 */
final class AccountModel {
    static final String ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";

    final AccountExport export;
    final String accountId;
    final ProbeResources resources;
    final AdminCheck adminCheck;
    final PolicyEvaluator evaluator = new PolicyEvaluator();
    final List<List<Policy>> scpLevels;
    /** What an attacker writes when it can write a policy: everything on everything. */
    final Policy attackerPolicy = ProbeResources.policy("policy written by the attacker", PolicyKind.IDENTITY,
            "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"Everything\", \"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}");
    final Policy allowAll = ProbeResources.policy("any identity policy", PolicyKind.IDENTITY,
            "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}");

    /** Users and roles whose permissions can be decided, in export order. */
    final List<Node> nodes;
    final Map<String, Node> byArn;
    final Map<String, IamPrincipal> groups;
    final Map<String, List<IamPrincipal>> groupMembers;
    /** Groups evaluated on their own, as if for a member without other policies or a boundary. */
    final Map<String, PrincipalPermissions> groupPermissions;
    /** Roles whose trust policy names the account, everyone, or uses NotPrincipal: any principal may be admitted. */
    private final List<Node> rolesTrustingBroadly;
    /** Roles by an AWS principal ARN their trust policy names. */
    private final Map<String, List<Node>> rolesTrustingArn;
    /** Roles by a service principal their trust policy names (lower case). */
    private final Map<String, List<Node>> rolesTrustingService;

    AccountModel(AccountExport export, List<List<Policy>> scpLevels) {
        this.export = export;
        this.accountId = export.accountId();
        this.resources = new ProbeResources(accountId);
        this.adminCheck = new AdminCheck(resources);
        this.scpLevels = List.copyOf(scpLevels);

        Map<String, IamPrincipal> groupsByName = new TreeMap<>();
        for (IamPrincipal group : export.principals(PrincipalKind.GROUP)) {
            groupsByName.put(group.name(), group);
        }
        this.groups = groupsByName;
        Map<String, List<IamPrincipal>> members = new TreeMap<>();
        for (IamPrincipal group : groupsByName.values()) {
            members.put(group.name(), new ArrayList<>());
        }
        List<Node> list = new ArrayList<>();
        Map<String, Node> arns = new HashMap<>();
        for (IamPrincipal principal : export.principals()) {
            if (principal.kind() == PrincipalKind.GROUP) {
                continue;
            }
            for (String group : principal.groups()) {
                if (members.containsKey(group)) {
                    members.get(group).add(principal);
                }
            }
            if (principal.unresolvedBoundary().isPresent()) {
                continue;
            }
            List<AttachedPolicy> attachments = new ArrayList<>(principal.policies());
            for (String group : principal.groups()) {
                IamPrincipal groupPrincipal = groupsByName.get(group);
                if (groupPrincipal != null) {
                    attachments.addAll(groupPrincipal.policies());
                }
            }
            RequestPrincipal caller = principal.kind() == PrincipalKind.USER ? RequestPrincipal.parse(principal.arn())
                    : RequestPrincipal.roleSession(principal.arn(), "bulwark-analysis");
            Node node = new Node(principal, new PrincipalPermissions(principal, caller, grants(attachments, principal.boundary()),
                    this.scpLevels, evaluator), attachments);
            list.add(node);
            arns.put(principal.arn(), node);
        }
        this.nodes = List.copyOf(list);
        this.byArn = Map.copyOf(arns);
        this.groupMembers = members;

        Map<String, PrincipalPermissions> groupSets = new TreeMap<>();
        for (IamPrincipal group : groupsByName.values()) {
            String memberArn = "arn:aws:iam::" + (accountId.isEmpty() ? "111122223333" : accountId) + ":user/member-of-" + group.name();
            groupSets.put(group.name(), new PrincipalPermissions(group, RequestPrincipal.parse(memberArn),
                    grants(group.policies(), Optional.empty()), this.scpLevels, evaluator));
        }
        this.groupPermissions = groupSets;

        List<Node> broad = new ArrayList<>();
        Map<String, List<Node>> byPrincipal = new HashMap<>();
        Map<String, List<Node>> byService = new HashMap<>();
        for (Node node : nodes) {
            if (node.principal.kind() != PrincipalKind.ROLE || node.principal.trustPolicy().isEmpty() || node.principal.serviceLinked()) {
                continue;
            }
            boolean isBroad = false;
            boolean unconditional = false;
            boolean denies = false;
            for (Statement statement : node.principal.trustPolicy().get().statements()) {
                denies |= statement.effect() == Effect.DENY;
                if (statement.effect() != Effect.ALLOW || statement.principal().isEmpty()) {
                    continue;
                }
                PrincipalElement element = statement.principal().get();
                if (!element.negated() && statement.conditions().isEmpty() && statement.action().appliesToAnyCase("sts:AssumeRole")) {
                    for (String value : element.aws()) {
                        unconditional |= value.equals(accountId) || value.equals("arn:aws:iam::" + accountId + ":root");
                    }
                }
                if (element.negated() || element.everyone()) {
                    isBroad = true;
                    continue;
                }
                for (String value : element.aws()) {
                    if (value.matches("\\d{12}") || value.endsWith(":root")) {
                        isBroad = true;
                    } else {
                        byPrincipal.computeIfAbsent(value, key -> new ArrayList<>()).add(node);
                    }
                }
                for (String service : element.service()) {
                    List<Node> roles = byService.computeIfAbsent(service.toLowerCase(Locale.ROOT), key -> new ArrayList<>());
                    if (roles.isEmpty() || roles.get(roles.size() - 1) != node) {
                        roles.add(node);
                    }
                }
            }
            if (isBroad) {
                broad.add(node);
            }
            node.trustsWholeAccount = unconditional && !denies;
        }
        this.rolesTrustingBroadly = List.copyOf(broad);
        this.rolesTrustingArn = byPrincipal;
        this.rolesTrustingService = byService;
    }

    private static Grants grants(List<AttachedPolicy> attachments, Optional<AttachedPolicy> boundary) {
        List<Policy> identity = new ArrayList<>(attachments.size());
        for (AttachedPolicy attachment : attachments) {
            identity.add(attachment.policy());
        }
        return new Grants(identity, boundary.map(AttachedPolicy::policy));
    }

    /** Roles whose trust policy may admit {@code node} (by its ARN, its account or everyone), sorted by ARN. */
    List<Node> rolesThatMayTrust(Node node) {
        if (node.mayAssume != null) {
            return node.mayAssume;
        }
        Map<String, Node> found = new TreeMap<>();
        for (Node role : rolesTrustingBroadly) {
            found.put(role.principal.arn(), role);
        }
        for (Node role : rolesTrustingArn.getOrDefault(node.principal.arn(), List.of())) {
            found.put(role.principal.arn(), role);
        }
        found.remove(node.principal.arn());
        node.mayAssume = List.copyOf(found.values());
        return node.mayAssume;
    }

    /** Whether {@code role}'s trust policy names {@code node} by its ARN (then its own policies need not allow sts:AssumeRole). */
    boolean trustNames(Node role, Node node) {
        for (Node named : rolesTrustingArn.getOrDefault(node.principal.arn(), List.of())) {
            if (named == role) {
                return true;
            }
        }
        return false;
    }

    /** Roles whose trust policy names {@code service}, in export order. */
    List<Node> rolesNamingService(String service) {
        return rolesTrustingService.getOrDefault(service, List.of());
    }

    /** Whether {@code role}'s trust policy admits {@code node} at all (as if {@code node}'s own policies allowed everything). */
    boolean trustAdmits(Node node, Node role) {
        if (role.principal.trustPolicy().isEmpty()) {
            return false;
        }
        if (role.trustsWholeAccount) {
            return true;
        }
        Boolean known = node.admittedBy.get(role);
        if (known != null) {
            return known;
        }
        boolean admitted = admits(node, role);
        node.admittedBy.putIfAbsent(role, admitted);
        return admitted;
    }

    private boolean admits(Node node, Node role) {
        PolicySet policies = PolicySet.builder().identity(allowAll).resource(role.principal.trustPolicy().get())
                .resourcePolicyKind(PolicySet.ResourcePolicyKind.ROLE_TRUST).build();
        return evaluator.evaluate(new AuthorizationRequest(node.permissions.caller(), "sts:AssumeRole", role.principal.arn()),
                policies).allowed();
    }

    /** Whether {@code service} may assume {@code role} when used from this account ({@code aws:SourceAccount} set). */
    boolean serviceTrusts(Node role, String service) {
        Boolean known = role.trustedServices.get(service);
        if (known != null) {
            return known;
        }
        boolean trusted = false;
        if (role.principal.trustPolicy().isPresent()) {
            PolicySet policies = PolicySet.builder().resource(role.principal.trustPolicy().get())
                    .resourcePolicyKind(PolicySet.ResourcePolicyKind.ROLE_TRUST).build();
            RequestContext context = RequestContext.of(Map.of("aws:SourceAccount", List.of(accountId)));
            EvaluationResult result = evaluator.evaluate(new AuthorizationRequest(RequestPrincipal.parse(service), "sts:AssumeRole",
                    role.principal.arn(), "", context), policies);
            trusted = result.allowed();
        }
        role.trustedServices.putIfAbsent(service, trusted);
        return trusted;
    }

    /** The customer managed policies that apply to {@code node} (attached, through groups, or as its boundary), by ARN. */
    Map<String, ManagedPolicy> customerPolicies(Node node) {
        Map<String, ManagedPolicy> found = new LinkedHashMap<>();
        List<AttachedPolicy> all = new ArrayList<>(node.attachments);
        node.principal.boundary().ifPresent(all::add);
        for (AttachedPolicy attachment : all) {
            if (attachment.origin() != AttachedPolicy.Origin.MANAGED || ManagedPolicy.isAwsManaged(attachment.reference())) {
                continue;
            }
            ManagedPolicy policy = export.policies().get(attachment.reference());
            if (policy != null && policy.source() == ManagedPolicy.Source.EXPORT) {
                found.putIfAbsent(policy.arn(), policy);
            }
        }
        return found;
    }

    /** {@code node}'s policies with every attachment of managed policy {@code arn} (and its boundary, if it is that policy) replaced. */
    Grants replacing(Node node, String arn, Policy document) {
        List<Policy> identity = new ArrayList<>(node.attachments.size());
        for (AttachedPolicy attachment : node.attachments) {
            boolean match = attachment.origin() == AttachedPolicy.Origin.MANAGED && attachment.reference().equals(arn);
            identity.add(match ? document.named(attachment.label()) : attachment.policy());
        }
        Optional<Policy> boundary = node.principal.boundary().map(attachment -> attachment.reference().equals(arn)
                ? document.named(attachment.label()) : attachment.policy());
        return new Grants(identity, boundary);
    }

    static boolean hasDeny(Policy policy) {
        for (Statement statement : policy.statements()) {
            if (statement.effect() == Effect.DENY) {
                return true;
            }
        }
        return false;
    }

    static final Comparator<Node> BY_ARN = Comparator.comparing(node -> node.principal.arn());
}
