package dev.bulwark.iam.account;

import static dev.bulwark.iam.account.TestingExport.ACCOUNT;
import static dev.bulwark.iam.account.TestingExport.ADMIN;
import static dev.bulwark.iam.account.TestingExport.allow;
import static dev.bulwark.iam.account.TestingExport.arn;
import static dev.bulwark.iam.account.TestingExport.deny;
import static dev.bulwark.iam.account.TestingExport.doc;
import static dev.bulwark.iam.account.TestingExport.service;
import static dev.bulwark.iam.account.TestingExport.trust;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Finding;
import dev.bulwark.core.FindingType;
import dev.bulwark.core.ScanReport;
import dev.bulwark.iam.policy.Policy;
import dev.bulwark.iam.policy.PolicyKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The principal-level rules: administrators, data, exposure, credentials, blocked paths, groups, selection, resources. */
class TestAccountFindings {
    @Test
    void administratorEquivalenceNeedsEveryServiceAndHonoursDenyAndNotAction() {
        AccountAnalysis analysis = new TestingExport()
                .user("star", user -> user.inline("All", doc(allow("Everything", "*", "*"))))
                .user("services", user -> user.inline("Wide", doc(allow(List.of("iam:*", "s3:*", "ec2:*", "lambda:*", "kms:*", "secretsmanager:*",
                        "dynamodb:*", "rds:*", "cloudtrail:*", "logs:*", "organizations:*", "cloudformation:*", "route53:*", "ecs:*", "eks:*"), "*"))))
                .user("poweruser", user -> user.managed("arn:aws:iam::aws:policy/PowerUserAccess"))
                .user("denied", user -> user.inline("All", doc(allow("*", "*"), deny("NoTrail", "cloudtrail:StopLogging", "*"))))
                .user("s3only", user -> user.inline("All", doc(allow("*", "arn:aws:s3:::*"))))
                .analyze();
        assertThat(TestingExport.keys(analysis)).contains("BW-IAM-001 user/star -", "BW-IAM-001 user/services -")
                .noneMatch(key -> key.startsWith("BW-IAM-001 user/poweruser") || key.startsWith("BW-IAM-001 user/denied")
                        || key.startsWith("BW-IAM-001 user/s3only"));
        Finding star = TestingExport.findings(analysis, "BW-IAM-001", "user/star").get(0);
        assertThat(star.message()).isEqualTo("user/star is administrator-equivalent through inline All of user/star statement Everything");
        assertThat(star.type()).isEqualTo(FindingType.IDENTITY_RISK);
        assertThat(star.resource().type()).isEqualTo("AWS::IAM::User");
        assertThat(star.path()).isEqualTo("UserPolicyList[All]");
        assertThat(star.compliance()).containsEntry("cis-aws-foundations-3.0", List.of("1.16"));
        // The Deny that takes one service away is what stands between 'denied' and full control: said so.
        assertThat(TestingExport.findings(analysis, "BW-IAM-011", "user/denied")).singleElement().satisfies(finding -> assertThat(
                finding.message()).startsWith("user/denied is granted administrator access on paper, but it is blocked: "
                + "cloudtrail:StopLogging is denied by inline All of user/denied statement NoTrail"));
    }

    @Test
    void boundaryAndScpMakeAnAdministratorPolicyPowerless() {
        String boundary = arn("policy/S3Only");
        Policy scp = ProbeResources.policy("region-lock.json", PolicyKind.SCP, "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": "
                + "\"OnlyStorage\", \"Effect\": \"Allow\", \"Action\": [\"s3:*\", \"iam:*\"], \"Resource\": \"*\"}]}");
        TestingExport export = new TestingExport()
                .user("bounded", user -> user.managed(ADMIN).boundary(boundary))
                .user("admin", user -> user.managed(ADMIN))
                .policy(ADMIN, doc(allow("*", "*")))
                .policy(boundary, doc(allow("s3:*", "*")));
        AccountAnalysis analysis = export.analyze(AnalysisOptions.defaults().withThreads(1).withScpLevels(List.of(List.of(scp))));
        assertThat(TestingExport.keys(analysis)).noneMatch(key -> key.startsWith("BW-IAM-001"));
        assertThat(TestingExport.findings(analysis, "BW-IAM-011", "user/admin").get(0).message())
                .contains("no service control policy at level 1 allows ec2:RunInstances");
        assertThat(TestingExport.findings(analysis, "BW-IAM-011", "user/bounded").get(0).message())
                .contains("the permissions boundary permissions boundary " + boundary + " does not allow iam:AttachRolePolicy");
        AccountAnalysis quiet = export.analyze(AnalysisOptions.defaults().withThreads(1).withIncludeBlocked(false)
                .withScpLevels(List.of(List.of(scp))));
        assertThat(TestingExport.keys(quiet)).noneMatch(key -> key.startsWith("BW-IAM-011"))
                .contains("BW-IAM-004 user/admin -", "BW-IAM-006 user/admin -");
    }

    @Test
    void membersOfAnAdministratorGroupAreOneFindingOnTheGroup() {
        TestingExport export = new TestingExport()
                .group("admins", group -> group.managed(ADMIN))
                .group("empty-admins", group -> group.managed(ADMIN))
                .policy(ADMIN, doc(allow("*", "*")));
        for (int i = 0; i < 500; i++) {
            export.user(String.format("admin-%03d", i), user -> user.group("admins"));
        }
        export.user("direct", user -> user.managed(ADMIN).group("admins"));
        AccountAnalysis analysis = export.analyze(AnalysisOptions.defaults());
        assertThat(TestingExport.keys(analysis)).containsExactly("BW-IAM-001 user/direct -", "BW-IAM-001 group/admins -",
                "BW-IAM-001 group/empty-admins -");
        Finding group = TestingExport.findings(analysis, "BW-IAM-001", "group/admins").get(0);
        assertThat(group.resource().type()).isEqualTo("AWS::IAM::Group");
        assertThat(group.message()).startsWith("group/admins gives this to 500 of its 501 members (admin-000, admin-001, admin-002, "
                + "admin-003, admin-004, admin-005, admin-006, admin-007, admin-008, admin-009, and 490 more): each member is "
                + "administrator-equivalent through arn:aws:iam::aws:policy/AdministratorAccess via group/admins statement #0");
        assertThat(group.evidence()).hasSize(1 + 50 + 1);
        assertThat(TestingExport.findings(analysis, "BW-IAM-001", "group/empty-admins").get(0).message())
                .startsWith("group/empty-admins gives this to 0 of its 0 members: each member is administrator-equivalent");
        // Every user is still a resource of the report.
        assertThat(analysis.resources()).hasSize(503);
    }

    @Test
    void wideDataReadsExposureAndCredentialsAreReportedOnlyOnEveryResource() {
        AccountAnalysis analysis = new TestingExport()
                .user("reader", user -> user.inline("Read", doc(allow("Objects", List.of("s3:GetObject", "secretsmanager:GetSecretValue"), "*"),
                        allow("Keys", "kms:Decrypt", "*"))))
                .user("scoped", user -> user.inline("Read", doc(allow("s3:GetObject", "arn:aws:s3:::reports/*"),
                        allow("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:*:" + ACCOUNT + ":secret:app/*"))))
                .user("sharer", user -> user.inline("Share", doc(allow("Share", List.of("s3:PutBucketPolicy", "rds:ModifyDBSnapshotAttribute"), "*"))))
                .user("helpdesk", user -> user.inline("Reset", doc(allow("Reset", List.of("iam:UpdateLoginProfile", "iam:CreateAccessKey"),
                        arn("user/*")))))
                .user("self-service", user -> user.inline("Own", doc(allow(List.of("iam:UpdateLoginProfile", "iam:CreateAccessKey"),
                        arn("user/${aws:username}")))))
                .user("federator", user -> user.inline("Federate", doc(allow("sts:GetFederationToken", "*"))))
                .user("puller", user -> user.inline("Pull", doc(allow(List.of("ecr:GetAuthorizationToken", "ecr:BatchGetImage"),
                        arn("repository/app")))))
                .analyze();
        assertThat(TestingExport.keys(analysis)).containsExactlyInAnyOrder("BW-IAM-004 user/reader -", "BW-IAM-005 user/sharer -",
                "BW-IAM-006 user/helpdesk -", "BW-IAM-006 user/federator -");
        assertThat(TestingExport.findings(analysis, "BW-IAM-004", "user/reader").get(0).message()).isEqualTo("user/reader can read every "
                + "resource of these kinds: kms:Decrypt (inline Read of user/reader statement Keys), s3:GetObject (inline Read of user/reader "
                + "statement Objects), secretsmanager:GetSecretValue (inline Read of user/reader statement Objects)");
        assertThat(TestingExport.findings(analysis, "BW-IAM-006", "user/helpdesk").get(0).message()).contains("iam:CreateAccessKey",
                "iam:UpdateLoginProfile");
    }

    @Test
    void administratorsGetOneFindingNotOnePerRule() {
        AccountAnalysis analysis = new TestingExport().user("root-like", user -> user.inline("All", doc(allow("*", "*"))))
                .role("lambda-admin", trust(service("lambda.amazonaws.com")), role -> role.inline("All", doc(allow("*", "*")))).analyze();
        assertThat(TestingExport.keys(analysis)).containsExactly("BW-IAM-001 user/root-like -", "BW-IAM-001 role/lambda-admin -",
                "BW-IAM-010 role/lambda-admin -");
    }

    @Test
    void serviceLinkedRolesAreNeitherFindingsNorTargets() {
        AccountAnalysis analysis = new TestingExport()
                .role("AWSServiceRoleForThing", trust(service("thing.amazonaws.com")), role -> role.inline("All", doc(allow("*", "*"))))
                .user("dev", user -> user.inline("Pass", doc(allow(List.of("iam:PassRole", "iam:UpdateAssumeRolePolicy"), "*"))))
                .json().replace("\"Path\" : \"/\",\n    \"RoleName\"", "\"Path\" : \"/aws-service-role/thing.amazonaws.com/\",\n    \"RoleName\"")
                .replace(":role/AWSServiceRoleForThing", ":role/aws-service-role/thing.amazonaws.com/AWSServiceRoleForThing")
                .transform(text -> AccountAnalyzer.standard().analyze(new AccountExportReader().read(text, "slr.json"),
                        AnalysisOptions.defaults().withThreads(1)));
        assertThat(TestingExport.keys(analysis)).isEmpty();
    }

    @Test
    void principalSelectionLimitsFindingsNotPaths() {
        TestingExport export = new TestingExport()
                .user("dev-anna", user -> user.inline("Hop", doc(allow("sts:AssumeRole", arn("role/ops")))).group("admins"))
                .user("ops-bob", user -> user.inline("Hop", doc(allow("sts:AssumeRole", arn("role/ops")))))
                .group("admins", group -> group.inline("All", doc(allow("*", "*"))))
                .role("ops", trust(TestingExport.account()), role -> role.inline("All", doc(allow("*", "*"))));
        AccountAnalysis selected = export.analyze(AnalysisOptions.defaults().withThreads(1).withPrincipals(List.of("ops-*")));
        assertThat(TestingExport.keys(selected)).containsExactly("BW-IAM-002 user/ops-bob sts-assume-role");
        assertThat(selected.resources()).extracting(resource -> resource.ref().name()).containsExactly("ops-bob");
        AccountAnalysis byArn = export.analyze(AnalysisOptions.defaults().withThreads(1).withPrincipals(List.of(arn("user/dev-anna"))));
        // anna is an administrator through the group: the group's finding is hers.
        assertThat(TestingExport.keys(byArn)).containsExactly("BW-IAM-001 group/admins -");
        AccountAnalysis roles = export.analyze(AnalysisOptions.defaults().withThreads(1).withPrincipals(List.of("role/*")));
        assertThat(TestingExport.keys(roles)).containsExactly("BW-IAM-001 role/ops -");
    }

    @Test
    void everyPrincipalIsAResourceWithTheRulesEvaluatedOnIt() {
        AccountAnalysis analysis = new TestingExport()
                .user("u", user -> { })
                .group("g", group -> { })
                .role("r", trust(TestingExport.account()), role -> { })
                .user("unknown-boundary", user -> user.boundary(arn("policy/Missing")))
                .analyze();
        assertThat(analysis.resources()).extracting(resource -> resource.ref().type() + " " + resource.ref().name() + " "
                + resource.ruleIds().size()).containsExactly("AWS::IAM::User u 7", "AWS::IAM::User unknown-boundary 0",
                "AWS::IAM::Group g 6", "AWS::IAM::Role r 11");
        assertThat(analysis.rules()).extracting(rule -> rule.id()).containsExactly("BW-IAM-001", "BW-IAM-002", "BW-IAM-003",
                "BW-IAM-004", "BW-IAM-005", "BW-IAM-006", "BW-IAM-007", "BW-IAM-008", "BW-IAM-009", "BW-IAM-010", "BW-IAM-011");
        for (ScanReport.ScannedResource resource : analysis.resources()) {
            assertThat(resource.location().file()).isEqualTo("test.json");
        }
    }

    @Test
    void fingerprintsDoNotDependOnLines() {
        TestingExport small = new TestingExport().user("alice", user -> user.inline("All", doc(allow("*", "*"))));
        TestingExport moved = new TestingExport().user("zed", user -> user.tag("a", "b").tag("c", "d"))
                .user("alice", user -> user.inline("All", doc(allow("*", "*"))));
        Finding before = TestingExport.findings(small.analyze(), "BW-IAM-001", "user/alice").get(0);
        Finding after = TestingExport.findings(moved.analyze(), "BW-IAM-001", "user/alice").get(0);
        assertThat(after.location().startLine()).isNotEqualTo(before.location().startLine());
        assertThat(after.fingerprint()).isEqualTo(before.fingerprint());
    }

    @Test
    void effectivePermissionsAnswerPerPrincipal() {
        AccountExport export = new TestingExport()
                .user("dev", user -> user.group("devs").boundary(arn("policy/Bound")).tag("team", "payments"))
                .group("devs", group -> group.inline("Work", doc(allow(List.of("s3:GetObject", "ec2:TerminateInstances"), "*"),
                        allow("Team", "ssm:GetParameter", "*", Map.of("StringEquals", Map.of("aws:ResourceTag/team", "${aws:PrincipalTag/team}"))))))
                .policy(arn("policy/Bound"), doc(allow(List.of("s3:*", "ssm:*"), "*")))
                .role("ops", trust(Map.of("AWS", arn("user/dev"))), role -> { })
                .read();
        EffectivePermissions permissions = EffectivePermissions.of(export, List.of());
        assertThat(permissions.principals()).containsExactly(arn("user/dev"), arn("role/ops"));
        assertThat(permissions.can("user/dev", "s3:GetObject", "arn:aws:s3:::b/k").allowed()).isTrue();
        assertThat(permissions.can(arn("user/dev"), "ec2:TerminateInstances", "*").reason()).contains("permissions boundary");
        assertThat(permissions.can("user/dev", "ssm:GetParameter", "arn:aws:ssm:us-east-1:" + ACCOUNT + ":parameter/x",
                dev.bulwark.iam.policy.RequestContext.of(Map.of("aws:ResourceTag/team", List.of("payments")))).allowed()).isTrue();
        assertThat(permissions.can("user/dev", "ssm:GetParameter", "arn:aws:ssm:us-east-1:" + ACCOUNT + ":parameter/x",
                dev.bulwark.iam.policy.RequestContext.of(Map.of("aws:ResourceTag/team", List.of("search")))).allowed()).isFalse();
        // The trust policy names the user: that alone lets it assume the role.
        assertThat(permissions.can("user/dev", "sts:AssumeRole", arn("role/ops")).allowed()).isTrue();
        assertThat(permissions.explain("user/dev", "sts:AssumeRole", arn("role/ops"), dev.bulwark.iam.policy.RequestContext.empty())
                .explanation()).isNotEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> permissions.can("user/nobody", "s3:GetObject", "*"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no user or role 'user/nobody' in the export");
    }
}
