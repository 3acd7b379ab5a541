package dev.bulwark.aws.mapping;

import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;

/**
 * CloudFront distributions: everything under {@code DistributionConfig}. Terraform's
 * {@code ordered_cache_behavior} blocks are {@code CacheBehaviors}, its {@code origin} blocks
 * {@code Origins}.
 */
final class CloudFrontMappings {
    private static final String CONFIG = "DistributionConfig";

    private CloudFrontMappings() {}

    static void register(Mappings mappings) {
        mappings.resource("aws_cloudfront_distribution", "AWS::CloudFront::Distribution", (tf, out, output) -> {
            out.set(CONFIG + ".Enabled", tf.bool("enabled"), tf.at("enabled"));
            out.set(CONFIG + ".Aliases", tf.raw("aliases"), tf.at("aliases"));
            out.set(CONFIG + ".Comment", tf.raw("comment"), tf.at("comment"));
            out.set(CONFIG + ".DefaultRootObject", tf.raw("default_root_object"), tf.at("default_root_object"));
            out.set(CONFIG + ".HttpVersion", tf.raw("http_version"), tf.at("http_version"));
            out.set(CONFIG + ".IPV6Enabled", tf.bool("is_ipv6_enabled"), tf.at("is_ipv6_enabled"));
            out.set(CONFIG + ".PriceClass", tf.raw("price_class"), tf.at("price_class"));
            out.set(CONFIG + ".Staging", tf.bool("staging"), tf.at("staging"));
            out.set(CONFIG + ".WebACLId", tf.raw("web_acl_id"), tf.at("web_acl_id"));
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
            if (tf.blocksUnknown("viewer_certificate")) {
                out.set(CONFIG + ".ViewerCertificate", Unknown.because("dynamic viewer_certificate block"), tf.at("viewer_certificate"));
            }
            tf.block("viewer_certificate").ifPresent(certificate -> {
                KnownMap viewer = (KnownMap) certificate.object("acm_certificate_arn", "AcmCertificateArn",
                        "cloudfront_default_certificate", "CloudFrontDefaultCertificate", "iam_certificate_id", "IamCertificateId",
                        "minimum_protocol_version", "MinimumProtocolVersion", "ssl_support_method", "SslSupportMethod");
                if (certificate.has("cloudfront_default_certificate")) {
                    viewer.put("CloudFrontDefaultCertificate", certificate.bool("cloudfront_default_certificate"),
                            certificate.at("cloudfront_default_certificate"));
                }
                out.set(CONFIG + ".ViewerCertificate", viewer, certificate.location());
            });
            if (tf.blocksUnknown("logging_config")) {
                out.set(CONFIG + ".Logging", Unknown.because("dynamic logging_config block"), tf.at("logging_config"));
            }
            tf.block("logging_config").ifPresent(logging -> {
                KnownMap config = (KnownMap) logging.object("bucket", "Bucket", "prefix", "Prefix");
                if (logging.has("include_cookies")) {
                    config.put("IncludeCookies", logging.bool("include_cookies"), logging.at("include_cookies"));
                }
                out.set(CONFIG + ".Logging", config, logging.location());
            });
            if (tf.blocksUnknown("default_cache_behavior")) {
                out.set(CONFIG + ".DefaultCacheBehavior", Unknown.because("dynamic default_cache_behavior block"),
                        tf.at("default_cache_behavior"));
            }
            tf.block("default_cache_behavior").ifPresent(behavior -> out.set(CONFIG + ".DefaultCacheBehavior",
                    cacheBehavior(behavior), behavior.location()));
            if (tf.blocksUnknown("ordered_cache_behavior")) {
                out.set(CONFIG + ".CacheBehaviors", Unknown.because("dynamic ordered_cache_behavior blocks"), tf.at("ordered_cache_behavior"));
            } else {
                for (TfView behavior : tf.blocks("ordered_cache_behavior")) {
                    out.append(CONFIG + ".CacheBehaviors", cacheBehavior(behavior), behavior.location());
                }
            }
            if (tf.blocksUnknown("origin")) {
                out.set(CONFIG + ".Origins", Unknown.because("dynamic origin blocks"), tf.at("origin"));
            } else {
                for (TfView origin : tf.blocks("origin")) {
                    out.append(CONFIG + ".Origins", origin(origin), origin.location());
                }
            }
            tf.block("restrictions").flatMap(restrictions -> restrictions.block("geo_restriction")).ifPresent(geo ->
                    out.set(CONFIG + ".Restrictions.GeoRestriction", geo.object("restriction_type", "RestrictionType",
                            "locations", "Locations"), geo.location()));
            for (TfView error : tf.blocks("custom_error_response")) {
                out.append(CONFIG + ".CustomErrorResponses", error.object("error_code", "ErrorCode", "response_code", "ResponseCode",
                        "response_page_path", "ResponsePagePath", "error_caching_min_ttl", "ErrorCachingMinTTL"), error.location());
            }
        });
    }

    private static KnownMap cacheBehavior(TfView behavior) {
        KnownMap entry = (KnownMap) behavior.object("path_pattern", "PathPattern", "target_origin_id", "TargetOriginId",
                "viewer_protocol_policy", "ViewerProtocolPolicy", "allowed_methods", "AllowedMethods", "cached_methods", "CachedMethods",
                "cache_policy_id", "CachePolicyId", "origin_request_policy_id", "OriginRequestPolicyId",
                "response_headers_policy_id", "ResponseHeadersPolicyId", "realtime_log_config_arn", "RealtimeLogConfigArn",
                "field_level_encryption_id", "FieldLevelEncryptionId", "trusted_key_groups", "TrustedKeyGroups",
                "trusted_signers", "TrustedSigners");
        if (behavior.has("compress")) {
            entry.put("Compress", behavior.bool("compress"), behavior.at("compress"));
        }
        KnownList functions = new KnownList(behavior.location());
        for (TfView function : behavior.blocks("function_association")) {
            functions.append(function.object("event_type", "EventType", "function_arn", "FunctionARN"), function.location());
        }
        if (!functions.isEmpty()) {
            entry.put("FunctionAssociations", functions, behavior.at("function_association"));
        }
        KnownList lambdas = new KnownList(behavior.location());
        for (TfView lambda : behavior.blocks("lambda_function_association")) {
            lambdas.append(lambda.object("event_type", "EventType", "lambda_arn", "LambdaFunctionARN", "include_body", "IncludeBody"),
                    lambda.location());
        }
        if (!lambdas.isEmpty()) {
            entry.put("LambdaFunctionAssociations", lambdas, behavior.at("lambda_function_association"));
        }
        return entry;
    }

    private static KnownMap origin(TfView origin) {
        KnownMap entry = (KnownMap) origin.object("origin_id", "Id", "domain_name", "DomainName", "origin_path", "OriginPath",
                "connection_attempts", "ConnectionAttempts", "connection_timeout", "ConnectionTimeout");
        Object control = origin.raw("origin_access_control_id");
        if (control != null && !"".equals(control)) {
            entry.put("OriginAccessControlId", control, origin.at("origin_access_control_id"));
        }
        boolean custom = origin.has("custom_origin_config");
        origin.block("custom_origin_config").ifPresent(config -> {
            KnownMap settings = (KnownMap) config.object("http_port", "HTTPPort", "https_port", "HTTPSPort",
                    "origin_protocol_policy", "OriginProtocolPolicy", "origin_ssl_protocols", "OriginSSLProtocols",
                    "origin_keepalive_timeout", "OriginKeepaliveTimeout", "origin_read_timeout", "OriginReadTimeout");
            entry.put("CustomOriginConfig", settings, config.location());
        });
        if (origin.has("s3_origin_config")) {
            origin.block("s3_origin_config").ifPresent(config -> entry.put("S3OriginConfig",
                    config.object("origin_access_identity", "OriginAccessIdentity"), config.location()));
            if (origin.blocksUnknown("s3_origin_config")) {
                entry.put("S3OriginConfig", Unknown.because("dynamic s3_origin_config block"), origin.at("s3_origin_config"));
            }
        } else if (!custom) {
            // Without either block the provider sends the origin as an S3 origin with no identity.
            entry.put("S3OriginConfig", new KnownMap(origin.location()), origin.location());
        }
        KnownList headers = new KnownList(origin.location());
        for (TfView header : origin.blocks("custom_header")) {
            headers.append(header.object("name", "HeaderName", "value", "HeaderValue"), header.location());
        }
        if (!headers.isEmpty()) {
            entry.put("OriginCustomHeaders", headers, origin.at("custom_header"));
        }
        return entry;
    }
}
