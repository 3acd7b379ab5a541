package dev.bulwark.aws.mapping;

import dev.bulwark.aws.model.PropertyWriter;
import java.util.List;

/**
 * KMS: keys (generated and imported key material), multi-Region replica keys, key policies and
 * aliases.
 *
 * <p>Provider defaults match the KMS API here (rotation off, key enabled, 30-day deletion window,
 * the default key policy when none is given), so nothing is written for arguments left out.
 */
final class KmsMappings {
    private static final Mappings.Parent KEY = new Mappings.Parent("AWS::KMS::Key", "key_id", List.of());

    private KmsMappings() {}

    static void register(Mappings mappings) {
        mappings.resource("aws_kms_key", "AWS::KMS::Key", (tf, out, output) -> {
            common(tf, out);
            out.set("Enabled", tf.bool("is_enabled"), tf.at("is_enabled"));
            out.set("EnableKeyRotation", tf.bool("enable_key_rotation"), tf.at("enable_key_rotation"));
            out.set("RotationPeriodInDays", tf.number("rotation_period_in_days"), tf.at("rotation_period_in_days"));
            out.set("KeyUsage", tf.raw("key_usage"), tf.at("key_usage"));
            out.set("KeySpec", tf.raw("customer_master_key_spec"), tf.at("customer_master_key_spec"));
            out.set("MultiRegion", tf.bool("multi_region"), tf.at("multi_region"));
            // CloudFormation has no custom key store arguments; the key's origin says where its
            // material lives (keys in a custom key store cannot rotate automatically).
            if (tf.raw("xks_key_id") != null) {
                out.set("Origin", "EXTERNAL_KEY_STORE", tf.at("xks_key_id"));
            } else if (tf.raw("custom_key_store_id") != null) {
                out.set("Origin", "AWS_CLOUDHSM", tf.at("custom_key_store_id"));
            }
        });
        mappings.resource("aws_kms_external_key", "AWS::KMS::Key", (tf, out, output) -> {
            // Imported key material, which KMS never rotates automatically.
            common(tf, out);
            out.set("Enabled", tf.bool("enabled"), tf.at("enabled"));
            out.set("KeyUsage", tf.raw("key_usage"), tf.at("key_usage"));
            out.set("KeySpec", tf.raw("key_spec"), tf.at("key_spec"));
            out.set("MultiRegion", tf.bool("multi_region"), tf.at("multi_region"));
            out.set("Origin", "EXTERNAL", tf.location());
        });
        mappings.resource("aws_kms_replica_key", "AWS::KMS::ReplicaKey", (tf, out, output) -> {
            common(tf, out);
            out.set("PrimaryKeyArn", tf.raw("primary_key_arn"), tf.at("primary_key_arn"));
            out.set("Enabled", tf.bool("enabled"), tf.at("enabled"));
        });
        mappings.child("aws_kms_key_policy", KEY, (tf, out, output) -> {
            out.set("KeyPolicy", tf.policy("policy"), tf.at("policy"));
            out.set("BypassPolicyLockoutSafetyCheck", tf.bool("bypass_policy_lockout_safety_check"),
                    tf.at("bypass_policy_lockout_safety_check"));
        });
        mappings.resource("aws_kms_alias", "AWS::KMS::Alias", (tf, out, output) -> {
            out.set("AliasName", tf.raw("name"), tf.at("name"));
            out.set("TargetKeyId", tf.raw("target_key_id"), tf.at("target_key_id"));
        });
    }

    /** Arguments every key type shares. */
    private static void common(TfView tf, PropertyWriter out) {
        out.set("Description", tf.raw("description"), tf.at("description"));
        out.set("KeyPolicy", tf.policy("policy"), tf.at("policy"));
        out.set("BypassPolicyLockoutSafetyCheck", tf.bool("bypass_policy_lockout_safety_check"),
                tf.at("bypass_policy_lockout_safety_check"));
        out.set("PendingWindowInDays", tf.number("deletion_window_in_days"), tf.at("deletion_window_in_days"));
        out.set("Tags", tf.tags("tags"), tf.at("tags"));
    }
}
