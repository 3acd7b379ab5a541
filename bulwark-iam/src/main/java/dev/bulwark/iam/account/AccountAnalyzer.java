package dev.bulwark.iam.account;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.EvidenceStep;
import dev.bulwark.core.Finding;
import dev.bulwark.core.ResourceRef;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.ScanReport;
import dev.bulwark.core.Severity;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.iam.IdentityFindings;
import dev.bulwark.iam.IdentityRules;
import dev.bulwark.iam.account.Attempt.Check;
import dev.bulwark.iam.policy.PolicyKind;
import dev.bulwark.iam.policy.StatementRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Analyzes an account export: who is administrator-equivalent, who can escalate and how (in one
 * step or through a chain of principals), who can read or expose every data store of a kind or
 * make credentials for others, and which roles trust too widely. See {@code ACCOUNT-ANALYSIS.md}
 * for the rules and the technique catalog.
 *
 * <p>Findings are one per principal and rule (and technique, target or provider where a rule has
 * several), located at the principal's name in the export, with the evidence chain. What a user
 * has only through one group's policies is reported once, on the group, naming the members it
 * affects, so an administrator group of 500 users is one finding, not 500. Blocked paths are
 * {@code BW-IAM-011} findings of severity info naming what blocks them.
 *
 * <p>Immutable and thread-safe; {@link #analyze} uses {@link AnalysisOptions#threads()} threads.
 */
public final class AccountAnalyzer {
    public static final String RULES_RESOURCE = "bulwark/iam/aws-identity-rules.yaml";
    public static final String ADMIN = "BW-IAM-001";
    public static final String ESCALATION = "BW-IAM-002";
    public static final String PATH = "BW-IAM-003";
    public static final String DATA_READ = "BW-IAM-004";
    public static final String EXPOSURE = "BW-IAM-005";
    public static final String CREDENTIALS = "BW-IAM-006";
    public static final String ANYONE = "BW-IAM-007";
    public static final String CROSS_ACCOUNT = "BW-IAM-008";
    public static final String WEB_IDENTITY = "BW-IAM-009";
    public static final String COMPUTE_ADMIN = "BW-IAM-010";
    public static final String BLOCKED = "BW-IAM-011";

    private static final String FORMAT = "aws-iam";
    private static final String EVERYTHING = "every action on every resource (administrator-equivalent)";
    private static final int MEMBERS_NAMED = 10;
    private static final int MEMBERS_IN_EVIDENCE = 50;
    private static final List<String> USER_RULES = List.of(ADMIN, ESCALATION, PATH, DATA_READ, EXPOSURE, CREDENTIALS, BLOCKED);
    private static final List<String> ROLE_RULES = List.of(ADMIN, ESCALATION, PATH, DATA_READ, EXPOSURE, CREDENTIALS, ANYONE,
            CROSS_ACCOUNT, WEB_IDENTITY, COMPUTE_ADMIN, BLOCKED);
    private static final List<String> GROUP_RULES = List.of(ADMIN, ESCALATION, DATA_READ, EXPOSURE, CREDENTIALS, BLOCKED);
    private static final Set<String> FOLDED = Set.of(ADMIN, ESCALATION, DATA_READ, EXPOSURE, CREDENTIALS, BLOCKED);

    private final IdentityRules rules;
    private final ActionLevels levels;
    private final EscalationTechniques techniques;

    public AccountAnalyzer(IdentityRules rules, ActionLevels levels, EscalationTechniques techniques) {
        this.rules = requireNonNull(rules, "rules is null");
        this.levels = requireNonNull(levels, "levels is null");
        this.techniques = requireNonNull(techniques, "techniques is null");
        for (String id : ROLE_RULES) {
            rules.get(id);
        }
    }

    /** The bundled rules and techniques with Bulwark's hand-written action lists. */
    public static AccountAnalyzer standard() {
        return new AccountAnalyzer(IdentityRules.load(RULES_RESOURCE), ActionLevels.builtin(), EscalationTechniques.bundled());
    }

    /** The rules this analyzer reports, sorted by id. */
    public List<RuleInfo> rules() {
        List<RuleInfo> all = new ArrayList<>();
        for (RuleInfo rule : rules.all()) {
            if (ROLE_RULES.contains(rule.id())) {
                all.add(rule);
            }
        }
        return all;
    }

    public AccountAnalysis analyze(AccountExport export, AnalysisOptions options) {
        AccountModel model = new AccountModel(export, options.scpLevels());
        new EscalationSearch(model, techniques, options.threads()).run();
        AccessChecks access = new AccessChecks(model, levels);
        TrustChecks trust = new TrustChecks(model);
        Map<Node, List<Pending>> perNode = Collections.synchronizedMap(new LinkedHashMap<>());
        Parallel.forEach(model.nodes, options.threads(), node -> perNode.put(node, pending(model, node, access, trust, options)));
        Map<String, Pending> groupAdmin = new TreeMap<>();
        for (Map.Entry<String, PrincipalPermissions> group : model.groupPermissions.entrySet()) {
            AdminCheck.Result result = model.adminCheck.check(group.getValue());
            if (result.admin()) {
                groupAdmin.put(group.getKey(), adminPending(model.groups.get(group.getKey()), result, Optional.empty()));
            }
        }

        List<Finding> findings = new ArrayList<>();
        Map<String, GroupBucket> buckets = new TreeMap<>();
        for (Node node : model.nodes) {
            boolean selected = options.selects(node.principal);
            for (Pending pending : perNode.getOrDefault(node, List.of())) {
                Optional<String> group = FOLDED.contains(pending.rule) && node.principal.kind() == PrincipalKind.USER
                        ? soleGroup(node, pending.grants) : Optional.empty();
                if (group.isPresent()) {
                    GroupBucket bucket = buckets.computeIfAbsent(group.get() + "\u0000" + pending.rule + "\u0000" + pending.key,
                            ignored -> new GroupBucket(model.groups.get(group.get()), pending));
                    bucket.members.add(node.principal);
                    bucket.selected |= selected;
                } else if (selected) {
                    findings.add(finding(export.file(), node.principal, pending));
                }
            }
        }
        for (Map.Entry<String, Pending> admin : groupAdmin.entrySet()) {
            buckets.computeIfAbsent(admin.getKey() + "\u0000" + ADMIN + "\u0000" + admin.getValue().key,
                    ignored -> new GroupBucket(model.groups.get(admin.getKey()), admin.getValue()));
        }
        for (GroupBucket bucket : buckets.values()) {
            boolean selected = bucket.selected || options.selects(bucket.group);
            if (!selected && options.principals().isEmpty()) {
                selected = true;
            }
            if (!selected) {
                for (IamPrincipal member : model.groupMembers.getOrDefault(bucket.group.name(), List.of())) {
                    selected |= options.selects(member);
                }
            }
            if (selected) {
                findings.add(groupFinding(export.file(), bucket, model.groupMembers.getOrDefault(bucket.group.name(), List.of())));
            }
        }
        findings.sort(Finding.REPORT_ORDER);

        List<ScanReport.ScannedResource> resources = new ArrayList<>();
        long evaluations = 0;
        for (IamPrincipal principal : export.principals()) {
            if (!options.selects(principal)) {
                continue;
            }
            List<String> ruleIds = switch (principal.kind()) {
                case USER -> USER_RULES;
                case ROLE -> ROLE_RULES;
                case GROUP -> GROUP_RULES;
            };
            if (principal.unresolvedBoundary().isPresent()) {
                ruleIds = List.of();
            }
            resources.add(new ScanReport.ScannedResource(ref(principal), location(export.file(), principal), ruleIds));
        }
        for (Node node : model.nodes) {
            evaluations += node.permissions.evaluations();
        }
        return new AccountAnalysis(findings, export.warnings(), rules(), resources, model.nodes.size(), evaluations);
    }

    /** A finding before it is placed on its principal or folded into a group. */
    private record Pending(String rule, String key, String predicate, String path, List<EvidenceStep> evidence, List<StatementRef> grants,
                           Optional<Severity> severity) {}

    private static final class GroupBucket {
        final IamPrincipal group;
        final Pending pending;
        final List<IamPrincipal> members = new ArrayList<>();
        boolean selected;

        GroupBucket(IamPrincipal group, Pending pending) {
            this.group = group;
            this.pending = pending;
        }
    }

    private List<Pending> pending(AccountModel model, Node node, AccessChecks access, TrustChecks trust, AnalysisOptions options) {
        List<Pending> found = new ArrayList<>();
        if (node.principal.serviceLinked()) {
            return found;
        }
        if (node.admin.admin()) {
            found.add(adminPending(node.principal, node.admin, Optional.of(node)));
        } else {
            escalations(node, found);
            if (node.level >= 2 && node.level != Node.UNREACHED) {
                found.add(pathPending(node));
            }
            grantsPending(node, DATA_READ, "data", "can read every resource of these kinds: ", access.dataReads(node.permissions), found);
            grantsPending(node, EXPOSURE, "exposure", "can change who may use every resource of these kinds: ",
                    access.exposure(node.permissions), found);
            grantsPending(node, CREDENTIALS, "credentials", "can make credentials for other users: ", access.credentials(node.permissions),
                    found);
            if (options.includeBlocked()) {
                blocked(node, found);
            }
        }
        if (node.principal.kind() == PrincipalKind.ROLE) {
            trustPending(node, trust, found);
        }
        return found;
    }

    private Pending adminPending(IamPrincipal principal, AdminCheck.Result result, Optional<Node> node) {
        String predicate = "is administrator-equivalent through " + statements(result.grants());
        List<EvidenceStep> evidence = List.of(new EvidenceStep(principal.arn(), EVERYTHING, statements(result.grants())));
        return new Pending(ADMIN, "admin", predicate, node.map(value -> path(value, result.grants())).orElse(groupPath(principal,
                result.grants())), evidence, result.grants(), Optional.empty());
    }

    private void escalations(Node node, List<Pending> found) {
        Map<Technique, List<Attempt>> byTechnique = new LinkedHashMap<>();
        for (Attempt attempt : node.escalations) {
            byTechnique.computeIfAbsent(attempt.technique(), ignored -> new ArrayList<>()).add(attempt);
        }
        for (Map.Entry<Technique, List<Attempt>> entry : byTechnique.entrySet()) {
            Technique technique = entry.getKey();
            Attempt first = entry.getValue().get(0);
            int others = entry.getValue().size() - 1;
            String predicate = "can escalate with " + technique.name() + " [" + technique.id() + "]"
                    + on(first) + ", using " + checks(first.checks())
                    + (others > 0 ? " (and on " + (entry.getValue().size() == EscalationSearch.MAX_TARGETS_PER_TECHNIQUE ? "at least " : "")
                    + others + " more " + (others == 1 ? "target" : "targets") + ")" : "");
            List<EvidenceStep> evidence = new ArrayList<>();
            evidence.add(hop(first));
            evidence.add(end(first));
            found.add(new Pending(ESCALATION, technique.id(), predicate, path(node, grantsOf(first.checks())), evidence,
                    grantsOf(first.checks()), Optional.empty()));
        }
    }

    private Pending pathPending(Node node) {
        List<EvidenceStep> evidence = new ArrayList<>();
        StringBuilder chain = new StringBuilder(node.principal.display());
        Node current = node;
        Attempt last = null;
        while (current != null && current.level > 0) {
            Attempt attempt = current.via;
            evidence.add(hop(attempt));
            chain.append(" -[").append(attempt.technique().actions()).append("]-> ");
            last = attempt;
            current = current.next;
            chain.append(current == null ? "administrator-equivalent" : current.principal.display());
        }
        if (current != null) {
            evidence.add(new EvidenceStep(current.principal.arn(), EVERYTHING, statements(current.admin.grants())));
        } else {
            evidence.add(end(last));
        }
        String predicate = "reaches administrator-equivalent access in " + node.level + " steps: " + chain;
        return new Pending(PATH, "path", predicate, path(node, grantsOf(node.via.checks())), evidence, grantsOf(node.via.checks()),
                Optional.empty());
    }

    private void grantsPending(Node node, String rule, String key, String lead, List<AccessChecks.Grant> grants, List<Pending> found) {
        if (grants.isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        List<EvidenceStep> evidence = new ArrayList<>();
        List<StatementRef> all = new ArrayList<>();
        for (AccessChecks.Grant grant : grants) {
            parts.add(grant.action() + " (" + statements(grant.statements()) + ")");
            evidence.add(new EvidenceStep(node.principal.arn(), grant.action() + " on " + grant.probe().resource(), statements(grant.statements())));
            all.addAll(grant.statements());
        }
        found.add(new Pending(rule, key, lead + String.join(", ", parts), path(node, all), evidence, all, Optional.empty()));
    }

    /** One thing a guardrail blocks: administrator access on paper, or a technique on a target. */
    private record BlockedItem(String label, String action, Block block, List<EvidenceStep> steps) {}

    /**
     * Blocked paths, one finding per guardrail: a Deny statement, a narrow Allow, a boundary or an
     * SCP usually blocks several techniques at once, and one finding naming it (with each blocked
     * technique in the evidence) says more than one per technique.
     */
    private void blocked(Node node, List<Pending> found) {
        Map<String, List<BlockedItem>> byGuardrail = new LinkedHashMap<>();
        if (node.adminOnPaper) {
            Probe probe = node.admin.failedProbe().orElseThrow();
            Block block = node.permissions.whyNot(probe, node.admin.failure().orElseThrow(), node.permissions.grants());
            byGuardrail.computeIfAbsent(block.guardrail(), ignored -> new ArrayList<>()).add(new BlockedItem("administrator access",
                    probe.action(), block,
                    List.of(new EvidenceStep(node.principal.arn(), EVERYTHING + ", as its policies grant on paper", "blocked: "
                            + block.reason()))));
        }
        for (Attempt attempt : node.blocked) {
            Block block = attempt.block().orElseThrow();
            Technique technique = attempt.technique();
            List<EvidenceStep> steps = new ArrayList<>();
            steps.add(new EvidenceStep(node.principal.arn(), technique.actions() + on(attempt) + " [" + technique.id() + "]", "blocked: "
                    + block.reason()));
            String action = attempt.checks().isEmpty() ? "" : attempt.checks().get(attempt.checks().size() - 1).requirement().action();
            byGuardrail.computeIfAbsent(block.guardrail(), ignored -> new ArrayList<>()).add(new BlockedItem(technique.name() + " ["
                    + technique.id() + "]" + on(attempt), action, block, steps));
        }
        for (Map.Entry<String, List<BlockedItem>> entry : byGuardrail.entrySet()) {
            List<BlockedItem> items = entry.getValue();
            BlockedItem first = items.get(0);
            String predicate;
            if (first.label.equals("administrator access")) {
                predicate = "is granted administrator access on paper, but it is blocked: " + first.block.reason();
                if (items.size() > 1) {
                    predicate += "; the same guardrail blocks " + (items.size() - 1) + " escalation "
                            + (items.size() == 2 ? "technique" : "techniques");
                }
            } else if (items.size() == 1) {
                predicate = "could escalate with " + first.label + ", but it is blocked: " + first.block.reason();
            } else {
                predicate = "could escalate in " + items.size() + " ways (" + first.label + ", and " + (items.size() - 1)
                        + " more in the evidence), but one guardrail blocks them all: " + first.block.reason();
            }
            List<EvidenceStep> evidence = new ArrayList<>();
            for (BlockedItem item : items) {
                evidence.addAll(item.steps);
            }
            // What the principal would have but for the guardrail is what its Allow statements grant: those decide whether
            // the finding belongs to a group, and the path points at the guardrail.
            List<StatementRef> grants = node.permissions.grantsNaming(first.action);
            String path = path(node, first.block.statements());
            found.add(new Pending(BLOCKED, "blocked:" + entry.getKey(), predicate, path.isEmpty() ? path(node, grants) : path, evidence,
                    grants, Optional.empty()));
        }
    }

    private void trustPending(Node role, TrustChecks trust, List<Pending> found) {
        List<StatementRef> anyone = trust.anyone(role);
        if (!anyone.isEmpty()) {
            found.add(new Pending(ANYONE, "anyone", "can be assumed by any principal of any AWS account (" + statements(anyone) + ")",
                    trustPath(anyone), List.of(new EvidenceStep("any AWS principal", "sts:AssumeRole on " + role.principal.arn(),
                            statements(anyone))), anyone, Optional.empty()));
        }
        for (TrustChecks.Entry entry : trust.crossAccount(role)) {
            found.add(new Pending(CROSS_ACCOUNT, "cross-account:" + entry.who(), "can be assumed from another account by " + entry.who()
                    + " without sts:ExternalId or an organization condition (" + statements(entry.statements()) + ")",
                    trustPath(entry.statements()), List.of(new EvidenceStep(entry.who(), "sts:AssumeRole on " + role.principal.arn(),
                            statements(entry.statements()))), entry.statements(), Optional.empty()));
        }
        for (TrustChecks.Entry entry : trust.webIdentity(role)) {
            boolean open = TrustChecks.PUBLIC_ISSUERS.contains(entry.who());
            String who = open ? "any workflow of any user of " + entry.who() + " can assume it"
                    : "any identity " + entry.who() + " issues tokens to can assume it";
            found.add(new Pending(WEB_IDENTITY, "oidc:" + entry.who(), "trusts web identity tokens from " + entry.who()
                    + " whatever their subject: " + who + " (" + statements(entry.statements()) + ")", trustPath(entry.statements()),
                    List.of(new EvidenceStep("a token from " + entry.who() + " with any subject",
                            "sts:AssumeRoleWithWebIdentity on " + role.principal.arn(), statements(entry.statements()))),
                    entry.statements(), open ? Optional.of(Severity.CRITICAL) : Optional.empty()));
        }
        if (role.admin.admin()) {
            List<String> services = trust.computeServices(role);
            if (!services.isEmpty()) {
                found.add(new Pending(COMPUTE_ADMIN, "compute", "is administrator-equivalent (" + statements(role.admin.grants())
                        + ") and can be assumed by " + String.join(", ", services), "AssumeRolePolicyDocument",
                        List.of(new EvidenceStep(String.join(", ", services), "sts:AssumeRole on " + role.principal.arn(),
                                "trust policy of " + role.principal.display()),
                                new EvidenceStep(role.principal.arn(), EVERYTHING, statements(role.admin.grants()))),
                        role.admin.grants(), Optional.empty()));
            }
        }
    }

    /** The group whose policies alone hold every statement of {@code grants}, if there is one. */
    private static Optional<String> soleGroup(Node node, List<StatementRef> grants) {
        if (grants.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> owners = new LinkedHashMap<>();
        for (AttachedPolicy attachment : node.attachments) {
            owners.put(attachment.label(), attachment.owner());
        }
        String group = null;
        for (StatementRef ref : grants) {
            if (ref.kind() != PolicyKind.IDENTITY) {
                continue;
            }
            String owner = owners.get(ref.policy());
            if (owner == null || !owner.startsWith("group/") || (group != null && !group.equals(owner))) {
                return Optional.empty();
            }
            group = owner;
        }
        return group == null ? Optional.empty() : Optional.of(group.substring("group/".length()));
    }

    private Finding finding(String file, IamPrincipal principal, Pending pending) {
        Finding finding = IdentityFindings.of(rules.get(pending.rule), ref(principal), location(file, principal), pending.path,
                principal.display() + " " + pending.predicate, pending.evidence, pending.key, FORMAT);
        return pending.severity.map(finding::withSeverity).orElse(finding);
    }

    private Finding groupFinding(String file, GroupBucket bucket, List<IamPrincipal> allMembers) {
        List<IamPrincipal> members = new ArrayList<>(bucket.members);
        members.sort((a, b) -> a.name().compareTo(b.name()));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < members.size() && i < MEMBERS_NAMED; i++) {
            names.add(members.get(i).name());
        }
        String named = members.isEmpty() ? "" : " (" + String.join(", ", names)
                + (members.size() > MEMBERS_NAMED ? ", and " + (members.size() - MEMBERS_NAMED) + " more" : "") + ")";
        String message = bucket.group.display() + " gives this to " + members.size() + " of its " + allMembers.size() + " "
                + (allMembers.size() == 1 ? "member" : "members") + named + ": each member " + bucket.pending.predicate;
        List<EvidenceStep> evidence = new ArrayList<>();
        for (EvidenceStep step : bucket.pending.evidence) {
            evidence.add(new EvidenceStep(bucket.group.arn() + " (any member)", step.action(), step.source()));
        }
        for (int i = 0; i < members.size() && i < MEMBERS_IN_EVIDENCE; i++) {
            evidence.add(new EvidenceStep(members.get(i).arn(), "member of " + bucket.group.display(), ""));
        }
        if (members.size() > MEMBERS_IN_EVIDENCE) {
            evidence.add(new EvidenceStep("and " + (members.size() - MEMBERS_IN_EVIDENCE) + " more members", "", ""));
        }
        Finding finding = IdentityFindings.of(rules.get(bucket.pending.rule), ref(bucket.group), location(file, bucket.group),
                groupPath(bucket.group, bucket.pending.grants), message, evidence, bucket.pending.key, FORMAT);
        return bucket.pending.severity.map(finding::withSeverity).orElse(finding);
    }

    private static ResourceRef ref(IamPrincipal principal) {
        return new ResourceRef(principal.kind().resourceType(), principal.arn(), principal.name());
    }

    private static SourceLocation location(String file, IamPrincipal principal) {
        return SourceLocation.ofLine(file, Math.max(1, principal.line()));
    }

    /** Where the first granting statement's policy is attached to the principal, e.g. {@code AttachedManagedPolicies[ARN]}. */
    private static String path(Node node, List<StatementRef> grants) {
        for (StatementRef ref : grants) {
            for (AttachedPolicy attachment : node.attachments) {
                if (attachment.label().equals(ref.policy())) {
                    if (attachment.owner().equals(node.principal.display())) {
                        return attachment.path(node.principal.kind());
                    }
                    return "GroupList[" + attachment.owner().substring("group/".length()) + "]";
                }
            }
            if (node.principal.boundary().isPresent() && node.principal.boundary().get().label().equals(ref.policy())) {
                return "PermissionsBoundary";
            }
        }
        return "";
    }

    private static String groupPath(IamPrincipal group, List<StatementRef> grants) {
        for (StatementRef ref : grants) {
            for (AttachedPolicy attachment : group.policies()) {
                if (attachment.label().equals(ref.policy())) {
                    return attachment.path(PrincipalKind.GROUP);
                }
            }
        }
        return "";
    }

    private static String trustPath(List<StatementRef> statements) {
        return statements.isEmpty() ? "AssumeRolePolicyDocument" : "AssumeRolePolicyDocument.Statement[" + statements.get(0).index() + "]";
    }

    /** The step a technique takes: who, which actions on what, and the statements that allow them. */
    private static EvidenceStep hop(Attempt attempt) {
        List<String> sources = new ArrayList<>();
        for (Check check : attempt.checks()) {
            sources.add(check.requirement().action() + ": " + statements(identityAndTrust(check.result().decidingStatements())));
        }
        return new EvidenceStep(attempt.source().principal.arn(), attempt.technique().actions() + on(attempt) + " ["
                + attempt.technique().id() + "]", String.join("; ", sources));
    }

    /** Where a policy-changing technique ends: the changed principal with everything. */
    private static EvidenceStep end(Attempt attempt) {
        if (attempt.outcome().isPresent()) {
            String subject = attempt.technique().kind() == Technique.Kind.MODIFY_ASSUMABLE_ROLE
                    ? attempt.target().orElseThrow().principal.arn() : attempt.source().principal.arn();
            return new EvidenceStep(subject + " (changed)", EVERYTHING, statements(attempt.outcome().get().grants()));
        }
        Node target = attempt.target().orElseThrow();
        return new EvidenceStep(target.principal.arn(), EVERYTHING, statements(target.admin.grants()));
    }

    private static String on(Attempt attempt) {
        return attempt.targetLabel().equals("itself") ? " on itself" : " on " + attempt.targetLabel();
    }

    private static String checks(List<Check> checks) {
        List<String> parts = new ArrayList<>();
        for (Check check : checks) {
            parts.add(check.requirement().action() + " (" + statements(identityAndTrust(check.result().decidingStatements())) + ")");
        }
        return String.join(", ", parts);
    }

    private static List<StatementRef> grantsOf(List<Check> checks) {
        Set<StatementRef> grants = new LinkedHashSet<>();
        for (Check check : checks) {
            for (StatementRef ref : check.result().decidingStatements()) {
                if (ref.kind() == PolicyKind.IDENTITY) {
                    grants.add(ref);
                }
            }
        }
        return List.copyOf(grants);
    }

    private static List<StatementRef> identityAndTrust(List<StatementRef> refs) {
        List<StatementRef> kept = new ArrayList<>();
        for (StatementRef ref : refs) {
            if (ref.kind() == PolicyKind.IDENTITY || ref.kind() == PolicyKind.TRUST) {
                kept.add(ref);
            }
        }
        return kept;
    }

    /** {@code P statement S; Q statement T}, without repeats. */
    static String statements(List<StatementRef> refs) {
        Set<String> parts = new LinkedHashSet<>();
        for (StatementRef ref : refs) {
            parts.add(PrincipalPermissions.describe(ref));
        }
        return parts.isEmpty() ? "no statement" : String.join("; ", parts);
    }
}
