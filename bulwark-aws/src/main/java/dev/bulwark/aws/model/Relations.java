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
 * {@code Fn::GetAtt}, {@code aws_kms_key.k.arn}) points at it.
 */
public final class Relations {
    /** {@code from}'s property at {@code path} refers to {@code to}. */
    public record Edge(AwsResource from, String path, AwsResource to) {}

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
        for (AwsResource resource : resources) {
            Set<String> seen = new LinkedHashSet<>();
            collect(resource.properties(), "Properties", resource, byAddress, relations, seen, 0);
        }
        return relations;
    }

    private static void collect(Object value, String path, AwsResource from, Map<String, List<AwsResource>> byAddress,
                                Relations relations, Set<String> seen, int depth) {
        if (depth > 40) {
            return;
        }
        if (value instanceof Unknown unknown && unknown.reference().isPresent()) {
            String target = unknown.reference().get();
            List<AwsResource> targets = byAddress.get(target);
            if (targets == null) {
                targets = byAddress.get(target + "[*]");
            }
            if (targets == null) {
                return;
            }
            for (AwsResource to : targets) {
                if (to == from || !seen.add(path + "->" + to.address())) {
                    continue;
                }
                Edge edge = new Edge(from, path, to);
                relations.outbound.computeIfAbsent(from.address(), key -> new ArrayList<>()).add(edge);
                relations.inbound.computeIfAbsent(to.address(), key -> new ArrayList<>()).add(edge);
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
