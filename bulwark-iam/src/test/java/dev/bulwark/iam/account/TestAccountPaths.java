package dev.bulwark.iam.account;

import static dev.bulwark.iam.account.TestingExport.ACCOUNT;
import static dev.bulwark.iam.account.TestingExport.ADMIN;
import static dev.bulwark.iam.account.TestingExport.account;
import static dev.bulwark.iam.account.TestingExport.allow;
import static dev.bulwark.iam.account.TestingExport.arn;
import static dev.bulwark.iam.account.TestingExport.doc;
import static dev.bulwark.iam.account.TestingExport.service;
import static dev.bulwark.iam.account.TestingExport.trust;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.EvidenceStep;
import dev.bulwark.core.Finding;
import dev.bulwark.iam.policy.Policy;
import dev.bulwark.iam.policy.PolicyKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Paths through other principals: the exact chain, the shortest one, the depth bound, and paths that a guardrail cuts. */
class TestAccountPaths {
    /** intern -assume-> support -assume-> builder -PassRole+Lambda-> lambda-admin. */
    private static TestingExport chain() {
        return chain(Map.of("AWS", arn("role/support")), null);
    }

    private static TestingExport chain(Map<String, Object> builderTrustee, String builderBoundary) {
        return new TestingExport()
                .user("intern", user -> user.inline("Hop", doc(allow("ToSupport", "sts:AssumeRole", arn("role/support")))))
                .role("support", trust(account()), role -> role.inline("Hop", doc(allow("ToBuilder", "sts:AssumeRole", arn("role/builder")))))
                .role("builder", trust(builderTrustee), role -> {
                    role.inline("Deploy", doc(allow("Pass", "iam:PassRole", arn("role/lambda-admin")),
                            allow("Functions", List.of("lambda:CreateFunction", "lambda:InvokeFunction"), "*")));
                    if (builderBoundary != null) {
                        role.boundary(builderBoundary);
                    }
                })
                .role("lambda-admin", trust(service("lambda.amazonaws.com")), role -> role.managed(ADMIN))
                .policy(ADMIN, doc(allow("*", "*")));
    }

    @Test
    void chainIsReportedWithEveryStepAndTheStatementsBehindIt() {
        AccountAnalysis analysis = chain().analyze();
        Finding intern = TestingExport.findings(analysis, "BW-IAM-003", "user/intern").get(0);
        assertThat(intern.message()).isEqualTo("user/intern reaches administrator-equivalent access in 3 steps: user/intern "
                + "-[sts:AssumeRole]-> role/support -[sts:AssumeRole]-> role/builder -[iam:PassRole + lambda:CreateFunction + "
                + "lambda:InvokeFunction]-> role/lambda-admin");
        assertThat(intern.evidence()).containsExactly(
                new EvidenceStep(arn("user/intern"), "sts:AssumeRole on role/support [sts-assume-role]",
                        "sts:AssumeRole: inline Hop of user/intern statement ToSupport; trust policy of role/support statement Trust"),
                new EvidenceStep(arn("role/support"), "sts:AssumeRole on role/builder [sts-assume-role]",
                        "sts:AssumeRole: trust policy of role/builder statement Trust"),
                new EvidenceStep(arn("role/builder"), "iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction on role/lambda-admin "
                        + "[lambda-create-invoke]", "iam:PassRole: inline Deploy of role/builder statement Pass; lambda:CreateFunction: "
                        + "inline Deploy of role/builder statement Functions; lambda:InvokeFunction: inline Deploy of role/builder "
                        + "statement Functions"),
                new EvidenceStep(arn("role/lambda-admin"), "every action on every resource (administrator-equivalent)",
                        "arn:aws:iam::aws:policy/AdministratorAccess statement #0"));
        assertThat(intern.path()).isEqualTo("UserPolicyList[Hop]");
        assertThat(intern.location().startLine()).isEqualTo(chain().read().principals().get(0).line());

        // Each principal on the way has its own, shorter finding.
        assertThat(TestingExport.keys(analysis)).contains("BW-IAM-002 role/builder lambda-create-invoke", "BW-IAM-003 role/support -")
                .doesNotContain("BW-IAM-002 user/intern sts-assume-role");
        assertThat(TestingExport.findings(analysis, "BW-IAM-003", "role/support").get(0).message()).contains("in 2 steps");
    }

    @Test
    void roleThatCanChangeItselfEndsAChain() {
        AccountAnalysis analysis = new TestingExport()
                .user("carol", user -> user.inline("AssumeOps", doc(allow("Ops", "sts:AssumeRole", arn("role/ops")))))
                .role("ops", trust(account()), role -> role.inline("Maintain", doc(allow("Attach", "iam:AttachRolePolicy", arn("role/ops*")))))
                .analyze();
        Finding carol = TestingExport.findings(analysis, "BW-IAM-003", "user/carol").get(0);
        assertThat(carol.message()).endsWith("in 2 steps: user/carol -[sts:AssumeRole]-> role/ops -[iam:AttachRolePolicy]-> "
                + "administrator-equivalent");
        assertThat(carol.evidence()).extracting(EvidenceStep::subject).containsExactly(arn("user/carol"), arn("role/ops"),
                arn("role/ops") + " (changed)");
        assertThat(carol.evidence().get(2).source()).isEqualTo("policy written by the attacker statement Everything");
        assertThat(TestingExport.keys(analysis)).contains("BW-IAM-002 role/ops iam-attach-role-policy");
    }

    @Test
    void theShortestPathIsTheOneReported() {
        TestingExport export = chain();
        export.user("intern2", user -> user.inline("Hop", doc(allow("Both", "sts:AssumeRole",
                List.of(arn("role/support"), arn("role/builder"))))));
        export.role("builder2", trust(account()), role -> role.inline("Nothing", doc(allow("s3:ListBucket", "*"))));
        AccountAnalysis analysis = export.analyze();
        // builder trusts only role/support, so intern2 reaches it only through support: 3 steps, like intern.
        assertThat(TestingExport.findings(analysis, "BW-IAM-003", "user/intern2").get(0).message()).contains("in 3 steps");

        TestingExport direct = chain(account(), null);
        direct.user("lead", user -> user.inline("Hop", doc(allow("Any", "sts:AssumeRole", "*"))));
        AccountAnalysis shorter = direct.analyze();
        assertThat(TestingExport.findings(shorter, "BW-IAM-003", "user/lead")).singleElement().satisfies(finding ->
                assertThat(finding.message()).contains("in 2 steps: user/lead -[sts:AssumeRole]-> role/builder"));
    }

    @Test
    void pathsLongerThanFourStepsAreNotFollowed() {
        TestingExport export = new TestingExport().policy(ADMIN, doc(allow("*", "*")));
        export.role("hop-0", trust(account()), role -> role.managed(ADMIN));
        for (int i = 1; i <= 5; i++) {
            String next = "hop-" + (i - 1);
            export.role("hop-" + i, trust(account()), role -> role.inline("Next", doc(allow("sts:AssumeRole", arn("role/" + next)))));
        }
        AccountAnalysis analysis = export.analyze();
        assertThat(TestingExport.keys(analysis)).contains("BW-IAM-002 role/hop-1 sts-assume-role", "BW-IAM-003 role/hop-4 -")
                .noneMatch(key -> key.startsWith("BW-IAM-003 role/hop-5"));
        assertThat(TestingExport.findings(analysis, "BW-IAM-003", "role/hop-4").get(0).message()).contains("in 4 steps");
    }

    @Test
    void anScpOrBoundaryOnTheWayCutsThePath() {
        Policy scp = ProbeResources.policy("no-role-hopping.json", PolicyKind.SCP, "{\"Version\": \"2012-10-17\", \"Statement\": ["
                + "{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}, {\"Sid\": \"Interns\", \"Effect\": \"Deny\", "
                + "\"Action\": \"sts:AssumeRole\", \"Resource\": \"*\", \"Condition\": {\"StringLike\": {\"aws:PrincipalArn\": "
                + "\"arn:aws:iam::" + ACCOUNT + ":user/intern*\"}}}]}");
        AccountAnalysis analysis = chain().analyze(AnalysisOptions.defaults().withThreads(1).withScpLevels(List.of(List.of(scp))));
        assertThat(TestingExport.findings(analysis, "BW-IAM-003", "user/intern")).isEmpty();
        assertThat(TestingExport.findings(analysis, "BW-IAM-003", "role/support")).hasSize(1);

        String boundary = arn("policy/NoPassing");
        TestingExport bounded = chain(Map.of("AWS", arn("role/support")), boundary);
        bounded.policy(boundary, doc(allow("lambda:*", "*")));
        AccountAnalysis cut = bounded.analyze();
        assertThat(TestingExport.keys(cut)).noneMatch(key -> key.startsWith("BW-IAM-003")).noneMatch(key -> key.startsWith("BW-IAM-002"));
        assertThat(TestingExport.findings(cut, "BW-IAM-011", "role/builder")).singleElement().satisfies(finding ->
                assertThat(finding.message()).contains("the permissions boundary permissions boundary " + boundary
                        + " does not allow iam:PassRole"));
    }

    @Test
    void passRoleEdgesOnlyLeadToRolesTheServiceMayAssume() {
        TestingExport export = new TestingExport()
                .user("dev", user -> user.inline("Deploy", doc(allow(List.of("iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"),
                        "*"))))
                .role("ec2-admin", trust(service("ec2.amazonaws.com")), role -> role.managed(ADMIN).instanceProfile())
                .role("guarded-admin", trust(service("lambda.amazonaws.com"), "sts:AssumeRole",
                        Map.of("StringEquals", Map.of("aws:SourceArn", "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:billing"))),
                        role -> role.managed(ADMIN))
                .policy(ADMIN, doc(allow("*", "*")));
        assertThat(TestingExport.keys(export.analyze())).noneMatch(key -> key.startsWith("BW-IAM-002 user/dev"));
        export.role("open-admin", trust(service("lambda.amazonaws.com"), "sts:AssumeRole",
                Map.of("StringEquals", Map.of("aws:SourceAccount", ACCOUNT))), role -> role.managed(ADMIN));
        assertThat(TestingExport.findings(export.analyze(), "BW-IAM-002", "user/dev")).singleElement().satisfies(finding ->
                assertThat(finding.message()).contains("[lambda-create-invoke] on role/open-admin"));
    }
}
