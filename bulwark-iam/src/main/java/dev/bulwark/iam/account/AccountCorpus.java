package dev.bulwark.iam.account;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generates account exports for benchmarks: {@code principals} users and roles (two users to three
 * roles, plus a group per fifty principals) and {@code policies} customer managed policies, in the
 * shape {@code aws iam get-account-authorization-details} prints. The mix follows what real accounts
 * hold: mostly scoped policies, some service-wide grants, a few administrators, deploy policies
 * with {@code iam:PassRole}, Deny guardrails, conditions on MFA, source IP, region and tags,
 * permissions boundaries on a tenth of the principals, roles trusted by services, by the account, by
 * other accounts (some without an external ID) and by GitHub Actions (some without a subject
 * condition), and a tenth of the documents URL-encoded as the API returns them. The same arguments
 * always give the same text.
 *
 * <p>For example, as {@code bulwark iam bench} uses it:
 * <pre>{@code
 * String json = AccountCorpus.generate(5_000, 10_000, 42);
 * AccountExport export = new AccountExportReader().read(json, "corpus.json");
 * AccountAnalysis analysis = AccountAnalyzer.standard().analyze(export, AnalysisOptions.defaults());
 * }</pre>
 */
public final class AccountCorpus {
    private static final String ACCOUNT = "123456789012";
    private static final String[] SERVICES = {"lambda.amazonaws.com", "ec2.amazonaws.com", "ecs-tasks.amazonaws.com", "glue.amazonaws.com",
            "codebuild.amazonaws.com", "states.amazonaws.com", "sagemaker.amazonaws.com"};
    private static final String[] TEAMS = {"payments", "search", "identity", "data", "platform", "mobile", "billing", "growth"};

    private AccountCorpus() {}

    /**
     * An export of {@code principals} users and roles and {@code policies} customer managed
     * policies, drawn from {@code seed}.
     *
     * @throws IllegalArgumentException when a count is negative
     */
    public static String generate(int principals, int policies, long seed) {
        if (principals < 0 || policies < 0) {
            throw new IllegalArgumentException("counts must not be negative: " + principals + " principals, " + policies + " policies");
        }
        return new Generator(new Random(seed), principals, policies).export();
    }

    private static final class Generator {
        private final Random random;
        private final int users;
        private final int roles;
        private final int groups;
        private final int policies;
        private final StringBuilder out = new StringBuilder();

        Generator(Random random, int principals, int policies) {
            this.random = random;
            this.users = principals * 2 / 5;
            this.roles = principals - users;
            this.groups = Math.max(principals == 0 ? 0 : 3, principals / 50);
            this.policies = policies;
        }

        String export() {
            out.append("{\n    \"UserDetailList\": [");
            for (int i = 0; i < users; i++) {
                separator(i);
                user(i);
            }
            out.append("\n    ],\n    \"GroupDetailList\": [");
            for (int i = 0; i < groups; i++) {
                separator(i);
                group(i);
            }
            out.append("\n    ],\n    \"RoleDetailList\": [");
            for (int i = 0; i < roles; i++) {
                separator(i);
                role(i);
            }
            out.append("\n    ],\n    \"Policies\": [");
            for (int i = 0; i < policies; i++) {
                separator(i);
                policy(i);
            }
            out.append("\n    ]\n}\n");
            return out.toString();
        }

        private void separator(int index) {
            out.append(index == 0 ? "\n" : ",\n");
        }

        private void user(int index) {
            String name = "user-" + index;
            out.append("        {\"Path\": \"/\", \"UserName\": \"").append(name).append("\", \"UserId\": \"AIDA").append(id(index))
                    .append("\", \"Arn\": \"arn:aws:iam::").append(ACCOUNT).append(":user/").append(name)
                    .append("\", \"CreateDate\": \"2024-01-01T00:00:00+00:00\",\n         \"UserPolicyList\": [");
            if (random.nextInt(4) == 0) {
                out.append("{\"PolicyName\": \"inline-").append(index).append("\", \"PolicyDocument\": ").append(document(inlineStatements()))
                        .append("}");
            }
            out.append("],\n         \"GroupList\": [");
            int memberships = groups == 0 ? 0 : 1 + random.nextInt(2);
            for (int g = 0; g < memberships; g++) {
                out.append(g == 0 ? "" : ", ").append('"').append("group-").append(random.nextInt(groups)).append('"');
            }
            out.append("],\n         \"AttachedManagedPolicies\": [");
            attachments(random.nextInt(3));
            out.append("]");
            boundary();
            out.append(", \"Tags\": [{\"Key\": \"team\", \"Value\": \"").append(TEAMS[random.nextInt(TEAMS.length)]).append("\"}]}");
        }

        private void group(int index) {
            String name = "group-" + index;
            out.append("        {\"Path\": \"/\", \"GroupName\": \"").append(name).append("\", \"GroupId\": \"AGPA").append(id(index))
                    .append("\", \"Arn\": \"arn:aws:iam::").append(ACCOUNT).append(":group/").append(name)
                    .append("\", \"CreateDate\": \"2024-01-01T00:00:00+00:00\", \"GroupPolicyList\": [], \"AttachedManagedPolicies\": [");
            attachments(1 + random.nextInt(2));
            out.append("]}");
        }

        private void role(int index) {
            String name = "role-" + index;
            String service = SERVICES[random.nextInt(SERVICES.length)];
            int trustKind = random.nextInt(100);
            String trust;
            if (trustKind < 45) {
                trust = statement("{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"" + service + "\"}, \"Action\": \"sts:AssumeRole\"}");
            } else if (trustKind < 80) {
                trust = statement("{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::" + ACCOUNT + ":root\"}, \"Action\": "
                        + "\"sts:AssumeRole\"" + (random.nextBoolean() ? ", \"Condition\": {\"Bool\": {\"aws:MultiFactorAuthPresent\": \"true\"}}" : "")
                        + "}");
            } else if (trustKind < 88) {
                String other = users == 0 ? "root" : "user/user-" + random.nextInt(users);
                trust = statement("{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::" + ACCOUNT + ":" + other
                        + "\"}, \"Action\": \"sts:AssumeRole\"}");
            } else if (trustKind < 94) {
                trust = statement("{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::" + (444455550000L + random.nextInt(9000))
                        + ":root\"}, \"Action\": \"sts:AssumeRole\"" + (random.nextInt(3) == 0 ? ""
                        : ", \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"ext-" + random.nextInt(100000) + "\"}}") + "}");
            } else {
                String host = "token.actions.githubusercontent.com";
                trust = statement("{\"Effect\": \"Allow\", \"Principal\": {\"Federated\": \"arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + host
                        + "\"}, \"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": {\"" + host
                        + ":aud\": \"sts.amazonaws.com\"}" + (random.nextInt(4) == 0 ? "" : ", \"StringLike\": {\"" + host + ":sub\": \"repo:acme/"
                        + TEAMS[random.nextInt(TEAMS.length)] + ":*\"}") + "}}");
            }
            out.append("        {\"Path\": \"/\", \"RoleName\": \"").append(name).append("\", \"RoleId\": \"AROA").append(id(index))
                    .append("\", \"Arn\": \"arn:aws:iam::").append(ACCOUNT).append(":role/").append(name)
                    .append("\", \"CreateDate\": \"2024-01-01T00:00:00+00:00\",\n         \"AssumeRolePolicyDocument\": ")
                    .append(encodeSometimes(trust)).append(",\n         \"InstanceProfileList\": [");
            if (service.startsWith("ec2") && trustKind < 45) {
                out.append("{\"Path\": \"/\", \"InstanceProfileName\": \"").append(name).append("\", \"Arn\": \"arn:aws:iam::").append(ACCOUNT)
                        .append(":instance-profile/").append(name).append("\"}");
            }
            out.append("],\n         \"RolePolicyList\": [");
            if (random.nextInt(3) == 0) {
                out.append("{\"PolicyName\": \"inline-").append(index).append("\", \"PolicyDocument\": ").append(document(inlineStatements()))
                        .append("}");
            }
            out.append("],\n         \"AttachedManagedPolicies\": [");
            attachments(1 + random.nextInt(3));
            out.append("]");
            boundary();
            out.append(", \"Tags\": [{\"Key\": \"team\", \"Value\": \"").append(TEAMS[random.nextInt(TEAMS.length)]).append("\"}]")
                    .append(", \"RoleLastUsed\": {}}");
        }

        private void attachments(int count) {
            if (policies == 0) {
                return;
            }
            for (int i = 0; i < count; i++) {
                int policy = random.nextInt(policies);
                out.append(i == 0 ? "" : ", ").append("{\"PolicyName\": \"policy-").append(policy).append("\", \"PolicyArn\": \"")
                        .append(policyArn(policy)).append("\"}");
            }
            if (random.nextInt(200) == 0) {
                out.append(count == 0 ? "" : ", ").append("{\"PolicyName\": \"AdministratorAccess\", \"PolicyArn\": "
                        + "\"arn:aws:iam::aws:policy/AdministratorAccess\"}");
            }
        }

        private void boundary() {
            if (policies > 0 && random.nextInt(10) == 0) {
                out.append(", \"PermissionsBoundary\": {\"PermissionsBoundaryType\": \"Policy\", \"PermissionsBoundaryArn\": \"")
                        .append(policyArn(random.nextInt(policies))).append("\"}");
            }
        }

        private void policy(int index) {
            int versions = 1 + random.nextInt(3);
            out.append("        {\"PolicyName\": \"policy-").append(index).append("\", \"PolicyId\": \"ANPA").append(id(index))
                    .append("\", \"Arn\": \"").append(policyArn(index)).append("\", \"Path\": \"/\", \"DefaultVersionId\": \"v").append(versions)
                    .append("\", \"AttachmentCount\": 1, \"IsAttachable\": true,\n         \"PolicyVersionList\": [");
            for (int v = versions; v >= 1; v--) {
                out.append(v == versions ? "" : ", ").append("{\"Document\": ").append(document(managedStatements()))
                        .append(", \"VersionId\": \"v").append(v).append("\", \"IsDefaultVersion\": ").append(v == versions).append("}");
            }
            out.append("]}");
        }

        private String managedStatements() {
            int count = 1 + random.nextInt(4);
            List<String> statements = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                statements.add(managedStatement());
            }
            return String.join(", ", statements);
        }

        private String inlineStatements() {
            return managedStatement();
        }

        private String managedStatement() {
            int kind = random.nextInt(1000);
            String team = TEAMS[random.nextInt(TEAMS.length)];
            if (kind < 350) {
                return allow("[\"s3:GetObject\", \"s3:ListBucket\"]", "[\"arn:aws:s3:::" + team + "-data\", \"arn:aws:s3:::" + team + "-data/*\"]", "");
            }
            if (kind < 500) {
                return allow("[\"dynamodb:GetItem\", \"dynamodb:Query\", \"dynamodb:PutItem\"]", "\"arn:aws:dynamodb:*:" + ACCOUNT + ":table/" + team
                        + "-*\"", "");
            }
            if (kind < 600) {
                String[] wide = {"ec2:Describe*", "cloudwatch:*", "logs:*", "sqs:*", "sns:Publish", "lambda:*", "s3:*", "ecr:*"};
                return allow("\"" + wide[random.nextInt(wide.length)] + "\"", "\"*\"", "");
            }
            if (kind < 670) {
                return allow("[\"iam:PassRole\"]", "\"arn:aws:iam::" + ACCOUNT + ":role/role-" + random.nextInt(Math.max(1, roles)) + "\"",
                        random.nextBoolean() ? ", \"Condition\": {\"StringEquals\": {\"iam:PassedToService\": \"lambda.amazonaws.com\"}}" : "");
            }
            if (kind < 720) {
                return allow("[\"lambda:CreateFunction\", \"lambda:InvokeFunction\", \"lambda:UpdateFunctionCode\"]", "\"*\"", "");
            }
            if (kind < 760) {
                return allow("[\"sts:AssumeRole\"]", "\"arn:aws:iam::" + ACCOUNT + ":role/role-" + random.nextInt(Math.max(1, roles)) + "\"", "");
            }
            if (kind < 800) {
                return "{\"Effect\": \"Deny\", \"Action\": [\"iam:CreatePolicyVersion\", \"iam:SetDefaultPolicyVersion\", \"iam:PutUserPolicy\", "
                        + "\"iam:AttachUserPolicy\", \"organizations:LeaveOrganization\"], \"Resource\": \"*\"}";
            }
            if (kind < 840) {
                return allow("[\"ec2:*\", \"autoscaling:*\"]", "\"*\"", ", \"Condition\": {\"StringEquals\": {\"aws:RequestedRegion\": [\"eu-west-1\", "
                        + "\"us-east-1\"]}}");
            }
            if (kind < 870) {
                return allow("[\"secretsmanager:GetSecretValue\"]", "\"*\"", random.nextBoolean() ? ""
                        : ", \"Condition\": {\"StringEquals\": {\"aws:ResourceTag/team\": \"${aws:PrincipalTag/team}\"}}");
            }
            if (kind < 900) {
                return allow("[\"ssm:GetParameter\", \"ssm:GetParameters\", \"kms:Decrypt\"]", "\"*\"", "");
            }
            if (kind < 930) {
                return allow("[\"iam:Get*\", \"iam:List*\"]", "\"*\"", "");
            }
            if (kind < 950) {
                return allow("\"*\"", "\"*\"", ", \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"203.0.113.0/24\"}}");
            }
            if (kind < 965) {
                return allow("[\"iam:PutUserPolicy\", \"iam:CreateAccessKey\"]", "\"arn:aws:iam::" + ACCOUNT + ":user/${aws:username}\"", "");
            }
            if (kind < 975) {
                return allow("[\"iam:AttachRolePolicy\", \"iam:PutRolePolicy\"]", "\"arn:aws:iam::" + ACCOUNT + ":role/role-*\"", "");
            }
            if (kind < 985) {
                return allow("[\"iam:PassRole\", \"ec2:RunInstances\"]", "\"*\"", "");
            }
            if (kind < 990) {
                return allow("[\"s3:PutBucketPolicy\", \"kms:PutKeyPolicy\"]", "\"*\"", "");
            }
            if (kind < 995) {
                return "{\"Effect\": \"Allow\", \"NotAction\": [\"iam:*\", \"organizations:*\"], \"Resource\": \"*\"}";
            }
            return allow("\"*\"", "\"*\"", "");
        }

        private static String allow(String actions, String resources, String condition) {
            return "{\"Effect\": \"Allow\", \"Action\": " + actions + ", \"Resource\": " + resources + condition + "}";
        }

        private String document(String statements) {
            return encodeSometimes("{\"Version\": \"2012-10-17\", \"Statement\": [" + statements + "]}");
        }

        private static String statement(String statement) {
            return "{\"Version\": \"2012-10-17\", \"Statement\": [" + statement + "]}";
        }

        /** A tenth of the documents as the API returns them: URL-encoded JSON in a string. */
        private String encodeSometimes(String json) {
            if (random.nextInt(10) != 0) {
                return json;
            }
            return "\"" + URLEncoder.encode(json, StandardCharsets.UTF_8).replace("+", "%20") + "\"";
        }

        private static String policyArn(int index) {
            return "arn:aws:iam::" + ACCOUNT + ":policy/policy-" + index;
        }

        private static String id(int index) {
            return String.format(Locale.ROOT, "BENCH%015d", index);
        }
    }
}
