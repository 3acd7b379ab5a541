package dev.bulwark.aws.mapping;

import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;
import java.util.List;

/**
 * EFS (file systems with their split backup and file system policies, access points) and AWS
 * Backup (vaults with their split lock configuration, access policy and notifications; plans;
 * selections, whose resource list relates a protected resource to its plan).
 */
final class StorageMappings {
    private static final Mappings.Parent FILE_SYSTEM = new Mappings.Parent("AWS::EFS::FileSystem", "file_system_id", List.of());
    private static final Mappings.Parent VAULT = new Mappings.Parent("AWS::Backup::BackupVault", "backup_vault_name",
            List.of("BackupVaultName"));

    private StorageMappings() {}

    static void register(Mappings mappings) {
        mappings.resource("aws_efs_file_system", "AWS::EFS::FileSystem", (tf, out, output) -> {
            out.set("Encrypted", tf.bool("encrypted"), tf.at("encrypted"));
            out.set("KmsKeyId", tf.raw("kms_key_id"), tf.at("kms_key_id"));
            out.set("PerformanceMode", tf.raw("performance_mode"), tf.at("performance_mode"));
            out.set("ThroughputMode", tf.raw("throughput_mode"), tf.at("throughput_mode"));
            out.set("ProvisionedThroughputInMibps", tf.raw("provisioned_throughput_in_mibps"), tf.at("provisioned_throughput_in_mibps"));
            out.set("AvailabilityZoneName", tf.raw("availability_zone_name"), tf.at("availability_zone_name"));
            for (TfView policy : tf.blocks("lifecycle_policy")) {
                out.append("LifecyclePolicies", policy.object("transition_to_ia", "TransitionToIA",
                        "transition_to_primary_storage_class", "TransitionToPrimaryStorageClass",
                        "transition_to_archive", "TransitionToArchive"), policy.location());
            }
            tf.block("protection").ifPresent(protection -> out.set("FileSystemProtection.ReplicationOverwriteProtection",
                    protection.raw("replication_overwrite"), protection.at("replication_overwrite")));
            out.set("FileSystemTags", tf.tags("tags"), tf.at("tags"));
        });
        mappings.child("aws_efs_backup_policy", FILE_SYSTEM, (tf, out, output) -> tf.block("backup_policy").ifPresent(policy ->
                out.set("BackupPolicy.Status", policy.raw("status"), policy.at("status"))));
        mappings.child("aws_efs_file_system_policy", FILE_SYSTEM, (tf, out, output) -> {
            out.set("FileSystemPolicy", tf.policy("policy"), tf.at("policy"));
            out.set("BypassPolicyLockoutSafetyCheck", tf.bool("bypass_policy_lockout_safety_check"),
                    tf.at("bypass_policy_lockout_safety_check"));
        });
        mappings.resource("aws_efs_access_point", "AWS::EFS::AccessPoint", (tf, out, output) -> {
            out.set("FileSystemId", tf.raw("file_system_id"), tf.at("file_system_id"));
            if (tf.blocksUnknown("posix_user")) {
                out.set("PosixUser", Unknown.because("dynamic posix_user block"), tf.at("posix_user"));
            }
            tf.block("posix_user").ifPresent(user -> {
                out.set("PosixUser", new KnownMap(user.location()), user.location());
                out.set("PosixUser.Uid", TfView.map(user.raw("uid"), StorageMappings::text), user.at("uid"));
                out.set("PosixUser.Gid", TfView.map(user.raw("gid"), StorageMappings::text), user.at("gid"));
                out.set("PosixUser.SecondaryGids", user.raw("secondary_gids"), user.at("secondary_gids"));
            });
            if (tf.blocksUnknown("root_directory")) {
                out.set("RootDirectory", Unknown.because("dynamic root_directory block"), tf.at("root_directory"));
            }
            tf.block("root_directory").ifPresent(root -> {
                out.set("RootDirectory", new KnownMap(root.location()), root.location());
                out.set("RootDirectory.Path", root.raw("path"), root.at("path"));
                root.block("creation_info").ifPresent(info -> {
                    out.set("RootDirectory.CreationInfo.OwnerUid", TfView.map(info.raw("owner_uid"), StorageMappings::text),
                            info.at("owner_uid"));
                    out.set("RootDirectory.CreationInfo.OwnerGid", TfView.map(info.raw("owner_gid"), StorageMappings::text),
                            info.at("owner_gid"));
                    out.set("RootDirectory.CreationInfo.Permissions", info.raw("permissions"), info.at("permissions"));
                });
            });
            out.set("AccessPointTags", tf.tags("tags"), tf.at("tags"));
        });
        backup(mappings);
    }

    private static void backup(Mappings mappings) {
        mappings.resource("aws_backup_vault", "AWS::Backup::BackupVault", (tf, out, output) -> {
            out.set("BackupVaultName", tf.raw("name"), tf.at("name"));
            out.set("EncryptionKeyArn", tf.raw("kms_key_arn"), tf.at("kms_key_arn"));
            out.set("BackupVaultTags", tf.raw("tags"), tf.at("tags"));
        });
        mappings.child("aws_backup_vault_lock_configuration", VAULT, (tf, out, output) -> {
            out.set("LockConfiguration", new KnownMap(tf.location()), tf.location());
            out.set("LockConfiguration.MinRetentionDays", tf.number("min_retention_days"), tf.at("min_retention_days"));
            out.set("LockConfiguration.MaxRetentionDays", tf.number("max_retention_days"), tf.at("max_retention_days"));
            out.set("LockConfiguration.ChangeableForDays", tf.number("changeable_for_days"), tf.at("changeable_for_days"));
        });
        mappings.child("aws_backup_vault_policy", VAULT, (tf, out, output) ->
                out.set("AccessPolicy", tf.policy("policy"), tf.at("policy")));
        mappings.child("aws_backup_vault_notifications", VAULT, (tf, out, output) -> {
            out.set("Notifications.SNSTopicArn", tf.raw("sns_topic_arn"), tf.at("sns_topic_arn"));
            out.set("Notifications.BackupVaultEvents", tf.raw("backup_vault_events"), tf.at("backup_vault_events"));
        });
        mappings.resource("aws_backup_plan", "AWS::Backup::BackupPlan", (tf, out, output) -> {
            out.set("BackupPlan.BackupPlanName", tf.raw("name"), tf.at("name"));
            if (tf.blocksUnknown("rule")) {
                out.set("BackupPlan.BackupPlanRule", Unknown.because("dynamic rule blocks"), tf.at("rule"));
            } else {
                KnownList rules = new KnownList(tf.location());
                for (TfView rule : tf.blocks("rule")) {
                    rules.append(planRule(rule), rule.location());
                }
                out.set("BackupPlan.BackupPlanRule", rules, tf.location());
            }
            for (TfView setting : tf.blocks("advanced_backup_setting")) {
                out.append("BackupPlan.AdvancedBackupSettings", setting.object("resource_type", "ResourceType",
                        "backup_options", "BackupOptions"), setting.location());
            }
            out.set("BackupPlanTags", tf.raw("tags"), tf.at("tags"));
        });
        mappings.resource("aws_backup_selection", "AWS::Backup::BackupSelection", (tf, out, output) -> {
            out.set("BackupPlanId", tf.raw("plan_id"), tf.at("plan_id"));
            out.set("BackupSelection.SelectionName", tf.raw("name"), tf.at("name"));
            out.set("BackupSelection.IamRoleArn", tf.raw("iam_role_arn"), tf.at("iam_role_arn"));
            out.set("BackupSelection.Resources", tf.raw("resources"), tf.at("resources"));
            out.set("BackupSelection.NotResources", tf.raw("not_resources"), tf.at("not_resources"));
            if (tf.blocksUnknown("selection_tag")) {
                out.set("BackupSelection.ListOfTags", Unknown.because("dynamic selection_tag blocks"), tf.at("selection_tag"));
            }
            for (TfView tag : tf.blocks("selection_tag")) {
                out.append("BackupSelection.ListOfTags", tag.object("type", "ConditionType", "key", "ConditionKey", "value", "ConditionValue"),
                        tag.location());
            }
        });
    }

    private static KnownMap planRule(TfView rule) {
        KnownMap entry = new KnownMap(rule.location());
        entry.put("RuleName", rule.raw("rule_name"), rule.at("rule_name"));
        entry.put("TargetBackupVault", rule.raw("target_vault_name"), rule.at("target_vault_name"));
        entry.put("ScheduleExpression", rule.raw("schedule"), rule.at("schedule"));
        entry.put("ScheduleExpressionTimezone", rule.raw("schedule_expression_timezone"), rule.at("schedule_expression_timezone"));
        entry.put("StartWindowMinutes", rule.number("start_window"), rule.at("start_window"));
        entry.put("CompletionWindowMinutes", rule.number("completion_window"), rule.at("completion_window"));
        entry.put("EnableContinuousBackup", rule.bool("enable_continuous_backup"), rule.at("enable_continuous_backup"));
        entry.put("RecoveryPointTags", rule.raw("recovery_point_tags"), rule.at("recovery_point_tags"));
        if (rule.blocksUnknown("lifecycle")) {
            entry.put("Lifecycle", Unknown.because("dynamic lifecycle block"), rule.at("lifecycle"));
        }
        rule.block("lifecycle").ifPresent(lifecycle -> entry.put("Lifecycle", lifecycle(lifecycle), lifecycle.location()));
        if (rule.blocksUnknown("copy_action")) {
            entry.put("CopyActions", Unknown.because("dynamic copy_action blocks"), rule.at("copy_action"));
        } else if (!rule.blocks("copy_action").isEmpty()) {
            KnownList copies = new KnownList(rule.location());
            for (TfView copy : rule.blocks("copy_action")) {
                KnownMap action = new KnownMap(copy.location());
                action.put("DestinationBackupVaultArn", copy.raw("destination_vault_arn"), copy.at("destination_vault_arn"));
                copy.block("lifecycle").ifPresent(lifecycle -> action.put("Lifecycle", lifecycle(lifecycle), lifecycle.location()));
                copies.append(action, copy.location());
            }
            entry.put("CopyActions", copies, rule.location());
        }
        return entry;
    }

    private static KnownMap lifecycle(TfView lifecycle) {
        KnownMap result = new KnownMap(lifecycle.location());
        result.put("DeleteAfterDays", lifecycle.number("delete_after"), lifecycle.at("delete_after"));
        result.put("MoveToColdStorageAfterDays", lifecycle.number("cold_storage_after"), lifecycle.at("cold_storage_after"));
        result.put("OptInToArchiveForSupportedResources", lifecycle.bool("opt_in_to_archive_for_supported_resources"),
                lifecycle.at("opt_in_to_archive_for_supported_resources"));
        return result;
    }

    /** A number CloudFormation writes as a string (POSIX ids). */
    private static Object text(Object value) {
        return String.valueOf(TfView.number(value));
    }
}
