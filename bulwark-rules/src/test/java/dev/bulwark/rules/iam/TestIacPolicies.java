package dev.bulwark.rules.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;
import dev.bulwark.iam.catalog.IamCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TestIacPolicies {
    private static final IamCatalog CATALOG = IamCatalog.bundled();
    private static final String ANY_ROLE = "arn:aws:iam::000000000000:role/bulwark-probe";

    private final IacPolicies iam = new IacPolicies(CATALOG);

    /** A policy fact as PolicyFacts builds it; the string "?" in the JSON becomes an unknown value. */
    static Map<String, Object> fact(String kind, String json) {
        try {
            Object tree = new ObjectMapper().readValue(json, Object.class);
            Map<String, Object> fact = new LinkedHashMap<>();
            fact.put("path", "Properties.PolicyDocument");
            fact.put("kind", kind);
            fact.put("document", model(tree, 1));
            fact.put("statements", List.of());
            return fact;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Object model(Object value, int line) {
        SourceLocation location = SourceLocation.ofLine("policy.json", line);
        if (value instanceof Map<?, ?> map) {
            KnownMap known = new KnownMap(location);
            map.forEach((key, element) -> known.put(String.valueOf(key), model(element, line), location));
            return known;
        }
        if (value instanceof List<?> list) {
            KnownList known = new KnownList(location);
            list.forEach(element -> known.append(model(element, line), location));
            return known;
        }
        if ("?".equals(value)) {
            return Unknown.because("computed attribute");
        }
        if (value instanceof Integer number) {
            return number.longValue();
        }
        return value;
    }

    private static Map<String, Object> identity(String statements) {
        return fact("identity", "{\"Version\": \"2012-10-17\", \"Statement\": " + statements + "}");
    }

    private static Map<String, Object> resourcePolicy(String statements) {
        return fact("resource", "{\"Version\": \"2012-10-17\", \"Statement\": " + statements + "}");
    }

    @Test
    void adminIsEverythingOnEverythingHoweverWritten() {
        assertThat(iam.admin(identity("[{\"Effect\": \"Allow\", \"Action\": \"logs:GetLogEvents\", \"Resource\": \"*\"},"
                + " {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]")))
                .containsExactly("Properties.PolicyDocument.Statement[1]");
        assertThat(iam.admin(identity("{\"Effect\": \"Allow\", \"NotAction\": [\"cloudtrail:*\", \"guardduty:*\"], \"Resource\": \"*\"}")))
                .containsExactly("Properties.PolicyDocument.Statement");
        assertThat(iam.admin(identity("[{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"arn:aws:*:*:*:*\"}]")))
                .containsExactly("Properties.PolicyDocument.Statement[0]");
        // Split over two statements, both are the grant.
        assertThat(iam.admin(identity("[{\"Effect\": \"Allow\", \"Action\": \"iam:*\", \"Resource\": \"*\"},"
                + " {\"Effect\": \"Allow\", \"NotAction\": \"iam:*\", \"Resource\": \"*\"}]")))
                .containsExactly("Properties.PolicyDocument.Statement[0]", "Properties.PolicyDocument.Statement[1]");
        // When one statement is administrator access by itself, only it is.
        assertThat(iam.admin(identity("[{\"Effect\": \"Allow\", \"NotAction\": \"iam:DeleteRole\", \"Resource\": \"*\"},"
                + " {\"Effect\": \"Allow\", \"Action\": \"*:*\", \"Resource\": \"*\"}]")))
                .containsExactly("Properties.PolicyDocument.Statement[1]");
    }

    @Test
    void denyConditionAndNotActionOnIamAreNotAdmin() {
        assertThat(iam.admin(identity("[{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"},"
                + " {\"Effect\": \"Deny\", \"Action\": \"iam:*\", \"Resource\": \"*\"}]"))).isEmpty();
        // A Deny's condition is read as holding.
        assertThat(iam.admin(identity("[{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"},"
                + " {\"Effect\": \"Deny\", \"Action\": \"iam:*\", \"Resource\": \"*\","
                + " \"Condition\": {\"StringNotEquals\": {\"aws:RequestedRegion\": \"eu-west-1\"}}}]"))).isEmpty();
        // A Deny of plain HTTP does not block a request over TLS.
        assertThat(iam.admin(identity("[{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"},"
                + " {\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\","
                + " \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"false\"}}}]"))).hasSize(1);
        assertThat(iam.admin(identity("[{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\","
                + " \"Condition\": {\"Bool\": {\"aws:MultiFactorAuthPresent\": \"true\"}}}]"))).isEmpty();
        assertThat(iam.admin(identity("[{\"Effect\": \"Allow\", \"NotAction\": \"iam:*\", \"Resource\": \"*\"}]"))).isEmpty();
        assertThat(iam.admin(identity("[{\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\"}]"))).isEmpty();
        assertThat(iam.admin(identity("[{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": [\"arn:aws:s3:::b\", \"arn:aws:s3:::b/*\"]}]")))
                .isEmpty();
    }

    @Test
    void passRoleOnEveryRoleThroughPatternsAndLists() {
        assertThat(iam.allows(identity("[{\"Effect\": \"Allow\", \"Action\": \"iam:Pass*\", \"Resource\": \"*\"}]"), "iam:PassRole", ANY_ROLE))
                .containsExactly("Properties.PolicyDocument.Statement[0]");
        assertThat(iam.allows(identity("[{\"Effect\": \"Allow\", \"Action\": \"iam:*Role*\", \"Resource\": \"arn:aws:iam::*:role/*\"}]"),
                "iam:PassRole", ANY_ROLE)).hasSize(1);
        assertThat(iam.allows(identity("[{\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\","
                + " \"Resource\": [\"arn:aws:iam::123456789012:role/app\", \"*\"]}]"), "iam:PassRole", ANY_ROLE)).hasSize(1);
        assertThat(iam.allows(identity("[{\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\","
                + " \"Resource\": \"arn:aws:iam::123456789012:role/app-*\"}]"), "iam:PassRole", ANY_ROLE)).isEmpty();
        // Every role of the account the policy names is every role of the holder's account.
        assertThat(iam.allows(identity("[{\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\","
                + " \"Resource\": \"arn:aws:iam::123456789012:role/*\"}]"), "iam:PassRole", ANY_ROLE)).hasSize(1);
        assertThat(iam.allows(identity("[{\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\", \"Resource\": \"*\","
                + " \"Condition\": {\"StringEquals\": {\"iam:PassedToService\": \"lambda.amazonaws.com\"}}}]"), "iam:PassRole", ANY_ROLE))
                .isEmpty();
        assertThat(iam.allows(identity("[{\"Effect\": \"Allow\", \"Action\": \"iam:Get*\", \"Resource\": \"*\"}]"), "iam:PassRole", ANY_ROLE))
                .isEmpty();
    }

    @Test
    void unknownValuesAreReadOnTheSafeSide() {
        // An unknown resource: the Allow grants nothing certain.
        assertThat(iam.allows(identity("[{\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\", \"Resource\": \"?\"}]"),
                "iam:PassRole", ANY_ROLE)).isEmpty();
        // An unknown element next to "*": still every resource.
        assertThat(iam.allows(identity("[{\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\", \"Resource\": [\"?\", \"*\"]}]"),
                "iam:PassRole", ANY_ROLE)).hasSize(1);
        // An unknown action list element in a Deny denies everything.
        assertThat(iam.admin(identity("[{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"},"
                + " {\"Effect\": \"Deny\", \"Action\": [\"?\"], \"Resource\": \"*\"}]"))).isEmpty();
        // An unknown statement may be a Deny of anything; an unknown effect is a Deny.
        assertThat(iam.admin(identity("[{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}, \"?\"]"))).isEmpty();
        assertThat(iam.admin(identity("[{\"Effect\": \"?\", \"Action\": \"*\", \"Resource\": \"*\"}]"))).isEmpty();
        assertThat(iam.admin(identity("\"?\""))).isEmpty();
        // A malformed Deny might have blocked: nothing is certain.
        assertThat(iam.admin(identity("[{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"},"
                + " {\"Effect\": \"Deny\", \"Action\": \"iam:*\", \"Resource\": \"not-an-arn\"}]"))).isEmpty();
        // A policy variable in a Deny's resource covers whatever it might name.
        assertThat(iam.allows(identity("[{\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\", \"Resource\": \"*\"},"
                + " {\"Effect\": \"Deny\", \"Action\": \"iam:PassRole\", \"Resource\": \"arn:aws:iam::*:role/${aws:PrincipalTag/team}\"}]"),
                "iam:PassRole", ANY_ROLE)).isEmpty();
    }

    @Test
    void allowedActionsAndGrantsComeFromTheCatalog() {
        Map<String, Object> policy = identity("[{\"Effect\": \"Allow\", \"Action\": [\"iam:Put*Policy\", \"iam:CreateAccessKey\"],"
                + " \"Resource\": \"*\"}, {\"Effect\": \"Allow\", \"Action\": \"iam:AttachRolePolicy\", \"Resource\": \"arn:aws:iam::*:role/*\"}]");
        List<String> escalation = List.of("iam:PutUserPolicy", "iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:CreateAccessKey",
                "iam:UpdateAssumeRolePolicy");
        assertThat(iam.allowedActions(policy, escalation, "*"))
                .containsExactly("iam:AttachRolePolicy", "iam:CreateAccessKey", "iam:PutRolePolicy", "iam:PutUserPolicy");
        assertThat(iam.grants(policy, escalation, "*")).containsExactly(
                Map.of("path", "Properties.PolicyDocument.Statement[0]",
                        "actions", List.of("iam:CreateAccessKey", "iam:PutRolePolicy", "iam:PutUserPolicy")),
                Map.of("path", "Properties.PolicyDocument.Statement[1]", "actions", List.of("iam:AttachRolePolicy")));
        assertThat(iam.actions("iam:*")).hasSize(CATALOG.expand("iam:*").size()).contains("iam:PassRole");
        Map<String, Object> everything = identity("[{\"Effect\": \"Allow\", \"Action\": \"ec2:*\", \"Resource\": \"*\"}]");
        assertThat(iam.allowedActions(everything, "ec2:*", "*")).hasSameSizeAs(iam.actions("ec2:*"));
        Map<String, Object> scoped = identity("[{\"Effect\": \"Allow\", \"Action\": \"ec2:*\", \"Resource\": \"arn:aws:ec2:*:*:instance/*\"}]");
        // Every instance is not every resource: only the actions that act on instances alone are granted on all of theirs.
        assertThat(iam.allowedActions(scoped, "ec2:*", "*")).contains("ec2:StopInstances", "ec2:TerminateInstances")
                .doesNotContain("ec2:RunInstances", "ec2:DescribeInstances").hasSizeLessThan(iam.actions("ec2:*").size() / 10);
        assertThat(iam.allowedActions(scoped, "ec2:TerminateInstances", "arn:aws:ec2:us-east-1:000000000000:instance/i-1"))
                .containsExactly("ec2:TerminateInstances");
    }

    @Test
    void publicAccessNeedsAGrantThatHoldsForOutsiders() {
        String grant = "{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\", \"Resource\": \"?\"";
        assertThat(iam.publicAccess(resourcePolicy("[" + grant + "}]"), "s3:*")).containsExactly("Properties.PolicyDocument.Statement[0]");
        assertThat(iam.publicAccess(resourcePolicy("[" + grant + ", \"Condition\": {\"ArnLike\": {\"aws:SourceArn\": \"arn:aws:cloudfront::1:distribution/x\"}}}]"),
                "s3:*")).isEmpty();
        assertThat(iam.publicAccess(resourcePolicy("[{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"s3:*\","
                + " \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-abc\"}}}]"), "s3:*")).isEmpty();
        assertThat(iam.publicAccess(resourcePolicy("[{\"Effect\": \"Allow\", \"NotPrincipal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"},"
                + " \"Action\": \"s3:*\", \"Resource\": \"*\"}]"), "s3:*")).hasSize(1);
        // Negated conditions and IfExists let outsiders through; an office range does not.
        assertThat(iam.publicAccess(resourcePolicy("[" + grant + ", \"Condition\": {\"StringNotEquals\": {\"aws:SourceVpc\": \"vpc-1\"}}}]"),
                "s3:*")).hasSize(1);
        assertThat(iam.publicAccess(resourcePolicy("[" + grant + ", \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"0.0.0.0/0\"}}}]"),
                "s3:*")).hasSize(1);
        assertThat(iam.publicAccess(resourcePolicy("[" + grant + ", \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"203.0.113.0/24\"}}}]"),
                "s3:*")).isEmpty();
        // A Deny for requests from outside the organization blocks; a Deny of plain HTTP does not.
        assertThat(iam.publicAccess(resourcePolicy("[" + grant + "}, {\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\","
                + " \"Resource\": \"*\", \"Condition\": {\"StringNotEquals\": {\"aws:PrincipalOrgID\": \"o-abc\"}}}]"), "s3:*")).isEmpty();
        assertThat(iam.publicAccess(resourcePolicy("[" + grant + "}, {\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\","
                + " \"Resource\": \"*\", \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"false\"}}}]"), "s3:*")).hasSize(1);
        // Named principals, services and an unknown principal are not the public.
        assertThat(iam.publicAccess(resourcePolicy("[{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\","
                + " \"Service\": \"logs.amazonaws.com\"}, \"Action\": \"s3:*\", \"Resource\": \"*\"}]"), "s3:*")).isEmpty();
        assertThat(iam.publicAccess(resourcePolicy("[{\"Effect\": \"Allow\", \"Principal\": \"?\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]"),
                "s3:*")).isEmpty();
        // Another service's actions are not asked about.
        assertThat(iam.publicAccess(resourcePolicy("[" + grant + "}]"), "sqs:*")).isEmpty();
        // Only resource policies are asked.
        assertThat(iam.publicAccess(identity("[{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]"), "s3:*")).isEmpty();
    }

    @Test
    void trustSaysWhoCanAssume() {
        Map<String, Object> trust = fact("trust", "{\"Version\": \"2012-10-17\", \"Statement\": ["
                + "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\"},"
                + "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": [\"111122223333\", \"arn:aws:iam::444455556666:root\","
                + " \"arn:aws:iam::777788889999:role/ci\"]}, \"Action\": \"sts:AssumeRole\"},"
                + "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::222233334444:root\"}, \"Action\": \"sts:AssumeRole\","
                + " \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"x\"}}},"
                + "{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"},"
                + "{\"Effect\": \"Allow\", \"Principal\": {\"Federated\": \"arn:aws:iam::000000000000:oidc-provider/token.actions.githubusercontent.com\"},"
                + " \"Action\": \"sts:AssumeRoleWithWebIdentity\"}]}");
        assertThat(iam.trust(trust)).containsExactly(
                Map.of("path", "Properties.PolicyDocument.Statement[0]", "kind", "any", "principal", "*"),
                Map.of("path", "Properties.PolicyDocument.Statement[1]", "kind", "account", "principal", "111122223333"),
                Map.of("path", "Properties.PolicyDocument.Statement[1]", "kind", "account", "principal", "444455556666"),
                Map.of("path", "Properties.PolicyDocument.Statement[3]", "kind", "service", "principal", "ec2.amazonaws.com"),
                Map.of("path", "Properties.PolicyDocument.Statement[4]", "kind", "federated",
                        "principal", "arn:aws:iam::000000000000:oidc-provider/token.actions.githubusercontent.com"));
        Map<String, Object> denied = fact("trust", "{\"Version\": \"2012-10-17\", \"Statement\": ["
                + "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"111122223333\"}, \"Action\": \"sts:AssumeRole\"},"
                + "{\"Effect\": \"Deny\", \"Principal\": {\"AWS\": \"111122223333\"}, \"Action\": \"sts:*\"}]}");
        assertThat(iam.trust(denied)).isEmpty();
    }

    @Test
    void parsesEachFactOnce() {
        Map<String, Object> policy = identity("[{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]");
        int before = iam.documentsRead();
        iam.admin(policy);
        iam.allows(policy, "iam:PassRole", ANY_ROLE);
        iam.allowedActions(policy, "iam:*", "*");
        assertThat(iam.documentsRead() - before).isEqualTo(1);
        // Another fact (a model rebuilt after an edit) is read again.
        iam.admin(identity("[{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]"));
        assertThat(iam.documentsRead() - before).isEqualTo(2);
    }

    @Test
    void factsWithoutDocumentsAndOtherArgumentsAreHandled() {
        Map<String, Object> attached = new LinkedHashMap<>();
        attached.put("path", "Properties.ManagedPolicyArns[0]");
        attached.put("kind", "attached");
        attached.put("arn", "arn:aws:iam::aws:policy/AdministratorAccess");
        assertThat(iam.admin(attached)).isEmpty();
        assertThatThrownBy(() -> iam.admin("not a fact")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a policy fact");
        assertThatThrownBy(() -> iam.allowedActions(identity("[]"), List.of(1L), "*")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("actions must be strings, not Long");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void hostilePoliciesStayBounded() {
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 10_000; i++) {
            many.append(i == 0 ? "" : ",").append("{\"Effect\": \"Allow\", \"Action\": \"iam:Get").append(i)
                    .append("\", \"Resource\": \"*\"}");
        }
        many.append(",{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]");
        Map<String, Object> huge = identity(many.toString());
        // Far beyond what AWS accepts: nothing is decided, and nothing is costly.
        assertThat(iam.admin(huge)).isEmpty();
        assertThat(iam.allowedActions(huge, "*", "*")).isEmpty();
        // Just under the bound, every question is still answered by evaluation.
        StringBuilder near = new StringBuilder("[");
        for (int i = 0; i < CertainPolicy.MAX_STATEMENTS - 1; i++) {
            near.append(i == 0 ? "" : ",").append("{\"Effect\": \"Deny\", \"Action\": \"s3:Get").append(i)
                    .append("\", \"Resource\": \"*\"}");
        }
        near.append(",{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]");
        Map<String, Object> large = identity(near.toString());
        assertThat(iam.admin(large)).containsExactly("Properties.PolicyDocument.Statement[" + (CertainPolicy.MAX_STATEMENTS - 1) + "]");
        assertThat(iam.allowedActions(large, "iam:*", "*")).hasSameSizeAs(iam.actions("iam:*"));
        // Deep nesting is cut, on the safe side.
        String deep = "{\"a\": ".repeat(40) + "1" + "}".repeat(40);
        assertThat(iam.admin(identity("[{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": " + deep + "}]")))
                .isEmpty();
    }
}
