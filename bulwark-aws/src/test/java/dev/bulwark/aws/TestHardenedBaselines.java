package dev.bulwark.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.Resource;
import dev.bulwark.core.spi.AdaptOptions;
import dev.bulwark.core.spi.AdaptResult;
import dev.bulwark.rules.Rule;
import dev.bulwark.rules.RuleCompiler;
import dev.bulwark.rules.RuleEvaluator;
import dev.bulwark.rules.RuleLinter;
import dev.bulwark.rules.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * False-positive and false-negative review of the built-in AWS rules on realistic code.
 *
 * <p>{@code hardened/terraform} (a root module with local modules, {@code for_each} and
 * {@code count}, {@code aws_iam_policy_document} data sources and the split S3 resources) and
 * {@code hardened/cloudformation} (five templates, one of them SAM) are configured the way AWS
 * best practice and the CIS AWS Foundations Benchmark v3.0.0 ask. Scanned through the real
 * adapter and rules, they give no finding except the deliberate ones listed below with their
 * reason. {@code hardened/insecure} ({@code terraform}, a legacy root with a module called with
 * {@code for_each}; {@code terraform-sandbox}, an account with its guard rails off;
 * {@code cloudformation}, three templates, one of them SAM) holds the same kinds of resources as
 * they are often found before hardening; there the exact set of findings (rule, file, line,
 * address) is asserted, so a rule that stops firing, or fires at another line, fails here.
 *
 * <p>A finding is written {@code RULE file:line address}: the file relative to the scanned
 * folder, the Terraform address without the root module's folder.
 */
class TestHardenedBaselines {
    private static final Path RULES = Path.of("src/main/resources/bulwark/rules/aws");
    private static final Path HARDENED = Path.of("src/test/resources/hardened");

    private static final AwsAdapter ADAPTER = new AwsAdapter();
    private static final List<Rule> ALL_RULES = new RuleLinter(new RuleCompiler(List.of(ADAPTER))).lint(List.of(RULES)).rules();

    /** Deliberate findings of the hardened Terraform, with the reason the team accepts them. */
    private static final Map<String, String> DELIBERATE_TERRAFORM = Map.of(
            "BW-AWS-IAM-012 modules/identity/main.tf:145 module.identity.aws_iam_role.break_glass",
            "The break-glass role is the account's one administrator identity: it can only be assumed with MFA, for an hour,"
                    + " and its use pages the security team. CIS 1.16 still reports any identity holding AdministratorAccess,"
                    + " so the finding stays visible and is suppressed where the role is reviewed.");

    /** Deliberate findings of the hardened CloudFormation, with the reason. */
    private static final Map<String, String> DELIBERATE_CLOUDFORMATION = Map.of(
            "BW-AWS-S3-009 account-baseline.yaml:157 AccessLogsBucket",
            "The log archive bucket receives S3 server access logs and, from the web stack through Fn::ImportValue, load"
                    + " balancer access logs, which Elastic Load Balancing delivers only to SSE-S3 buckets. BW-AWS-S3-009 spares"
                    + " buckets it sees a load balancer write to, but a load balancer in another stack cannot be seen.");

    @Test
    void hardenedTerraformHasOnlyTheDeliberateFindings() throws IOException {
        assertThat(terraform(HARDENED.resolve("terraform"))).containsExactlyInAnyOrderElementsOf(DELIBERATE_TERRAFORM.keySet());
    }

    @Test
    void hardenedCloudFormationHasOnlyTheDeliberateFindings() throws IOException {
        assertThat(cloudFormation(HARDENED.resolve("cloudformation")))
                .containsExactlyInAnyOrderElementsOf(DELIBERATE_CLOUDFORMATION.keySet());
    }

    /** Resource kinds rules look at that the hardened baselines leave out on purpose. */
    private static final Map<String, String> NOT_IN_BASELINES = Map.ofEntries(
            Map.entry("AWS::ElastiCache::CacheCluster", "caches are replication groups (Valkey, Redis OSS)"),
            Map.entry("AWS::ElasticLoadBalancing::LoadBalancer", "Classic Load Balancers are replaced by the ALB"),
            Map.entry("AWS::Elasticsearch::Domain", "legacy Elasticsearch domains are replaced by OpenSearch"),
            Map.entry("AWS::IAM::AccessKey", "no long-term access keys (CIS 1.11, 1.14)"),
            Map.entry("AWS::IAM::Policy", "inline policies sit in the role's Policies or in aws_iam_role_policy"),
            Map.entry("AWS::IAM::RolePolicy", "inline policies sit in the role's Policies or in aws_iam_role_policy"),
            Map.entry("AWS::IAM::UserPolicy", "users get permissions through groups only (CIS 1.15)"),
            Map.entry("AWS::IAM::GroupPolicy", "groups use managed policies"),
            Map.entry("AWS::KMS::ReplicaKey", "no multi-Region keys"),
            Map.entry("AWS::SNS::TopicInlinePolicy", "topic policies are AWS::SNS::TopicPolicy"),
            Map.entry("AWS::SQS::QueueInlinePolicy", "queue policies are AWS::SQS::QueuePolicy"),
            Map.entry("Bulwark::EC2::SnapshotCopy", "no EBS snapshot copies"),
            Map.entry("Bulwark::IAM::PolicyAttachment", "exclusive aws_iam_policy_attachment is avoided"),
            Map.entry("Bulwark::RDS::DBSnapshot", "the one manual snapshot is a cluster snapshot"));

    /**
     * The baselines are not silent because a mapping dropped a resource: together they hold every
     * kind of resource the rules look at, except those listed in {@link #NOT_IN_BASELINES}.
     */
    @Test
    void hardenedBaselinesCoverTheRuleKinds() throws IOException {
        TreeSet<String> missing = new TreeSet<>();
        for (Rule rule : ALL_RULES) {
            missing.addAll(rule.info().kinds());
        }
        missing.remove("security-group");
        List<Resource> resources = new ArrayList<>(TestingAws.resources(TestingAws.group(HARDENED.resolve("terraform"), AdaptOptions.none())));
        resources.addAll(cloudFormationResources(HARDENED.resolve("cloudformation")));
        for (Resource resource : resources) {
            missing.remove(resource.kind());
        }
        assertThat(missing).containsExactlyInAnyOrderElementsOf(NOT_IN_BASELINES.keySet());
    }

    /**
     * The hardened baselines pass because the rules decide, not because values are unknown: the
     * account-wide monitoring facts are all known and covered.
     */
    @Test
    void hardenedMonitoringIsDecidedAndCovered() throws IOException {
        for (List<Resource> resources : List.of(TestingAws.resources(TestingAws.group(HARDENED.resolve("terraform"), AdaptOptions.none())),
                cloudFormationResources(HARDENED.resolve("cloudformation")))) {
            Map<?, ?> inventory = (Map<?, ?>) ADAPTER.scanVariables(resources).get("inventory");
            Map<?, ?> monitoring = (Map<?, ?>) inventory.get("monitoring");
            assertThat(monitoring.get("s3ObjectWrite")).isEqualTo("logged");
            assertThat(monitoring.get("s3ObjectRead")).isEqualTo("logged");
            assertThat(monitoring.get("managementEvents")).isEqualTo("logged");
            assertThat(monitoring.get("globalServiceEvents")).isEqualTo("logged");
            assertThat(monitoring.get("globalResourcesRecorded")).isEqualTo("recorded");
            Map<?, ?> trails = (Map<?, ?>) monitoring.get("trails");
            assertThat(trails).hasSize(1);
            Map<?, ?> trail = (Map<?, ?>) trails.values().iterator().next();
            List<Object> controls = new ArrayList<>(((Map<?, ?>) trail.get("controls")).values());
            assertThat(controls).hasSize(15).containsOnly("covered");
            assertThat(trail.get("bucketLogging")).isEqualTo("enabled");
            assertThat(trail.get("managementEvents")).isEqualTo("all");
        }
    }

    @Test
    void insecureTerraformFindings() throws IOException {
        String site = "modules/web-bucket/main.tf:";
        List<String> expected = new ArrayList<>();
        for (String key : List.of("campaign", "careers")) {
            String bucket = " module.site[\"" + key + "\"].aws_s3_bucket.this";
            expected.addAll(List.of(
                    "BW-AWS-S3-005 " + site + 7 + bucket,
                    "BW-AWS-S3-006 " + site + 7 + bucket,
                    "BW-AWS-S3-007 " + site + 7 + bucket,
                    "BW-AWS-S3-008 " + site + 14 + bucket,
                    "BW-AWS-S3-002 " + site + 20 + bucket,
                    "BW-AWS-S3-001 " + site + 26 + bucket,
                    "BW-AWS-S3-009 " + site + 34 + bucket,
                    "BW-AWS-S3-011 " + site + 39 + bucket,
                    "BW-AWS-S3-004 " + site + 60 + " module.site[\"" + key + "\"].aws_s3_bucket_policy.this"));
        }
        String legacy = "envs/legacy/main.tf:";
        expected.addAll(List.of(
                "BW-AWS-EC2-020 " + legacy + "24 aws_vpc.main",
                "BW-AWS-EC2-019 " + legacy + "32 aws_subnet.public[0]",
                "BW-AWS-EC2-019 " + legacy + "32 aws_subnet.public[1]",
                "BW-AWS-EC2-001 " + legacy + "44 aws_security_group.admin",
                "BW-AWS-EC2-008 " + legacy + "51 aws_security_group.admin",
                // The standalone IPv6 rule is merged into its group, and reported at the rule.
                "BW-AWS-EC2-002 " + legacy + "60 aws_security_group.admin",
                "BW-AWS-EC2-004 " + legacy + "71 aws_security_group.db",
                "BW-AWS-EC2-006 " + legacy + "78 aws_default_security_group.main",
                "BW-AWS-RDS-001 " + legacy + "88 aws_db_instance.orders",
                "BW-AWS-RDS-005 " + legacy + "88 aws_db_instance.orders",
                "BW-AWS-RDS-006 " + legacy + "88 aws_db_instance.orders",
                "BW-AWS-RDS-007 " + legacy + "88 aws_db_instance.orders",
                "BW-AWS-RDS-008 " + legacy + "94 aws_db_instance.orders",
                "BW-AWS-RDS-009 " + legacy + "95 aws_db_instance.orders",
                "BW-AWS-RDS-002 " + legacy + "96 aws_db_instance.orders",
                "BW-AWS-RDS-004 " + legacy + "97 aws_db_instance.orders",
                "BW-AWS-RDS-003 " + legacy + "98 aws_db_instance.orders",
                "BW-AWS-RDS-012 " + legacy + "99 aws_db_instance.orders",
                "BW-AWS-IAM-015 " + legacy + "110 aws_iam_access_key.deployer",
                "BW-AWS-IAM-007 " + legacy + "114 aws_iam_user.deployer",
                "BW-AWS-IAM-001 " + legacy + "119 aws_iam_user.deployer",
                "BW-AWS-IAM-008 " + legacy + "125 aws_iam_user.deployer",
                "BW-AWS-IAM-012 " + legacy + "125 aws_iam_user.deployer",
                "BW-AWS-IAM-011 " + legacy + "132 aws_iam_role.ci",
                "BW-AWS-S3-005 " + legacy + "143 aws_s3_bucket.trail",
                "BW-AWS-S3-006 " + legacy + "143 aws_s3_bucket.trail",
                "BW-AWS-S3-007 " + legacy + "143 aws_s3_bucket.trail",
                "BW-AWS-S3-009 " + legacy + "143 aws_s3_bucket.trail",
                "BW-AWS-CT-001 " + legacy + "147 aws_cloudtrail.main",
                "BW-AWS-CT-002 " + legacy + "147 aws_cloudtrail.main",
                "BW-AWS-CT-003 " + legacy + "147 aws_cloudtrail.main",
                "BW-AWS-CT-004 " + legacy + "147 aws_cloudtrail.main",
                "BW-AWS-CT-006 " + legacy + "147 aws_cloudtrail.main",
                "BW-AWS-CT-007 " + legacy + "147 aws_cloudtrail.main",
                "BW-AWS-CT-009 " + legacy + "149 aws_cloudtrail.main",
                "BW-AWS-KMS-001 " + legacy + "154 aws_kms_key.app",
                "BW-AWS-KMS-004 " + legacy + "156 aws_kms_key.app",
                "BW-AWS-EC2-018 " + legacy + "163 aws_instance.jump",
                "BW-AWS-EC2-009 " + legacy + "167 aws_instance.jump",
                "BW-AWS-EC2-015 " + legacy + "170 aws_instance.jump",
                "BW-AWS-EC2-021 " + legacy + "175 aws_instance.jump",
                "BW-AWS-LAM-006 " + legacy + "182 aws_lambda_function.report",
                "BW-AWS-LAM-003 " + legacy + "185 aws_lambda_function.report",
                "BW-AWS-LAM-007 " + legacy + "189 aws_lambda_function.report",
                "BW-AWS-LAM-002 " + legacy + "190 aws_lambda_function.report",
                "BW-AWS-LAM-001 " + legacy + "198 aws_lambda_function_url.report",
                "BW-AWS-LAM-004 " + legacy + "205 aws_lambda_permission.anyone",
                "BW-AWS-EKS-002 " + legacy + "208 aws_eks_cluster.legacy",
                "BW-AWS-EKS-003 " + legacy + "208 aws_eks_cluster.legacy",
                "BW-AWS-EKS-004 " + legacy + "211 aws_eks_cluster.legacy",
                "BW-AWS-EKS-001 " + legacy + "213 aws_eks_cluster.legacy",
                "BW-AWS-SQS-001 " + legacy + "220 aws_sqs_queue.jobs",
                "BW-AWS-SNS-001 " + legacy + "223 aws_sns_topic.alerts",
                "BW-AWS-SNS-003 " + legacy + "229 aws_sns_topic_subscription.pager",
                "BW-AWS-EC2-022 " + legacy + "159 aws_instance.jump"));
        assertThat(terraform(HARDENED.resolve("insecure/terraform"))).containsExactlyInAnyOrderElementsOf(expected);
    }

    /**
     * An account whose guard rails were switched off, scanned on its own: account-level settings
     * (password policy, Block Public Access, EBS and metadata defaults) apply to the whole scan, so
     * next to the legacy root its EBS default would also decide the legacy instance's volumes.
     */
    @Test
    void insecureSandboxTerraformFindings() throws IOException {
        // EBS encryption by default is declared off, so the launch template's unencrypted device and
        // the unencrypted snapshot copy are reported as well as the account setting itself.
        String sandbox = "main.tf:";
        List<String> expected = new ArrayList<>(List.of(
                "BW-AWS-IAM-018 " + sandbox + "8 aws_iam_account_password_policy.lax",
                "BW-AWS-IAM-018 " + sandbox + "8 aws_iam_account_password_policy.lax",
                "BW-AWS-IAM-018 " + sandbox + "8 aws_iam_account_password_policy.lax",
                "BW-AWS-IAM-019 " + sandbox + "8 aws_iam_account_password_policy.lax",
                "BW-AWS-IAM-016 " + sandbox + "9 aws_iam_account_password_policy.lax",
                "BW-AWS-IAM-017 " + sandbox + "10 aws_iam_account_password_policy.lax",
                "BW-AWS-S3-003 " + sandbox + "15 aws_s3_account_public_access_block.off",
                "BW-AWS-EC2-014 " + sandbox + "20 aws_ebs_encryption_by_default.off",
                "BW-AWS-EC2-012 " + sandbox + "24 aws_ec2_instance_metadata_defaults.lax",
                "BW-AWS-GD-002 " + sandbox + "29 aws_guardduty_detector.main",
                "BW-AWS-GD-003 " + sandbox + "29 aws_guardduty_detector.main",
                "BW-AWS-GD-004 " + sandbox + "29 aws_guardduty_detector.main",
                "BW-AWS-CFG-002 " + sandbox + "36 aws_config_configuration_recorder.sandbox",
                "BW-AWS-CFG-003 " + sandbox + "36 aws_config_configuration_recorder.sandbox",
                "BW-AWS-CT-006 " + sandbox + "46 aws_cloudtrail.paused",
                "BW-AWS-CT-007 " + sandbox + "46 aws_cloudtrail.paused",
                "BW-AWS-CT-005 " + sandbox + "53 aws_cloudtrail.paused",
                "BW-AWS-CW-001 " + sandbox + "56 aws_cloudwatch_log_group.trail",
                "BW-AWS-EC2-010 " + sandbox + "67 aws_launch_template.workers",
                "BW-AWS-EC2-011 " + sandbox + "68 aws_launch_template.workers",
                "BW-AWS-EC2-018 " + sandbox + "72 aws_launch_template.workers",
                "BW-AWS-EC2-016 " + sandbox + "79 aws_launch_template.workers",
                "BW-AWS-EC2-017 " + sandbox + "84 aws_ebs_snapshot_copy.share",
                "BW-AWS-RDS-010 " + sandbox + "92 aws_db_snapshot.demo",
                "BW-AWS-EC2-007 " + sandbox + "102 aws_network_acl.open.ingress[0]",
                "BW-AWS-EC2-005 " + sandbox + "116 aws_security_group.desktop",
                "BW-AWS-EKS-005 " + sandbox + "126 aws_eks_node_group.debug",
                "BW-AWS-ECS-010 " + sandbox + "137 aws_ecs_cluster.sandbox",
                "BW-AWS-ECS-008 " + sandbox + "148 aws_ecs_task_definition.debug",
                "BW-AWS-ECS-009 " + sandbox + "153 aws_ecs_task_definition.debug",
                "BW-AWS-ECS-011 " + sandbox + "166 aws_ecs_service.debug",
                "BW-AWS-ECR-003 " + sandbox + "185 aws_ecr_repository.shared",
                "BW-AWS-EFS-003 " + sandbox + "204 aws_efs_file_system.shared",
                "BW-AWS-EFS-005 " + sandbox + "208 aws_efs_access_point.everything",
                "BW-AWS-EFS-004 " + sandbox + "211 aws_efs_access_point.everything",
                "BW-AWS-IAM-002 " + sandbox + "222 aws_iam_policy.sandbox_power",
                // NotAction iam:* and organizations:* on "*" still grants every action of KMS, EC2, Lambda, ...
                "BW-AWS-IAM-002 " + sandbox + "223 aws_iam_policy.sandbox_power",
                "BW-AWS-IAM-003 " + sandbox + "223 aws_iam_policy.sandbox_power",
                "BW-AWS-IAM-004 " + sandbox + "224 aws_iam_policy.sandbox_power",
                "BW-AWS-IAM-005 " + sandbox + "225 aws_iam_policy.sandbox_power",
                "BW-AWS-IAM-006 " + sandbox + "226 aws_iam_policy.sandbox_power",
                "BW-AWS-IAM-010 " + sandbox + "235 aws_iam_role.partner",
                "BW-AWS-IAM-013 " + sandbox + "241 aws_iam_role.partner",
                "BW-AWS-IAM-014 " + sandbox + "248 aws_iam_user.intern",
                "BW-AWS-KMS-006 " + sandbox + "255 aws_kms_key.shared",
                "BW-AWS-KMS-005 " + sandbox + "256 aws_kms_key.shared",
                "BW-AWS-KMS-007 " + sandbox + "257 aws_kms_key.shared",
                "BW-AWS-KMS-003 " + sandbox + "262 aws_kms_key.shared",
                "BW-AWS-S3-005 " + sandbox + "267 aws_s3_bucket.exchange",
                "BW-AWS-S3-006 " + sandbox + "267 aws_s3_bucket.exchange",
                "BW-AWS-S3-007 " + sandbox + "267 aws_s3_bucket.exchange",
                "BW-AWS-S3-009 " + sandbox + "267 aws_s3_bucket.exchange",
                "BW-AWS-S3-010 " + sandbox + "275 aws_s3_bucket_policy.exchange",
                "BW-AWS-SM-004 " + sandbox + "288 aws_secretsmanager_secret_rotation.token",
                "BW-AWS-SM-003 " + sandbox + "296 aws_secretsmanager_secret_policy.token",
                "BW-AWS-RS-005 " + sandbox + "307 aws_redshift_parameter_group.lax",
                "BW-AWS-RS-006 " + sandbox + "319 aws_redshift_cluster.pinned",
                "BW-AWS-RDS-011 " + sandbox + "328 aws_db_proxy.plain",
                "BW-AWS-EC-003 " + sandbox + "339 aws_elasticache_replication_group.noauth",
                "BW-AWS-EC-006 " + sandbox + "348 aws_elasticache_replication_group.noauth",
                "BW-AWS-OS-010 " + sandbox + "368 aws_opensearch_domain.anonymous",
                "BW-AWS-DDB-004 " + sandbox + "380 aws_dax_cluster.cache",
                "BW-AWS-DDB-005 " + sandbox + "380 aws_dax_cluster.cache",
                "BW-AWS-BAK-002 " + sandbox + "394 aws_backup_plan.short",
                "BW-AWS-APIGW-007 " + sandbox + "419 aws_api_gateway_stage.cached",
                "BW-AWS-APIGW-009 " + sandbox + "422 aws_api_gateway_stage.cached",
                "BW-AWS-APIGW-008 " + sandbox + "436 aws_apigatewayv2_stage.hooks",
                "BW-AWS-APIGW-010 " + sandbox + "442 aws_apigatewayv2_route.hooks"));
        assertThat(terraform(HARDENED.resolve("insecure/terraform-sandbox"))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void insecureCloudFormationFindings() throws IOException {
        List<String> expected = new ArrayList<>();
        at(expected, "legacy-stack.yaml", "Uploads", 17, "S3-005", "S3-006", "S3-007", "S3-009");
        at(expected, "legacy-stack.yaml", "Uploads", 20, "S3-001");
        at(expected, "legacy-stack.yaml", "Uploads", 22, "S3-002");
        at(expected, "legacy-stack.yaml", "WebSecurityGroup", 25, "EC2-008");
        at(expected, "legacy-stack.yaml", "WebSecurityGroup", 34, "EC2-001");
        at(expected, "legacy-stack.yaml", "WebSecurityGroup", 36, "EC2-001", "EC2-003");
        at(expected, "legacy-stack.yaml", "Database", 38, "RDS-005", "RDS-006", "RDS-007");
        at(expected, "legacy-stack.yaml", "Database", 42, "RDS-008");
        at(expected, "legacy-stack.yaml", "Database", 43, "RDS-009");
        at(expected, "legacy-stack.yaml", "Database", 44, "RDS-001");
        at(expected, "legacy-stack.yaml", "Database", 45, "RDS-004");
        at(expected, "legacy-stack.yaml", "DatabaseInstance", 53, "RDS-002");
        at(expected, "legacy-stack.yaml", "DataKey", 55, "KMS-001");
        at(expected, "legacy-stack.yaml", "DataKey", 62, "KMS-002");
        at(expected, "legacy-stack.yaml", "Cdn", 66, "CF-002", "CF-003", "CF-004");
        at(expected, "legacy-stack.yaml", "Cdn", 74, "CF-006");
        at(expected, "legacy-stack.yaml", "Cdn", 78, "CF-005");
        at(expected, "legacy-stack.yaml", "Cdn", 83, "CF-007");
        at(expected, "legacy-stack.yaml", "Cdn", 86, "CF-001");
        at(expected, "legacy-stack.yaml", "LoadBalancer", 88, "ELB-003", "ELB-004", "ELB-005", "ELB-006");
        at(expected, "legacy-stack.yaml", "LoadBalancer", 94, "ELB-007");
        at(expected, "legacy-stack.yaml", "HttpListener", 102, "ELB-001");
        at(expected, "legacy-stack.yaml", "HttpsListener", 113, "ELB-002");
        at(expected, "legacy-stack.yaml", "Search", 121, "OS-001", "OS-002", "OS-006", "OS-007", "OS-008", "OS-009");
        at(expected, "legacy-stack.yaml", "Search", 126, "OS-003");
        at(expected, "legacy-stack.yaml", "Search", 127, "OS-004");
        at(expected, "legacy-stack.yaml", "Search", 131, "OS-005");
        at(expected, "legacy-stack.yaml", "Cache", 137, "EC-001", "EC-002", "EC-004", "EC-005");
        at(expected, "legacy-stack.yaml", "Carts", 145, "DDB-001", "DDB-002", "DDB-003");
        at(expected, "legacy-stack.yaml", "Worker", 159, "ECS-005");
        at(expected, "legacy-stack.yaml", "Worker", 160, "ECS-007");
        at(expected, "legacy-stack.yaml", "Worker", 162, "ECS-003", "ECS-006");
        at(expected, "legacy-stack.yaml", "Worker", 164, "ECS-001");
        at(expected, "legacy-stack.yaml", "Worker", 165, "ECS-002");
        at(expected, "legacy-stack.yaml", "Worker", 166, "ECS-004");
        at(expected, "legacy-stack.yaml", "Images", 170, "ECR-001", "ECR-002", "ECR-004");
        at(expected, "legacy-stack.yaml", "Warehouse", 175, "RS-003", "RS-004", "RS-007");
        at(expected, "legacy-stack.yaml", "Warehouse", 181, "RS-008");
        at(expected, "legacy-stack.yaml", "Warehouse", 182, "RS-009");
        at(expected, "legacy-stack.yaml", "Warehouse", 183, "RS-001");
        at(expected, "legacy-stack.yaml", "Warehouse", 184, "RS-002");
        at(expected, "legacy-stack.yaml", "Files", 186, "EFS-001", "EFS-002");
        at(expected, "legacy-stack.yaml", "Vault", 191, "BAK-001", "BAK-003");
        at(expected, "legacy-stack.yaml", "Recorder", 196, "CFG-004");
        at(expected, "legacy-stack.yaml", "Recorder", 200, "CFG-002");
        at(expected, "legacy-stack.yaml", "Recorder", 201, "CFG-001");
        at(expected, "legacy-stack.yaml", "Detector", 208, "GD-001");
        at(expected, "legacy-stack.yaml", "Hub", 213, "SH-001");
        at(expected, "legacy-stack.yaml", "Hub", 214, "SH-002");
        at(expected, "legacy-stack.yaml", "ApiDomain", 221, "APIGW-005");
        at(expected, "legacy-stack.yaml", "PartnerCredentials", 223, "SM-001", "SM-002");
        at(expected, "legacy-stack.yaml", "LegacyBalancer", 228, "ELB-009");
        at(expected, "legacy-stack.yaml", "LegacyBalancer", 235, "ELB-008");
        at(expected, "legacy-stack.yaml", "LegacyBalancer", 236, "ELB-010");
        at(expected, "legacy-stack.yaml", "ScratchVolume", 242, "EC2-013");
        at(expected, "legacy-stack.yaml", "Notifications", 248, "SNS-001");
        at(expected, "legacy-stack.yaml", "NotificationsPolicy", 259, "SNS-002");
        // Jobs itself is not reported: without SqsManagedSseEnabled: false SQS encrypts it (SSE-SQS).
        at(expected, "legacy-stack.yaml", "JobsPolicy", 275, "SQS-002");
        at(expected, "legacy-stack.yaml", "ThumbnailerFromS3", 298, "LAM-005");
        at(expected, "legacy-stack.yaml", "AnyoneRole", 306, "IAM-009");

        at(expected, "legacy-sam.yaml", "Checkout", 7, "LAM-003");
        at(expected, "legacy-sam.yaml", "Checkout", 11, "LAM-006");
        at(expected, "legacy-sam.yaml", "CheckoutUrl", 17, "LAM-001");
        at(expected, "legacy-sam.yaml", "Checkout", 18, "LAM-007");
        at(expected, "legacy-sam.yaml", "Checkout", 19, "LAM-002");
        at(expected, "legacy-sam.yaml", "ServerlessRestApiProdStage", 22, "APIGW-001", "APIGW-002", "APIGW-003", "APIGW-006");
        at(expected, "legacy-sam.yaml", "CheckoutOrderMethod", 22, "APIGW-004");

        at(expected, "audit-gaps.yaml", "TrailLogs", 39, "CW-003");
        at(expected, "audit-gaps.yaml", "TrailLogs", 42, "CW-002");
        // One multi-region trail reaches CloudWatch Logs; only the root-usage filter (CIS 4.3) has an
        // alarm that notifies, the unauthorized-calls alarm has no actions.
        at(expected, "audit-gaps.yaml", "Trail", 52, "CW-004", "CW-005", "CW-007", "CW-008", "CW-009", "CW-010", "CW-011",
                "CW-012", "CW-013", "CW-014", "CW-015", "CW-016", "CW-017", "CW-018");
        at(expected, "audit-gaps.yaml", "Trail", 54, "CT-006", "CT-007", "CT-008");
        at(expected, "audit-gaps.yaml", "UnauthorizedCallsAlarm", 91, "CW-019");
        assertThat(cloudFormation(HARDENED.resolve("insecure/cloudformation"))).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Messages say what is wrong, never what the secret is. */
    @Test
    void messagesNeverRepeatSecretValues() throws IOException {
        List<String> secrets = List.of("Winter2024!", "hunter2", "AKIAIOSFODNN7EXAMPLE", "Storefront2019", "tok_live_", "pk_live_");
        List<String> messages = new ArrayList<>();
        for (Scanned scanned : scan(TestingAws.resources(TestingAws.group(HARDENED.resolve("insecure/terraform"), AdaptOptions.none())))) {
            messages.add(scanned.message());
        }
        for (Scanned scanned : scan(cloudFormationResources(HARDENED.resolve("insecure/cloudformation")))) {
            messages.add(scanned.message());
        }
        assertThat(messages).isNotEmpty().allSatisfy(message -> assertThat(secrets).noneMatch(message::contains));
    }

    // ---- scanning ----------------------------------------------------------------------------

    private record Scanned(String rule, String file, int line, String address, String message) {}

    private static void at(List<String> expected, String file, String address, int line, String... rules) {
        for (String rule : rules) {
            expected.add("BW-AWS-" + rule + " " + file + ":" + line + " " + address);
        }
    }

    private static List<String> terraform(Path root) throws IOException {
        return format(root, scan(TestingAws.resources(TestingAws.group(root, AdaptOptions.none()))));
    }

    private static List<String> cloudFormation(Path folder) throws IOException {
        return format(folder, scan(cloudFormationResources(folder)));
    }

    private static List<Resource> cloudFormationResources(Path folder) throws IOException {
        List<Resource> resources = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
                AdaptResult result = ADAPTER.adapt(TestingAws.read(file), AdaptOptions.none());
                assertThat(result.problems()).as("parse problems in " + file).isEmpty();
                resources.addAll(result.resources());
            }
        }
        return resources;
    }

    /** Every applicable rule on every resource, with the scan-wide variables of the whole set, as the scanner runs them. */
    private static List<Scanned> scan(List<Resource> resources) {
        assertThat(resources).isNotEmpty();
        Map<String, Object> scanVariables = ADAPTER.scanVariables(resources);
        List<Scanned> findings = new ArrayList<>();
        for (Resource resource : resources) {
            for (Rule rule : ALL_RULES) {
                if (!rule.appliesTo(resource.target(), resource.kind())) {
                    continue;
                }
                List<Violation> violations;
                try {
                    violations = RuleEvaluator.evaluate(rule, resource, scanVariables);
                } catch (RuleEvaluator.EvaluationFailure e) {
                    throw new AssertionError(rule.id() + " fails on " + resource.ref().address() + ": " + e.getMessage(), e);
                }
                for (Violation violation : violations) {
                    SourceLocation location = violation.path().isEmpty() ? resource.location() : resource.locations().locate(violation.path());
                    findings.add(new Scanned(rule.id(), location.file(), location.startLine(), resource.ref().address(), violation.message()));
                }
            }
        }
        return findings;
    }

    /** {@code RULE file:line address}, sorted; the file relative to {@code folder}, the address without its root's folder. */
    private static List<String> format(Path folder, List<Scanned> findings) {
        String prefix = folder.toString().replace('\\', '/') + "/";
        List<String> formatted = new ArrayList<>();
        for (Scanned finding : findings) {
            String file = finding.file().replace('\\', '/');
            int start = file.indexOf(prefix);
            String relative = start >= 0 ? file.substring(start + prefix.length()) : file;
            String address = finding.address().replaceFirst("^[^ \\[]*: ", "");
            formatted.add(finding.rule() + " " + relative + ":" + finding.line() + " " + address);
        }
        formatted.sort(null);
        return formatted;
    }
}
