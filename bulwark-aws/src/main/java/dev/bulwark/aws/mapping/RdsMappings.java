package dev.bulwark.aws.mapping;

import dev.bulwark.aws.model.PropertyWriter;
import dev.bulwark.core.model.Unknown;

/**
 * RDS and Aurora: instances (standalone and cluster members), clusters, proxies, and snapshots.
 *
 * <p>Provider defaults that differ from CloudFormation are written explicitly: Terraform sends
 * {@code PubliclyAccessible = false} for an instance when the argument is left out, while
 * CloudFormation leaves the choice to the VPC's setup. Snapshot sharing ({@code shared_accounts})
 * has no CloudFormation resource, so Terraform snapshots become {@code Bulwark::RDS::DBSnapshot}
 * and {@code Bulwark::RDS::DBClusterSnapshot}.
 */
final class RdsMappings {
    private RdsMappings() {}

    static void register(Mappings mappings) {
        mappings.resource("aws_db_instance", "AWS::RDS::DBInstance", (tf, out, output) -> {
            out.set("DBInstanceIdentifier", tf.raw("identifier"), tf.at("identifier"));
            out.set("Engine", tf.raw("engine"), tf.at("engine"));
            out.set("EngineVersion", tf.raw("engine_version"), tf.at("engine_version"));
            out.set("DBInstanceClass", tf.raw("instance_class"), tf.at("instance_class"));
            out.set("DBName", tf.raw("db_name"), tf.at("db_name"));
            out.set("AllocatedStorage", TfView.map(tf.number("allocated_storage"), String::valueOf), tf.at("allocated_storage"));
            out.set("StorageType", tf.raw("storage_type"), tf.at("storage_type"));
            out.set("StorageEncrypted", tf.bool("storage_encrypted"), tf.at("storage_encrypted"));
            out.set("KmsKeyId", tf.raw("kms_key_id"), tf.at("kms_key_id"));
            // The provider sends false when publicly_accessible is left out.
            out.set("PubliclyAccessible", tf.has("publicly_accessible") ? tf.bool("publicly_accessible") : Boolean.FALSE,
                    tf.at("publicly_accessible"));
            out.set("BackupRetentionPeriod", tf.number("backup_retention_period"), tf.at("backup_retention_period"));
            out.set("DeleteAutomatedBackups", tf.bool("delete_automated_backups"), tf.at("delete_automated_backups"));
            out.set("MultiAZ", tf.bool("multi_az"), tf.at("multi_az"));
            out.set("Port", TfView.map(tf.number("port"), String::valueOf), tf.at("port"));
            out.set("DBSubnetGroupName", tf.raw("db_subnet_group_name"), tf.at("db_subnet_group_name"));
            out.set("VPCSecurityGroups", tf.raw("vpc_security_group_ids"), tf.at("vpc_security_group_ids"));
            out.set("DBParameterGroupName", tf.raw("parameter_group_name"), tf.at("parameter_group_name"));
            out.set("OptionGroupName", tf.raw("option_group_name"), tf.at("option_group_name"));
            out.set("SourceDBInstanceIdentifier", tf.raw("replicate_source_db"), tf.at("replicate_source_db"));
            out.set("DBSnapshotIdentifier", tf.raw("snapshot_identifier"), tf.at("snapshot_identifier"));
            tf.block("restore_to_point_in_time").ifPresent(restore -> {
                Object source = restore.has("source_db_instance_identifier") ? restore.raw("source_db_instance_identifier")
                        : restore.has("source_dbi_resource_id") ? restore.raw("source_dbi_resource_id")
                        : Unknown.because("restored from a point in time of another instance");
                out.set("SourceDBInstanceIdentifier", source, restore.location());
                out.set("UseLatestRestorableTime", restore.bool("use_latest_restorable_time"), restore.at("use_latest_restorable_time"));
                out.set("RestoreTime", restore.raw("restore_time"), restore.at("restore_time"));
            });
            out.set("MasterUsername", tf.raw("username"), tf.at("username"));
            password(tf, "password", out);
            out.set("ManageMasterUserPassword", tf.bool("manage_master_user_password"), tf.at("manage_master_user_password"));
            out.set("MasterUserSecret.KmsKeyId", tf.raw("master_user_secret_kms_key_id"), tf.at("master_user_secret_kms_key_id"));
            instanceCommon(tf, out);
            out.set("DeletionProtection", tf.bool("deletion_protection"), tf.at("deletion_protection"));
            out.set("EnableIAMDatabaseAuthentication", tf.bool("iam_database_authentication_enabled"),
                    tf.at("iam_database_authentication_enabled"));
            out.set("EnableCloudwatchLogsExports", tf.raw("enabled_cloudwatch_logs_exports"), tf.at("enabled_cloudwatch_logs_exports"));
        });
        mappings.resource("aws_rds_cluster_instance", "AWS::RDS::DBInstance", (tf, out, output) -> {
            out.set("DBInstanceIdentifier", tf.raw("identifier"), tf.at("identifier"));
            out.set("DBClusterIdentifier", tf.raw("cluster_identifier"), tf.at("cluster_identifier"));
            out.set("Engine", tf.raw("engine"), tf.at("engine"));
            out.set("EngineVersion", tf.raw("engine_version"), tf.at("engine_version"));
            out.set("DBInstanceClass", tf.raw("instance_class"), tf.at("instance_class"));
            out.set("PubliclyAccessible", tf.has("publicly_accessible") ? tf.bool("publicly_accessible") : Boolean.FALSE,
                    tf.at("publicly_accessible"));
            out.set("DBSubnetGroupName", tf.raw("db_subnet_group_name"), tf.at("db_subnet_group_name"));
            out.set("DBParameterGroupName", tf.raw("db_parameter_group_name"), tf.at("db_parameter_group_name"));
            instanceCommon(tf, out);
        });
        mappings.resource("aws_rds_cluster", "AWS::RDS::DBCluster", (tf, out, output) -> {
            out.set("DBClusterIdentifier", tf.raw("cluster_identifier"), tf.at("cluster_identifier"));
            out.set("Engine", tf.raw("engine"), tf.at("engine"));
            out.set("EngineMode", tf.raw("engine_mode"), tf.at("engine_mode"));
            out.set("EngineVersion", tf.raw("engine_version"), tf.at("engine_version"));
            out.set("DatabaseName", tf.raw("database_name"), tf.at("database_name"));
            out.set("DBClusterInstanceClass", tf.raw("db_cluster_instance_class"), tf.at("db_cluster_instance_class"));
            out.set("StorageEncrypted", tf.bool("storage_encrypted"), tf.at("storage_encrypted"));
            out.set("KmsKeyId", tf.raw("kms_key_id"), tf.at("kms_key_id"));
            out.set("PubliclyAccessible", tf.bool("publicly_accessible"), tf.at("publicly_accessible"));
            out.set("BackupRetentionPeriod", tf.number("backup_retention_period"), tf.at("backup_retention_period"));
            out.set("BacktrackWindow", tf.number("backtrack_window"), tf.at("backtrack_window"));
            out.set("DeletionProtection", tf.bool("deletion_protection"), tf.at("deletion_protection"));
            out.set("EnableIAMDatabaseAuthentication", tf.bool("iam_database_authentication_enabled"),
                    tf.at("iam_database_authentication_enabled"));
            out.set("EnableCloudwatchLogsExports", tf.raw("enabled_cloudwatch_logs_exports"), tf.at("enabled_cloudwatch_logs_exports"));
            out.set("CopyTagsToSnapshot", tf.bool("copy_tags_to_snapshot"), tf.at("copy_tags_to_snapshot"));
            out.set("AutoMinorVersionUpgrade", tf.bool("auto_minor_version_upgrade"), tf.at("auto_minor_version_upgrade"));
            out.set("MonitoringInterval", tf.number("monitoring_interval"), tf.at("monitoring_interval"));
            out.set("PerformanceInsightsEnabled", tf.bool("performance_insights_enabled"), tf.at("performance_insights_enabled"));
            out.set("PerformanceInsightsKmsKeyId", tf.raw("performance_insights_kms_key_id"), tf.at("performance_insights_kms_key_id"));
            out.set("MasterUsername", tf.raw("master_username"), tf.at("master_username"));
            password(tf, "master_password", out);
            out.set("ManageMasterUserPassword", tf.bool("manage_master_user_password"), tf.at("manage_master_user_password"));
            out.set("MasterUserSecret.KmsKeyId", tf.raw("master_user_secret_kms_key_id"), tf.at("master_user_secret_kms_key_id"));
            out.set("DBSubnetGroupName", tf.raw("db_subnet_group_name"), tf.at("db_subnet_group_name"));
            out.set("VpcSecurityGroupIds", tf.raw("vpc_security_group_ids"), tf.at("vpc_security_group_ids"));
            out.set("DBClusterParameterGroupName", tf.raw("db_cluster_parameter_group_name"), tf.at("db_cluster_parameter_group_name"));
            out.set("Port", tf.number("port"), tf.at("port"));
            out.set("SnapshotIdentifier", tf.raw("snapshot_identifier"), tf.at("snapshot_identifier"));
            out.set("ReplicationSourceIdentifier", tf.raw("replication_source_identifier"), tf.at("replication_source_identifier"));
            out.set("GlobalClusterIdentifier", tf.raw("global_cluster_identifier"), tf.at("global_cluster_identifier"));
            tf.block("restore_to_point_in_time").ifPresent(restore -> {
                Object source = restore.has("source_cluster_identifier") ? restore.raw("source_cluster_identifier")
                        : Unknown.because("restored from a point in time of another cluster");
                out.set("SourceDBClusterIdentifier", source, restore.location());
                out.set("UseLatestRestorableTime", restore.bool("use_latest_restorable_time"), restore.at("use_latest_restorable_time"));
                out.set("RestoreToTime", restore.raw("restore_to_time"), restore.at("restore_to_time"));
                out.set("RestoreType", restore.raw("restore_type"), restore.at("restore_type"));
            });
            tf.block("serverlessv2_scaling_configuration").ifPresent(scaling -> out.set("ServerlessV2ScalingConfiguration",
                    scaling.object("min_capacity", "MinCapacity", "max_capacity", "MaxCapacity"), scaling.location()));
            tf.block("scaling_configuration").ifPresent(scaling -> out.set("ScalingConfiguration",
                    scaling.object("min_capacity", "MinCapacity", "max_capacity", "MaxCapacity", "auto_pause", "AutoPause"),
                    scaling.location()));
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
        });
        mappings.resource("aws_db_proxy", "AWS::RDS::DBProxy", (tf, out, output) -> {
            out.set("DBProxyName", tf.raw("name"), tf.at("name"));
            out.set("EngineFamily", tf.raw("engine_family"), tf.at("engine_family"));
            out.set("RequireTLS", tf.bool("require_tls"), tf.at("require_tls"));
            out.set("RoleArn", tf.raw("role_arn"), tf.at("role_arn"));
            out.set("DebugLogging", tf.bool("debug_logging"), tf.at("debug_logging"));
            out.set("IdleClientTimeout", tf.number("idle_client_timeout"), tf.at("idle_client_timeout"));
            out.set("VpcSubnetIds", tf.raw("vpc_subnet_ids"), tf.at("vpc_subnet_ids"));
            out.set("VpcSecurityGroupIds", tf.raw("vpc_security_group_ids"), tf.at("vpc_security_group_ids"));
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
        });
        mappings.resource("aws_db_snapshot", "Bulwark::RDS::DBSnapshot", (tf, out, output) -> {
            out.set("DBInstanceIdentifier", tf.raw("db_instance_identifier"), tf.at("db_instance_identifier"));
            out.set("DBSnapshotIdentifier", tf.raw("db_snapshot_identifier"), tf.at("db_snapshot_identifier"));
            out.set("SharedAccounts", tf.raw("shared_accounts"), tf.at("shared_accounts"));
        });
        mappings.resource("aws_db_snapshot_copy", "Bulwark::RDS::DBSnapshot", (tf, out, output) -> {
            out.set("SourceDBSnapshotIdentifier", tf.raw("source_db_snapshot_identifier"), tf.at("source_db_snapshot_identifier"));
            out.set("DBSnapshotIdentifier", tf.raw("target_db_snapshot_identifier"), tf.at("target_db_snapshot_identifier"));
            out.set("KmsKeyId", tf.raw("kms_key_id"), tf.at("kms_key_id"));
            out.set("SharedAccounts", tf.raw("shared_accounts"), tf.at("shared_accounts"));
        });
        mappings.resource("aws_db_cluster_snapshot", "Bulwark::RDS::DBClusterSnapshot", (tf, out, output) -> {
            out.set("DBClusterIdentifier", tf.raw("db_cluster_identifier"), tf.at("db_cluster_identifier"));
            out.set("DBClusterSnapshotIdentifier", tf.raw("db_cluster_snapshot_identifier"), tf.at("db_cluster_snapshot_identifier"));
            out.set("SharedAccounts", tf.raw("shared_accounts"), tf.at("shared_accounts"));
        });
    }

    /** Settings a standalone instance and an Aurora cluster member share. */
    private static void instanceCommon(TfView tf, PropertyWriter out) {
        out.set("AutoMinorVersionUpgrade", tf.bool("auto_minor_version_upgrade"), tf.at("auto_minor_version_upgrade"));
        out.set("CopyTagsToSnapshot", tf.bool("copy_tags_to_snapshot"), tf.at("copy_tags_to_snapshot"));
        out.set("MonitoringInterval", tf.number("monitoring_interval"), tf.at("monitoring_interval"));
        out.set("MonitoringRoleArn", tf.raw("monitoring_role_arn"), tf.at("monitoring_role_arn"));
        out.set("EnablePerformanceInsights", tf.bool("performance_insights_enabled"), tf.at("performance_insights_enabled"));
        out.set("PerformanceInsightsKMSKeyId", tf.raw("performance_insights_kms_key_id"), tf.at("performance_insights_kms_key_id"));
        out.set("PerformanceInsightsRetentionPeriod", tf.number("performance_insights_retention_period"),
                tf.at("performance_insights_retention_period"));
        out.set("CACertificateIdentifier", tf.raw("ca_cert_identifier"), tf.at("ca_cert_identifier"));
        out.set("AvailabilityZone", tf.raw("availability_zone"), tf.at("availability_zone"));
        out.set("Tags", tf.tags("tags"), tf.at("tags"));
    }

    /** The master password, from the argument or its write-only twin ({@code password_wo}). */
    private static void password(TfView tf, String name, PropertyWriter out) {
        if (tf.has(name)) {
            out.set("MasterUserPassword", tf.raw(name), tf.at(name));
        } else if (tf.has(name + "_wo")) {
            out.set("MasterUserPassword", tf.raw(name + "_wo"), tf.at(name + "_wo"));
        }
    }
}
