package dev.bulwark.iam.account;

import dev.bulwark.iam.json.JsonReader;
import dev.bulwark.iam.json.JsonSyntaxException;
import dev.bulwark.iam.policy.Policy;
import dev.bulwark.iam.policy.PolicyKind;
import dev.bulwark.iam.policy.PolicyParser;
import dev.bulwark.iam.policy.PolicySet;
import java.util.Locale;
import java.util.Map;

/**
 * The resources the analysis asks about when a rule means "every resource of this kind": an ARN
 * of the right shape with a name nobody uses ({@code bulwark-probe}), so that {@code "*"} and
 * {@code arn:aws:s3:::*} cover it and {@code arn:aws:s3:::reports/*} does not. KMS requests carry
 * the default key policy (which lets the account's IAM policies decide), since key policies are
 * not in the export. Immutable.
 */
final class ProbeResources {
    static final String REGION = "us-east-1";
    static final String NAME = "bulwark-probe";

    private static final Map<String, String> BY_ACTION = Map.ofEntries(
            Map.entry("s3:getobject", "arn:aws:s3:::bulwark-probe-bucket/bulwark-probe-object"),
            Map.entry("s3:getobjectversion", "arn:aws:s3:::bulwark-probe-bucket/bulwark-probe-object"),
            Map.entry("s3:putobjectacl", "arn:aws:s3:::bulwark-probe-bucket/bulwark-probe-object"),
            Map.entry("s3:putaccountpublicaccessblock", "*"),
            Map.entry("s3:putaccesspointpolicy", "arn:aws:s3:{region}:{account}:accesspoint/bulwark-probe"),
            Map.entry("lambda:addlayerversionpermission", "arn:aws:lambda:{region}:{account}:layer:bulwark-probe:1"),
            Map.entry("ebs:getsnapshotblock", "arn:aws:ec2:{region}::snapshot/snap-0b0b0b0b0b0b0b0b0"),
            Map.entry("ec2:modifysnapshotattribute", "arn:aws:ec2:{region}::snapshot/snap-0b0b0b0b0b0b0b0b0"),
            Map.entry("ec2:modifyimageattribute", "arn:aws:ec2:{region}::image/ami-0b0b0b0b0b0b0b0b0"),
            Map.entry("ec2:getpassworddata", "arn:aws:ec2:{region}:{account}:instance/i-0b0b0b0b0b0b0b0b0"),
            Map.entry("glue:putresourcepolicy", "arn:aws:glue:{region}:{account}:catalog"),
            Map.entry("events:putpermission", "arn:aws:events:{region}:{account}:event-bus/default"),
            Map.entry("logs:putresourcepolicy", "*"),
            Map.entry("rds:modifydbclustersnapshotattribute", "arn:aws:rds:{region}:{account}:cluster-snapshot:bulwark-probe"),
            Map.entry("rds:modifydbsnapshotattribute", "arn:aws:rds:{region}:{account}:snapshot:bulwark-probe"),
            Map.entry("iam:attachrolepolicy", "arn:aws:iam::{account}:role/bulwark-probe"),
            Map.entry("iam:passrole", "arn:aws:iam::{account}:role/bulwark-probe"),
            Map.entry("ec2:authorizesecuritygroupingress", "arn:aws:ec2:{region}:{account}:security-group/sg-0b0b0b0b0b0b0b0b0"),
            Map.entry("ecs:runtask", "arn:aws:ecs:{region}:{account}:task-definition/bulwark-probe:1"));

    private static final Map<String, String> BY_SERVICE = Map.ofEntries(
            Map.entry("s3", "arn:aws:s3:::bulwark-probe-bucket"),
            Map.entry("kms", "arn:aws:kms:{region}:{account}:key/0b0b0b0b-0b0b-4b0b-8b0b-0b0b0b0b0b0b"),
            Map.entry("secretsmanager", "arn:aws:secretsmanager:{region}:{account}:secret:bulwark-probe-AbCdEf"),
            Map.entry("ssm", "arn:aws:ssm:{region}:{account}:parameter/bulwark-probe"),
            Map.entry("dynamodb", "arn:aws:dynamodb:{region}:{account}:table/bulwark-probe"),
            Map.entry("sqs", "arn:aws:sqs:{region}:{account}:bulwark-probe"),
            Map.entry("sns", "arn:aws:sns:{region}:{account}:bulwark-probe"),
            Map.entry("lambda", "arn:aws:lambda:{region}:{account}:function:bulwark-probe"),
            Map.entry("ecr", "arn:aws:ecr:{region}:{account}:repository/bulwark-probe"),
            Map.entry("ecr-public", "arn:aws:ecr-public::{account}:repository/bulwark-probe"),
            Map.entry("kinesis", "arn:aws:kinesis:{region}:{account}:stream/bulwark-probe"),
            Map.entry("glue", "arn:aws:glue:{region}:{account}:connection/bulwark-probe"),
            Map.entry("backup", "arn:aws:backup:{region}:{account}:backup-vault:bulwark-probe"),
            Map.entry("codeartifact", "arn:aws:codeartifact:{region}:{account}:repository/bulwark-probe/bulwark-probe"),
            Map.entry("elasticfilesystem", "arn:aws:elasticfilesystem:{region}:{account}:file-system/fs-0b0b0b0b"),
            Map.entry("glacier", "arn:aws:glacier:{region}:{account}:vaults/bulwark-probe"),
            Map.entry("ram", "arn:aws:ram:{region}:{account}:resource-share/bulwark-probe"),
            Map.entry("serverlessrepo", "arn:aws:serverlessrepo:{region}:{account}:applications/bulwark-probe"),
            Map.entry("iam", "arn:aws:iam::{account}:user/bulwark-probe"),
            Map.entry("ec2", "arn:aws:ec2:{region}:{account}:instance/i-0b0b0b0b0b0b0b0b0"),
            Map.entry("rds", "arn:aws:rds:{region}:{account}:db:bulwark-probe"),
            Map.entry("cloudtrail", "arn:aws:cloudtrail:{region}:{account}:trail/bulwark-probe"),
            Map.entry("logs", "arn:aws:logs:{region}:{account}:log-group:bulwark-probe"),
            Map.entry("cloudformation", "arn:aws:cloudformation:{region}:{account}:stack/bulwark-probe/0b0b0b0b"),
            Map.entry("route53", "arn:aws:route53:::hostedzone/Z0B0B0B0B0B0B"),
            Map.entry("ecs", "arn:aws:ecs:{region}:{account}:cluster/bulwark-probe"),
            Map.entry("eks", "arn:aws:eks:{region}:{account}:cluster/bulwark-probe"));

    private final String accountId;
    private final Policy defaultKeyPolicy;

    ProbeResources(String accountId) {
        this.accountId = accountId;
        this.defaultKeyPolicy = defaultKeyPolicy(accountId);
    }

    String accountId() {
        return accountId;
    }

    /** A probe of {@code action} on a resource nobody names, with the default key policy for KMS. */
    Probe anyResource(String action) {
        String lower = action.toLowerCase(Locale.ROOT);
        String template = BY_ACTION.get(lower);
        String service = lower.substring(0, Math.max(0, lower.indexOf(':')));
        if (template == null) {
            template = BY_SERVICE.getOrDefault(service, "*");
        }
        Probe probe = Probe.of(action, fill(template));
        return service.equals("kms") ? probe.withResourcePolicy(defaultKeyPolicy, PolicySet.ResourcePolicyKind.KMS_KEY) : probe;
    }

    /** {@code template} with {@code {region}}, {@code {account}} and {@code {name}} filled in. */
    String fill(String template) {
        return template.replace("{region}", REGION).replace("{account}", accountId).replace("{name}", NAME);
    }

    /** The key policy every KMS key gets by default: the account, and so its IAM policies, decide. */
    private static Policy defaultKeyPolicy(String accountId) {
        String account = accountId.isEmpty() ? "111122223333" : accountId;
        return policy("default key policy", PolicyKind.RESOURCE, "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": "
                + "\"EnableIamPolicies\", \"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::" + account + ":root\"}, "
                + "\"Action\": \"kms:*\", \"Resource\": \"*\"}]}");
    }

    /** Parses a policy Bulwark writes itself (a bug when it does not parse). */
    static Policy policy(String name, PolicyKind kind, String text) {
        try {
            PolicyParser.Parsed parsed = new PolicyParser().parse(JsonReader.standard().read(text), name, kind);
            if (parsed.hasErrors()) {
                throw new IllegalStateException(name + ": " + parsed.issues());
            }
            return parsed.policy().orElseThrow();
        } catch (JsonSyntaxException e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }
}
