package dev.bulwark.aws.mapping;

import dev.bulwark.aws.model.PropertyWriter;
import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;
import java.util.List;

/**
 * DynamoDB (tables and DAX clusters), ElastiCache (replication groups and cache clusters),
 * OpenSearch and legacy Elasticsearch domains, and Redshift clusters with their parameter groups.
 *
 * <p>Differences from CloudFormation written explicitly: a Terraform {@code domain_endpoint_options}
 * block without {@code enforce_https} enforces HTTPS (the provider's default inside the block), and
 * a {@code log_publishing_options} block without {@code enabled} is enabled. A Terraform
 * {@code aws_elasticache_cluster} that joins a replication group ({@code replication_group_id}) is
 * a node of that group, which CloudFormation models on the group alone, so it is not emitted.
 */
final class DatabaseMappings {
    private static final Mappings.Parent OPENSEARCH = new Mappings.Parent("AWS::OpenSearchService::Domain", "domain_name",
            List.of("DomainName"));
    private static final Mappings.Parent ELASTICSEARCH = new Mappings.Parent("AWS::Elasticsearch::Domain", "domain_name",
            List.of("DomainName"));
    private static final Mappings.Parent REDSHIFT = new Mappings.Parent("AWS::Redshift::Cluster", "cluster_identifier",
            List.of("ClusterIdentifier"));

    private DatabaseMappings() {}

    static void register(Mappings mappings) {
        dynamoDb(mappings);
        elastiCache(mappings);
        mappings.resource("aws_opensearch_domain", "AWS::OpenSearchService::Domain", (tf, out, output) -> domain(tf, out, true));
        mappings.resource("aws_elasticsearch_domain", "AWS::Elasticsearch::Domain", (tf, out, output) -> domain(tf, out, false));
        mappings.child("aws_opensearch_domain_policy", OPENSEARCH, (tf, out, output) ->
                out.set("AccessPolicies", tf.policy("access_policies"), tf.at("access_policies")));
        mappings.child("aws_elasticsearch_domain_policy", ELASTICSEARCH, (tf, out, output) ->
                out.set("AccessPolicies", tf.policy("access_policies"), tf.at("access_policies")));
        redshift(mappings);
    }

    private static void dynamoDb(Mappings mappings) {
        mappings.resource("aws_dynamodb_table", "AWS::DynamoDB::Table", (tf, out, output) -> {
            out.set("TableName", tf.raw("name"), tf.at("name"));
            out.set("BillingMode", tf.raw("billing_mode"), tf.at("billing_mode"));
            out.set("TableClass", tf.raw("table_class"), tf.at("table_class"));
            out.set("DeletionProtectionEnabled", tf.bool("deletion_protection_enabled"), tf.at("deletion_protection_enabled"));
            if (tf.blocksUnknown("server_side_encryption")) {
                out.set("SSESpecification", Unknown.because("dynamic server_side_encryption block"), tf.at("server_side_encryption"));
            }
            tf.block("server_side_encryption").ifPresent(sse -> {
                out.set("SSESpecification", new KnownMap(sse.location()), sse.location());
                Object enabled = sse.bool("enabled");
                out.set("SSESpecification.SSEEnabled", enabled, sse.at("enabled"));
                if (Boolean.TRUE.equals(enabled)) {
                    out.set("SSESpecification.SSEType", "KMS", sse.at("enabled"));
                }
                out.set("SSESpecification.KMSMasterKeyId", sse.raw("kms_key_arn"), sse.at("kms_key_arn"));
            });
            if (tf.blocksUnknown("point_in_time_recovery")) {
                out.set("PointInTimeRecoverySpecification", Unknown.because("dynamic point_in_time_recovery block"),
                        tf.at("point_in_time_recovery"));
            }
            tf.block("point_in_time_recovery").ifPresent(pitr -> {
                out.set("PointInTimeRecoverySpecification", new KnownMap(pitr.location()), pitr.location());
                out.set("PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled", pitr.bool("enabled"), pitr.at("enabled"));
                out.set("PointInTimeRecoverySpecification.RecoveryPeriodInDays", pitr.number("recovery_period_in_days"),
                        pitr.at("recovery_period_in_days"));
            });
            Object stream = tf.bool("stream_enabled");
            if (stream instanceof Unknown) {
                out.set("StreamSpecification", stream, tf.at("stream_enabled"));
            } else if (Boolean.TRUE.equals(stream)) {
                out.set("StreamSpecification.StreamViewType", tf.raw("stream_view_type"), tf.at("stream_view_type"));
            }
            tf.block("ttl").ifPresent(ttl -> out.set("TimeToLiveSpecification",
                    ttl.object("attribute_name", "AttributeName", "enabled", "Enabled"), ttl.location()));
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
        });
        mappings.resource("aws_dax_cluster", "AWS::DAX::Cluster", (tf, out, output) -> {
            out.set("ClusterName", tf.raw("cluster_name"), tf.at("cluster_name"));
            out.set("NodeType", tf.raw("node_type"), tf.at("node_type"));
            out.set("ReplicationFactor", tf.number("replication_factor"), tf.at("replication_factor"));
            out.set("IAMRoleARN", tf.raw("iam_role_arn"), tf.at("iam_role_arn"));
            out.set("SubnetGroupName", tf.raw("subnet_group_name"), tf.at("subnet_group_name"));
            out.set("SecurityGroupIds", tf.raw("security_group_ids"), tf.at("security_group_ids"));
            out.set("ClusterEndpointEncryptionType", tf.raw("cluster_endpoint_encryption_type"),
                    tf.at("cluster_endpoint_encryption_type"));
            if (tf.blocksUnknown("server_side_encryption")) {
                out.set("SSESpecification", Unknown.because("dynamic server_side_encryption block"), tf.at("server_side_encryption"));
            }
            tf.block("server_side_encryption").ifPresent(sse -> {
                out.set("SSESpecification", new KnownMap(sse.location()), sse.location());
                out.set("SSESpecification.SSEEnabled", sse.bool("enabled"), sse.at("enabled"));
            });
            out.set("Tags", tf.raw("tags"), tf.at("tags"));
        });
    }

    private static void elastiCache(Mappings mappings) {
        mappings.resource("aws_elasticache_replication_group", "AWS::ElastiCache::ReplicationGroup", (tf, out, output) -> {
            out.set("ReplicationGroupId", tf.raw("replication_group_id"), tf.at("replication_group_id"));
            out.set("ReplicationGroupDescription", tf.raw("description"), tf.at("description"));
            out.set("Engine", tf.raw("engine"), tf.at("engine"));
            out.set("EngineVersion", tf.raw("engine_version"), tf.at("engine_version"));
            out.set("CacheNodeType", tf.raw("node_type"), tf.at("node_type"));
            out.set("Port", tf.number("port"), tf.at("port"));
            out.set("AtRestEncryptionEnabled", tf.bool("at_rest_encryption_enabled"), tf.at("at_rest_encryption_enabled"));
            out.set("KmsKeyId", tf.raw("kms_key_id"), tf.at("kms_key_id"));
            out.set("TransitEncryptionEnabled", tf.bool("transit_encryption_enabled"), tf.at("transit_encryption_enabled"));
            out.set("TransitEncryptionMode", tf.raw("transit_encryption_mode"), tf.at("transit_encryption_mode"));
            if (tf.has("auth_token")) {
                out.set("AuthToken", tf.raw("auth_token"), tf.at("auth_token"));
            } else if (tf.has("auth_token_wo")) {
                out.set("AuthToken", tf.raw("auth_token_wo"), tf.at("auth_token_wo"));
            }
            out.set("UserGroupIds", tf.raw("user_group_ids"), tf.at("user_group_ids"));
            out.set("AutomaticFailoverEnabled", tf.bool("automatic_failover_enabled"), tf.at("automatic_failover_enabled"));
            out.set("MultiAZEnabled", tf.bool("multi_az_enabled"), tf.at("multi_az_enabled"));
            out.set("NumCacheClusters", tf.number("num_cache_clusters"), tf.at("num_cache_clusters"));
            out.set("NumNodeGroups", tf.number("num_node_groups"), tf.at("num_node_groups"));
            out.set("ReplicasPerNodeGroup", tf.number("replicas_per_node_group"), tf.at("replicas_per_node_group"));
            out.set("ClusterMode", tf.raw("cluster_mode"), tf.at("cluster_mode"));
            out.set("SnapshotRetentionLimit", tf.number("snapshot_retention_limit"), tf.at("snapshot_retention_limit"));
            out.set("SnapshotName", tf.raw("snapshot_name"), tf.at("snapshot_name"));
            out.set("SnapshotArns", tf.raw("snapshot_arns"), tf.at("snapshot_arns"));
            out.set("AutoMinorVersionUpgrade", tf.bool("auto_minor_version_upgrade"), tf.at("auto_minor_version_upgrade"));
            out.set("CacheSubnetGroupName", tf.raw("subnet_group_name"), tf.at("subnet_group_name"));
            out.set("SecurityGroupIds", tf.raw("security_group_ids"), tf.at("security_group_ids"));
            out.set("GlobalReplicationGroupId", tf.raw("global_replication_group_id"), tf.at("global_replication_group_id"));
            logDelivery(tf, out);
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
        });
        mappings.resource("aws_elasticache_cluster", null, (tf, out, output) -> {
            if (tf.has("replication_group_id")) {
                // A node added to a replication group: its settings are the group's.
                return;
            }
            PropertyWriter cluster = output.add("AWS::ElastiCache::CacheCluster", "", tf.location());
            cluster.set("ClusterName", tf.raw("cluster_id"), tf.at("cluster_id"));
            cluster.set("Engine", tf.raw("engine"), tf.at("engine"));
            cluster.set("EngineVersion", tf.raw("engine_version"), tf.at("engine_version"));
            cluster.set("CacheNodeType", tf.raw("node_type"), tf.at("node_type"));
            cluster.set("NumCacheNodes", tf.number("num_cache_nodes"), tf.at("num_cache_nodes"));
            cluster.set("Port", tf.number("port"), tf.at("port"));
            cluster.set("AZMode", tf.raw("az_mode"), tf.at("az_mode"));
            cluster.set("TransitEncryptionEnabled", tf.bool("transit_encryption_enabled"), tf.at("transit_encryption_enabled"));
            cluster.set("SnapshotRetentionLimit", tf.number("snapshot_retention_limit"), tf.at("snapshot_retention_limit"));
            cluster.set("SnapshotName", tf.raw("snapshot_name"), tf.at("snapshot_name"));
            cluster.set("SnapshotArns", tf.raw("snapshot_arns"), tf.at("snapshot_arns"));
            cluster.set("AutoMinorVersionUpgrade", tf.bool("auto_minor_version_upgrade"), tf.at("auto_minor_version_upgrade"));
            cluster.set("CacheSubnetGroupName", tf.raw("subnet_group_name"), tf.at("subnet_group_name"));
            cluster.set("VpcSecurityGroupIds", tf.raw("security_group_ids"), tf.at("security_group_ids"));
            logDelivery(tf, cluster);
            cluster.set("Tags", tf.tags("tags"), tf.at("tags"));
        });
    }

    private static void logDelivery(TfView tf, PropertyWriter out) {
        if (tf.blocksUnknown("log_delivery_configuration")) {
            out.set("LogDeliveryConfigurations", Unknown.because("dynamic log_delivery_configuration blocks"),
                    tf.at("log_delivery_configuration"));
            return;
        }
        for (TfView delivery : tf.blocks("log_delivery_configuration")) {
            KnownMap entry = new KnownMap(delivery.location());
            Object type = delivery.raw("destination_type");
            entry.put("DestinationType", type, delivery.at("destination_type"));
            entry.put("LogFormat", delivery.raw("log_format"), delivery.at("log_format"));
            entry.put("LogType", delivery.raw("log_type"), delivery.at("log_type"));
            KnownMap details = new KnownMap(delivery.location());
            KnownMap target = new KnownMap(delivery.at("destination"));
            if ("kinesis-firehose".equals(type)) {
                target.put("DeliveryStream", delivery.raw("destination"), delivery.at("destination"));
                details.put("KinesisFirehoseDetails", target, delivery.at("destination"));
            } else {
                target.put("LogGroup", delivery.raw("destination"), delivery.at("destination"));
                details.put("CloudWatchLogsDetails", target, delivery.at("destination"));
            }
            entry.put("DestinationDetails", details, delivery.location());
            out.append("LogDeliveryConfigurations", entry, delivery.location());
        }
    }

    /** An OpenSearch ({@code opensearch}) or legacy Elasticsearch domain. */
    private static void domain(TfView tf, PropertyWriter out, boolean opensearch) {
        out.set("DomainName", tf.raw("domain_name"), tf.at("domain_name"));
        if (opensearch) {
            out.set("EngineVersion", tf.raw("engine_version"), tf.at("engine_version"));
        } else {
            out.set("ElasticsearchVersion", tf.raw("elasticsearch_version"), tf.at("elasticsearch_version"));
        }
        tf.block("cluster_config").ifPresent(config -> out.set(opensearch ? "ClusterConfig" : "ElasticsearchClusterConfig",
                config.object("instance_type", "InstanceType", "instance_count", "InstanceCount",
                        "dedicated_master_enabled", "DedicatedMasterEnabled", "dedicated_master_type", "DedicatedMasterType",
                        "dedicated_master_count", "DedicatedMasterCount", "zone_awareness_enabled", "ZoneAwarenessEnabled",
                        "warm_enabled", "WarmEnabled", "multi_az_with_standby_enabled", "MultiAZWithStandbyEnabled"),
                config.location()));
        optionBlock(tf, "encrypt_at_rest", "EncryptionAtRestOptions", out, block -> {
            out.set("EncryptionAtRestOptions.Enabled", block.bool("enabled"), block.at("enabled"));
            out.set("EncryptionAtRestOptions.KmsKeyId", block.raw("kms_key_id"), block.at("kms_key_id"));
        });
        optionBlock(tf, "node_to_node_encryption", "NodeToNodeEncryptionOptions", out, block ->
                out.set("NodeToNodeEncryptionOptions.Enabled", block.bool("enabled"), block.at("enabled")));
        optionBlock(tf, "domain_endpoint_options", "DomainEndpointOptions", out, block -> {
            // Inside the block the provider's default is to enforce HTTPS.
            out.set("DomainEndpointOptions.EnforceHTTPS", block.has("enforce_https") ? block.bool("enforce_https") : Boolean.TRUE,
                    block.at("enforce_https"));
            out.set("DomainEndpointOptions.TLSSecurityPolicy", block.raw("tls_security_policy"), block.at("tls_security_policy"));
            out.set("DomainEndpointOptions.CustomEndpointEnabled", block.bool("custom_endpoint_enabled"),
                    block.at("custom_endpoint_enabled"));
            out.set("DomainEndpointOptions.CustomEndpoint", block.raw("custom_endpoint"), block.at("custom_endpoint"));
            out.set("DomainEndpointOptions.CustomEndpointCertificateArn", block.raw("custom_endpoint_certificate_arn"),
                    block.at("custom_endpoint_certificate_arn"));
        });
        optionBlock(tf, "advanced_security_options", "AdvancedSecurityOptions", out, block -> {
            out.set("AdvancedSecurityOptions.Enabled", block.bool("enabled"), block.at("enabled"));
            out.set("AdvancedSecurityOptions.AnonymousAuthEnabled", block.bool("anonymous_auth_enabled"),
                    block.at("anonymous_auth_enabled"));
            out.set("AdvancedSecurityOptions.InternalUserDatabaseEnabled", block.bool("internal_user_database_enabled"),
                    block.at("internal_user_database_enabled"));
            block.block("master_user_options").ifPresent(master -> out.set("AdvancedSecurityOptions.MasterUserOptions",
                    master.object("master_user_arn", "MasterUserARN", "master_user_name", "MasterUserName",
                            "master_user_password", "MasterUserPassword"), master.location()));
        });
        if (tf.has("access_policies")) {
            out.set("AccessPolicies", tf.policy("access_policies"), tf.at("access_policies"));
        }
        if (tf.blocksUnknown("log_publishing_options")) {
            out.set("LogPublishingOptions", Unknown.because("dynamic log_publishing_options blocks"), tf.at("log_publishing_options"));
        } else {
            for (TfView option : tf.blocks("log_publishing_options")) {
                Object logType = option.raw("log_type");
                if (!(logType instanceof String type)) {
                    out.set("LogPublishingOptions", Unknown.because("a log_publishing_options block has an unknown log_type"),
                            option.location());
                    break;
                }
                KnownMap entry = new KnownMap(option.location());
                entry.put("CloudWatchLogsLogGroupArn", option.raw("cloudwatch_log_group_arn"), option.at("cloudwatch_log_group_arn"));
                entry.put("Enabled", option.has("enabled") ? option.bool("enabled") : Boolean.TRUE, option.at("enabled"));
                out.set("LogPublishingOptions." + type, entry, option.location());
            }
        }
        optionBlock(tf, "vpc_options", "VPCOptions", out, block -> {
            out.set("VPCOptions.SubnetIds", block.raw("subnet_ids"), block.at("subnet_ids"));
            out.set("VPCOptions.SecurityGroupIds", block.raw("security_group_ids"), block.at("security_group_ids"));
        });
        tf.block("cognito_options").ifPresent(cognito -> out.set("CognitoOptions", cognito.object("enabled", "Enabled",
                "user_pool_id", "UserPoolId", "identity_pool_id", "IdentityPoolId", "role_arn", "RoleArn"), cognito.location()));
        tf.block("ebs_options").ifPresent(ebs -> out.set("EBSOptions", ebs.object("ebs_enabled", "EBSEnabled",
                "volume_type", "VolumeType", "volume_size", "VolumeSize", "iops", "Iops", "throughput", "Throughput"), ebs.location()));
        if (opensearch) {
            tf.block("software_update_options").ifPresent(update -> out.set("SoftwareUpdateOptions.AutoSoftwareUpdateEnabled",
                    update.bool("auto_software_update_enabled"), update.at("auto_software_update_enabled")));
        }
        out.set("Tags", tf.tags("tags"), tf.at("tags"));
    }

    /** A single nested options block: unknown when dynamic, an empty object when written empty. */
    private static void optionBlock(TfView tf, String name, String property, PropertyWriter out, java.util.function.Consumer<TfView> body) {
        if (tf.blocksUnknown(name)) {
            out.set(property, Unknown.because("dynamic " + name + " block"), tf.at(name));
            return;
        }
        tf.block(name).ifPresent(block -> {
            out.set(property, new KnownMap(block.location()), block.location());
            body.accept(block);
        });
    }

    private static void redshift(Mappings mappings) {
        mappings.resource("aws_redshift_cluster", "AWS::Redshift::Cluster", (tf, out, output) -> {
            out.set("ClusterIdentifier", tf.raw("cluster_identifier"), tf.at("cluster_identifier"));
            out.set("NodeType", tf.raw("node_type"), tf.at("node_type"));
            out.set("ClusterType", tf.raw("cluster_type"), tf.at("cluster_type"));
            out.set("NumberOfNodes", tf.number("number_of_nodes"), tf.at("number_of_nodes"));
            out.set("DBName", tf.raw("database_name"), tf.at("database_name"));
            // Left out, encrypted and publicly_accessible follow AWS's defaults (encrypted, private),
            // as provider v6 does; provider v5 made clusters public unless publicly_accessible = false.
            out.set("Encrypted", tf.bool("encrypted"), tf.at("encrypted"));
            out.set("KmsKeyId", tf.raw("kms_key_id"), tf.at("kms_key_id"));
            out.set("PubliclyAccessible", tf.bool("publicly_accessible"), tf.at("publicly_accessible"));
            out.set("EnhancedVpcRouting", tf.bool("enhanced_vpc_routing"), tf.at("enhanced_vpc_routing"));
            out.set("MasterUsername", tf.raw("master_username"), tf.at("master_username"));
            if (tf.has("master_password")) {
                out.set("MasterUserPassword", tf.raw("master_password"), tf.at("master_password"));
            } else if (tf.has("master_password_wo")) {
                out.set("MasterUserPassword", tf.raw("master_password_wo"), tf.at("master_password_wo"));
            }
            out.set("ManageMasterPassword", tf.bool("manage_master_password"), tf.at("manage_master_password"));
            out.set("ClusterParameterGroupName", tf.raw("cluster_parameter_group_name"), tf.at("cluster_parameter_group_name"));
            out.set("AutomatedSnapshotRetentionPeriod", tf.number("automated_snapshot_retention_period"),
                    tf.at("automated_snapshot_retention_period"));
            out.set("ManualSnapshotRetentionPeriod", tf.number("manual_snapshot_retention_period"),
                    tf.at("manual_snapshot_retention_period"));
            out.set("AllowVersionUpgrade", tf.bool("allow_version_upgrade"), tf.at("allow_version_upgrade"));
            out.set("VpcSecurityGroupIds", tf.raw("vpc_security_group_ids"), tf.at("vpc_security_group_ids"));
            out.set("ClusterSubnetGroupName", tf.raw("cluster_subnet_group_name"), tf.at("cluster_subnet_group_name"));
            out.set("SnapshotIdentifier", tf.raw("snapshot_identifier"), tf.at("snapshot_identifier"));
            out.set("Port", tf.number("port"), tf.at("port"));
            out.set("ElasticIp", tf.raw("elastic_ip"), tf.at("elastic_ip"));
            out.set("MultiAZ", tf.bool("multi_az"), tf.at("multi_az"));
            out.set("IamRoles", tf.raw("iam_roles"), tf.at("iam_roles"));
            if (tf.blocksUnknown("logging")) {
                out.set("LoggingProperties", Unknown.because("dynamic logging block"), tf.at("logging"));
            }
            tf.block("logging").ifPresent(logging -> {
                Object enable = logging.bool("enable");
                if (enable instanceof Unknown) {
                    out.set("LoggingProperties", enable, logging.at("enable"));
                } else if (Boolean.TRUE.equals(enable)) {
                    redshiftLogging(logging, out);
                }
            });
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
        });
        mappings.child("aws_redshift_logging", REDSHIFT, (tf, out, output) -> redshiftLogging(tf, out));
        mappings.resource("aws_redshift_parameter_group", "AWS::Redshift::ClusterParameterGroup", (tf, out, output) -> {
            out.set("ParameterGroupName", tf.raw("name"), tf.at("name"));
            out.set("ParameterGroupFamily", tf.raw("family"), tf.at("family"));
            out.set("Description", tf.raw("description"), tf.at("description"));
            if (tf.blocksUnknown("parameter")) {
                out.set("Parameters", Unknown.because("dynamic parameter blocks"), tf.at("parameter"));
                return;
            }
            KnownList parameters = new KnownList(tf.at("parameter"));
            for (TfView parameter : tf.blocks("parameter")) {
                KnownMap entry = new KnownMap(parameter.location());
                entry.put("ParameterName", parameter.raw("name"), parameter.at("name"));
                entry.put("ParameterValue", TfView.map(parameter.raw("value"), String::valueOf), parameter.at("value"));
                parameters.append(entry, parameter.location());
            }
            if (!parameters.isEmpty()) {
                out.set("Parameters", parameters, tf.at("parameter"));
            }
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
        });
    }

    private static void redshiftLogging(TfView logging, PropertyWriter out) {
        out.set("LoggingProperties", new KnownMap(logging.location()), logging.location());
        out.set("LoggingProperties.BucketName", logging.raw("bucket_name"), logging.at("bucket_name"));
        out.set("LoggingProperties.S3KeyPrefix", logging.raw("s3_key_prefix"), logging.at("s3_key_prefix"));
        out.set("LoggingProperties.LogDestinationType", logging.raw("log_destination_type"), logging.at("log_destination_type"));
        out.set("LoggingProperties.LogExports", logging.raw("log_exports"), logging.at("log_exports"));
    }
}
