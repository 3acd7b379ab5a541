package dev.bulwark.aws.model;

import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.ValuePath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The network rules of a resource that are fully known, normalized for rules: security group
 * ingress and egress (inline, standalone, default group) and network ACL entries. A rule with an
 * unknown protocol, port or source is left out: whether it opens anything cannot be known.
 *
 * <p>Each rule is {@code {path, direction, protocol, from, to, allPorts, source, ipv6, world, action}}:
 * {@code protocol} is {@code tcp}, {@code udp}, {@code icmp}, a number or {@code -1} (all);
 * {@code from}/{@code to} are the port range ({@code allPorts} when the protocol is all or the range
 * spans every port); {@code path} is the value to point at (the source).
 */
public final class NetworkFacts {
    private NetworkFacts() {}

    public static List<Object> of(String type, KnownMap properties) {
        List<Object> rules = new ArrayList<>();
        switch (type) {
            case "AWS::EC2::SecurityGroup", "Bulwark::EC2::DefaultSecurityGroup" -> {
                inline(properties, "SecurityGroupIngress", "ingress", rules);
                inline(properties, "SecurityGroupEgress", "egress", rules);
            }
            case "AWS::EC2::SecurityGroupIngress" -> standalone(properties, "Properties", "ingress", rules);
            case "AWS::EC2::SecurityGroupEgress" -> standalone(properties, "Properties", "egress", rules);
            case "AWS::EC2::NetworkAclEntry" -> aclEntry(properties, rules);
            default -> {
                // no network rules
            }
        }
        return rules;
    }

    private static void inline(KnownMap properties, String property, String direction, List<Object> rules) {
        if (!(properties.raw(property) instanceof KnownList list)) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.raw(i) instanceof KnownMap rule) {
                standalone(rule, ValuePath.index("Properties." + property, i), direction, rules);
            }
        }
    }

    private static void standalone(KnownMap rule, String path, String direction, List<Object> rules) {
        String protocol = protocol(rule.raw("IpProtocol"));
        if (protocol == null) {
            return;
        }
        Long from = port(rule.raw("FromPort"));
        Long to = port(rule.raw("ToPort"));
        boolean allProtocols = protocol.equals("-1");
        if (!allProtocols && (protocol.equals("tcp") || protocol.equals("udp"))) {
            if (!rule.containsKey("FromPort") && !rule.containsKey("ToPort")) {
                from = 0L;
                to = 65535L;
            }
            if (from == null || to == null) {
                return;
            }
        }
        sources(rule, path, "CidrIp", false, protocol, from, to, direction, rules);
        sources(rule, path, "CidrIpv6", true, protocol, from, to, direction, rules);
    }

    private static void sources(KnownMap rule, String path, String key, boolean ipv6, String protocol, Long from, Long to,
                                String direction, List<Object> rules) {
        Object source = rule.raw(key);
        if (source instanceof String cidr) {
            rules.add(fact(ValuePath.child(path, key), direction, protocol, from, to, cidr, ipv6, "allow"));
        } else if (source instanceof KnownList list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.raw(i) instanceof String cidr) {
                    rules.add(fact(ValuePath.index(ValuePath.child(path, key), i), direction, protocol, from, to, cidr, ipv6, "allow"));
                }
            }
        }
    }

    private static void aclEntry(KnownMap entry, List<Object> rules) {
        Object protocolValue = entry.raw("Protocol");
        String protocol = protocolValue instanceof Long number ? switch (number.intValue()) {
            case -1 -> "-1";
            case 6 -> "tcp";
            case 17 -> "udp";
            case 1 -> "icmp";
            default -> String.valueOf(number);
        } : protocol(protocolValue);
        // Egress left out is false: CloudFormation makes the entry an ingress entry.
        Object egressValue = entry.containsKey("Egress") ? entry.raw("Egress") : Boolean.FALSE;
        if (protocol == null || !(entry.raw("RuleAction") instanceof String action) || !(egressValue instanceof Boolean egress)) {
            return;
        }
        Long from = null;
        Long to = null;
        if (entry.raw("PortRange") instanceof KnownMap range) {
            from = port(range.raw("From"));
            to = port(range.raw("To"));
        }
        if (!protocol.equals("-1") && (protocol.equals("tcp") || protocol.equals("udp")) && (from == null || to == null)) {
            return;
        }
        String direction = egress ? "egress" : "ingress";
        if (entry.raw("CidrBlock") instanceof String cidr) {
            rules.add(fact("Properties.CidrBlock", direction, protocol, from, to, cidr, false, action.toLowerCase(Locale.ROOT)));
        }
        if (entry.raw("Ipv6CidrBlock") instanceof String cidr) {
            rules.add(fact("Properties.Ipv6CidrBlock", direction, protocol, from, to, cidr, true, action.toLowerCase(Locale.ROOT)));
        }
    }

    private static Map<String, Object> fact(String path, String direction, String protocol, Long from, Long to, String cidr,
                                            boolean ipv6, String action) {
        Map<String, Object> fact = new LinkedHashMap<>();
        boolean allPorts = protocol.equals("-1") || (from != null && to != null && from <= 0 && to >= 65535)
                || (from != null && to != null && from == -1 && to == -1 && !protocol.startsWith("icmp"));
        fact.put("path", path);
        fact.put("direction", direction);
        fact.put("protocol", protocol);
        fact.put("from", from == null ? -1L : from);
        fact.put("to", to == null ? -1L : to);
        fact.put("allPorts", allPorts);
        fact.put("source", cidr);
        fact.put("ipv6", ipv6);
        String normalized = cidr.strip();
        fact.put("world", normalized.equals("0.0.0.0/0") || normalized.equals("::/0") || normalized.equals("::0/0"));
        fact.put("action", action);
        return fact;
    }

    private static String protocol(Object value) {
        if (value instanceof Long number) {
            return switch (number.intValue()) {
                case -1 -> "-1";
                case 6 -> "tcp";
                case 17 -> "udp";
                case 1 -> "icmp";
                default -> String.valueOf(number);
            };
        }
        if (!(value instanceof String text)) {
            return null;
        }
        String lower = text.strip().toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "all", "-1" -> "-1";
            case "6" -> "tcp";
            case "17" -> "udp";
            case "1" -> "icmp";
            default -> lower;
        };
    }

    private static Long port(Object value) {
        if (value instanceof Long number) {
            return number;
        }
        if (value instanceof Double number) {
            return number.longValue();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
