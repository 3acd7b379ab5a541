package dev.bulwark.aws.mapping;

import dev.bulwark.aws.model.PropertyWriter;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;
import java.util.List;
import java.util.Locale;

/**
 * Elastic Load Balancing: application, network and classic load balancers, listeners, WAF associations.
 *
 * <p>An ELBv2 load balancer keeps most settings in {@code LoadBalancerAttributes}, a list of
 * {@code {Key, Value}} whose values are strings in CloudFormation; the model holds flags as
 * booleans there (as the CloudFormation reader does for {@code "true"}), other values as strings.
 * Only attributes the configuration sets are written: the provider's defaults are AWS's.
 */
final class ElbMappings {
    private ElbMappings() {}

    static void register(Mappings mappings) {
        Mappings.Mapper loadBalancer = (tf, out, output) -> {
            out.set("Name", tf.raw("name"), tf.at("name"));
            out.set("Scheme", TfView.map(tf.bool("internal"), value -> Boolean.TRUE.equals(value) ? "internal" : "internet-facing"),
                    tf.at("internal"));
            out.set("Type", tf.raw("load_balancer_type"), tf.at("load_balancer_type"));
            out.set("IpAddressType", tf.raw("ip_address_type"), tf.at("ip_address_type"));
            out.set("SecurityGroups", tf.raw("security_groups"), tf.at("security_groups"));
            out.set("Subnets", tf.raw("subnets"), tf.at("subnets"));
            for (TfView mapping : tf.blocks("subnet_mapping")) {
                out.append("SubnetMappings", mapping.object("subnet_id", "SubnetId", "allocation_id", "AllocationId",
                        "private_ipv4_address", "PrivateIPv4Address", "ipv6_address", "IPv6Address"), mapping.location());
            }
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
            attribute(tf, "drop_invalid_header_fields", "routing.http.drop_invalid_header_fields.enabled", true, out);
            attribute(tf, "enable_deletion_protection", "deletion_protection.enabled", true, out);
            attribute(tf, "desync_mitigation_mode", "routing.http.desync_mitigation_mode", false, out);
            attribute(tf, "enable_http2", "routing.http2.enabled", true, out);
            attribute(tf, "idle_timeout", "idle_timeout.timeout_seconds", false, out);
            attribute(tf, "enable_waf_fail_open", "waf.fail_open.enabled", true, out);
            attribute(tf, "enable_cross_zone_load_balancing", "load_balancing.cross_zone.enabled", true, out);
            attribute(tf, "xff_header_processing_mode", "routing.http.xff_header_processing.mode", false, out);
            attribute(tf, "preserve_host_header", "routing.http.preserve_host_header.enabled", true, out);
            attribute(tf, "enable_tls_version_and_cipher_suite_headers", "routing.http.x_amzn_tls_version_and_cipher_suite.enabled",
                    true, out);
            attribute(tf, "client_keep_alive", "client_keep_alive.seconds", false, out);
            if (tf.blocksUnknown("access_logs")) {
                // Only the access log attributes are unknown; the others stay decidable.
                Unknown dynamic = Unknown.because("dynamic access_logs block");
                append(out, "access_logs.s3.enabled", dynamic, tf.at("access_logs"));
                append(out, "access_logs.s3.bucket", dynamic, tf.at("access_logs"));
            }
            if (tf.blocksUnknown("connection_logs")) {
                append(out, "connection_logs.s3.enabled", Unknown.because("dynamic connection_logs block"), tf.at("connection_logs"));
            }
            tf.block("access_logs").ifPresent(logs -> {
                // enabled defaults to false even when a bucket is named.
                Object enabled = logs.has("enabled") ? logs.bool("enabled") : Boolean.FALSE;
                append(out, "access_logs.s3.enabled", enabled, logs.has("enabled") ? logs.at("enabled") : logs.location());
                append(out, "access_logs.s3.bucket", logs.raw("bucket"), logs.at("bucket"));
                append(out, "access_logs.s3.prefix", logs.raw("prefix"), logs.at("prefix"));
            });
            tf.block("connection_logs").ifPresent(logs -> {
                Object enabled = logs.has("enabled") ? logs.bool("enabled") : Boolean.FALSE;
                append(out, "connection_logs.s3.enabled", enabled, logs.has("enabled") ? logs.at("enabled") : logs.location());
                append(out, "connection_logs.s3.bucket", logs.raw("bucket"), logs.at("bucket"));
                append(out, "connection_logs.s3.prefix", logs.raw("prefix"), logs.at("prefix"));
            });
        };
        mappings.resource("aws_lb", "AWS::ElasticLoadBalancingV2::LoadBalancer", loadBalancer);
        mappings.resource("aws_alb", "AWS::ElasticLoadBalancingV2::LoadBalancer", loadBalancer);

        Mappings.Mapper listener = (tf, out, output) -> {
            out.set("LoadBalancerArn", tf.raw("load_balancer_arn"), tf.at("load_balancer_arn"));
            out.set("Port", tf.number("port"), tf.at("port"));
            out.set("Protocol", upper(tf.raw("protocol")), tf.at("protocol"));
            out.set("SslPolicy", tf.raw("ssl_policy"), tf.at("ssl_policy"));
            if (tf.raw("certificate_arn") != null) {
                KnownMap certificate = new KnownMap(tf.at("certificate_arn"));
                certificate.put("CertificateArn", tf.raw("certificate_arn"), tf.at("certificate_arn"));
                out.append("Certificates", certificate, tf.at("certificate_arn"));
            }
            out.set("AlpnPolicy", tf.list("alpn_policy"), tf.at("alpn_policy"));
            tf.block("mutual_authentication").ifPresent(mtls -> out.set("MutualAuthentication", mtls.object("mode", "Mode",
                    "trust_store_arn", "TrustStoreArn", "ignore_client_certificate_expiry", "IgnoreClientCertificateExpiry"),
                    mtls.location()));
            if (tf.blocksUnknown("default_action")) {
                out.set("DefaultActions", Unknown.because("dynamic default_action blocks"), tf.at("default_action"));
                return;
            }
            for (TfView action : tf.blocks("default_action")) {
                out.append("DefaultActions", action(action), action.location());
            }
        };
        mappings.resource("aws_lb_listener", "AWS::ElasticLoadBalancingV2::Listener", listener);
        mappings.resource("aws_alb_listener", "AWS::ElasticLoadBalancingV2::Listener", listener);

        mappings.resource("aws_elb", "AWS::ElasticLoadBalancing::LoadBalancer", (tf, out, output) -> {
            out.set("LoadBalancerName", tf.raw("name"), tf.at("name"));
            out.set("Scheme", TfView.map(tf.bool("internal"), value -> Boolean.TRUE.equals(value) ? "internal" : "internet-facing"),
                    tf.at("internal"));
            out.set("SecurityGroups", tf.raw("security_groups"), tf.at("security_groups"));
            out.set("Subnets", tf.raw("subnets"), tf.at("subnets"));
            out.set("AvailabilityZones", tf.raw("availability_zones"), tf.at("availability_zones"));
            out.set("Instances", tf.raw("instances"), tf.at("instances"));
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
            // The provider turns cross-zone balancing on unless told otherwise; CloudFormation leaves it off.
            out.set("CrossZone", tf.has("cross_zone_load_balancing") ? tf.bool("cross_zone_load_balancing") : Boolean.TRUE,
                    tf.at("cross_zone_load_balancing"));
            if (tf.has("connection_draining") || tf.has("connection_draining_timeout")) {
                out.set("ConnectionDrainingPolicy.Enabled", tf.has("connection_draining") ? tf.bool("connection_draining") : Boolean.FALSE,
                        tf.at("connection_draining"));
                out.set("ConnectionDrainingPolicy.Timeout", tf.number("connection_draining_timeout"), tf.at("connection_draining_timeout"));
            }
            out.set("ConnectionSettings.IdleTimeout", tf.number("idle_timeout"), tf.at("idle_timeout"));
            if (tf.blocksUnknown("listener")) {
                out.set("Listeners", Unknown.because("dynamic listener blocks"), tf.at("listener"));
            }
            for (TfView entry : tf.blocks("listener")) {
                KnownMap classic = new KnownMap(entry.location());
                classic.put("LoadBalancerPort", portText(entry.raw("lb_port")), entry.at("lb_port"));
                classic.put("Protocol", upper(entry.raw("lb_protocol")), entry.at("lb_protocol"));
                classic.put("InstancePort", portText(entry.raw("instance_port")), entry.at("instance_port"));
                classic.put("InstanceProtocol", upper(entry.raw("instance_protocol")), entry.at("instance_protocol"));
                classic.put("SSLCertificateId", entry.raw("ssl_certificate_id"), entry.at("ssl_certificate_id"));
                out.append("Listeners", classic, entry.location());
            }
            if (tf.blocksUnknown("access_logs")) {
                out.set("AccessLoggingPolicy", Unknown.because("dynamic access_logs block"), tf.at("access_logs"));
            }
            tf.block("access_logs").ifPresent(logs -> {
                // For a classic load balancer enabled defaults to true once the block is written.
                out.set("AccessLoggingPolicy.Enabled", logs.has("enabled") ? logs.bool("enabled") : Boolean.TRUE,
                        logs.has("enabled") ? logs.at("enabled") : logs.location());
                out.set("AccessLoggingPolicy.S3BucketName", logs.raw("bucket"), logs.at("bucket"));
                out.set("AccessLoggingPolicy.S3BucketPrefix", logs.raw("bucket_prefix"), logs.at("bucket_prefix"));
                out.set("AccessLoggingPolicy.EmitInterval", logs.number("interval"), logs.at("interval"));
            });
        });

        // Classic load balancer policies: SSL negotiation policies and their attachment to listeners.
        Mappings.Parent classic = new Mappings.Parent("AWS::ElasticLoadBalancing::LoadBalancer", "load_balancer_name",
                List.of("LoadBalancerName"));
        mappings.child("aws_load_balancer_policy", classic, (tf, out, output) -> {
            KnownMap policy = new KnownMap(tf.location());
            policy.put("PolicyName", tf.raw("policy_name"), tf.at("policy_name"));
            policy.put("PolicyType", tf.raw("policy_type_name"), tf.at("policy_type_name"));
            policy.put("Attributes", attributes(tf, "policy_attribute"), tf.at("policy_attribute"));
            out.append("Policies", policy, tf.location());
        });
        mappings.child("aws_lb_ssl_negotiation_policy", new Mappings.Parent("AWS::ElasticLoadBalancing::LoadBalancer", "load_balancer",
                List.of("LoadBalancerName")), (tf, out, output) -> {
            KnownMap policy = new KnownMap(tf.location());
            policy.put("PolicyName", tf.raw("name"), tf.at("name"));
            policy.put("PolicyType", "SSLNegotiationPolicyType", tf.location());
            policy.put("Attributes", attributes(tf, "attribute"), tf.at("attribute"));
            KnownList ports = new KnownList(tf.at("lb_port"));
            ports.append(portText(tf.raw("lb_port")), tf.at("lb_port"));
            policy.put("LoadBalancerPorts", ports, tf.at("lb_port"));
            out.append("Policies", policy, tf.location());
        });
        mappings.child("aws_load_balancer_listener_policy", classic, (tf, out, output) -> {
            Object port = portText(tf.raw("load_balancer_port"));
            if (!(out.get("Listeners") instanceof KnownList listeners)) {
                return;
            }
            for (int i = 0; i < listeners.size(); i++) {
                if (listeners.raw(i) instanceof KnownMap entry) {
                    Object listenerPort = entry.raw("LoadBalancerPort");
                    if (port instanceof Unknown || listenerPort instanceof Unknown) {
                        // Which listener the policies belong to cannot be told.
                        entry.put("PolicyNames", Unknown.because("listener policy for an unknown port"), tf.location());
                    } else if (port != null && port.equals(listenerPort)) {
                        entry.put("PolicyNames", tf.raw("policy_names"), tf.at("policy_names"));
                    }
                }
            }
        });

        mappings.resource("aws_wafv2_web_acl_association", "AWS::WAFv2::WebACLAssociation", (tf, out, output) -> {
            out.set("ResourceArn", tf.raw("resource_arn"), tf.at("resource_arn"));
            out.set("WebACLArn", tf.raw("web_acl_arn"), tf.at("web_acl_arn"));
        });
        mappings.resource("aws_wafregional_web_acl_association", "AWS::WAFRegional::WebACLAssociation", (tf, out, output) -> {
            out.set("ResourceArn", tf.raw("resource_arn"), tf.at("resource_arn"));
            out.set("WebACLId", tf.raw("web_acl_id"), tf.at("web_acl_id"));
        });
    }

    /** One default action block as a CloudFormation Action. */
    private static KnownMap action(TfView action) {
        KnownMap entry = new KnownMap(action.location());
        entry.put("Type", action.raw("type"), action.at("type"));
        entry.put("Order", action.number("order"), action.at("order"));
        entry.put("TargetGroupArn", action.raw("target_group_arn"), action.at("target_group_arn"));
        action.block("redirect").ifPresent(redirect -> {
            KnownMap config = new KnownMap(redirect.location());
            // Left out, each part of the redirect keeps the request's own value.
            put(config, "Protocol", redirect.has("protocol") ? upperKeepingPlaceholder(redirect.raw("protocol")) : "#{protocol}",
                    redirect.at("protocol"));
            put(config, "Port", redirect.has("port") ? redirect.raw("port") : "#{port}", redirect.at("port"));
            put(config, "Host", redirect.has("host") ? redirect.raw("host") : "#{host}", redirect.at("host"));
            put(config, "Path", redirect.has("path") ? redirect.raw("path") : "/#{path}", redirect.at("path"));
            put(config, "Query", redirect.has("query") ? redirect.raw("query") : "#{query}", redirect.at("query"));
            put(config, "StatusCode", redirect.raw("status_code"), redirect.at("status_code"));
            entry.put("RedirectConfig", config, redirect.location());
        });
        action.block("fixed_response").ifPresent(fixed -> entry.put("FixedResponseConfig", fixed.object("content_type", "ContentType",
                "message_body", "MessageBody", "status_code", "StatusCode"), fixed.location()));
        action.block("forward").ifPresent(forward -> {
            KnownMap config = new KnownMap(forward.location());
            KnownList groups = new KnownList(forward.location());
            for (TfView group : forward.blocks("target_group")) {
                groups.append(group.object("arn", "TargetGroupArn", "weight", "Weight"), group.location());
            }
            config.put("TargetGroups", groups, forward.location());
            entry.put("ForwardConfig", config, forward.location());
        });
        action.block("authenticate_oidc").ifPresent(oidc -> entry.put("AuthenticateOidcConfig", oidc.object("issuer", "Issuer",
                "client_id", "ClientId", "authorization_endpoint", "AuthorizationEndpoint", "token_endpoint", "TokenEndpoint",
                "user_info_endpoint", "UserInfoEndpoint", "on_unauthenticated_request", "OnUnauthenticatedRequest"), oidc.location()));
        action.block("authenticate_cognito").ifPresent(cognito -> entry.put("AuthenticateCognitoConfig", cognito.object(
                "user_pool_arn", "UserPoolArn", "user_pool_client_id", "UserPoolClientId", "user_pool_domain", "UserPoolDomain",
                "on_unauthenticated_request", "OnUnauthenticatedRequest"), cognito.location()));
        return entry;
    }

    /** Policy attribute blocks as CloudFormation {Name, Value} entries. */
    private static Object attributes(TfView tf, String block) {
        if (tf.blocksUnknown(block)) {
            return Unknown.because("dynamic " + block + " blocks");
        }
        KnownList list = new KnownList(tf.at(block));
        for (TfView attribute : tf.blocks(block)) {
            list.append(attribute.object("name", "Name", "value", "Value"), attribute.location());
        }
        return list;
    }

    private static void put(KnownMap map, String key, Object value, SourceLocation location) {
        map.put(key, value, location);
    }

    /** A load balancer attribute from a Terraform argument, when the argument is written. */
    private static void attribute(TfView tf, String argument, String key, boolean flag, PropertyWriter out) {
        if (!tf.has(argument)) {
            return;
        }
        Object value = flag ? tf.bool(argument) : TfView.map(tf.raw(argument), ElbMappings::text);
        append(out, key, value, tf.at(argument));
    }

    private static void append(PropertyWriter out, String key, Object value, SourceLocation location) {
        if (value == null) {
            return;
        }
        KnownMap entry = new KnownMap(location);
        entry.put("Key", key, location);
        entry.put("Value", value, location);
        out.append("LoadBalancerAttributes", entry, location);
    }

    private static Object text(Object value) {
        if (value instanceof Double number && number == Math.rint(number)) {
            return String.valueOf(number.longValue());
        }
        return String.valueOf(value);
    }

    private static Object portText(Object value) {
        return TfView.map(TfView.number(value), ElbMappings::text);
    }

    private static Object upper(Object value) {
        return TfView.map(value, raw -> String.valueOf(raw).toUpperCase(Locale.ROOT));
    }

    private static Object upperKeepingPlaceholder(Object value) {
        return TfView.map(value, raw -> String.valueOf(raw).startsWith("#{") ? raw : String.valueOf(raw).toUpperCase(Locale.ROOT));
    }
}
