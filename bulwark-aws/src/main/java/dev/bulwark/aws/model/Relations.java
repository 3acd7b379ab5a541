package dev.bulwark.aws.model;

import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;
import dev.bulwark.core.model.ValuePath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The edges between the resources of one stack (a CloudFormation template, a Terraform root
 * module with its modules): a property whose value comes from another resource ({@code Ref},
 * {@code Fn::GetAtt}, {@code aws_kms_key.k.arn}) points at it. Properties that name their target
 * (a bucket policy's {@code Bucket}, a rotation's {@code SecretId}) also point at it when they hold
 * its literal name, and when they hold an unknown that could be any of them, they point at every
 * candidate as a <i>possible</i> edge: a rule must not report "this bucket has no TLS policy" when
 * a policy for an unknown bucket may be it.
 */
public final class Relations {
    /** {@code from}'s property at {@code path} refers to {@code to}; {@code possible} when it may, not must. */
    public record Edge(AwsResource from, String path, AwsResource to, boolean possible) {}

    /** Stands for the value of the {@code access_logs.s3.bucket} load balancer attribute. */
    private static final String LOAD_BALANCER_LOG_BUCKET = "LoadBalancerAttributes[access_logs.s3.bucket]";

    /** Properties (dotted paths) that name another resource, by the type holding them, with the types they can name. */
    private static final Map<String, Map<String, List<String>>> NAMING = Map.ofEntries(
            Map.entry("AWS::S3::BucketPolicy", Map.of("Bucket", List.of("AWS::S3::Bucket"))),
            Map.entry("AWS::SecretsManager::RotationSchedule", Map.of("SecretId", List.of("AWS::SecretsManager::Secret"))),
            Map.entry("AWS::SecretsManager::ResourcePolicy", Map.of("SecretId", List.of("AWS::SecretsManager::Secret"))),
            Map.entry("AWS::SNS::TopicPolicy", Map.of("Topics", List.of("AWS::SNS::Topic"))),
            Map.entry("AWS::SQS::QueuePolicy", Map.of("Queues", List.of("AWS::SQS::Queue"))),
            Map.entry("AWS::Lambda::Url", Map.of("TargetFunctionArn", List.of("AWS::Lambda::Function"))),
            Map.entry("AWS::Lambda::Permission", Map.of("FunctionName", List.of("AWS::Lambda::Function"))),
            Map.entry("AWS::EC2::FlowLog", Map.of("ResourceId", List.of("AWS::EC2::VPC", "AWS::EC2::Subnet"))),
            Map.entry("AWS::WAFv2::WebACLAssociation", Map.of("ResourceArn",
                    List.of("AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ApiGateway::Stage"))),
            Map.entry("AWS::KMS::Alias", Map.of("TargetKeyId", List.of("AWS::KMS::Key"))),
            Map.entry("AWS::CloudTrail::Trail", Map.of("S3BucketName", List.of("AWS::S3::Bucket"))),
            Map.entry("AWS::S3::Bucket", Map.of("LoggingConfiguration.DestinationBucketName", List.of("AWS::S3::Bucket"))),
            Map.entry("AWS::ElasticLoadBalancing::LoadBalancer", Map.of("AccessLoggingPolicy.S3BucketName", List.of("AWS::S3::Bucket"))),
            Map.entry("AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of(LOAD_BALANCER_LOG_BUCKET, List.of("AWS::S3::Bucket"))),
            Map.entry("AWS::CloudFront::Distribution", Map.of("DistributionConfig.Logging.Bucket", List.of("AWS::S3::Bucket"))),
            Map.entry("AWS::IAM::AccessKey", Map.of("UserName", List.of("AWS::IAM::User"))),
            Map.entry("AWS::Logs::MetricFilter", Map.of("LogGroupName", List.of("AWS::Logs::LogGroup"))));

    /** The property holding each named type's name. */
    private static final Map<String, String> NAMES = Map.of(
            "AWS::S3::Bucket", "BucketName",
            "AWS::SecretsManager::Secret", "Name",
            "AWS::SNS::Topic", "TopicName",
            "AWS::SQS::Queue", "QueueName",
            "AWS::Lambda::Function", "FunctionName",
            "AWS::Logs::LogGroup", "LogGroupName",
            "AWS::IAM::User", "UserName");

    private final Map<String, List<Edge>> outbound = new HashMap<>();
    private final Map<String, List<Edge>> inbound = new HashMap<>();

    private Relations() {}

    public static Relations of(List<AwsResource> resources) {
        Relations relations = new Relations();
        Map<String, List<AwsResource>> byAddress = new HashMap<>();
        for (AwsResource resource : resources) {
            byAddress.computeIfAbsent(resource.address(), key -> new ArrayList<>()).add(resource);
            // A reference to a resource with unknown count points at the bare address.
            int bracket = resource.address().lastIndexOf('[');
            if (bracket > 0 && resource.address().endsWith("]")) {
                byAddress.computeIfAbsent(resource.address().substring(0, bracket) + "[*]", key -> new ArrayList<>()).add(resource);
            }
        }
        Map<String, List<AwsResource>> byType = new HashMap<>();
        for (AwsResource resource : resources) {
            byType.computeIfAbsent(resource.type(), key -> new ArrayList<>()).add(resource);
        }
        for (AwsResource resource : resources) {
            Set<String> seen = new LinkedHashSet<>();
            collect(resource.properties(), "Properties", resource, byAddress, relations, seen, 0);
            Map<String, List<String>> naming = NAMING.get(resource.type());
            if (naming != null) {
                naming.forEach((property, types) -> byName(resource, property, types, byType, relations, seen));
            }
        }
        return relations;
    }

    /** Edges for a naming property's literal names and reference-less unknowns. */
    private static void byName(AwsResource from, String property, List<String> types, Map<String, List<AwsResource>> byType,
                               Relations relations, Set<String> seen) {
        Object value;
        String path;
        if (property.equals(LOAD_BALANCER_LOG_BUCKET)) {
            value = null;
            path = "Properties.LoadBalancerAttributes";
            if (from.properties().raw("LoadBalancerAttributes") instanceof KnownList attributes) {
                for (int i = 0; i < attributes.size(); i++) {
                    if (attributes.raw(i) instanceof KnownMap attribute && "access_logs.s3.bucket".equals(attribute.raw("Key"))) {
                        value = attribute.raw("Value");
                        path = "Properties.LoadBalancerAttributes[" + i + "].Value";
                    }
                }
            }
        } else {
            value = at(from.properties(), property);
            path = "Properties." + property;
        }
        List<Object> values = new ArrayList<>();
        if (value instanceof KnownList list) {
            for (int i = 0; i < list.size(); i++) {
                values.add(list.raw(i));
            }
        } else if (value != null) {
            values.add(value);
        }
        for (Object element : values) {
            if (element instanceof Unknown unknown && unknown.reference().isPresent()) {
                continue;
            }
            for (String type : types) {
                for (AwsResource candidate : byType.getOrDefault(type, List.of())) {
                    if (candidate == from || !seen.add(path + "->" + candidate.address())) {
                        continue;
                    }
                    if (element instanceof Unknown) {
                        relations.add(new Edge(from, path, candidate, true));
                    } else if (element instanceof String name && names(candidate, name)) {
                        relations.add(new Edge(from, path, candidate, false));
                    } else {
                        seen.remove(path + "->" + candidate.address());
                    }
                }
            }
        }
    }

    /** The value at a dotted path of {@code properties}, or null. */
    private static Object at(KnownMap properties, String path) {
        Object current = properties;
        for (String key : path.split("\\.")) {
            if (!(current instanceof KnownMap map)) {
                return null;
            }
            current = map.raw(key);
        }
        return current;
    }

    /** Whether {@code text} is the candidate's name, an ARN ending in it, or (for a bucket) its S3 domain name. */
    private static boolean names(AwsResource candidate, String text) {
        String property = NAMES.get(candidate.type());
        if (property == null || !(candidate.properties().raw(property) instanceof String name) || name.isEmpty()) {
            return false;
        }
        if (text.equals(name)) {
            return true;
        }
        if (candidate.type().equals("AWS::S3::Bucket") && text.startsWith(name + ".s3.") && text.endsWith(".amazonaws.com")) {
            return true;
        }
        String withoutObjects = text.endsWith("/*") ? text.substring(0, text.length() - 2) : text;
        return withoutObjects.startsWith("arn:") && (withoutObjects.endsWith(":" + name) || withoutObjects.endsWith("/" + name));
    }

    private void add(Edge edge) {
        outbound.computeIfAbsent(edge.from().address(), key -> new ArrayList<>()).add(edge);
        inbound.computeIfAbsent(edge.to().address(), key -> new ArrayList<>()).add(edge);
    }

    private static void collect(Object value, String path, AwsResource from, Map<String, List<AwsResource>> byAddress,
                                Relations relations, Set<String> seen, int depth) {
        if (depth > 40) {
            return;
        }
        if (value instanceof Unknown unknown && unknown.reference().isPresent()) {
            for (String target : unknown.references()) {
                List<AwsResource> targets = byAddress.get(target);
                if (targets == null) {
                    targets = byAddress.get(target + "[*]");
                }
                if (targets == null) {
                    continue;
                }
                for (AwsResource to : targets) {
                    if (to == from || !seen.add(path + "->" + to.address())) {
                        continue;
                    }
                    relations.add(new Edge(from, path, to, false));
                }
            }
        } else if (value instanceof KnownMap map) {
            for (String key : map.keyList()) {
                collect(map.raw(key), ValuePath.child(path, key), from, byAddress, relations, seen, depth + 1);
            }
        } else if (value instanceof KnownList list) {
            for (int i = 0; i < list.size(); i++) {
                collect(list.raw(i), ValuePath.index(path, i), from, byAddress, relations, seen, depth + 1);
            }
        }
    }

    /** Edges from {@code resource}'s properties to other resources. */
    public List<Edge> from(AwsResource resource) {
        return outbound.getOrDefault(resource.address(), List.of());
    }

    /** Edges from other resources' properties to {@code resource}. */
    public List<Edge> to(AwsResource resource) {
        return inbound.getOrDefault(resource.address(), List.of());
    }
}
