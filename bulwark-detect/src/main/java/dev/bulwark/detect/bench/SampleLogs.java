package dev.bulwark.detect.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated audit logs for benchmarks, as JSON lines the readers accept: CloudTrail records with
 * the mix of a busy account (mostly reads by roles, some writes, console sign-ins, denied calls,
 * a little IAM, S3, KMS and EC2 activity, now and then something the built-in rules report) and
 * Kubernetes audit events (gets, lists and watches by controllers, some creates, exec and
 * secret reads). Events are a second apart from {@code start}. The same seed gives the same text.
 */
public final class SampleLogs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "111122223333";
    private static final String[] REGIONS = {"us-east-1", "us-east-1", "us-east-1", "eu-west-1", "us-west-2", "ap-southeast-2"};
    private static final String[] AGENTS = {"aws-cli/2.15.30 Python/3.11.8 Linux/6.1 exe/x86_64",
        "Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux", "aws-sdk-java/2.25.11 Linux/5.10 OpenJDK_64-Bit_Server_VM/17",
        "console.amazonaws.com", "terraform-provider-aws/5.42.0"};
    private static final String[][] CALLS = {
        {"s3.amazonaws.com", "GetObject"}, {"s3.amazonaws.com", "PutObject"}, {"s3.amazonaws.com", "ListBuckets"},
        {"sts.amazonaws.com", "AssumeRole"}, {"sts.amazonaws.com", "GetCallerIdentity"}, {"ec2.amazonaws.com", "DescribeInstances"},
        {"ec2.amazonaws.com", "DescribeSecurityGroups"}, {"kms.amazonaws.com", "Decrypt"}, {"kms.amazonaws.com", "GenerateDataKey"},
        {"dynamodb.amazonaws.com", "GetItem"}, {"dynamodb.amazonaws.com", "PutItem"}, {"lambda.amazonaws.com", "Invoke"},
        {"logs.amazonaws.com", "PutLogEvents"}, {"secretsmanager.amazonaws.com", "GetSecretValue"},
        {"ssm.amazonaws.com", "GetParameter"}, {"iam.amazonaws.com", "GetRole"}, {"iam.amazonaws.com", "ListRoles"},
        {"cloudtrail.amazonaws.com", "LookupEvents"}, {"ecr.amazonaws.com", "GetAuthorizationToken"},
        {"monitoring.amazonaws.com", "PutMetricData"}};
    private static final String[][] RARE = {
        {"iam.amazonaws.com", "CreateAccessKey"}, {"iam.amazonaws.com", "AttachRolePolicy"}, {"iam.amazonaws.com", "UpdateAssumeRolePolicy"},
        {"s3.amazonaws.com", "PutBucketPolicy"}, {"ec2.amazonaws.com", "AuthorizeSecurityGroupIngress"},
        {"kms.amazonaws.com", "ScheduleKeyDeletion"}, {"cloudtrail.amazonaws.com", "StopLogging"},
        {"ec2.amazonaws.com", "ModifySnapshotAttribute"}, {"guardduty.amazonaws.com", "UpdateDetector"}};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

    private SampleLogs() {}

    /** {@code count} CloudTrail records, one JSON object per line. */
    public static List<String> cloudTrail(int count, long seed, Instant start) {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(cloudTrailRecord(random, i, start.plusSeconds(i)).toString());
        }
        return lines;
    }

    /** {@code count} Kubernetes audit events (audit.k8s.io/v1, stage ResponseComplete), one per line. */
    public static List<String> kubernetesAudit(int count, long seed, Instant start) {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>(count);
        String[] resources = {"pods", "pods", "configmaps", "secrets", "deployments", "services", "endpoints", "leases", "events", "nodes"};
        String[] verbs = {"get", "get", "list", "watch", "update", "patch", "create", "delete"};
        String[] users = {"system:serviceaccount:kube-system:replicaset-controller", "system:node:ip-10-0-1-5.ec2.internal",
            "system:kube-scheduler", "system:serviceaccount:web:default", "dev@example.com", "system:serviceaccount:ci:deployer"};
        for (int i = 0; i < count; i++) {
            ObjectNode event = JSON.createObjectNode();
            event.put("kind", "Event");
            event.put("apiVersion", "audit.k8s.io/v1");
            event.put("level", "Metadata");
            event.put("auditID", new java.util.UUID(seed, i).toString());
            event.put("stage", "ResponseComplete");
            String resource = resources[random.nextInt(resources.length)];
            String verb = verbs[random.nextInt(verbs.length)];
            String namespace = random.nextInt(10) == 0 ? null : "ns-" + random.nextInt(20);
            String name = verb.equals("list") || verb.equals("watch") ? null : resource + "-" + random.nextInt(500);
            String subresource = null;
            if (resource.equals("pods") && random.nextInt(50) == 0) {
                subresource = random.nextBoolean() ? "exec" : "log";
                verb = subresource.equals("exec") ? "create" : "get";
            }
            event.put("requestURI", "/api/v1/" + (namespace == null ? "" : "namespaces/" + namespace + "/") + resource
                    + (name == null ? "" : "/" + name) + (subresource == null ? "" : "/" + subresource));
            event.put("verb", verb);
            ObjectNode user = event.putObject("user");
            user.put("username", users[random.nextInt(users.length)]);
            user.putArray("groups").add("system:authenticated");
            event.putArray("sourceIPs").add("10.0." + random.nextInt(4) + "." + random.nextInt(250));
            event.put("userAgent", "kube-controller-manager/v1.30.2 (linux/amd64) kubernetes/3c3fc9a");
            ObjectNode ref = event.putObject("objectRef");
            ref.put("resource", resource);
            if (namespace != null) {
                ref.put("namespace", namespace);
            }
            if (name != null) {
                ref.put("name", name);
            }
            if (subresource != null) {
                ref.put("subresource", subresource);
            }
            ref.put("apiVersion", "v1");
            event.putObject("responseStatus").put("code", random.nextInt(40) == 0 ? 403 : 200);
            Instant time = start.plusSeconds(i);
            event.put("requestReceivedTimestamp", TIME.format(time));
            event.put("stageTimestamp", TIME.format(time.plusMillis(3)));
            ObjectNode annotations = event.putObject("annotations");
            annotations.put("authorization.k8s.io/decision", event.path("responseStatus").path("code").asInt() == 403 ? "forbid" : "allow");
            annotations.put("authorization.k8s.io/reason", "RBAC: allowed by ClusterRoleBinding \"system:controllers\"");
            lines.add(event.toString());
        }
        return lines;
    }

    private static ObjectNode cloudTrailRecord(Random random, int index, Instant time) {
        ObjectNode record = JSON.createObjectNode();
        record.put("eventVersion", "1.09");
        int kind = random.nextInt(1000);
        String[] call = kind < 5 ? RARE[random.nextInt(RARE.length)] : CALLS[random.nextInt(CALLS.length)];
        ObjectNode identity = record.putObject("userIdentity");
        if (kind >= 5 && kind < 20) {
            call = new String[] {"signin.amazonaws.com", "ConsoleLogin"};
        }
        boolean user = random.nextInt(5) == 0;
        String name = (user ? "user-" : "role-") + random.nextInt(40);
        if (kind == 20) {
            identity.put("type", "Root");
            identity.put("principalId", ACCOUNT);
            identity.put("arn", "arn:aws:iam::" + ACCOUNT + ":root");
        } else if (user) {
            identity.put("type", "IAMUser");
            identity.put("principalId", "AIDA" + Integer.toHexString(name.hashCode()).toUpperCase());
            identity.put("arn", "arn:aws:iam::" + ACCOUNT + ":user/" + name);
            identity.put("userName", name);
        } else {
            identity.put("type", "AssumedRole");
            identity.put("principalId", "AROA" + Integer.toHexString(name.hashCode()).toUpperCase() + ":session-" + random.nextInt(100));
            identity.put("arn", "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + name + "/session-" + random.nextInt(100));
            ObjectNode issuer = identity.putObject("sessionContext").putObject("sessionIssuer");
            issuer.put("type", "Role");
            issuer.put("arn", "arn:aws:iam::" + ACCOUNT + ":role/" + name);
            issuer.put("userName", name);
        }
        identity.put("accountId", ACCOUNT);
        identity.put("accessKeyId", "ASIA" + String.format("%016X", random.nextLong()).substring(0, 16));
        record.put("eventTime", TIME.format(time));
        record.put("eventSource", call[0]);
        record.put("eventName", call[1]);
        record.put("awsRegion", REGIONS[random.nextInt(REGIONS.length)]);
        record.put("sourceIPAddress", random.nextInt(4) == 0 ? "203.0.113." + random.nextInt(250) : "10.0.1." + random.nextInt(250));
        record.put("userAgent", AGENTS[random.nextInt(AGENTS.length)]);
        if (random.nextInt(25) == 0) {
            record.put("errorCode", "AccessDenied");
            record.put("errorMessage", "User is not authorized to perform: " + call[0].replace(".amazonaws.com", "") + ":" + call[1]);
        }
        ObjectNode parameters = record.putObject("requestParameters");
        switch (call[1]) {
            case "GetObject", "PutObject" -> {
                parameters.put("bucketName", "data-" + random.nextInt(30));
                parameters.put("key", "reports/2026/11/" + random.nextInt(10_000) + ".csv");
            }
            case "ConsoleLogin" -> {
                record.remove("requestParameters");
                record.putObject("responseElements").put("ConsoleLogin", random.nextInt(10) == 0 ? "Failure" : "Success");
                record.putObject("additionalEventData").put("MFAUsed", random.nextInt(8) == 0 ? "No" : "Yes");
            }
            case "AuthorizeSecurityGroupIngress" -> {
                parameters.put("groupId", "sg-0" + Long.toHexString(random.nextLong() & 0xffffffffffL));
                ArrayNode items = parameters.putObject("ipPermissions").putArray("items");
                ObjectNode permission = items.addObject();
                permission.put("ipProtocol", "tcp").put("fromPort", 22).put("toPort", 22);
                permission.putObject("ipRanges").putArray("items").addObject().put("cidrIp", random.nextBoolean() ? "0.0.0.0/0" : "10.0.0.0/8");
            }
            case "GetSecretValue" -> parameters.put("secretId", "prod/service-" + random.nextInt(50));
            case "AttachRolePolicy" -> parameters.put("roleName", name).put("policyArn", random.nextBoolean()
                    ? "arn:aws:iam::aws:policy/AdministratorAccess" : "arn:aws:iam::aws:policy/ReadOnlyAccess");
            case "CreateAccessKey" -> parameters.put("userName", "user-" + random.nextInt(40));
            default -> parameters.put("maxResults", 50);
        }
        record.put("requestID", new java.util.UUID(random.nextLong(), index).toString());
        record.put("eventID", new java.util.UUID(index, random.nextLong()).toString());
        record.put("readOnly", call[1].startsWith("Get") || call[1].startsWith("List") || call[1].startsWith("Describe"));
        record.put("eventType", call[1].equals("ConsoleLogin") ? "AwsConsoleSignIn" : "AwsApiCall");
        record.put("managementEvent", true);
        record.put("recipientAccountId", ACCOUNT);
        record.put("eventCategory", "Management");
        return record;
    }

    /**
     * A pack of {@code count} generated Sigma rules over CloudTrail, one YAML document each: most
     * select an event source and name (what real rules do, and what the rule index can use),
     * with a mix of contains, startswith, endswith, regular expressions, CIDR tests, negated
     * filters and keyword searches.
     */
    public static String rulePack(int count, long seed) {
        Random random = new Random(seed);
        StringBuilder yaml = new StringBuilder();
        String[][] all = new String[CALLS.length + RARE.length][];
        System.arraycopy(CALLS, 0, all, 0, CALLS.length);
        System.arraycopy(RARE, 0, all, CALLS.length, RARE.length);
        for (int i = 0; i < count; i++) {
            String[] call = all[random.nextInt(all.length)];
            // Most rules name an action that exists; some name ones the log never has, as a real pack does.
            String eventName = random.nextInt(3) == 0 ? call[1] + "V" + random.nextInt(50) : call[1];
            if (i > 0) {
                yaml.append("---\n");
            }
            yaml.append("title: Generated rule ").append(i).append('\n');
            yaml.append("id: ").append(new java.util.UUID(seed, i)).append('\n');
            yaml.append("status: test\nlevel: low\nlogsource:\n  product: aws\n  service: cloudtrail\ndetection:\n");
            yaml.append("  selection:\n    eventSource: ").append(call[0]).append("\n    eventName: ").append(eventName).append('\n');
            switch (random.nextInt(6)) {
                case 0 -> yaml.append("    userAgent|contains: 'exe/x86_").append(random.nextInt(100)).append("'\n");
                case 1 -> yaml.append("    userIdentity.arn|startswith: 'arn:aws:sts::111122223333:assumed-role/role-")
                        .append(random.nextInt(40)).append("'\n");
                case 2 -> yaml.append("    sourceIPAddress|cidr: 203.0.113.0/").append(24 + random.nextInt(8)).append('\n');
                case 3 -> yaml.append("    requestParameters.key|re: '^reports/20[0-9]{2}/1").append(random.nextInt(3)).append("/'\n");
                case 4 -> yaml.append("    awsRegion|endswith: '-").append(1 + random.nextInt(3)).append("'\n");
                default -> yaml.append("    errorCode: AccessDenied\n");
            }
            yaml.append("  filter:\n    userIdentity.type: Root\n  condition: selection and not filter\n");
        }
        return yaml.toString();
    }
}
