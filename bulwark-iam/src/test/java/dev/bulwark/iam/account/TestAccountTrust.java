package dev.bulwark.iam.account;

import static dev.bulwark.iam.account.TestingExport.ADMIN;
import static dev.bulwark.iam.account.TestingExport.account;
import static dev.bulwark.iam.account.TestingExport.allow;
import static dev.bulwark.iam.account.TestingExport.doc;
import static dev.bulwark.iam.account.TestingExport.service;
import static dev.bulwark.iam.account.TestingExport.trust;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Trust policies that let in too much, and the conditions that make them safe, as a table. */
class TestAccountTrust {
    private static final String GITHUB = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
    private static final String EKS = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0B0B0B0B0B0B";
    private static final String WEB = "sts:AssumeRoleWithWebIdentity";

    private static Arguments row(String name, Map<String, Object> trust, String expected) {
        return Arguments.of(name, trust, expected);
    }

    static Stream<Arguments> trusts() {
        Map<String, Object> githubAudience = Map.of("StringEquals", Map.of("token.actions.githubusercontent.com:aud", "sts.amazonaws.com"));
        return Stream.of(
                row("everyone", trust(Map.of("AWS", "*")), "BW-IAM-007 critical anyone"),
                row("everyone as a string", Map.of("Version", "2012-10-17", "Statement", List.of(Map.of("Effect", "Allow", "Principal", "*",
                        "Action", "sts:AssumeRole"))), "BW-IAM-007 critical anyone"),
                row("everyone in the organization", trust(Map.of("AWS", "*"), "sts:AssumeRole",
                        Map.of("StringEquals", Map.of("aws:PrincipalOrgID", "o-a1b2c3d4e5"))), "none"),
                row("another account", trust(Map.of("AWS", "arn:aws:iam::444455556666:root")),
                        "BW-IAM-008 medium cross-account:arn:aws:iam::444455556666:root"),
                row("another account by id", trust(Map.of("AWS", "444455556666")), "BW-IAM-008 medium cross-account:444455556666"),
                row("a role of another account", trust(Map.of("AWS", "arn:aws:iam::444455556666:role/auditor")),
                        "BW-IAM-008 medium cross-account:arn:aws:iam::444455556666:role/auditor"),
                row("another account with an external id", trust(Map.of("AWS", "arn:aws:iam::444455556666:root"), "sts:AssumeRole",
                        Map.of("StringEquals", Map.of("sts:ExternalId", "5f1c0a"))), "none"),
                row("another account of the organization", trust(Map.of("AWS", "arn:aws:iam::444455556666:root"), "sts:AssumeRole",
                        Map.of("StringEquals", Map.of("aws:PrincipalOrgID", "o-a1b2c3d4e5"))), "none"),
                row("the account itself", trust(account()), "none"),
                row("github without a subject", trust(Map.of("Federated", GITHUB), WEB, githubAudience),
                        "BW-IAM-009 critical oidc:token.actions.githubusercontent.com"),
                row("github without any condition", trust(Map.of("Federated", GITHUB), WEB, null),
                        "BW-IAM-009 critical oidc:token.actions.githubusercontent.com"),
                row("github with a subject of every repository", trust(Map.of("Federated", GITHUB), WEB, Map.of(
                        "StringEquals", Map.of("token.actions.githubusercontent.com:aud", "sts.amazonaws.com"),
                        "StringLike", Map.of("token.actions.githubusercontent.com:sub", "repo:*"))),
                        "BW-IAM-009 critical oidc:token.actions.githubusercontent.com"),
                row("github with a repository subject", trust(Map.of("Federated", GITHUB), WEB, Map.of(
                        "StringEquals", Map.of("token.actions.githubusercontent.com:aud", "sts.amazonaws.com"),
                        "StringLike", Map.of("token.actions.githubusercontent.com:sub", "repo:acme/payments:ref:refs/heads/main"))), "none"),
                row("eks without a subject", trust(Map.of("Federated", EKS), WEB, null),
                        "BW-IAM-009 high oidc:oidc.eks.eu-west-1.amazonaws.com/id/0b0b0b0b0b0b"),
                row("eks with a service account", trust(Map.of("Federated", EKS), WEB, Map.of("StringEquals", Map.of(
                        "oidc.eks.eu-west-1.amazonaws.com/id/0B0B0B0B0B0B:sub", "system:serviceaccount:payments:api"))), "none"),
                row("cognito pool", trust(Map.of("Federated", "cognito-identity.amazonaws.com"), WEB, Map.of("StringEquals",
                        Map.of("cognito-identity.amazonaws.com:aud", "us-east-1:0b0b0b0b-0b0b-0b0b-0b0b-0b0b0b0b0b0b"))), "none"),
                row("cognito without a pool", trust(Map.of("Federated", "cognito-identity.amazonaws.com"), WEB, null),
                        "BW-IAM-009 high oidc:cognito-identity.amazonaws.com"),
                row("a service", trust(service("lambda.amazonaws.com")), "none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trusts")
    void trustPolicyFindings(String name, Map<String, Object> trust, String expected) {
        AccountAnalysis analysis = new TestingExport()
                .role("target", trust, role -> role.inline("Work", doc(allow("s3:ListBucket", "*"))))
                .analyze();
        List<String> found = analysis.findings().stream()
                .filter(finding -> finding.ruleId().compareTo("BW-IAM-007") >= 0 && finding.ruleId().compareTo("BW-IAM-009") <= 0)
                .map(finding -> finding.ruleId() + " " + finding.severity().label() + " " + key(finding)).toList();
        if (expected.equals("none")) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).containsExactly(expected);
        }
    }

    /** The key the finding's fingerprint was made with, recovered from the message. */
    private static String key(Finding finding) {
        return switch (finding.ruleId()) {
            case "BW-IAM-007" -> "anyone";
            case "BW-IAM-008" -> "cross-account:" + between(finding.message(), "from another account by ", " without");
            case "BW-IAM-009" -> "oidc:" + between(finding.message(), "tokens from ", " whatever");
            default -> "";
        };
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("computeTrusts")
    void administratorRolesTrustedByComputeServices(String name, Map<String, Object> trust, boolean admin, boolean expected) {
        AccountAnalysis analysis = new TestingExport()
                .role("worker", trust, role -> role.inline("Work", doc(allow(admin ? "*" : "s3:ListBucket", "*"))))
                .analyze();
        List<Finding> found = TestingExport.findings(analysis, "BW-IAM-010", "role/worker");
        if (expected) {
            assertThat(found).singleElement().satisfies(finding -> {
                assertThat(finding.severity()).isEqualTo(Severity.MEDIUM);
                assertThat(finding.message()).contains("can be assumed by " + ((Map<?, ?>) ((Map<?, ?>) ((List<?>) trust.get("Statement")).get(0))
                        .get("Principal")).get("Service"));
            });
        } else {
            assertThat(found).isEmpty();
        }
    }

    static Stream<Arguments> computeTrusts() {
        return Stream.of(
                Arguments.of("ec2 admin", trust(service("ec2.amazonaws.com")), true, true),
                Arguments.of("lambda admin", trust(service("lambda.amazonaws.com")), true, true),
                Arguments.of("ecs task admin", trust(service("ecs-tasks.amazonaws.com")), true, true),
                Arguments.of("lambda, not admin", trust(service("lambda.amazonaws.com")), false, false),
                Arguments.of("admin trusted by the account", trust(account()), true, false),
                Arguments.of("admin trusted by a non-compute service", trust(service("cloudtrail.amazonaws.com")), true, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("computeTrusts")
    void administratorAccessOfTheRoleIsReportedOnce(String name, Map<String, Object> trust, boolean admin, boolean expected) {
        AccountAnalysis analysis = new TestingExport()
                .role("worker", trust, role -> role.managed(admin ? ADMIN : "arn:aws:iam::aws:policy/AWSDenyAll"))
                .analyze();
        assertThat(TestingExport.findings(analysis, "BW-IAM-001", "role/worker")).hasSize(admin ? 1 : 0);
    }
}
