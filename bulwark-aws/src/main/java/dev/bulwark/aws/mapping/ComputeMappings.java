package dev.bulwark.aws.mapping;

import dev.bulwark.aws.model.PropertyWriter;
import dev.bulwark.aws.terraform.EncodedJson;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Lambda, ECS, ECR and EKS.
 *
 * <p>ECS container definitions are one JSON string in Terraform, written with the ECS API's
 * lower camel keys; they become CloudFormation's {@code ContainerDefinitions} list with upper camel
 * keys, except inside maps whose keys are the user's ({@code dockerLabels}, log and FireLens
 * {@code options}), which are kept as written.
 */
final class ComputeMappings {
    private static final Mappings.Parent REPOSITORY = new Mappings.Parent("AWS::ECR::Repository", "repository",
            List.of("RepositoryName"));

    /** ECS API objects whose keys are data, not property names. */
    private static final Set<String> USER_MAPS = Set.of("dockerlabels", "options");

    private ComputeMappings() {}

    static void register(Mappings mappings) {
        lambda(mappings);
        ecs(mappings);
        ecr(mappings);
        eks(mappings);
    }

    private static void lambda(Mappings mappings) {
        mappings.resource("aws_lambda_function", "AWS::Lambda::Function", (tf, out, output) -> {
            out.set("FunctionName", tf.raw("function_name"), tf.at("function_name"));
            out.set("Role", tf.raw("role"), tf.at("role"));
            out.set("Runtime", tf.raw("runtime"), tf.at("runtime"));
            out.set("Handler", tf.raw("handler"), tf.at("handler"));
            out.set("PackageType", tf.raw("package_type"), tf.at("package_type"));
            out.set("Architectures", tf.raw("architectures"), tf.at("architectures"));
            out.set("Layers", tf.raw("layers"), tf.at("layers"));
            out.set("KmsKeyArn", tf.raw("kms_key_arn"), tf.at("kms_key_arn"));
            out.set("CodeSigningConfigArn", tf.raw("code_signing_config_arn"), tf.at("code_signing_config_arn"));
            out.set("Code.ImageUri", tf.raw("image_uri"), tf.at("image_uri"));
            out.set("Code.S3Bucket", tf.raw("s3_bucket"), tf.at("s3_bucket"));
            out.set("Code.S3Key", tf.raw("s3_key"), tf.at("s3_key"));
            Object reserved = tf.number("reserved_concurrent_executions");
            // -1, the provider's default, means unreserved: CloudFormation leaves the property out.
            if (!(reserved instanceof Long value && value < 0)) {
                out.set("ReservedConcurrentExecutions", reserved, tf.at("reserved_concurrent_executions"));
            }
            if (tf.blocksUnknown("environment")) {
                out.set("Environment", Unknown.because("dynamic environment block"), tf.at("environment"));
            }
            tf.block("environment").ifPresent(environment -> {
                out.set("Environment", new KnownMap(environment.location()), environment.location());
                out.set("Environment.Variables", environment.raw("variables"), environment.at("variables"));
            });
            if (tf.blocksUnknown("vpc_config")) {
                out.set("VpcConfig", Unknown.because("dynamic vpc_config block"), tf.at("vpc_config"));
            }
            tf.block("vpc_config").ifPresent(vpc -> {
                out.set("VpcConfig", new KnownMap(vpc.location()), vpc.location());
                out.set("VpcConfig.SubnetIds", vpc.raw("subnet_ids"), vpc.at("subnet_ids"));
                out.set("VpcConfig.SecurityGroupIds", vpc.raw("security_group_ids"), vpc.at("security_group_ids"));
                out.set("VpcConfig.Ipv6AllowedForDualStack", vpc.bool("ipv6_allowed_for_dual_stack"), vpc.at("ipv6_allowed_for_dual_stack"));
            });
            if (tf.blocksUnknown("tracing_config")) {
                out.set("TracingConfig", Unknown.because("dynamic tracing_config block"), tf.at("tracing_config"));
            }
            tf.block("tracing_config").ifPresent(tracing -> out.set("TracingConfig.Mode", tracing.raw("mode"), tracing.at("mode")));
            if (tf.blocksUnknown("dead_letter_config")) {
                out.set("DeadLetterConfig", Unknown.because("dynamic dead_letter_config block"), tf.at("dead_letter_config"));
            }
            tf.block("dead_letter_config").ifPresent(dlq -> out.set("DeadLetterConfig.TargetArn", dlq.raw("target_arn"),
                    dlq.at("target_arn")));
            tf.block("logging_config").ifPresent(logging -> out.set("LoggingConfig", logging.object("log_format", "LogFormat",
                    "log_group", "LogGroup", "application_log_level", "ApplicationLogLevel", "system_log_level", "SystemLogLevel"),
                    logging.location()));
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
        });
        mappings.resource("aws_lambda_function_url", "AWS::Lambda::Url", (tf, out, output) -> {
            out.set("TargetFunctionArn", tf.raw("function_name"), tf.at("function_name"));
            out.set("Qualifier", tf.raw("qualifier"), tf.at("qualifier"));
            out.set("AuthType", tf.raw("authorization_type"), tf.at("authorization_type"));
            out.set("InvokeMode", tf.raw("invoke_mode"), tf.at("invoke_mode"));
            tf.block("cors").ifPresent(cors -> out.set("Cors", cors.object("allow_credentials", "AllowCredentials",
                    "allow_headers", "AllowHeaders", "allow_methods", "AllowMethods", "allow_origins", "AllowOrigins",
                    "expose_headers", "ExposeHeaders", "max_age", "MaxAge"), cors.location()));
        });
        mappings.resource("aws_lambda_permission", "AWS::Lambda::Permission", (tf, out, output) -> {
            Object function = tf.raw("function_name");
            Object qualifier = tf.raw("qualifier");
            if (function instanceof String name && qualifier instanceof String alias) {
                function = name + ":" + alias;
            }
            out.set("FunctionName", function, tf.at("function_name"));
            out.set("Action", tf.raw("action"), tf.at("action"));
            out.set("Principal", tf.raw("principal"), tf.at("principal"));
            out.set("SourceArn", tf.raw("source_arn"), tf.at("source_arn"));
            out.set("SourceAccount", tf.raw("source_account"), tf.at("source_account"));
            out.set("PrincipalOrgID", tf.raw("principal_org_id"), tf.at("principal_org_id"));
            out.set("EventSourceToken", tf.raw("event_source_token"), tf.at("event_source_token"));
            out.set("FunctionUrlAuthType", tf.raw("function_url_auth_type"), tf.at("function_url_auth_type"));
        });
        mappings.resource("aws_lambda_function_event_invoke_config", "AWS::Lambda::EventInvokeConfig", (tf, out, output) -> {
            out.set("FunctionName", tf.raw("function_name"), tf.at("function_name"));
            // CloudFormation requires the qualifier; the provider's default is the unpublished version.
            out.set("Qualifier", tf.has("qualifier") ? tf.raw("qualifier") : "$LATEST", tf.at("qualifier"));
            out.set("MaximumRetryAttempts", tf.number("maximum_retry_attempts"), tf.at("maximum_retry_attempts"));
            out.set("MaximumEventAgeInSeconds", tf.number("maximum_event_age_in_seconds"), tf.at("maximum_event_age_in_seconds"));
            tf.block("destination_config").ifPresent(destinations -> {
                destinations.block("on_failure").ifPresent(failure -> out.set("DestinationConfig.OnFailure.Destination",
                        failure.raw("destination"), failure.at("destination")));
                destinations.block("on_success").ifPresent(success -> out.set("DestinationConfig.OnSuccess.Destination",
                        success.raw("destination"), success.at("destination")));
            });
        });
    }

    private static void ecs(Mappings mappings) {
        mappings.resource("aws_ecs_task_definition", "AWS::ECS::TaskDefinition", (tf, out, output) -> {
            out.set("Family", tf.raw("family"), tf.at("family"));
            out.set("ContainerDefinitions", containerDefinitions(tf.raw("container_definitions"), tf.at("container_definitions")),
                    tf.at("container_definitions"));
            out.set("NetworkMode", tf.raw("network_mode"), tf.at("network_mode"));
            out.set("PidMode", tf.raw("pid_mode"), tf.at("pid_mode"));
            out.set("IpcMode", tf.raw("ipc_mode"), tf.at("ipc_mode"));
            out.set("RequiresCompatibilities", tf.raw("requires_compatibilities"), tf.at("requires_compatibilities"));
            out.set("ExecutionRoleArn", tf.raw("execution_role_arn"), tf.at("execution_role_arn"));
            out.set("TaskRoleArn", tf.raw("task_role_arn"), tf.at("task_role_arn"));
            out.set("Cpu", tf.raw("cpu"), tf.at("cpu"));
            out.set("Memory", tf.raw("memory"), tf.at("memory"));
            tf.block("runtime_platform").ifPresent(platform -> out.set("RuntimePlatform", platform.object(
                    "operating_system_family", "OperatingSystemFamily", "cpu_architecture", "CpuArchitecture"), platform.location()));
            tf.block("ephemeral_storage").ifPresent(storage -> out.set("EphemeralStorage.SizeInGiB", storage.number("size_in_gib"),
                    storage.at("size_in_gib")));
            if (tf.blocksUnknown("volume")) {
                out.set("Volumes", Unknown.because("dynamic volume blocks"), tf.at("volume"));
            }
            for (TfView volume : tf.blocks("volume")) {
                out.append("Volumes", volume(volume), volume.location());
            }
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
        });
        mappings.resource("aws_ecs_cluster", "AWS::ECS::Cluster", (tf, out, output) -> {
            out.set("ClusterName", tf.raw("name"), tf.at("name"));
            if (tf.blocksUnknown("setting")) {
                out.set("ClusterSettings", Unknown.because("dynamic setting blocks"), tf.at("setting"));
            }
            for (TfView setting : tf.blocks("setting")) {
                out.append("ClusterSettings", setting.object("name", "Name", "value", "Value"), setting.location());
            }
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
        });
        mappings.resource("aws_ecs_account_setting_default", "Bulwark::ECS::AccountSettingDefault", (tf, out, output) -> {
            out.set("Name", tf.raw("name"), tf.at("name"));
            out.set("Value", tf.raw("value"), tf.at("value"));
        });
        mappings.resource("aws_ecs_service", "AWS::ECS::Service", (tf, out, output) -> {
            out.set("ServiceName", tf.raw("name"), tf.at("name"));
            out.set("Cluster", tf.raw("cluster"), tf.at("cluster"));
            out.set("TaskDefinition", tf.raw("task_definition"), tf.at("task_definition"));
            out.set("LaunchType", tf.raw("launch_type"), tf.at("launch_type"));
            out.set("PlatformVersion", tf.raw("platform_version"), tf.at("platform_version"));
            out.set("DesiredCount", tf.number("desired_count"), tf.at("desired_count"));
            if (tf.blocksUnknown("network_configuration")) {
                out.set("NetworkConfiguration", Unknown.because("dynamic network_configuration block"), tf.at("network_configuration"));
            }
            tf.block("network_configuration").ifPresent(network -> {
                String prefix = "NetworkConfiguration.AwsvpcConfiguration.";
                out.set(prefix + "Subnets", network.raw("subnets"), network.at("subnets"));
                out.set(prefix + "SecurityGroups", network.raw("security_groups"), network.at("security_groups"));
                out.set(prefix + "AssignPublicIp", TfView.map(network.bool("assign_public_ip"),
                        value -> Boolean.TRUE.equals(value) ? "ENABLED" : "DISABLED"), network.at("assign_public_ip"));
            });
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
        });
    }

    private static KnownMap volume(TfView volume) {
        KnownMap entry = new KnownMap(volume.location());
        entry.put("Name", volume.raw("name"), volume.at("name"));
        if (volume.has("host_path")) {
            KnownMap host = new KnownMap(volume.at("host_path"));
            host.put("SourcePath", volume.raw("host_path"), volume.at("host_path"));
            entry.put("Host", host, volume.at("host_path"));
        }
        volume.block("efs_volume_configuration").ifPresent(efs -> {
            KnownMap configuration = new KnownMap(efs.location());
            configuration.put("FilesystemId", efs.raw("file_system_id"), efs.at("file_system_id"));
            putIfSet(configuration, efs, "root_directory", "RootDirectory");
            putIfSet(configuration, efs, "transit_encryption", "TransitEncryption");
            if (efs.has("transit_encryption_port")) {
                configuration.put("TransitEncryptionPort", efs.number("transit_encryption_port"), efs.at("transit_encryption_port"));
            }
            efs.block("authorization_config").ifPresent(authorization -> configuration.put("AuthorizationConfig",
                    authorization.object("access_point_id", "AccessPointId", "iam", "IAM"), authorization.location()));
            entry.put("EFSVolumeConfiguration", configuration, efs.location());
        });
        volume.block("docker_volume_configuration").ifPresent(docker -> entry.put("DockerVolumeConfiguration",
                docker.object("scope", "Scope", "autoprovision", "Autoprovision", "driver", "Driver", "driver_opts", "DriverOpts",
                        "labels", "Labels"), docker.location()));
        return entry;
    }

    private static void putIfSet(KnownMap into, TfView from, String name, String property) {
        if (from.has(name)) {
            into.put(property, from.raw(name), from.at(name));
        }
    }

    /** Terraform's container_definitions (jsonencode or JSON text) as CloudFormation's ContainerDefinitions. */
    private static Object containerDefinitions(Object value, SourceLocation location) {
        if (value == null || value instanceof Unknown) {
            return value;
        }
        Object structure;
        if (value instanceof EncodedJson json) {
            structure = json.structure();
        } else if (value instanceof String text) {
            structure = TfView.parseJson(text, location);
        } else {
            structure = value;
        }
        return ecsKeys(structure, false, 0);
    }

    /** ECS API keys (lower camel) to CloudFormation's (upper camel), keeping the keys of user maps. */
    private static Object ecsKeys(Object value, boolean userMap, int depth) {
        if (depth > 32) {
            return Unknown.because("container definitions nested too deeply");
        }
        if (value instanceof KnownMap map) {
            KnownMap result = new KnownMap(map.location(), map.size());
            for (String key : map.keyList()) {
                boolean childIsUserMap = !userMap && USER_MAPS.contains(key.toLowerCase(Locale.ROOT));
                String name = userMap || key.isEmpty() ? key : Character.toUpperCase(key.charAt(0)) + key.substring(1);
                Object child = userMap ? map.raw(key) : ecsKeys(map.raw(key), childIsUserMap, depth + 1);
                result.put(name, child, map.entryLocation(key));
            }
            return result;
        }
        if (value instanceof KnownList list) {
            KnownList result = new KnownList(list.location(), list.size());
            for (int i = 0; i < list.size(); i++) {
                result.append(ecsKeys(list.raw(i), false, depth + 1), list.elementLocation(i));
            }
            return result;
        }
        return value;
    }

    private static void ecr(Mappings mappings) {
        mappings.resource("aws_ecr_repository", "AWS::ECR::Repository", (tf, out, output) -> {
            out.set("RepositoryName", tf.raw("name"), tf.at("name"));
            out.set("ImageTagMutability", tf.raw("image_tag_mutability"), tf.at("image_tag_mutability"));
            out.set("EmptyOnDelete", tf.bool("force_delete"), tf.at("force_delete"));
            if (tf.blocksUnknown("image_scanning_configuration")) {
                out.set("ImageScanningConfiguration", Unknown.because("dynamic image_scanning_configuration block"),
                        tf.at("image_scanning_configuration"));
            }
            tf.block("image_scanning_configuration").ifPresent(scanning -> {
                out.set("ImageScanningConfiguration", new KnownMap(scanning.location()), scanning.location());
                // scan_on_push is required in the block; absent it is false, as the provider sends it.
                out.set("ImageScanningConfiguration.ScanOnPush", scanning.has("scan_on_push") ? scanning.bool("scan_on_push")
                        : Boolean.FALSE, scanning.at("scan_on_push"));
            });
            if (tf.blocksUnknown("encryption_configuration")) {
                out.set("EncryptionConfiguration", Unknown.because("dynamic encryption_configuration block"),
                        tf.at("encryption_configuration"));
            }
            tf.block("encryption_configuration").ifPresent(encryption -> {
                out.set("EncryptionConfiguration", new KnownMap(encryption.location()), encryption.location());
                out.set("EncryptionConfiguration.EncryptionType", encryption.raw("encryption_type"), encryption.at("encryption_type"));
                out.set("EncryptionConfiguration.KmsKey", encryption.raw("kms_key"), encryption.at("kms_key"));
            });
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
        });
        mappings.child("aws_ecr_repository_policy", REPOSITORY, (tf, out, output) ->
                out.set("RepositoryPolicyText", tf.policy("policy"), tf.at("policy")));
        mappings.child("aws_ecr_lifecycle_policy", REPOSITORY, (tf, out, output) ->
                out.set("LifecyclePolicy.LifecyclePolicyText", tf.raw("policy"), tf.at("policy")));
        mappings.resource("aws_ecr_registry_scanning_configuration", "AWS::ECR::RegistryScanningConfiguration", (tf, out, output) -> {
            out.set("ScanType", tf.raw("scan_type"), tf.at("scan_type"));
            if (tf.blocksUnknown("rule")) {
                out.set("Rules", Unknown.because("dynamic rule blocks"), tf.at("rule"));
            }
            for (TfView rule : tf.blocks("rule")) {
                KnownMap entry = new KnownMap(rule.location());
                entry.put("ScanFrequency", rule.raw("scan_frequency"), rule.at("scan_frequency"));
                KnownList filters = new KnownList(rule.location());
                for (TfView filter : rule.blocks("repository_filter")) {
                    filters.append(filter.object("filter", "Filter", "filter_type", "FilterType"), filter.location());
                }
                entry.put("RepositoryFilters", filters, rule.location());
                out.append("Rules", entry, rule.location());
            }
        });
    }

    private static void eks(Mappings mappings) {
        mappings.resource("aws_eks_cluster", "AWS::EKS::Cluster", (tf, out, output) -> {
            out.set("Name", tf.raw("name"), tf.at("name"));
            out.set("RoleArn", tf.raw("role_arn"), tf.at("role_arn"));
            out.set("Version", tf.raw("version"), tf.at("version"));
            tf.block("vpc_config").ifPresent(vpc -> {
                out.set("ResourcesVpcConfig", new KnownMap(vpc.location()), vpc.location());
                out.set("ResourcesVpcConfig.SubnetIds", vpc.raw("subnet_ids"), vpc.at("subnet_ids"));
                out.set("ResourcesVpcConfig.SecurityGroupIds", vpc.raw("security_group_ids"), vpc.at("security_group_ids"));
                out.set("ResourcesVpcConfig.EndpointPublicAccess", vpc.bool("endpoint_public_access"), vpc.at("endpoint_public_access"));
                out.set("ResourcesVpcConfig.EndpointPrivateAccess", vpc.bool("endpoint_private_access"), vpc.at("endpoint_private_access"));
                out.set("ResourcesVpcConfig.PublicAccessCidrs", vpc.raw("public_access_cidrs"), vpc.at("public_access_cidrs"));
            });
            if (tf.blocksUnknown("encryption_config")) {
                out.set("EncryptionConfig", Unknown.because("dynamic encryption_config block"), tf.at("encryption_config"));
            }
            for (TfView encryption : tf.blocks("encryption_config")) {
                KnownMap entry = new KnownMap(encryption.location());
                entry.put("Resources", encryption.raw("resources"), encryption.at("resources"));
                encryption.block("provider").ifPresent(provider -> entry.put("Provider", provider.object("key_arn", "KeyArn"),
                        provider.location()));
                out.append("EncryptionConfig", entry, encryption.location());
            }
            Object logTypes = tf.raw("enabled_cluster_log_types");
            if (logTypes instanceof KnownList types) {
                KnownList enabled = new KnownList(tf.at("enabled_cluster_log_types"));
                for (int i = 0; i < types.size(); i++) {
                    SourceLocation at = types.elementLocation(i) != null ? types.elementLocation(i) : tf.at("enabled_cluster_log_types");
                    KnownMap entry = new KnownMap(at);
                    entry.put("Type", types.raw(i), at);
                    enabled.append(entry, at);
                }
                out.set("Logging.ClusterLogging.EnabledTypes", enabled, tf.at("enabled_cluster_log_types"));
            } else if (logTypes != null) {
                out.set("Logging.ClusterLogging.EnabledTypes", logTypes, tf.at("enabled_cluster_log_types"));
            }
            tf.block("access_config").ifPresent(access -> {
                out.set("AccessConfig.AuthenticationMode", access.raw("authentication_mode"), access.at("authentication_mode"));
                out.set("AccessConfig.BootstrapClusterCreatorAdminPermissions",
                        access.bool("bootstrap_cluster_creator_admin_permissions"), access.at("bootstrap_cluster_creator_admin_permissions"));
            });
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
        });
        mappings.resource("aws_eks_node_group", "AWS::EKS::Nodegroup", (tf, out, output) -> {
            out.set("ClusterName", tf.raw("cluster_name"), tf.at("cluster_name"));
            out.set("NodegroupName", tf.raw("node_group_name"), tf.at("node_group_name"));
            out.set("NodeRole", tf.raw("node_role_arn"), tf.at("node_role_arn"));
            out.set("Subnets", tf.raw("subnet_ids"), tf.at("subnet_ids"));
            out.set("AmiType", tf.raw("ami_type"), tf.at("ami_type"));
            out.set("InstanceTypes", tf.raw("instance_types"), tf.at("instance_types"));
            if (tf.blocksUnknown("remote_access")) {
                out.set("RemoteAccess", Unknown.because("dynamic remote_access block"), tf.at("remote_access"));
            }
            tf.block("remote_access").ifPresent(remote -> {
                out.set("RemoteAccess", new KnownMap(remote.location()), remote.location());
                out.set("RemoteAccess.Ec2SshKey", remote.raw("ec2_ssh_key"), remote.at("ec2_ssh_key"));
                out.set("RemoteAccess.SourceSecurityGroups", remote.raw("source_security_group_ids"),
                        remote.at("source_security_group_ids"));
            });
            tf.block("launch_template").ifPresent(template -> out.set("LaunchTemplate", template.object("id", "Id", "name", "Name",
                    "version", "Version"), template.location()));
            out.set("Tags", tf.raw("tags"), tf.at("tags"));
        });
    }
}
