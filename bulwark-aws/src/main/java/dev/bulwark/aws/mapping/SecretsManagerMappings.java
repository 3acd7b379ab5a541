package dev.bulwark.aws.mapping;

import dev.bulwark.aws.model.PropertyWriter;
import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;

/**
 * Secrets Manager: secrets, their rotation schedules and resource policies. The secret's inline
 * {@code policy} (and the {@code rotation_*} arguments of old provider versions) become the
 * separate resources CloudFormation uses, pointing at the secret.
 */
final class SecretsManagerMappings {
    private SecretsManagerMappings() {}

    static void register(Mappings mappings) {
        mappings.resource("aws_secretsmanager_secret", "AWS::SecretsManager::Secret", (tf, out, output) -> {
            out.set("Name", tf.raw("name"), tf.at("name"));
            out.set("Description", tf.raw("description"), tf.at("description"));
            out.set("KmsKeyId", tf.raw("kms_key_id"), tf.at("kms_key_id"));
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
            if (tf.blocksUnknown("replica")) {
                out.set("ReplicaRegions", Unknown.because("dynamic replica blocks"), tf.at("replica"));
            } else if (!tf.blocks("replica").isEmpty()) {
                KnownList replicas = new KnownList(tf.at("replica"));
                for (TfView replica : tf.blocks("replica")) {
                    KnownMap entry = new KnownMap(replica.location());
                    entry.put("Region", replica.raw("region"), replica.at("region"));
                    if (replica.has("kms_key_id")) {
                        entry.put("KmsKeyId", replica.raw("kms_key_id"), replica.at("kms_key_id"));
                    }
                    replicas.append(entry, replica.location());
                }
                out.set("ReplicaRegions", replicas, tf.at("replica"));
            }
            if (tf.raw("policy") != null) {
                PropertyWriter policy = output.add("AWS::SecretsManager::ResourcePolicy", ".policy", tf.at("policy"));
                policy.set("SecretId", Unknown.fromResource(output.address(), "the secret's ARN"), tf.at("policy"));
                policy.set("ResourcePolicy", tf.policy("policy"), tf.at("policy"));
            }
            // Provider v3 configured rotation on the secret itself.
            if (tf.raw("rotation_lambda_arn") != null || tf.has("rotation_rules")) {
                PropertyWriter rotation = output.add("AWS::SecretsManager::RotationSchedule", ".rotation",
                        tf.has("rotation_rules") ? tf.at("rotation_rules") : tf.at("rotation_lambda_arn"));
                rotation.set("SecretId", Unknown.fromResource(output.address(), "the secret's ARN"), tf.location());
                rotation(tf, rotation);
            }
        });
        mappings.resource("aws_secretsmanager_secret_rotation", "AWS::SecretsManager::RotationSchedule", (tf, out, output) -> {
            out.set("SecretId", tf.raw("secret_id"), tf.at("secret_id"));
            out.set("RotateImmediatelyOnUpdate", tf.bool("rotate_immediately"), tf.at("rotate_immediately"));
            rotation(tf, out);
        });
        mappings.resource("aws_secretsmanager_secret_policy", "AWS::SecretsManager::ResourcePolicy", (tf, out, output) -> {
            out.set("SecretId", tf.raw("secret_arn"), tf.at("secret_arn"));
            out.set("ResourcePolicy", tf.policy("policy"), tf.at("policy"));
            out.set("BlockPublicPolicy", tf.bool("block_public_policy"), tf.at("block_public_policy"));
        });
    }

    private static void rotation(TfView tf, PropertyWriter out) {
        out.set("RotationLambdaARN", tf.raw("rotation_lambda_arn"), tf.at("rotation_lambda_arn"));
        if (tf.blocksUnknown("rotation_rules")) {
            out.set("RotationRules", Unknown.because("dynamic rotation rules"), tf.at("rotation_rules"));
            return;
        }
        tf.block("rotation_rules").ifPresent(rules -> {
            KnownMap entry = new KnownMap(rules.location());
            if (rules.has("automatically_after_days")) {
                entry.put("AutomaticallyAfterDays", rules.number("automatically_after_days"), rules.at("automatically_after_days"));
            }
            if (rules.has("duration")) {
                entry.put("Duration", rules.raw("duration"), rules.at("duration"));
            }
            if (rules.has("schedule_expression")) {
                entry.put("ScheduleExpression", rules.raw("schedule_expression"), rules.at("schedule_expression"));
            }
            out.set("RotationRules", entry, rules.location());
        });
    }
}
