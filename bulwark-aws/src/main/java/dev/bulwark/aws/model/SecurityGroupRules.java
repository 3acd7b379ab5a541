package dev.bulwark.aws.model;

import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges standalone security group rules into the group they belong to, in both formats: a
 * Terraform {@code aws_security_group_rule} or {@code aws_vpc_security_group_ingress_rule}, a
 * CloudFormation {@code AWS::EC2::SecurityGroupIngress}. The group then holds every rule that
 * applies to it, each still located where it was written, so one rule sees the whole group (the
 * default security group with a rule added separately is not "without rules"). A rule whose group
 * is not in the stack, or cannot be told, stays a resource of its own.
 *
 * <p>A group created without egress rules gets EC2's allow-all egress rule; CloudFormation
 * removes it when a separate egress rule is added to the group, so a merged egress rule is the
 * group's only one, as it is in the account.
 */
public final class SecurityGroupRules {
    private static final Set<String> GROUPS = Set.of("AWS::EC2::SecurityGroup", "Bulwark::EC2::DefaultSecurityGroup");
    private static final Set<String> NOT_COPIED = Set.of("GroupId", "GroupName", "SecurityGroupRuleId");

    private SecurityGroupRules() {}

    /** The stack with standalone rules merged into their groups (the list returned is new; groups are changed in place). */
    public static List<AwsResource> merge(List<AwsResource> stack) {
        Map<String, AwsResource> groups = new HashMap<>();
        for (AwsResource resource : stack) {
            if (GROUPS.contains(resource.type())) {
                groups.put(resource.address(), resource);
            }
        }
        if (groups.isEmpty()) {
            return stack;
        }
        List<AwsResource> result = new ArrayList<>(stack.size());
        for (AwsResource resource : stack) {
            boolean ingress = resource.type().equals("AWS::EC2::SecurityGroupIngress");
            boolean egress = resource.type().equals("AWS::EC2::SecurityGroupEgress");
            if (!ingress && !egress) {
                result.add(resource);
                continue;
            }
            AwsResource group = group(resource.properties().raw("GroupId"), groups);
            if (group == null || !mergeInto(group, resource, ingress ? "SecurityGroupIngress" : "SecurityGroupEgress")) {
                result.add(resource);
            }
        }
        return result;
    }

    private static AwsResource group(Object reference, Map<String, AwsResource> groups) {
        if (!(reference instanceof Unknown unknown) || unknown.reference().isEmpty()) {
            return null;
        }
        String address = unknown.reference().get();
        AwsResource group = groups.get(address);
        if (group == null) {
            // A plan names the group without its instance key; only a single instance is certain.
            List<AwsResource> instances = new ArrayList<>();
            for (Map.Entry<String, AwsResource> entry : groups.entrySet()) {
                if (entry.getKey().startsWith(address + "[")) {
                    instances.add(entry.getValue());
                }
            }
            group = instances.size() == 1 ? instances.get(0) : null;
        }
        return group;
    }

    private static boolean mergeInto(AwsResource group, AwsResource rule, String property) {
        KnownMap properties = group.properties();
        Object existing = properties.raw(property);
        if (existing instanceof Unknown) {
            // The group's own rules are unknown: the merged list would be too; keep the rule apart.
            return false;
        }
        KnownList list;
        if (existing instanceof KnownList known) {
            list = known;
        } else {
            list = new KnownList(rule.location());
            properties.put(property, list, rule.location());
        }
        KnownMap entry = new KnownMap(rule.location());
        KnownMap source = rule.properties();
        for (String key : source.keyList()) {
            if (!NOT_COPIED.contains(key)) {
                entry.put(key, source.raw(key), source.entryLocation(key));
            }
        }
        list.append(entry, rule.location());
        return true;
    }
}
