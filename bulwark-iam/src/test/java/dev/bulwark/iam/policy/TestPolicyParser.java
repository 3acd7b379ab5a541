package dev.bulwark.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.iam.json.JsonValue;
import dev.bulwark.iam.json.JsonValue.JsonArray;
import dev.bulwark.iam.json.JsonValue.JsonObject;
import dev.bulwark.iam.json.JsonValue.JsonString;
import dev.bulwark.iam.json.JsonValue.JsonUnknown;
import dev.bulwark.iam.json.JsonValue.Member;
import dev.bulwark.iam.json.JsonValue.Position;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact parsing: what AWS rejects is an error at its position; the rest of the policy is kept. */
class TestPolicyParser {
    private final PolicyParser parser = new PolicyParser();

    private List<String> issues(String text, PolicyKind kind) {
        return parser.parse(text, "p", kind).issues().stream().map(PolicyIssue::toString).toList();
    }

    @Test
    void singleValuesListsAndElementsAreRead() {
        PolicyParser.Parsed parsed = parser.parse("""
                {"Version": "2012-10-17", "Id": "x", "Statement": [
                  {"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"]},
                  {"Effect": "Deny", "NotAction": ["iam:*"], "NotResource": "arn:aws:s3:::c",
                   "Condition": {"ForAnyValue:StringLikeIfExists": {"aws:TagKeys": ["a*", "b"]}, "Bool": {"aws:SecureTransport": false}}}
                ]}
                """, "p", PolicyKind.IDENTITY);
        assertThat(parsed.issues()).isEmpty();
        Policy policy = parsed.policy().orElseThrow();
        assertThat(policy.version()).isEqualTo(Policy.Version.V2012_10_17);
        assertThat(policy.id()).isEqualTo("x");
        Statement first = policy.statements().get(0);
        assertThat(first.sid()).isEqualTo("A");
        assertThat(first.resource().orElseThrow().patterns()).containsExactly("arn:aws:s3:::a/*", "arn:aws:s3:::b/*");
        assertThat(first.position()).isEqualTo(new Position(2, 3));
        Statement second = policy.statements().get(1);
        assertThat(second.label()).isEqualTo("#1");
        assertThat(second.action().negated()).isTrue();
        assertThat(second.resource().orElseThrow().negated()).isTrue();
        assertThat(second.conditions()).hasSize(2);
        Condition like = second.conditions().get(0);
        assertThat(like.operator()).isEqualTo(ConditionOperator.STRING_LIKE);
        assertThat(like.qualifier()).isEqualTo(Condition.Qualifier.FOR_ANY_VALUE);
        assertThat(like.ifExists()).isTrue();
        assertThat(second.conditions().get(1).values()).containsExactly("false");
    }

    @Test
    void principalsInEveryForm() {
        Policy policy = parser.parse("""
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"},
                  {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "*"},
                  {"Effect": "Allow", "Principal": {"AWS": ["111122223333", "arn:aws:iam::444455556666:role/r"],
                    "Service": "logs.amazonaws.com", "Federated": "cognito-identity.amazonaws.com",
                    "CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},
                   "Action": "s3:GetObject", "Resource": "*"}
                ]}
                """, "p", PolicyKind.RESOURCE).policy().orElseThrow();
        assertThat(policy.statements().get(0).principal().orElseThrow().everyone()).isTrue();
        assertThat(policy.statements().get(1).principal().orElseThrow().everyone()).isTrue();
        PrincipalElement named = policy.statements().get(2).principal().orElseThrow();
        assertThat(named.everyone()).isFalse();
        assertThat(named.aws()).containsExactly("111122223333", "arn:aws:iam::444455556666:role/r");
        assertThat(named.service()).containsExactly("logs.amazonaws.com");
        assertThat(named.federated()).containsExactly("cognito-identity.amazonaws.com");
        assertThat(named.canonicalUser()).hasSize(1);
    }

    @Test
    void whatAwsRejectsIsALocatedError() {
        assertThat(issues("""
                {"Version": "2012-10-17", "Statment": [],
                 "Statement": [
                  {"Effect": "Allow", "Action": "s3:GetObject"},
                  {"Effect": "Permit", "Action": "s3:GetObject", "Resource": "*"},
                  {"effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
                  {"Effect": "Allow", "Action": "GetObject", "Resource": "bucket"},
                  {"Effect": "Allow", "Action": "s3:GetObject", "NotAction": "s3:PutObject", "Resource": "*"},
                  {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "*"},
                  {"Effect": "Allow", "Action": [], "Resource": "*", "Condition": {"StringEqualz": {"a:b": "c"}}},
                  {"Sid": "Same", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                   "Condition": {"NumericLessThan": {"s3:max-keys": "ten"}, "DateGreaterThan": {"aws:CurrentTime": "yesterday"},
                                 "IpAddress": {"aws:SourceIp": "10.0.0.0/33"}, "NullIfExists": {"a:b": "true"}}},
                  {"Sid": "Same", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Resource": "*"}
                 ]}
                """, PolicyKind.IDENTITY)).containsExactly(
                "1:27: error: unknown policy element 'Statment'; a policy has Version, Id and Statement [unknown-element]",
                "3:3: error: the statement has neither Resource nor NotResource; an identity policy statement needs one [missing-resource]",
                "4:14: error: Effect must be \"Allow\" or \"Deny\", not \"Permit\" [invalid-effect]",
                "5:3: error: the statement has no Effect (Allow or Deny) [missing-effect]",
                "5:4: error: unknown statement element 'effect' (element names are case-sensitive: write Effect) [unknown-element]",
                "6:33: error: 'GetObject' is not an action: write service:Action, e.g. s3:GetObject, or \"*\" [invalid-action]",
                "6:58: error: 'bucket' is not an ARN: resources are written arn:partition:service:region:account:resource, or \"*\" [invalid-arn]",
                "7:49: error: a statement has Action or NotAction, not both [conflicting-elements]",
                "8:23: error: an identity policy cannot name a principal: it applies to the identity it is attached to [principal-not-allowed]",
                "9:33: error: Action is an empty list: the statement can never apply [empty-list]",
                "9:68: error: unknown condition operator 'StringEqualz' [unknown-operator]",
                "11:53: error: NumericLessThan compares numbers; 'ten' is not one [invalid-condition-value]",
                "11:100: error: DateGreaterThan compares dates (ISO 8601 or epoch seconds); 'yesterday' is not one [invalid-condition-value]",
                "12:48: error: IpAddress takes IPv4 or IPv6 addresses or CIDR blocks; '10.0.0.0/33' is not one [invalid-condition-value]",
                "12:64: error: Null takes neither IfExists nor a set operator [invalid-operator]",
                "13:81: error: 'Resource' appears twice in the same object; JSON readers keep only one of them [duplicate-key]");
    }

    @Test
    void versionAndShapeProblems() {
        assertThat(issues("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}", null))
                .containsExactly("1:1: warning: no Version: AWS applies 2008-10-17, where ${...} policy variables are plain text; "
                        + "add \"Version\": \"2012-10-17\" [missing-version]");
        assertThat(issues("{\"Version\": \"2020-01-01\", \"Statement\": []}", null)).containsExactly(
                "1:13: error: Version must be \"2012-10-17\" or \"2008-10-17\", not \"2020-01-01\" [invalid-version]",
                "1:40: warning: the Statement list is empty: the policy grants nothing [no-statements]");
        assertThat(issues("[1, 2]", null)).containsExactly(
                "1:1: error: a policy document is a JSON object with Version and Statement, not a array [not-an-object]");
        assertThat(issues("\"%7B%22Version%22%3A...\"", null)).hasSize(1).first().asString().contains("URL-decode");
        assertThat(issues("{\"Version\": \"2012-10-17\", \"Statement\": [", null)).hasSize(1).first().asString()
                .startsWith("1:").contains("invalid JSON");
        assertThat(issues("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\"}]}",
                PolicyKind.TRUST)).containsExactly(
                "1:41: error: a trust policy statement must name its principals with Principal or NotPrincipal [missing-principal]");
    }

    @Test
    void aStatementWithAnErrorIsLeftOutAndTheRestKept() {
        PolicyParser.Parsed parsed = parser.parse("""
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
                  {"Effect": "Allow", "Action": "ec2:*", "Resource": "*", "Condition": {"Bogus": {"a:b": "c"}}}
                ]}
                """, "p", PolicyKind.IDENTITY);
        assertThat(parsed.hasErrors()).isTrue();
        assertThat(parsed.policy().orElseThrow().statements()).extracting(Statement::index).containsExactly(0);
    }

    private static final Position AT = new Position(1, 1);

    private static JsonObject object(Object... keysAndValues) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            JsonValue json = value instanceof String text ? new JsonString(text, AT) : (JsonValue) value;
            members.add(new Member((String) keysAndValues[i], AT, json));
        }
        return new JsonObject(members, AT);
    }

    private static JsonArray array(JsonValue... values) {
        return new JsonArray(List.of(values), AT);
    }

    private static final JsonUnknown UNKNOWN = new JsonUnknown("aws_iam_role.app.arn", AT);

    @Test
    void unknownValuesGrantOnlyWhatIsCertainAndDenyAllTheyMight() {
        JsonObject policy = object("Version", "2012-10-17", "Statement", array(
                object("Effect", "Allow", "Action", array(new JsonString("iam:PassRole", AT), UNKNOWN), "Resource", UNKNOWN),
                object("Effect", "Allow", "Action", array(new JsonString("s3:GetObject", AT), UNKNOWN), "Resource", "*"),
                object("Effect", "Allow", "Action", "ec2:*", "Resource", "*", "Condition", UNKNOWN),
                object("Effect", "Deny", "Action", UNKNOWN, "Resource", "*"),
                object("Effect", UNKNOWN, "Action", "kms:Decrypt", "Resource", "*")));
        PolicyParser.Parsed parsed = parser.parse(policy, "p", PolicyKind.IDENTITY);
        assertThat(parsed.hasErrors()).isFalse();
        assertThat(parsed.issues()).allMatch(issue -> issue.code().equals("unknown-value"));
        List<Statement> statements = parsed.policy().orElseThrow().statements();
        // Allow with an unknown resource, and Allow with an unknown condition, grant nothing certain.
        assertThat(statements).extracting(Statement::index).containsExactly(1, 3, 4);
        assertThat(statements.get(0).action().patterns()).containsExactly("s3:GetObject");
        assertThat(statements.get(1).effect()).isEqualTo(Effect.DENY);
        assertThat(statements.get(1).action().patterns()).containsExactly("*");
        assertThat(statements.get(2).effect()).isEqualTo(Effect.DENY);
    }
}
