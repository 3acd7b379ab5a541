package dev.bulwark.aws.mapping;

import dev.bulwark.aws.model.PropertyWriter;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;
import java.util.List;

/**
 * CloudTrail, CloudWatch Logs and alarms, AWS Config, GuardDuty and Security Hub.
 *
 * <p>Provider defaults that differ from CloudFormation are written out: a trail's
 * {@code enable_logging} defaults to true (CloudFormation requires {@code IsLogging}), a
 * detector's {@code enable} defaults to true (CloudFormation requires {@code Enable}), a log
 * group's {@code retention_in_days = 0} means "never expire" (no {@code RetentionInDays}), and a
 * {@code recording_group} block without {@code all_supported} records all supported types.
 *
 * <p>Terraform starts an AWS Config recorder only through {@code aws_config_configuration_recorder_status},
 * while CloudFormation starts it as soon as a delivery channel exists. Each Terraform recorder
 * therefore also becomes a {@code Bulwark::Config::ConfigurationRecorderStatus} (same address,
 * {@code Name}); the status resource merges {@code IsEnabled} into it. An absent {@code IsEnabled}
 * means no status resource was found: the recorder is never started.
 */
final class LoggingMappings {
    static final String RECORDER_STATUS = "Bulwark::Config::ConfigurationRecorderStatus";

    private static final Mappings.Parent RECORDER_STATUS_PARENT = new Mappings.Parent(RECORDER_STATUS, "name", List.of("Name"));
    private static final Mappings.Parent DETECTOR = new Mappings.Parent("AWS::GuardDuty::Detector", "detector_id", List.of());

    private LoggingMappings() {}

    static void register(Mappings mappings) {
        cloudTrail(mappings);
        cloudWatch(mappings);
        config(mappings);
        guardDuty(mappings);
        securityHub(mappings);
    }

    private static void cloudTrail(Mappings mappings) {
        mappings.resource("aws_cloudtrail", "AWS::CloudTrail::Trail", (tf, out, output) -> {
            out.set("TrailName", tf.raw("name"), tf.at("name"));
            out.set("S3BucketName", tf.raw("s3_bucket_name"), tf.at("s3_bucket_name"));
            out.set("S3KeyPrefix", tf.raw("s3_key_prefix"), tf.at("s3_key_prefix"));
            out.set("SnsTopicName", tf.raw("sns_topic_name"), tf.at("sns_topic_name"));
            out.set("CloudWatchLogsLogGroupArn", tf.raw("cloud_watch_logs_group_arn"), tf.at("cloud_watch_logs_group_arn"));
            out.set("CloudWatchLogsRoleArn", tf.raw("cloud_watch_logs_role_arn"), tf.at("cloud_watch_logs_role_arn"));
            out.set("EnableLogFileValidation", tf.bool("enable_log_file_validation"), tf.at("enable_log_file_validation"));
            out.set("IncludeGlobalServiceEvents", tf.bool("include_global_service_events"), tf.at("include_global_service_events"));
            out.set("IsMultiRegionTrail", tf.bool("is_multi_region_trail"), tf.at("is_multi_region_trail"));
            out.set("IsOrganizationTrail", tf.bool("is_organization_trail"), tf.at("is_organization_trail"));
            out.set("KMSKeyId", tf.raw("kms_key_id"), tf.at("kms_key_id"));
            // enable_logging defaults to true; CloudFormation requires IsLogging.
            out.set("IsLogging", tf.has("enable_logging") ? tf.bool("enable_logging") : Boolean.TRUE, tf.at("enable_logging"));
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
            eventSelectors(tf, out);
            advancedEventSelectors(tf, out);
            if (tf.blocksUnknown("insight_selector")) {
                out.set("InsightSelectors", Unknown.because("dynamic insight_selector blocks"), tf.at("insight_selector"));
            }
            for (TfView insight : tf.blocks("insight_selector")) {
                out.append("InsightSelectors", insight.object("insight_type", "InsightType"), insight.location());
            }
        });
    }

    private static void eventSelectors(TfView tf, PropertyWriter out) {
        if (tf.blocksUnknown("event_selector")) {
            out.set("EventSelectors", Unknown.because("dynamic event_selector blocks with an unknown for_each"), tf.at("event_selector"));
            return;
        }
        for (TfView selector : tf.blocks("event_selector")) {
            KnownMap entry = new KnownMap(selector.location());
            put(entry, "ReadWriteType", selector.raw("read_write_type"), selector.at("read_write_type"));
            put(entry, "IncludeManagementEvents", selector.bool("include_management_events"), selector.at("include_management_events"));
            put(entry, "ExcludeManagementEventSources", selector.raw("exclude_management_event_sources"),
                    selector.at("exclude_management_event_sources"));
            if (selector.blocksUnknown("data_resource")) {
                entry.put("DataResources", Unknown.because("dynamic data_resource blocks"), selector.at("data_resource"));
            } else if (!selector.blocks("data_resource").isEmpty()) {
                KnownList resources = new KnownList(selector.at("data_resource"));
                for (TfView resource : selector.blocks("data_resource")) {
                    resources.append(resource.object("type", "Type", "values", "Values"), resource.location());
                }
                entry.put("DataResources", resources, selector.at("data_resource"));
            }
            out.append("EventSelectors", entry, selector.location());
        }
    }

    private static void advancedEventSelectors(TfView tf, PropertyWriter out) {
        if (tf.blocksUnknown("advanced_event_selector")) {
            out.set("AdvancedEventSelectors", Unknown.because("dynamic advanced_event_selector blocks with an unknown for_each"),
                    tf.at("advanced_event_selector"));
            return;
        }
        for (TfView selector : tf.blocks("advanced_event_selector")) {
            KnownMap entry = new KnownMap(selector.location());
            put(entry, "Name", selector.raw("name"), selector.at("name"));
            if (selector.blocksUnknown("field_selector")) {
                entry.put("FieldSelectors", Unknown.because("dynamic field_selector blocks"), selector.at("field_selector"));
            } else {
                KnownList fields = new KnownList(selector.at("field_selector"));
                for (TfView field : selector.blocks("field_selector")) {
                    fields.append(field.object("field", "Field", "equals", "Equals", "not_equals", "NotEquals",
                            "starts_with", "StartsWith", "not_starts_with", "NotStartsWith", "ends_with", "EndsWith",
                            "not_ends_with", "NotEndsWith"), field.location());
                }
                entry.put("FieldSelectors", fields, selector.at("field_selector"));
            }
            out.append("AdvancedEventSelectors", entry, selector.location());
        }
    }

    private static void cloudWatch(Mappings mappings) {
        mappings.resource("aws_cloudwatch_log_group", "AWS::Logs::LogGroup", (tf, out, output) -> {
            if (tf.has("name")) {
                out.set("LogGroupName", tf.raw("name"), tf.at("name"));
            } else if (tf.has("name_prefix")) {
                out.set("LogGroupName", Unknown.fromResource(output.address(), "a name generated from name_prefix"), tf.at("name_prefix"));
            }
            // retention_in_days = 0 (the default) keeps events forever, as an absent RetentionInDays does.
            Object retention = tf.number("retention_in_days");
            if (!(retention instanceof Long days && days == 0)) {
                out.set("RetentionInDays", retention, tf.at("retention_in_days"));
            }
            out.set("KmsKeyId", tf.raw("kms_key_id"), tf.at("kms_key_id"));
            out.set("LogGroupClass", tf.raw("log_group_class"), tf.at("log_group_class"));
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
        });
        // CloudWatch Logs vended log delivery (CloudFront standard logging v2 and other sources).
        mappings.resource("aws_cloudwatch_log_delivery_source", "AWS::Logs::DeliverySource", (tf, out, output) -> {
            out.set("Name", tf.raw("name"), tf.at("name"));
            out.set("LogType", tf.raw("log_type"), tf.at("log_type"));
            out.set("ResourceArn", tf.raw("resource_arn"), tf.at("resource_arn"));
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
        });
        mappings.resource("aws_cloudwatch_log_delivery_destination", "AWS::Logs::DeliveryDestination", (tf, out, output) -> {
            out.set("Name", tf.raw("name"), tf.at("name"));
            out.set("OutputFormat", tf.raw("output_format"), tf.at("output_format"));
            tf.block("delivery_destination_configuration").ifPresent(destination -> out.set("DestinationResourceArn",
                    destination.raw("destination_resource_arn"), destination.at("destination_resource_arn")));
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
        });
        mappings.resource("aws_cloudwatch_log_delivery", "AWS::Logs::Delivery", (tf, out, output) -> {
            out.set("DeliverySourceName", tf.raw("delivery_source_name"), tf.at("delivery_source_name"));
            out.set("DeliveryDestinationArn", tf.raw("delivery_destination_arn"), tf.at("delivery_destination_arn"));
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
        });
        mappings.resource("aws_cloudwatch_log_metric_filter", "AWS::Logs::MetricFilter", (tf, out, output) -> {
            out.set("FilterName", tf.raw("name"), tf.at("name"));
            out.set("FilterPattern", tf.raw("pattern"), tf.at("pattern"));
            out.set("LogGroupName", tf.raw("log_group_name"), tf.at("log_group_name"));
            if (tf.blocksUnknown("metric_transformation")) {
                out.set("MetricTransformations", Unknown.because("dynamic metric_transformation blocks"), tf.at("metric_transformation"));
                return;
            }
            for (TfView transformation : tf.blocks("metric_transformation")) {
                KnownMap entry = new KnownMap(transformation.location());
                put(entry, "MetricName", transformation.raw("name"), transformation.at("name"));
                put(entry, "MetricNamespace", transformation.raw("namespace"), transformation.at("namespace"));
                put(entry, "MetricValue", transformation.raw("value"), transformation.at("value"));
                put(entry, "DefaultValue", transformation.raw("default_value"), transformation.at("default_value"));
                put(entry, "Unit", transformation.raw("unit"), transformation.at("unit"));
                put(entry, "Dimensions", dimensions(transformation.raw("dimensions"), transformation.at("dimensions"), "Key"),
                        transformation.at("dimensions"));
                out.append("MetricTransformations", entry, transformation.location());
            }
        });
        mappings.resource("aws_cloudwatch_metric_alarm", "AWS::CloudWatch::Alarm", (tf, out, output) -> {
            out.set("AlarmName", tf.raw("alarm_name"), tf.at("alarm_name"));
            out.set("AlarmDescription", tf.raw("alarm_description"), tf.at("alarm_description"));
            out.set("ComparisonOperator", tf.raw("comparison_operator"), tf.at("comparison_operator"));
            out.set("EvaluationPeriods", tf.number("evaluation_periods"), tf.at("evaluation_periods"));
            out.set("DatapointsToAlarm", tf.number("datapoints_to_alarm"), tf.at("datapoints_to_alarm"));
            out.set("MetricName", tf.raw("metric_name"), tf.at("metric_name"));
            out.set("Namespace", tf.raw("namespace"), tf.at("namespace"));
            out.set("Period", tf.number("period"), tf.at("period"));
            out.set("Statistic", tf.raw("statistic"), tf.at("statistic"));
            out.set("ExtendedStatistic", tf.raw("extended_statistic"), tf.at("extended_statistic"));
            out.set("Threshold", TfView.number(tf.raw("threshold")), tf.at("threshold"));
            out.set("TreatMissingData", tf.raw("treat_missing_data"), tf.at("treat_missing_data"));
            out.set("ActionsEnabled", tf.bool("actions_enabled"), tf.at("actions_enabled"));
            out.set("AlarmActions", tf.list("alarm_actions"), tf.at("alarm_actions"));
            out.set("OKActions", tf.list("ok_actions"), tf.at("ok_actions"));
            out.set("InsufficientDataActions", tf.list("insufficient_data_actions"), tf.at("insufficient_data_actions"));
            out.set("Dimensions", dimensions(tf.raw("dimensions"), tf.at("dimensions"), "Name"), tf.at("dimensions"));
            if (tf.blocksUnknown("metric_query")) {
                out.set("Metrics", Unknown.because("dynamic metric_query blocks"), tf.at("metric_query"));
                return;
            }
            for (TfView query : tf.blocks("metric_query")) {
                KnownMap entry = new KnownMap(query.location());
                put(entry, "Id", query.raw("id"), query.at("id"));
                put(entry, "Expression", query.raw("expression"), query.at("expression"));
                put(entry, "Label", query.raw("label"), query.at("label"));
                put(entry, "ReturnData", query.bool("return_data"), query.at("return_data"));
                query.block("metric").ifPresent(metric -> {
                    KnownMap stat = new KnownMap(metric.location());
                    KnownMap target = new KnownMap(metric.location());
                    put(target, "MetricName", metric.raw("metric_name"), metric.at("metric_name"));
                    put(target, "Namespace", metric.raw("namespace"), metric.at("namespace"));
                    put(target, "Dimensions", dimensions(metric.raw("dimensions"), metric.at("dimensions"), "Name"), metric.at("dimensions"));
                    stat.put("Metric", target, metric.location());
                    put(stat, "Period", metric.number("period"), metric.at("period"));
                    put(stat, "Stat", metric.raw("stat"), metric.at("stat"));
                    put(stat, "Unit", metric.raw("unit"), metric.at("unit"));
                    entry.put("MetricStat", stat, metric.location());
                });
                out.append("Metrics", entry, query.location());
            }
        });
    }

    private static void config(Mappings mappings) {
        mappings.resource("aws_config_configuration_recorder", "AWS::Config::ConfigurationRecorder", (tf, out, output) -> {
            // The provider names the recorder "default" when name is not set, as AWS Config does.
            Object name = tf.has("name") ? tf.raw("name") : "default";
            out.set("Name", name, tf.at("name"));
            out.set("RoleARN", tf.raw("role_arn"), tf.at("role_arn"));
            if (tf.blocksUnknown("recording_group")) {
                out.set("RecordingGroup", Unknown.because("dynamic recording_group block"), tf.at("recording_group"));
            }
            tf.block("recording_group").ifPresent(group -> {
                KnownMap entry = new KnownMap(group.location());
                // all_supported defaults to true in the provider.
                entry.put("AllSupported", group.has("all_supported") ? group.bool("all_supported") : Boolean.TRUE, group.at("all_supported"));
                put(entry, "IncludeGlobalResourceTypes", group.bool("include_global_resource_types"), group.at("include_global_resource_types"));
                put(entry, "ResourceTypes", group.raw("resource_types"), group.at("resource_types"));
                group.block("exclusion_by_resource_types").ifPresent(exclusion -> entry.put("ExclusionByResourceTypes",
                        exclusion.object("resource_types", "ResourceTypes"), exclusion.location()));
                group.block("recording_strategy").ifPresent(strategy -> entry.put("RecordingStrategy",
                        strategy.object("use_only", "UseOnly"), strategy.location()));
                out.set("RecordingGroup", entry, group.location());
            });
            tf.block("recording_mode").ifPresent(mode -> out.set("RecordingMode.RecordingFrequency", mode.raw("recording_frequency"),
                    mode.at("recording_frequency")));
            PropertyWriter status = output.add(RECORDER_STATUS, "", tf.location());
            status.set("Name", name, tf.at("name"));
        });
        mappings.child("aws_config_configuration_recorder_status", RECORDER_STATUS_PARENT, (tf, out, output) ->
                out.set("IsEnabled", tf.bool("is_enabled"), tf.at("is_enabled")));
        mappings.resource("aws_config_delivery_channel", "AWS::Config::DeliveryChannel", (tf, out, output) -> {
            out.set("Name", tf.raw("name"), tf.at("name"));
            out.set("S3BucketName", tf.raw("s3_bucket_name"), tf.at("s3_bucket_name"));
            out.set("S3KeyPrefix", tf.raw("s3_key_prefix"), tf.at("s3_key_prefix"));
            out.set("S3KmsKeyArn", tf.raw("s3_kms_key_arn"), tf.at("s3_kms_key_arn"));
            out.set("SnsTopicARN", tf.raw("sns_topic_arn"), tf.at("sns_topic_arn"));
            tf.block("snapshot_delivery_properties").ifPresent(properties -> out.set(
                    "ConfigSnapshotDeliveryProperties.DeliveryFrequency", properties.raw("delivery_frequency"),
                    properties.at("delivery_frequency")));
        });
    }

    private static void guardDuty(Mappings mappings) {
        mappings.resource("aws_guardduty_detector", "AWS::GuardDuty::Detector", (tf, out, output) -> {
            // enable defaults to true; CloudFormation requires Enable.
            out.set("Enable", tf.has("enable") ? tf.bool("enable") : Boolean.TRUE, tf.at("enable"));
            out.set("FindingPublishingFrequency", tf.raw("finding_publishing_frequency"), tf.at("finding_publishing_frequency"));
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
            tf.block("datasources").ifPresent(sources -> {
                sources.block("s3_logs").ifPresent(s3 -> out.set("DataSources.S3Logs.Enable", s3.bool("enable"), s3.at("enable")));
                sources.block("kubernetes").flatMap(kubernetes -> kubernetes.block("audit_logs")).ifPresent(audit ->
                        out.set("DataSources.Kubernetes.AuditLogs.Enable", audit.bool("enable"), audit.at("enable")));
                sources.block("malware_protection").flatMap(malware -> malware.block("scan_ec2_instance_with_findings"))
                        .flatMap(scan -> scan.block("ebs_volumes")).ifPresent(ebs -> out.set(
                                "DataSources.MalwareProtection.ScanEc2InstanceWithFindings.EbsVolumes", ebs.bool("enable"),
                                ebs.at("enable")));
            });
        });
        mappings.child("aws_guardduty_detector_feature", DETECTOR, (tf, out, output) -> {
            KnownMap feature = new KnownMap(tf.location());
            put(feature, "Name", tf.raw("name"), tf.at("name"));
            put(feature, "Status", tf.raw("status"), tf.at("status"));
            if (tf.blocksUnknown("additional_configuration")) {
                feature.put("AdditionalConfiguration", Unknown.because("dynamic additional_configuration blocks"),
                        tf.at("additional_configuration"));
            } else if (!tf.blocks("additional_configuration").isEmpty()) {
                KnownList additional = new KnownList(tf.at("additional_configuration"));
                for (TfView configuration : tf.blocks("additional_configuration")) {
                    additional.append(configuration.object("name", "Name", "status", "Status"), configuration.location());
                }
                feature.put("AdditionalConfiguration", additional, tf.at("additional_configuration"));
            }
            out.append("Features", feature, tf.location());
        });
    }

    private static void securityHub(Mappings mappings) {
        mappings.resource("aws_securityhub_account", "AWS::SecurityHub::Hub", (tf, out, output) -> {
            out.set("EnableDefaultStandards", tf.bool("enable_default_standards"), tf.at("enable_default_standards"));
            out.set("ControlFindingGenerator", tf.raw("control_finding_generator"), tf.at("control_finding_generator"));
            out.set("AutoEnableControls", tf.bool("auto_enable_controls"), tf.at("auto_enable_controls"));
        });
        mappings.resource("aws_securityhub_standards_subscription", "AWS::SecurityHub::Standard", (tf, out, output) ->
                out.set("StandardsArn", tf.raw("standards_arn"), tf.at("standards_arn")));
    }

    private static void put(KnownMap map, String key, Object value, SourceLocation location) {
        if (value != null) {
            map.put(key, value, location);
        }
    }

    /** A Terraform map of dimensions as CloudFormation's list of {Key|Name, Value}. */
    private static Object dimensions(Object value, SourceLocation location, String keyName) {
        if (!(value instanceof KnownMap map)) {
            return value;
        }
        KnownList list = new KnownList(location);
        for (String key : map.keyList()) {
            SourceLocation at = map.entryLocation(key) != null ? map.entryLocation(key) : location;
            KnownMap entry = new KnownMap(at);
            entry.put(keyName, key, at);
            entry.put("Value", map.raw(key), at);
            list.append(entry, at);
        }
        return list;
    }
}
