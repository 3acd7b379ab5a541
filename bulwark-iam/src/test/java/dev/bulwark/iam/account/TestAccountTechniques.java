package dev.bulwark.iam.account;

import static dev.bulwark.iam.account.TestingExport.ACCOUNT;
import static dev.bulwark.iam.account.TestingExport.ADMIN;
import static dev.bulwark.iam.account.TestingExport.account;
import static dev.bulwark.iam.account.TestingExport.allow;
import static dev.bulwark.iam.account.TestingExport.deny;
import static dev.bulwark.iam.account.TestingExport.doc;
import static dev.bulwark.iam.account.TestingExport.service;
import static dev.bulwark.iam.account.TestingExport.statement;
import static dev.bulwark.iam.account.TestingExport.trust;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.EvidenceStep;
import dev.bulwark.core.Finding;
import dev.bulwark.iam.account.Technique.Kind;
import dev.bulwark.iam.account.Technique.Requirement;
import dev.bulwark.iam.account.Technique.Trust;
import dev.bulwark.iam.policy.Policy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every technique of the catalog, table-driven: a minimal account where the attacker's policies
 * allow exactly what the technique needs must give a BW-IAM-002 finding for it; the same account
 * with the first required action blocked by a Deny, a condition, a resource constraint, a
 * permissions boundary or an SCP must give no BW-IAM-002 for it, and a BW-IAM-011 finding naming
 * what blocks it; and a target that is not more privileged must give neither.
 */
class TestAccountTechniques {
    private static final EscalationTechniques CATALOG = EscalationTechniques.bundled();

    private enum Variant {
        OPEN, DENY, CONDITION, RESOURCE, BOUNDARY, SCP, UNPRIVILEGED_TARGET
    }

    @Test
    void catalogCoversTheKnownTechniques() {
        assertThat(CATALOG.all()).hasSizeGreaterThanOrEqualTo(60);
        List<String> ids = CATALOG.all().stream().map(Technique::id).toList();
        assertThat(ids).contains("iam-create-policy-version", "iam-set-default-policy-version", "iam-attach-user-policy",
                "iam-attach-group-policy", "iam-attach-role-policy", "iam-put-user-policy", "iam-put-group-policy", "iam-put-role-policy",
                "iam-add-user-to-group", "iam-create-access-key", "iam-create-login-profile", "iam-update-login-profile",
                "iam-update-assume-role-policy", "ec2-run-instances", "lambda-create-invoke", "lambda-create-event-source-mapping",
                "lambda-create-add-permission", "lambda-update-function-code", "lambda-update-function-configuration",
                "cloudformation-create-stack", "cloudformation-update-stack", "cloudformation-change-set", "glue-create-dev-endpoint",
                "glue-update-dev-endpoint", "glue-create-job", "sagemaker-create-notebook", "sagemaker-presigned-notebook-url",
                "sagemaker-create-training-job", "sagemaker-create-processing-job", "codebuild-create-project", "codebuild-update-project",
                "ecs-run-task", "ecs-create-service", "ecs-execute-command", "datapipeline-create-pipeline", "ssm-send-command",
                "ssm-start-session", "ec2-modify-user-data", "ec2-instance-connect", "autoscaling-launch-configuration",
                "apprunner-create-service", "sts-assume-role");
        for (Technique technique : CATALOG.all()) {
            assertThat(technique.id()).matches("[a-z0-9-]+");
            assertThat(technique.requires()).as(technique.id()).isNotEmpty();
            assertThat(technique.gain()).as(technique.id()).isNotBlank();
            assertThat(technique.ending()).as(technique.id()).isNotBlank();
            if (technique.kind() == Kind.PASS_ROLE) {
                assertThat(technique.requires().get(0).action()).isEqualTo("iam:PassRole");
                assertThat(technique.services()).as(technique.id()).isNotEmpty();
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyTechniqueFiresAndIsBlockedByEachGuardrail() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Technique technique : CATALOG.all()) {
            for (Variant variant : Variant.values()) {
                if (!applies(technique, variant)) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(technique.id() + " " + variant.name().toLowerCase(java.util.Locale.ROOT),
                        () -> check(technique, variant)));
            }
        }
        return tests.stream();
    }

    private static boolean applies(Technique technique, Variant variant) {
        return switch (variant) {
            case OPEN, DENY, CONDITION, RESOURCE, SCP -> true;
            // The boundary is what DROP_BOUNDARY removes; it is tested as its own subject.
            case BOUNDARY -> technique.kind() != Kind.DROP_BOUNDARY;
            case UNPRIVILEGED_TARGET -> technique.kind().gainsTarget();
        };
    }

    private static void check(Technique technique, Variant variant) {
        boolean user = technique.appliesTo().contains(PrincipalKind.USER);
        String attacker = user ? "user/attacker" : "role/attacker-role";
        TestingExport export = fixture(technique, variant, user);
        AnalysisOptions options = AnalysisOptions.defaults().withThreads(1);
        if (variant == Variant.SCP) {
            // The organization's guardrail exempts its administrators, as real ones do.
            String first = firstAction(technique);
            Policy scp = ProbeResources.policy("org-guardrails.json", dev.bulwark.iam.policy.PolicyKind.SCP,
                    "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"FullAccess\", \"Effect\": \"Allow\", \"Action\": \"*\", "
                            + "\"Resource\": \"*\"}, {\"Sid\": \"ScpGuardrail\", \"Effect\": \"Deny\", \"Action\": \"" + first
                            + "\", \"Resource\": \"*\", \"Condition\": {\"ArnNotLike\": {\"aws:PrincipalArn\": "
                            + "[\"arn:aws:iam::*:role/admin-*\", \"arn:aws:iam::*:user/admin-*\"]}}}]}");
            options = options.withScpLevels(List.of(List.of(scp)));
        }
        AccountAnalysis analysis = export.analyze(options);
        List<String> keys = TestingExport.keys(analysis);
        String escalation = "BW-IAM-002 " + attacker + " " + technique.id();
        List<EvidenceStep> blocked = new ArrayList<>();
        for (Finding finding : TestingExport.findings(analysis, "BW-IAM-011", attacker)) {
            for (EvidenceStep step : finding.evidence()) {
                if (step.action().endsWith("[" + technique.id() + "]")) {
                    blocked.add(step);
                }
            }
        }
        switch (variant) {
            case OPEN -> assertThat(keys).as(export.json()).contains(escalation);
            case UNPRIVILEGED_TARGET -> {
                assertThat(keys).as(export.json()).doesNotContain(escalation);
                assertThat(blocked).as(export.json()).isEmpty();
            }
            case DENY, CONDITION, RESOURCE, BOUNDARY, SCP -> {
                assertThat(keys).as(export.json()).doesNotContain(escalation);
                assertThat(blocked).as(export.json()).singleElement().satisfies(step -> assertThat(step.source())
                        .startsWith("blocked: ").contains(expectedReason(variant, technique)));
            }
        }
    }

    private static String expectedReason(Variant variant, Technique technique) {
        return switch (variant) {
            case DENY -> firstAction(technique) + " is denied by inline Tools of ";
            case CONDITION -> "allows " + firstAction(technique) + " only when Bool aws:MultiFactorAuthPresent [true]";
            case RESOURCE -> "allows " + firstAction(technique) + " only on arn:aws:s3:::unrelated-bucket";
            case BOUNDARY -> "permissions boundary permissions boundary arn:aws:iam::" + ACCOUNT + ":policy/Limit does not allow";
            case SCP -> "service control policy org-guardrails.json statement ScpGuardrail";
            case OPEN, UNPRIVILEGED_TARGET -> throw new IllegalStateException();
        };
    }

    private static String firstAction(Technique technique) {
        return technique.requires().get(0).action();
    }

    /** The smallest account in which {@code technique} applies to the attacker. */
    private static TestingExport fixture(Technique technique, Variant variant, boolean user) {
        TestingExport export = new TestingExport();
        String first = firstAction(technique);
        Set<String> actions = new LinkedHashSet<>();
        for (Requirement requirement : technique.requires()) {
            if (requirement.trust() != Trust.REWRITTEN_TRUST) {
                actions.add(requirement.action());
            }
        }
        List<Map<?, ?>> tools = new ArrayList<>();
        for (String action : actions) {
            boolean blockedHere = action.equals(first);
            Map<String, Object> condition = blockedHere && variant == Variant.CONDITION
                    ? Map.of("Bool", Map.of("aws:MultiFactorAuthPresent", "true")) : null;
            Object resource = blockedHere && variant == Variant.RESOURCE ? "arn:aws:s3:::unrelated-bucket" : "*";
            tools.add(statement("Allow", "Use" + tools.size(), action, resource, condition));
        }
        if (variant == Variant.DENY) {
            tools.add(deny("Guardrail", first, "*"));
        }
        Kind kind = technique.kind();
        boolean everything = kind == Kind.DROP_BOUNDARY || kind == Kind.DROP_MANAGED_DENY || kind == Kind.DROP_INLINE_DENY
                || kind == Kind.LEAVE_GROUP;
        String limit = "arn:aws:iam::" + ACCOUNT + ":policy/Limit";
        String shared = "arn:aws:iam::" + ACCOUNT + ":policy/Shared";
        String noCompute = "arn:aws:iam::" + ACCOUNT + ":policy/NoCompute";
        java.util.function.Consumer<TestingExport.Principal> attacker = principal -> {
            principal.inline("Tools", doc(tools.toArray(new Map<?, ?>[0])));
            if (everything) {
                principal.inline("Everything", doc(Map.of("Sid", "AllElse", "Effect", "Allow", "NotAction", List.copyOf(actions),
                        "Resource", "*")));
            }
            if (kind == Kind.DROP_BOUNDARY || variant == Variant.BOUNDARY) {
                principal.boundary(limit);
            }
            if (kind == Kind.POLICY_VERSION || kind == Kind.DEFAULT_VERSION) {
                principal.managed(shared);
            }
            if (kind == Kind.DROP_MANAGED_DENY) {
                principal.managed(noCompute);
            }
            if (kind == Kind.DROP_INLINE_DENY) {
                principal.inline("NoCompute", doc(deny("NoCompute", "ec2:*", "*")));
            }
            if (kind == Kind.GROUP_POLICY) {
                principal.group("team");
            }
            if (kind == Kind.LEAVE_GROUP) {
                principal.group("restricted");
            }
        };
        if (user) {
            export.user("attacker", attacker);
        } else {
            export.role("attacker-role", trust(Map.of("AWS", "arn:aws:iam::444455556666:root"), "sts:AssumeRole",
                    Map.of("StringEquals", Map.of("sts:ExternalId", "x"))), attacker);
        }
        String boundaryActions = kind == Kind.DROP_BOUNDARY ? first : "s3:GetObject";
        export.policy(limit, doc(allow(List.of(boundaryActions, "s3:GetObject"), "*")));
        export.policy(shared, doc(allow("cloudwatch:GetMetricData", "*")), doc(allow("*", "*")));
        export.policy(noCompute, doc(deny("NoCompute", "ec2:*", "*")));
        export.policy(ADMIN, doc(allow("*", "*")));
        export.group("team", group -> group.inline("Read", doc(allow("cloudwatch:GetMetricData", "*"))));
        export.group("restricted", group -> group.inline("NoCompute", doc(deny("NoCompute", "ec2:*", "*"))));
        if (kind == Kind.JOIN_GROUP) {
            export.group("admins", group -> group.managed(ADMIN));
        }
        String targetPolicy = variant == Variant.UNPRIVILEGED_TARGET ? "arn:aws:iam::" + ACCOUNT + ":policy/Harmless" : ADMIN;
        export.policy("arn:aws:iam::" + ACCOUNT + ":policy/Harmless", doc(allow("cloudwatch:GetMetricData", "*")));
        switch (kind) {
            case MODIFY_ASSUMABLE_ROLE -> export.role("target-role", trust(account()),
                    role -> role.managed("arn:aws:iam::" + ACCOUNT + ":policy/Harmless"));
            case ASSUME_ROLE -> export.role("admin-role", trust(account()), role -> role.managed(targetPolicy));
            case REWRITE_TRUST -> export.role("admin-role", trust(Map.of("AWS", "arn:aws:iam::444455556666:role/elsewhere")),
                    role -> role.managed(targetPolicy));
            case USER_CREDENTIALS -> export.user("admin-user", target -> target.managed(targetPolicy));
            case PASS_ROLE, SERVICE_ROLE_IN_USE -> export.role("admin-role", trust(service(technique.services().get(0))),
                    role -> role.managed(targetPolicy).instanceProfile());
            case SELF_POLICY, GROUP_POLICY, POLICY_VERSION, DEFAULT_VERSION, JOIN_GROUP, DROP_BOUNDARY, DROP_MANAGED_DENY,
                    DROP_INLINE_DENY, LEAVE_GROUP -> {
            }
        }
        return export;
    }

    @Test
    void escalationNeedingActionsOfTwoPoliciesIsFound() {
        AccountAnalysis analysis = new TestingExport()
                .user("dev", user -> user.inline("PassRoles", doc(allow("PassAny", "iam:PassRole", "*")))
                        .managed("arn:aws:iam::" + ACCOUNT + ":policy/Functions").group("builders"))
                .group("builders", group -> group.inline("Invoke", doc(allow("InvokeAny", "lambda:InvokeFunction", "*"))))
                .policy("arn:aws:iam::" + ACCOUNT + ":policy/Functions", doc(allow("Create", "lambda:CreateFunction", "*")))
                .policy(ADMIN, doc(allow("*", "*")))
                .role("deployer", trust(service("lambda.amazonaws.com")), role -> role.managed(ADMIN))
                .analyze();
        Finding finding = TestingExport.findings(analysis, "BW-IAM-002", "user/dev").get(0);
        assertThat(finding.message()).contains("[lambda-create-invoke] on role/deployer")
                .contains("iam:PassRole (inline PassRoles of user/dev statement PassAny)")
                .contains("lambda:CreateFunction (arn:aws:iam::" + ACCOUNT + ":policy/Functions statement Create)")
                .contains("lambda:InvokeFunction (inline Invoke of group/builders statement InvokeAny)");
        assertThat(finding.evidence()).hasSize(2);
        assertThat(finding.evidence().get(1).subject()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/deployer");
    }

    @Test
    void passRoleLimitedToOtherServicesOrRolesDoesNotReachTheAdminRole() {
        Map<String, Object> toEcsOnly = Map.of("StringEquals", Map.of("iam:PassedToService", "ecs-tasks.amazonaws.com"));
        AccountAnalysis analysis = new TestingExport()
                .user("dev", user -> user.inline("Tools", doc(allow("Pass", "iam:PassRole", "*", toEcsOnly),
                        allow("Functions", List.of("lambda:CreateFunction", "lambda:InvokeFunction"), "*"))))
                .policy(ADMIN, doc(allow("*", "*")))
                .role("deployer", trust(service("lambda.amazonaws.com")), role -> role.managed(ADMIN))
                .analyze();
        assertThat(TestingExport.findings(analysis, "BW-IAM-002", "user/dev")).isEmpty();
        assertThat(TestingExport.findings(analysis, "BW-IAM-011", "user/dev")).singleElement().satisfies(finding -> assertThat(
                finding.message()).contains("[lambda-create-invoke] on role/deployer, but it is blocked: inline Tools of user/dev statement "
                + "Pass allows iam:PassRole only when StringEquals iam:PassedToService [ecs-tasks.amazonaws.com]"));
    }

    @Test
    void createdResourceNamesFollowTheAllowedPattern() {
        // lambda:CreateFunction only on app-* functions: the attacker names its function app-something.
        AccountAnalysis analysis = new TestingExport()
                .user("dev", user -> user.inline("Tools", doc(allow("Pass", "iam:PassRole", "*"),
                        allow("Functions", List.of("lambda:CreateFunction", "lambda:InvokeFunction"), "arn:aws:lambda:*:*:function:app-*"))))
                .policy(ADMIN, doc(allow("*", "*")))
                .role("deployer", trust(service("lambda.amazonaws.com")), role -> role.managed(ADMIN))
                .analyze();
        assertThat(TestingExport.keys(analysis)).contains("BW-IAM-002 user/dev lambda-create-invoke");
    }

    @Test
    void writtenPolicyThatTheBoundaryCapsIsBlockedNotAnEscalation() {
        String boundary = "arn:aws:iam::" + ACCOUNT + ":policy/DeveloperBoundary";
        AccountAnalysis analysis = new TestingExport()
                .user("dev", user -> user.inline("Self", doc(allow("OwnPolicies", "iam:PutUserPolicy", "arn:aws:iam::" + ACCOUNT
                        + ":user/${aws:username}"))).boundary(boundary))
                .policy(boundary, doc(allow("Bound", List.of("iam:PutUserPolicy", "s3:*", "lambda:*"), "*")))
                .analyze();
        assertThat(TestingExport.findings(analysis, "BW-IAM-002", "user/dev")).isEmpty();
        assertThat(TestingExport.findings(analysis, "BW-IAM-011", "user/dev")).singleElement().satisfies(finding -> assertThat(
                finding.message()).contains("[iam-put-user-policy] on itself").contains("a policy it writes would still not give user/dev "
                + "administrator-equivalent access").contains("permissions boundary " + boundary + " does not allow iam:AttachRolePolicy"));
    }

    @Test
    void olderWiderPolicyVersionIsAnEscalation() {
        String tools = "arn:aws:iam::" + ACCOUNT + ":policy/Tools";
        AccountAnalysis analysis = new TestingExport()
                .user("ops", user -> user.managed(tools))
                .policy(tools, doc(allow("Versions", "iam:SetDefaultPolicyVersion", tools)), doc(allow("Old", "*", "*")))
                .analyze();
        assertThat(TestingExport.keys(analysis)).contains("BW-IAM-002 user/ops iam-set-default-policy-version");
        // AWS managed policies cannot be changed by the account: no version technique on them.
        AccountAnalysis managed = new TestingExport()
                .user("ops", user -> user.inline("Versions", doc(allow("iam:CreatePolicyVersion", "*")))
                        .managed("arn:aws:iam::aws:policy/ReadOnlyAccess"))
                .analyze();
        assertThat(TestingExport.keys(managed)).noneMatch(key -> key.contains("iam-create-policy-version"));
    }

    @Test
    void conditionsOnTheTargetsTagsAreDecidedFromTheExport() {
        Map<String, Object> teamRoles = Map.of("StringEquals", Map.of("aws:ResourceTag/team", "payments"));
        TestingExport export = new TestingExport()
                .user("dev", user -> user.inline("Tools", doc(allow("Pass", "iam:PassRole", "*", teamRoles),
                        allow("Functions", List.of("lambda:CreateFunction", "lambda:InvokeFunction"), "*"))))
                .policy(ADMIN, doc(allow("*", "*")))
                .role("payments-admin", trust(service("lambda.amazonaws.com")), role -> role.managed(ADMIN).tag("team", "payments"))
                .role("search-admin", trust(service("lambda.amazonaws.com")), role -> role.managed(ADMIN).tag("team", "search"));
        Finding finding = TestingExport.findings(export.analyze(), "BW-IAM-002", "user/dev").get(0);
        assertThat(finding.message()).contains("on role/payments-admin").doesNotContain("more target");
    }

    @Test
    void resultsAreTheSameOnOneThreadAndOnMany() {
        TestingExport export = new TestingExport()
                .user("dev", user -> user.inline("Tools", doc(allow(List.of("iam:PassRole", "lambda:*", "sts:AssumeRole"), "*"))))
                .policy(ADMIN, doc(allow("*", "*")));
        for (int i = 0; i < 30; i++) {
            int n = i;
            export.role("role-" + n, trust(n % 2 == 0 ? service("lambda.amazonaws.com") : account()),
                    role -> role.inline("P", doc(allow(n % 3 == 0 ? "*" : "s3:GetObject", "*"))));
        }
        List<String> one = TestingExport.keys(export.analyze(AnalysisOptions.defaults().withThreads(1)));
        List<String> many = TestingExport.keys(export.analyze(AnalysisOptions.defaults().withThreads(4)));
        assertThat(many).isEqualTo(one).isNotEmpty();
    }

    @Test
    void unknownTokensAreNotLeftInRequests() {
        for (Technique technique : CATALOG.all()) {
            for (Requirement requirement : technique.requires()) {
                Map<String, String> context = new LinkedHashMap<>(requirement.context());
                context.values().forEach(value -> assertThat(value).as(technique.id()).isIn("{service}", "{policy}", "{admin}"));
                if (requirement.on() == Technique.On.NEW || requirement.on() == Technique.On.EXISTING) {
                    assertThat(requirement.resource()).as(technique.id()).startsWith("arn:aws:");
                }
            }
        }
    }
}
