package dev.bulwark.aws.mapping;

import dev.bulwark.aws.model.PropertyWriter;
import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.Unknown;
import java.util.List;

/**
 * SNS topics and SQS queues with their policies and subscriptions. A policy written inline on
 * the topic or queue ({@code policy}) becomes the {@code AWS::SNS::TopicPolicy} or
 * {@code AWS::SQS::QueuePolicy} CloudFormation would need, as the split resources do.
 */
final class MessagingMappings {
    private MessagingMappings() {}

    static void register(Mappings mappings) {
        mappings.resource("aws_sns_topic", "AWS::SNS::Topic", (tf, out, output) -> {
            out.set("TopicName", tf.raw("name"), tf.at("name"));
            out.set("DisplayName", tf.raw("display_name"), tf.at("display_name"));
            out.set("KmsMasterKeyId", tf.raw("kms_master_key_id"), tf.at("kms_master_key_id"));
            out.set("FifoTopic", tf.bool("fifo_topic"), tf.at("fifo_topic"));
            out.set("ContentBasedDeduplication", tf.bool("content_based_deduplication"), tf.at("content_based_deduplication"));
            out.set("SignatureVersion", TfView.map(tf.raw("signature_version"), String::valueOf), tf.at("signature_version"));
            out.set("TracingConfig", tf.raw("tracing_config"), tf.at("tracing_config"));
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
            if (tf.raw("policy") != null) {
                PropertyWriter policy = output.add("AWS::SNS::TopicPolicy", ".policy", tf.at("policy"));
                policy.set("Topics", new KnownList(tf.at("policy")).append(Unknown.fromResource(output.address(), "the topic's ARN"),
                        tf.at("policy")), tf.at("policy"));
                policy.set("PolicyDocument", tf.policy("policy"), tf.at("policy"));
            }
        });
        mappings.resource("aws_sns_topic_policy", "AWS::SNS::TopicPolicy", (tf, out, output) -> {
            out.set("Topics", tf.list("arn"), tf.at("arn"));
            out.set("PolicyDocument", tf.policy("policy"), tf.at("policy"));
        });
        mappings.resource("aws_sns_topic_subscription", "AWS::SNS::Subscription", (tf, out, output) -> {
            out.set("TopicArn", tf.raw("topic_arn"), tf.at("topic_arn"));
            out.set("Protocol", tf.raw("protocol"), tf.at("protocol"));
            out.set("Endpoint", tf.raw("endpoint"), tf.at("endpoint"));
            out.set("RawMessageDelivery", tf.bool("raw_message_delivery"), tf.at("raw_message_delivery"));
            out.set("FilterPolicy", tf.policy("filter_policy"), tf.at("filter_policy"));
            out.set("RedrivePolicy", tf.policy("redrive_policy"), tf.at("redrive_policy"));
            out.set("SubscriptionRoleArn", tf.raw("subscription_role_arn"), tf.at("subscription_role_arn"));
        });
        mappings.resource("aws_sqs_queue", "AWS::SQS::Queue", (tf, out, output) -> {
            out.set("QueueName", tf.raw("name"), tf.at("name"));
            out.set("FifoQueue", tf.bool("fifo_queue"), tf.at("fifo_queue"));
            out.set("ContentBasedDeduplication", tf.bool("content_based_deduplication"), tf.at("content_based_deduplication"));
            out.set("KmsMasterKeyId", tf.raw("kms_master_key_id"), tf.at("kms_master_key_id"));
            out.set("KmsDataKeyReusePeriodSeconds", tf.number("kms_data_key_reuse_period_seconds"),
                    tf.at("kms_data_key_reuse_period_seconds"));
            // Computed by the provider since 2022: left out, the queue gets SQS's default (SSE-SQS on).
            out.set("SqsManagedSseEnabled", tf.bool("sqs_managed_sse_enabled"), tf.at("sqs_managed_sse_enabled"));
            out.set("MessageRetentionPeriod", tf.number("message_retention_seconds"), tf.at("message_retention_seconds"));
            out.set("VisibilityTimeout", tf.number("visibility_timeout_seconds"), tf.at("visibility_timeout_seconds"));
            out.set("DelaySeconds", tf.number("delay_seconds"), tf.at("delay_seconds"));
            out.set("MaximumMessageSize", tf.number("max_message_size"), tf.at("max_message_size"));
            out.set("ReceiveMessageWaitTimeSeconds", tf.number("receive_wait_time_seconds"), tf.at("receive_wait_time_seconds"));
            out.set("RedrivePolicy", tf.policy("redrive_policy"), tf.at("redrive_policy"));
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
            if (tf.raw("policy") != null) {
                PropertyWriter policy = output.add("AWS::SQS::QueuePolicy", ".policy", tf.at("policy"));
                policy.set("Queues", new KnownList(tf.at("policy")).append(Unknown.fromResource(output.address(), "the queue's URL"),
                        tf.at("policy")), tf.at("policy"));
                policy.set("PolicyDocument", tf.policy("policy"), tf.at("policy"));
            }
        });
        mappings.resource("aws_sqs_queue_policy", "AWS::SQS::QueuePolicy", (tf, out, output) -> {
            out.set("Queues", tf.list("queue_url"), tf.at("queue_url"));
            out.set("PolicyDocument", tf.policy("policy"), tf.at("policy"));
        });
        mappings.child("aws_sqs_queue_redrive_policy", new Mappings.Parent("AWS::SQS::Queue", "queue_url", List.of()),
                (tf, out, output) -> out.set("RedrivePolicy", tf.policy("redrive_policy"), tf.at("redrive_policy")));
    }
}
