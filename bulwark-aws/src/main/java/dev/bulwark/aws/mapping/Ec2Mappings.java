package dev.bulwark.aws.mapping;

import dev.bulwark.aws.model.PropertyWriter;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * EC2 and VPC: security groups and their rules, the default security group, network ACLs,
 * instances, launch templates, EBS volumes, snapshot copies and default encryption, the account's
 * instance metadata defaults, subnets (default ones included), VPCs and flow logs.
 *
 * <p>User data is kept readable, as CloudFormation's {@code Fn::Base64} input is: base64 user
 * data ({@code user_data_base64}, a launch template's {@code user_data}) is decoded when it
 * decodes to text. A standalone rule whose type (ingress or egress) is unknown keeps its sources
 * unknown, so it can be judged neither way.
 *
 * <p>A Terraform ingress block lists several CIDRs where a CloudFormation rule holds one, so an
 * inline block becomes one {@code SecurityGroupIngress} entry per CIDR, each located at the block.
 * A standalone {@code aws_security_group_rule} with several CIDRs keeps them as a list in
 * {@code CidrIp}/{@code CidrIpv6}, the one place the model widens a CloudFormation property.
 */
final class Ec2Mappings {
    private static final Map<String, String> PROTOCOLS = Map.of("6", "tcp", "17", "udp", "1", "icmp", "58", "icmpv6", "all", "-1");

    private Ec2Mappings() {}

    static void register(Mappings mappings) {
        mappings.resource("aws_security_group", "AWS::EC2::SecurityGroup", (tf, out, output) -> {
            out.set("GroupName", tf.raw("name"), tf.at("name"));
            out.set("GroupDescription", tf.raw("description"), tf.at("description"));
            out.set("VpcId", tf.raw("vpc_id"), tf.at("vpc_id"));
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
            rules(tf, "ingress", "SecurityGroupIngress", true, out);
            rules(tf, "egress", "SecurityGroupEgress", false, out);
            if (!tf.has("egress")) {
                // Terraform removes the allow-all egress rule AWS adds (CloudFormation keeps it when
                // SecurityGroupEgress is absent), so a Terraform group without egress blocks has none.
                out.set("SecurityGroupEgress", new KnownList(tf.location()), tf.location());
            }
        });
        mappings.resource("aws_default_security_group", "Bulwark::EC2::DefaultSecurityGroup", (tf, out, output) -> {
            out.set("GroupName", "default", tf.location());
            out.set("VpcId", tf.raw("vpc_id"), tf.at("vpc_id"));
            rules(tf, "ingress", "SecurityGroupIngress", true, out);
            rules(tf, "egress", "SecurityGroupEgress", false, out);
            if (!tf.has("ingress")) {
                out.set("SecurityGroupIngress", new KnownList(tf.location()), tf.location());
            }
            if (!tf.has("egress")) {
                out.set("SecurityGroupEgress", new KnownList(tf.location()), tf.location());
            }
        });
        mappings.resource("aws_security_group_rule", null, (tf, out, output) -> {
            Object type = tf.raw("type");
            boolean egress = "egress".equals(type);
            PropertyWriter rule = output.add(egress ? "AWS::EC2::SecurityGroupEgress" : "AWS::EC2::SecurityGroupIngress", "", tf.location());
            standaloneRule(tf, rule, !egress);
            if (!(type instanceof String)) {
                // Ingress or egress cannot be told: whatever the rule opens stays unknown.
                Unknown direction = Unknown.because("the rule's type (ingress or egress) is unknown");
                for (String key : List.of("CidrIp", "CidrIpv6", "SourceSecurityGroupId", "SourcePrefixListId")) {
                    if (rule.get(key) != null) {
                        rule.set(key, direction, tf.at("type"));
                    }
                }
            }
        });
        mappings.resource("aws_vpc_security_group_ingress_rule", "AWS::EC2::SecurityGroupIngress",
                (tf, out, output) -> vpcRule(tf, out, "Source"));
        mappings.resource("aws_vpc_security_group_egress_rule", "AWS::EC2::SecurityGroupEgress",
                (tf, out, output) -> vpcRule(tf, out, "Destination"));
        mappings.resource("aws_network_acl", "AWS::EC2::NetworkAcl", (tf, out, output) -> {
            out.set("VpcId", tf.raw("vpc_id"), tf.at("vpc_id"));
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
            // Inline rules become the entries CloudFormation keeps as separate resources.
            aclEntries(tf, "ingress", false, output);
            aclEntries(tf, "egress", true, output);
        });
        mappings.resource("aws_default_network_acl", "AWS::EC2::NetworkAcl", (tf, out, output) -> {
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
            aclEntries(tf, "ingress", false, output);
            aclEntries(tf, "egress", true, output);
        });
        mappings.resource("aws_network_acl_rule", "AWS::EC2::NetworkAclEntry", (tf, out, output) -> {
            out.set("NetworkAclId", tf.raw("network_acl_id"), tf.at("network_acl_id"));
            out.set("RuleNumber", tf.number("rule_number"), tf.at("rule_number"));
            out.set("Egress", tf.bool("egress") == null ? Boolean.FALSE : tf.bool("egress"), tf.at("egress"));
            out.set("Protocol", aclProtocol(tf.raw("protocol")), tf.at("protocol"));
            out.set("RuleAction", tf.raw("rule_action"), tf.at("rule_action"));
            out.set("CidrBlock", tf.raw("cidr_block"), tf.at("cidr_block"));
            out.set("Ipv6CidrBlock", tf.raw("ipv6_cidr_block"), tf.at("ipv6_cidr_block"));
            portRange(tf.number("from_port"), tf.at("from_port"), tf.number("to_port"), tf.at("to_port"), out, "PortRange");
        });
        mappings.resource("aws_instance", "AWS::EC2::Instance", (tf, out, output) -> {
            out.set("ImageId", tf.raw("ami"), tf.at("ami"));
            out.set("InstanceType", tf.raw("instance_type"), tf.at("instance_type"));
            out.set("SubnetId", tf.raw("subnet_id"), tf.at("subnet_id"));
            out.set("SecurityGroupIds", tf.raw("vpc_security_group_ids"), tf.at("vpc_security_group_ids"));
            out.set("SecurityGroups", tf.raw("security_groups"), tf.at("security_groups"));
            out.set("IamInstanceProfile", tf.raw("iam_instance_profile"), tf.at("iam_instance_profile"));
            out.set("Monitoring", tf.bool("monitoring"), tf.at("monitoring"));
            out.set("EbsOptimized", tf.bool("ebs_optimized"), tf.at("ebs_optimized"));
            out.set("KeyName", tf.raw("key_name"), tf.at("key_name"));
            out.set("DisableApiTermination", tf.bool("disable_api_termination"), tf.at("disable_api_termination"));
            out.set("SourceDestCheck", tf.bool("source_dest_check"), tf.at("source_dest_check"));
            // The model keeps user data readable (CloudFormation's Fn::Base64 input): user_data is
            // plain text, user_data_base64 is decoded.
            if (tf.has("user_data")) {
                out.set("UserData", tf.raw("user_data"), tf.at("user_data"));
            } else {
                out.set("UserData", TfView.map(tf.raw("user_data_base64"), Ec2Mappings::decodeUserData), tf.at("user_data_base64"));
            }
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
            if (tf.has("associate_public_ip_address")) {
                KnownMap networkInterface = new KnownMap(tf.at("associate_public_ip_address"));
                networkInterface.put("DeviceIndex", "0", tf.at("associate_public_ip_address"));
                networkInterface.put("AssociatePublicIpAddress", tf.bool("associate_public_ip_address"), tf.at("associate_public_ip_address"));
                out.append("NetworkInterfaces", networkInterface, tf.at("associate_public_ip_address"));
            }
            tf.block("launch_template").ifPresent(template -> {
                out.set("LaunchTemplate.LaunchTemplateId", template.raw("id"), template.at("id"));
                out.set("LaunchTemplate.LaunchTemplateName", template.raw("name"), template.at("name"));
                out.set("LaunchTemplate.Version", template.raw("version"), template.at("version"));
            });
            metadataOptions(tf, out, "MetadataOptions");
            blockDevices(tf, out, "BlockDeviceMappings", true);
        });
        mappings.resource("aws_launch_template", "AWS::EC2::LaunchTemplate", (tf, out, output) -> {
            out.set("LaunchTemplateName", tf.raw("name"), tf.at("name"));
            out.set("LaunchTemplateData", new KnownMap(tf.location()), tf.location());
            out.set("LaunchTemplateData.ImageId", tf.raw("image_id"), tf.at("image_id"));
            out.set("LaunchTemplateData.InstanceType", tf.raw("instance_type"), tf.at("instance_type"));
            out.set("LaunchTemplateData.UserData", TfView.map(tf.raw("user_data"), Ec2Mappings::decodeUserData), tf.at("user_data"));
            out.set("LaunchTemplateData.IamInstanceProfile", tf.block("iam_instance_profile")
                    .map(profile -> profile.object("arn", "Arn", "name", "Name")).orElse(null), tf.at("iam_instance_profile"));
            out.set("LaunchTemplateData.SecurityGroupIds", tf.raw("vpc_security_group_ids"), tf.at("vpc_security_group_ids"));
            out.set("LaunchTemplateData.SecurityGroups", tf.raw("security_group_names"), tf.at("security_group_names"));
            out.set("LaunchTemplateData.KeyName", tf.raw("key_name"), tf.at("key_name"));
            out.set("LaunchTemplateData.EbsOptimized", tf.bool("ebs_optimized"), tf.at("ebs_optimized"));
            out.set("LaunchTemplateData.DisableApiTermination", tf.bool("disable_api_termination"), tf.at("disable_api_termination"));
            metadataOptions(tf, out, "LaunchTemplateData.MetadataOptions");
            blockDevices(tf, out, "LaunchTemplateData.BlockDeviceMappings", false);
            for (TfView networkInterface : tf.blocks("network_interfaces")) {
                KnownMap entry = new KnownMap(networkInterface.location());
                entry.put("AssociatePublicIpAddress", networkInterface.bool("associate_public_ip_address"),
                        networkInterface.at("associate_public_ip_address"));
                entry.put("DeviceIndex", networkInterface.number("device_index"), networkInterface.at("device_index"));
                entry.put("SubnetId", networkInterface.raw("subnet_id"), networkInterface.at("subnet_id"));
                entry.put("Groups", networkInterface.raw("security_groups"), networkInterface.at("security_groups"));
                out.append("LaunchTemplateData.NetworkInterfaces", entry, networkInterface.location());
            }
            tf.block("monitoring").ifPresent(monitoring -> out.set("LaunchTemplateData.Monitoring.Enabled", monitoring.bool("enabled"),
                    monitoring.at("enabled")));
        });
        mappings.resource("aws_ebs_volume", "AWS::EC2::Volume", (tf, out, output) -> {
            out.set("AvailabilityZone", tf.raw("availability_zone"), tf.at("availability_zone"));
            out.set("Encrypted", tf.bool("encrypted"), tf.at("encrypted"));
            out.set("KmsKeyId", tf.raw("kms_key_id"), tf.at("kms_key_id"));
            out.set("Size", tf.number("size"), tf.at("size"));
            out.set("VolumeType", tf.raw("type"), tf.at("type"));
            out.set("SnapshotId", tf.raw("snapshot_id"), tf.at("snapshot_id"));
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
        });
        mappings.resource("aws_ebs_encryption_by_default", "Bulwark::EC2::EbsEncryptionByDefault", (tf, out, output) ->
                out.set("Enabled", tf.has("enabled") ? tf.bool("enabled") : Boolean.TRUE, tf.at("enabled")));
        mappings.resource("aws_ebs_snapshot_copy", "Bulwark::EC2::SnapshotCopy", (tf, out, output) -> {
            out.set("SourceSnapshotId", tf.raw("source_snapshot_id"), tf.at("source_snapshot_id"));
            out.set("Encrypted", tf.bool("encrypted"), tf.at("encrypted"));
            out.set("KmsKeyId", tf.raw("kms_key_id"), tf.at("kms_key_id"));
        });
        mappings.resource("aws_ec2_instance_metadata_defaults", "Bulwark::EC2::InstanceMetadataDefaults", (tf, out, output) -> {
            // Account and Region defaults for instances launched without metadata options; the
            // provider sends no-preference for arguments left out.
            out.set("HttpTokens", tf.has("http_tokens") ? tf.raw("http_tokens") : "no-preference", tf.at("http_tokens"));
            out.set("HttpEndpoint", tf.has("http_endpoint") ? tf.raw("http_endpoint") : "no-preference", tf.at("http_endpoint"));
            out.set("HttpPutResponseHopLimit", tf.has("http_put_response_hop_limit") ? tf.number("http_put_response_hop_limit") : -1L,
                    tf.at("http_put_response_hop_limit"));
            out.set("InstanceMetadataTags", tf.has("instance_metadata_tags") ? tf.raw("instance_metadata_tags") : "no-preference",
                    tf.at("instance_metadata_tags"));
        });
        mappings.resource("aws_default_subnet", "AWS::EC2::Subnet", (tf, out, output) -> {
            out.set("AvailabilityZone", tf.raw("availability_zone"), tf.at("availability_zone"));
            // A default subnet assigns public IPv4 addresses unless told otherwise.
            out.set("MapPublicIpOnLaunch", tf.has("map_public_ip_on_launch") ? tf.bool("map_public_ip_on_launch") : Boolean.TRUE,
                    tf.at("map_public_ip_on_launch"));
            out.set("AssignIpv6AddressOnCreation", tf.bool("assign_ipv6_address_on_creation"), tf.at("assign_ipv6_address_on_creation"));
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
        });
        mappings.resource("aws_default_vpc", "AWS::EC2::VPC", (tf, out, output) -> {
            out.set("EnableDnsSupport", tf.bool("enable_dns_support"), tf.at("enable_dns_support"));
            out.set("EnableDnsHostnames", tf.bool("enable_dns_hostnames"), tf.at("enable_dns_hostnames"));
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
        });
        mappings.resource("aws_subnet", "AWS::EC2::Subnet", (tf, out, output) -> {
            out.set("VpcId", tf.raw("vpc_id"), tf.at("vpc_id"));
            out.set("CidrBlock", tf.raw("cidr_block"), tf.at("cidr_block"));
            out.set("AvailabilityZone", tf.raw("availability_zone"), tf.at("availability_zone"));
            out.set("MapPublicIpOnLaunch", tf.bool("map_public_ip_on_launch"), tf.at("map_public_ip_on_launch"));
            out.set("AssignIpv6AddressOnCreation", tf.bool("assign_ipv6_address_on_creation"), tf.at("assign_ipv6_address_on_creation"));
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
        });
        mappings.resource("aws_vpc", "AWS::EC2::VPC", (tf, out, output) -> {
            out.set("CidrBlock", tf.raw("cidr_block"), tf.at("cidr_block"));
            out.set("EnableDnsSupport", tf.bool("enable_dns_support"), tf.at("enable_dns_support"));
            out.set("EnableDnsHostnames", tf.bool("enable_dns_hostnames"), tf.at("enable_dns_hostnames"));
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
        });
        mappings.resource("aws_flow_log", "AWS::EC2::FlowLog", (tf, out, output) -> {
            Object vpc = tf.raw("vpc_id");
            Object subnet = tf.raw("subnet_id");
            Object eni = tf.raw("eni_id");
            Object transitGateway = tf.raw("transit_gateway_id");
            Object attachment = tf.raw("transit_gateway_attachment_id");
            if (vpc != null) {
                out.set("ResourceId", vpc, tf.at("vpc_id"));
                out.set("ResourceType", "VPC", tf.at("vpc_id"));
            } else if (subnet != null) {
                out.set("ResourceId", subnet, tf.at("subnet_id"));
                out.set("ResourceType", "Subnet", tf.at("subnet_id"));
            } else if (eni != null) {
                out.set("ResourceId", eni, tf.at("eni_id"));
                out.set("ResourceType", "NetworkInterface", tf.at("eni_id"));
            } else if (transitGateway != null) {
                out.set("ResourceId", transitGateway, tf.at("transit_gateway_id"));
                out.set("ResourceType", "TransitGateway", tf.at("transit_gateway_id"));
            } else if (attachment != null) {
                out.set("ResourceId", attachment, tf.at("transit_gateway_attachment_id"));
                out.set("ResourceType", "TransitGatewayAttachment", tf.at("transit_gateway_attachment_id"));
            }
            out.set("TrafficType", tf.raw("traffic_type"), tf.at("traffic_type"));
            out.set("LogDestinationType", tf.has("log_destination_type") ? tf.raw("log_destination_type") : "cloud-watch-logs",
                    tf.at("log_destination_type"));
            out.set("LogDestination", tf.raw("log_destination"), tf.at("log_destination"));
            out.set("LogGroupName", tf.raw("log_group_name"), tf.at("log_group_name"));
            out.set("DeliverLogsPermissionArn", tf.raw("iam_role_arn"), tf.at("iam_role_arn"));
        });
    }

    /** An aws_vpc_security_group_ingress_rule or _egress_rule; {@code side} is Source or Destination. */
    private static void vpcRule(TfView tf, PropertyWriter out, String side) {
        out.set("GroupId", tf.raw("security_group_id"), tf.at("security_group_id"));
        out.set("IpProtocol", protocol(tf.raw("ip_protocol")), tf.at("ip_protocol"));
        out.set("FromPort", tf.number("from_port"), tf.at("from_port"));
        out.set("ToPort", tf.number("to_port"), tf.at("to_port"));
        out.set("CidrIp", tf.raw("cidr_ipv4"), tf.at("cidr_ipv4"));
        out.set("CidrIpv6", tf.raw("cidr_ipv6"), tf.at("cidr_ipv6"));
        out.set(side + "SecurityGroupId", tf.raw("referenced_security_group_id"), tf.at("referenced_security_group_id"));
        out.set(side + "PrefixListId", tf.raw("prefix_list_id"), tf.at("prefix_list_id"));
        out.set("Description", tf.raw("description"), tf.at("description"));
    }

    static Object protocol(Object value) {
        return TfView.map(value, raw -> {
            String text = String.valueOf(TfView.number(raw)).toLowerCase(Locale.ROOT);
            return PROTOCOLS.getOrDefault(text, text);
        });
    }

    private static Object aclProtocol(Object value) {
        return TfView.map(value, raw -> {
            String text = String.valueOf(raw).toLowerCase(Locale.ROOT);
            return switch (text) {
                case "tcp" -> 6L;
                case "udp" -> 17L;
                case "icmp" -> 1L;
                case "icmpv6" -> 58L;
                case "all", "-1" -> -1L;
                default -> TfView.number(raw);
            };
        });
    }

    /** Inline ingress or egress blocks as CloudFormation rule entries, one per source. */
    private static void rules(TfView tf, String block, String property, boolean ingress, PropertyWriter out) {
        if (tf.blocksUnknown(block)) {
            out.set(property, Unknown.because("dynamic " + block + " blocks with an unknown for_each"), tf.at(block));
            return;
        }
        Object raw = tf.raw(block);
        if (raw instanceof Unknown) {
            out.set(property, raw, tf.at(block));
            return;
        }
        List<TfView> blocks = tf.blocks(block);
        if (blocks.isEmpty() && raw instanceof KnownList) {
            // ingress = [] removes every rule.
            out.set(property, new KnownList(tf.at(block)), tf.at(block));
            return;
        }
        for (TfView rule : blocks) {
            boolean any = false;
            any |= sources(rule, "cidr_blocks", ingress ? "CidrIp" : "CidrIp", property, out);
            any |= sources(rule, "ipv6_cidr_blocks", "CidrIpv6", property, out);
            any |= sources(rule, "security_groups", ingress ? "SourceSecurityGroupId" : "DestinationSecurityGroupId", property, out);
            any |= sources(rule, "prefix_list_ids", ingress ? "SourcePrefixListId" : "DestinationPrefixListId", property, out);
            if (Boolean.TRUE.equals(rule.bool("self"))) {
                out.append(property, entry(rule, ingress ? "SourceSecurityGroupId" : "DestinationSecurityGroupId",
                        Unknown.because("the group itself"), rule.at("self")), rule.location());
                any = true;
            }
            if (!any) {
                out.append(property, entry(rule, null, null, rule.location()), rule.location());
            }
        }
    }

    /** One rule entry per element of {@code attribute}; an unknown list gives one entry with an unknown source. */
    private static boolean sources(TfView rule, String attribute, String key, String property, PropertyWriter out) {
        Object value = rule.raw(attribute);
        if (value == null) {
            return false;
        }
        if (value instanceof Unknown) {
            out.append(property, entry(rule, key, value, rule.at(attribute)), rule.location());
            return true;
        }
        if (!(value instanceof KnownList list)) {
            out.append(property, entry(rule, key, value, rule.at(attribute)), rule.location());
            return true;
        }
        for (int i = 0; i < list.size(); i++) {
            SourceLocation location = list.elementLocation(i) != null ? list.elementLocation(i) : rule.at(attribute);
            out.append(property, entry(rule, key, list.raw(i), location), rule.location());
        }
        return !list.isEmpty();
    }

    private static KnownMap entry(TfView rule, String key, Object source, SourceLocation sourceAt) {
        KnownMap entry = new KnownMap(rule.location());
        entry.put("IpProtocol", protocol(rule.raw("protocol")), rule.at("protocol"));
        entry.put("FromPort", rule.number("from_port"), rule.at("from_port"));
        entry.put("ToPort", rule.number("to_port"), rule.at("to_port"));
        if (key != null) {
            entry.put(key, source, sourceAt);
        }
        entry.put("Description", rule.raw("description"), rule.at("description"));
        return entry;
    }

    private static void standaloneRule(TfView tf, PropertyWriter out, boolean ingress) {
        out.set("GroupId", tf.raw("security_group_id"), tf.at("security_group_id"));
        out.set("IpProtocol", protocol(tf.raw("protocol")), tf.at("protocol"));
        out.set("FromPort", tf.number("from_port"), tf.at("from_port"));
        out.set("ToPort", tf.number("to_port"), tf.at("to_port"));
        out.set("CidrIp", single(tf.raw("cidr_blocks")), tf.at("cidr_blocks"));
        out.set("CidrIpv6", single(tf.raw("ipv6_cidr_blocks")), tf.at("ipv6_cidr_blocks"));
        out.set(ingress ? "SourcePrefixListId" : "DestinationPrefixListId", single(tf.raw("prefix_list_ids")), tf.at("prefix_list_ids"));
        String group = ingress ? "SourceSecurityGroupId" : "DestinationSecurityGroupId";
        out.set(group, tf.raw("source_security_group_id"), tf.at("source_security_group_id"));
        if (Boolean.TRUE.equals(tf.bool("self"))) {
            out.set(group, Unknown.because("the group itself"), tf.at("self"));
        }
        out.set("Description", tf.raw("description"), tf.at("description"));
    }

    /** A one-element list as its element; other lists stay lists. */
    private static Object single(Object value) {
        if (value instanceof KnownList list && list.size() == 1) {
            return list.raw(0);
        }
        if (value instanceof KnownList list && list.isEmpty()) {
            return null;
        }
        return value;
    }

    private static void aclEntries(TfView tf, String block, boolean egress, Mappings.Output output) {
        int index = 0;
        for (TfView rule : tf.blocks(block)) {
            PropertyWriter entry = output.add("AWS::EC2::NetworkAclEntry", "." + block + "[" + index++ + "]", rule.location());
            entry.set("NetworkAclId", Unknown.fromResource(output.address(), "the ACL's id"), rule.location());
            entry.set("Egress", egress, rule.location());
            entry.set("RuleNumber", rule.number("rule_no"), rule.at("rule_no"));
            entry.set("Protocol", aclProtocol(rule.raw("protocol")), rule.at("protocol"));
            entry.set("RuleAction", rule.raw("action"), rule.at("action"));
            entry.set("CidrBlock", rule.raw("cidr_block"), rule.at("cidr_block"));
            entry.set("Ipv6CidrBlock", rule.raw("ipv6_cidr_block"), rule.at("ipv6_cidr_block"));
            portRange(rule.number("from_port"), rule.at("from_port"), rule.number("to_port"), rule.at("to_port"), entry, "PortRange");
        }
    }

    private static void portRange(Object from, SourceLocation fromAt, Object to, SourceLocation toAt, PropertyWriter out, String property) {
        out.set(property + ".From", from, fromAt);
        out.set(property + ".To", to, toAt);
    }

    private static void metadataOptions(TfView tf, PropertyWriter out, String property) {
        if (tf.blocksUnknown("metadata_options")) {
            out.set(property, Unknown.because("dynamic metadata_options block"), tf.at("metadata_options"));
            return;
        }
        tf.block("metadata_options").ifPresent(options -> {
            // The object sits where the block is; its settings where they are written.
            out.set(property, new KnownMap(options.location()), options.location());
            out.set(property + ".HttpTokens", options.raw("http_tokens"), options.at("http_tokens"));
            out.set(property + ".HttpEndpoint", options.raw("http_endpoint"), options.at("http_endpoint"));
            out.set(property + ".HttpPutResponseHopLimit", options.number("http_put_response_hop_limit"), options.at("http_put_response_hop_limit"));
            out.set(property + ".HttpProtocolIpv6", options.raw("http_protocol_ipv6"), options.at("http_protocol_ipv6"));
            out.set(property + ".InstanceMetadataTags", options.raw("instance_metadata_tags"), options.at("instance_metadata_tags"));
        });
    }

    private static void blockDevices(TfView tf, PropertyWriter out, String property, boolean instance) {
        if (instance) {
            tf.block("root_block_device").ifPresent(root -> out.append(property, ebs(root, "(root)"), root.location()));
            for (TfView device : tf.blocks("ebs_block_device")) {
                out.append(property, ebs(device, device.raw("device_name")), device.location());
            }
            return;
        }
        for (TfView mapping : tf.blocks("block_device_mappings")) {
            KnownMap entry = new KnownMap(mapping.location());
            entry.put("DeviceName", mapping.raw("device_name"), mapping.at("device_name"));
            mapping.block("ebs").ifPresent(ebs -> entry.put("Ebs", ebsSettings(ebs), ebs.location()));
            out.append(property, entry, mapping.location());
        }
    }

    private static KnownMap ebs(TfView device, Object name) {
        KnownMap entry = new KnownMap(device.location());
        entry.put("DeviceName", name, device.location());
        entry.put("Ebs", ebsSettings(device), device.location());
        return entry;
    }

    private static KnownMap ebsSettings(TfView device) {
        KnownMap ebs = new KnownMap(device.location());
        ebs.put("Encrypted", device.bool("encrypted"), device.at("encrypted"));
        ebs.put("KmsKeyId", device.raw("kms_key_id"), device.at("kms_key_id"));
        ebs.put("VolumeSize", device.number("volume_size"), device.at("volume_size"));
        ebs.put("VolumeType", device.raw("volume_type"), device.at("volume_type"));
        ebs.put("DeleteOnTermination", device.bool("delete_on_termination"), device.at("delete_on_termination"));
        ebs.put("SnapshotId", device.raw("snapshot_id"), device.at("snapshot_id"));
        return ebs;
    }

    /**
     * Base64 user data as text, when it decodes to readable text; otherwise (gzip, not base64)
     * as written.
     */
    private static Object decodeUserData(Object value) {
        if (!(value instanceof String text)) {
            return value;
        }
        try {
            byte[] bytes = java.util.Base64.getMimeDecoder().decode(text.strip());
            java.nio.charset.CharsetDecoder decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
            String decoded = decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            for (int i = 0; i < decoded.length(); i++) {
                char c = decoded.charAt(i);
                if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                    return value;
                }
            }
            return decoded;
        } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
            return value;
        }
    }
}
