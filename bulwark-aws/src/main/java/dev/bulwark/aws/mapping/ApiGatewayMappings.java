package dev.bulwark.aws.mapping;

import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;
import java.util.List;
import java.util.Optional;

/**
 * API Gateway REST and HTTP APIs, stages, methods, routes, custom domains, and the WAF web ACL
 * association that protects a REST API stage.
 *
 * <p>{@code aws_api_gateway_method_settings} has no CloudFormation type of its own: it becomes an
 * entry of its stage's {@code MethodSettings}. The stage is found by its name; a stage of the same
 * name in another REST API (told by {@code rest_api_id}) does not receive the settings.
 */
final class ApiGatewayMappings {
    private static final Mappings.Parent REST_API = new Mappings.Parent("AWS::ApiGateway::RestApi", "rest_api_id", List.of());
    private static final Mappings.Parent STAGE = new Mappings.Parent("AWS::ApiGateway::Stage", "stage_name", List.of("StageName"));

    private ApiGatewayMappings() {}

    static void register(Mappings mappings) {
        mappings.resource("aws_api_gateway_rest_api", "AWS::ApiGateway::RestApi", (tf, out, output) -> {
            out.set("Name", tf.raw("name"), tf.at("name"));
            out.set("Description", tf.raw("description"), tf.at("description"));
            out.set("ApiKeySourceType", tf.raw("api_key_source"), tf.at("api_key_source"));
            out.set("DisableExecuteApiEndpoint", tf.bool("disable_execute_api_endpoint"), tf.at("disable_execute_api_endpoint"));
            tf.block("endpoint_configuration").ifPresent(endpoint -> {
                out.set("EndpointConfiguration.Types", endpoint.raw("types"), endpoint.at("types"));
                out.set("EndpointConfiguration.VpcEndpointIds", endpoint.raw("vpc_endpoint_ids"), endpoint.at("vpc_endpoint_ids"));
            });
            out.set("Policy", tf.policy("policy"), tf.at("policy"));
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
        });
        mappings.child("aws_api_gateway_rest_api_policy", REST_API, (tf, out, output) ->
                out.set("Policy", tf.policy("policy"), tf.at("policy")));
        mappings.resource("aws_api_gateway_stage", "AWS::ApiGateway::Stage", (tf, out, output) -> {
            out.set("RestApiId", tf.raw("rest_api_id"), tf.at("rest_api_id"));
            out.set("StageName", tf.raw("stage_name"), tf.at("stage_name"));
            out.set("DeploymentId", tf.raw("deployment_id"), tf.at("deployment_id"));
            out.set("TracingEnabled", tf.bool("xray_tracing_enabled"), tf.at("xray_tracing_enabled"));
            out.set("CacheClusterEnabled", tf.bool("cache_cluster_enabled"), tf.at("cache_cluster_enabled"));
            out.set("CacheClusterSize", tf.raw("cache_cluster_size"), tf.at("cache_cluster_size"));
            out.set("ClientCertificateId", tf.raw("client_certificate_id"), tf.at("client_certificate_id"));
            out.set("Variables", tf.raw("variables"), tf.at("variables"));
            if (tf.blocksUnknown("access_log_settings")) {
                out.set("AccessLogSetting", Unknown.because("dynamic access_log_settings block"), tf.at("access_log_settings"));
            }
            tf.block("access_log_settings").ifPresent(logs -> {
                out.set("AccessLogSetting", new KnownMap(logs.location()), logs.location());
                out.set("AccessLogSetting.DestinationArn", logs.raw("destination_arn"), logs.at("destination_arn"));
                out.set("AccessLogSetting.Format", logs.raw("format"), logs.at("format"));
            });
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
        });
        mappings.child("aws_api_gateway_method_settings", STAGE, (tf, out, output) -> {
            if (!sameApi(tf.raw("rest_api_id"), out.get("RestApiId"))) {
                return;
            }
            KnownMap entry = new KnownMap(tf.location());
            Object path = tf.raw("method_path");
            entry.put("ResourcePath", TfView.map(path, value -> resourcePath(String.valueOf(value))), tf.at("method_path"));
            entry.put("HttpMethod", TfView.map(path, value -> httpMethod(String.valueOf(value))), tf.at("method_path"));
            if (tf.blocksUnknown("settings")) {
                out.append("MethodSettings", Unknown.because("dynamic settings block"), tf.at("settings"));
                return;
            }
            tf.block("settings").ifPresent(settings -> {
                entry.relocate(settings.location());
                bool(settings, "logging_level", "LoggingLevel", entry, false);
                bool(settings, "metrics_enabled", "MetricsEnabled", entry, true);
                bool(settings, "data_trace_enabled", "DataTraceEnabled", entry, true);
                bool(settings, "caching_enabled", "CachingEnabled", entry, true);
                bool(settings, "cache_data_encrypted", "CacheDataEncrypted", entry, true);
                if (settings.has("cache_ttl_in_seconds")) {
                    entry.put("CacheTtlInSeconds", settings.number("cache_ttl_in_seconds"), settings.at("cache_ttl_in_seconds"));
                }
                // -1, the provider's default, means "not set".
                for (String[] limit : new String[][] {{"throttling_burst_limit", "ThrottlingBurstLimit"},
                        {"throttling_rate_limit", "ThrottlingRateLimit"}}) {
                    Object value = TfView.number(settings.raw(limit[0]));
                    boolean unset = value instanceof Number number && number.doubleValue() < 0;
                    if (settings.has(limit[0]) && !unset) {
                        entry.put(limit[1], value, settings.at(limit[0]));
                    }
                }
            });
            out.append("MethodSettings", entry, tf.block("settings").map(TfView::location).orElse(tf.location()));
        });
        mappings.resource("aws_api_gateway_method", "AWS::ApiGateway::Method", (tf, out, output) -> {
            out.set("RestApiId", tf.raw("rest_api_id"), tf.at("rest_api_id"));
            out.set("ResourceId", tf.raw("resource_id"), tf.at("resource_id"));
            out.set("HttpMethod", tf.raw("http_method"), tf.at("http_method"));
            out.set("AuthorizationType", tf.raw("authorization"), tf.at("authorization"));
            out.set("AuthorizerId", tf.raw("authorizer_id"), tf.at("authorizer_id"));
            out.set("AuthorizationScopes", tf.raw("authorization_scopes"), tf.at("authorization_scopes"));
            out.set("ApiKeyRequired", tf.bool("api_key_required"), tf.at("api_key_required"));
            out.set("RequestValidatorId", tf.raw("request_validator_id"), tf.at("request_validator_id"));
            out.set("OperationName", tf.raw("operation_name"), tf.at("operation_name"));
        });
        mappings.resource("aws_api_gateway_domain_name", "AWS::ApiGateway::DomainName", (tf, out, output) -> {
            out.set("DomainName", tf.raw("domain_name"), tf.at("domain_name"));
            out.set("SecurityPolicy", tf.raw("security_policy"), tf.at("security_policy"));
            out.set("EndpointAccessMode", tf.raw("endpoint_access_mode"), tf.at("endpoint_access_mode"));
            out.set("CertificateArn", tf.raw("certificate_arn"), tf.at("certificate_arn"));
            out.set("RegionalCertificateArn", tf.raw("regional_certificate_arn"), tf.at("regional_certificate_arn"));
            tf.block("endpoint_configuration").ifPresent(endpoint -> out.set("EndpointConfiguration.Types", endpoint.raw("types"),
                    endpoint.at("types")));
            tf.block("mutual_tls_authentication").ifPresent(mtls -> out.set("MutualTlsAuthentication", mtls.object(
                    "truststore_uri", "TruststoreUri", "truststore_version", "TruststoreVersion"), mtls.location()));
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
        });
        mappings.resource("aws_apigatewayv2_api", "AWS::ApiGatewayV2::Api", (tf, out, output) -> {
            out.set("Name", tf.raw("name"), tf.at("name"));
            out.set("ProtocolType", tf.raw("protocol_type"), tf.at("protocol_type"));
            out.set("DisableExecuteApiEndpoint", tf.bool("disable_execute_api_endpoint"), tf.at("disable_execute_api_endpoint"));
            out.set("RouteSelectionExpression", tf.raw("route_selection_expression"), tf.at("route_selection_expression"));
            tf.block("cors_configuration").ifPresent(cors -> out.set("CorsConfiguration", cors.object(
                    "allow_credentials", "AllowCredentials", "allow_headers", "AllowHeaders", "allow_methods", "AllowMethods",
                    "allow_origins", "AllowOrigins", "expose_headers", "ExposeHeaders", "max_age", "MaxAge"), cors.location()));
            // ApiGatewayV2 tags are a map, as in Terraform.
            out.set("Tags", tf.raw("tags"), tf.at("tags"));
        });
        mappings.resource("aws_apigatewayv2_stage", "AWS::ApiGatewayV2::Stage", (tf, out, output) -> {
            out.set("ApiId", tf.raw("api_id"), tf.at("api_id"));
            out.set("StageName", tf.raw("name"), tf.at("name"));
            out.set("AutoDeploy", tf.bool("auto_deploy"), tf.at("auto_deploy"));
            out.set("DeploymentId", tf.raw("deployment_id"), tf.at("deployment_id"));
            out.set("ClientCertificateId", tf.raw("client_certificate_id"), tf.at("client_certificate_id"));
            out.set("StageVariables", tf.raw("stage_variables"), tf.at("stage_variables"));
            if (tf.blocksUnknown("access_log_settings")) {
                out.set("AccessLogSettings", Unknown.because("dynamic access_log_settings block"), tf.at("access_log_settings"));
            }
            tf.block("access_log_settings").ifPresent(logs -> {
                out.set("AccessLogSettings", new KnownMap(logs.location()), logs.location());
                out.set("AccessLogSettings.DestinationArn", logs.raw("destination_arn"), logs.at("destination_arn"));
                out.set("AccessLogSettings.Format", logs.raw("format"), logs.at("format"));
            });
            tf.block("default_route_settings").ifPresent(settings -> out.set("DefaultRouteSettings", routeSettings(settings),
                    settings.location()));
            if (tf.blocksUnknown("route_settings")) {
                out.set("RouteSettings", Unknown.because("dynamic route_settings blocks"), tf.at("route_settings"));
            }
            // CloudFormation keys route settings by route key.
            KnownMap routes = new KnownMap(tf.at("route_settings"));
            for (TfView route : tf.blocks("route_settings")) {
                Object key = route.raw("route_key");
                if (!(key instanceof String name)) {
                    routes = null;
                    out.set("RouteSettings", Unknown.because("route settings with an unknown route key"), route.location());
                    break;
                }
                routes.put(name, routeSettings(route), route.location());
            }
            if (routes != null && !routes.isEmpty()) {
                out.set("RouteSettings", routes, tf.at("route_settings"));
            }
            out.set("Tags", tf.raw("tags"), tf.at("tags"));
        });
        mappings.resource("aws_apigatewayv2_route", "AWS::ApiGatewayV2::Route", (tf, out, output) -> {
            out.set("ApiId", tf.raw("api_id"), tf.at("api_id"));
            out.set("RouteKey", tf.raw("route_key"), tf.at("route_key"));
            out.set("AuthorizationType", tf.raw("authorization_type"), tf.at("authorization_type"));
            out.set("AuthorizerId", tf.raw("authorizer_id"), tf.at("authorizer_id"));
            out.set("AuthorizationScopes", tf.raw("authorization_scopes"), tf.at("authorization_scopes"));
            out.set("ApiKeyRequired", tf.bool("api_key_required"), tf.at("api_key_required"));
            out.set("Target", tf.raw("target"), tf.at("target"));
            out.set("OperationName", tf.raw("operation_name"), tf.at("operation_name"));
        });
        // The association also protects load balancers; another service's mappings may register it first.
        // aws_wafv2_web_acl_association (stages and load balancers alike) is mapped in ElbMappings.
    }

    /**
     * Whether method settings for {@code settingsApi} may belong to a stage of {@code stageApi}:
     * false only when both are told and differ.
     */
    private static boolean sameApi(Object settingsApi, Object stageApi) {
        if (settingsApi instanceof Unknown settings && stageApi instanceof Unknown stage) {
            Optional<String> a = settings.reference();
            Optional<String> b = stage.reference();
            return a.isEmpty() || b.isEmpty() || a.equals(b);
        }
        if (settingsApi instanceof String a && stageApi instanceof String b) {
            return a.equals(b);
        }
        return true;
    }

    /** A method path as CloudFormation's ResourcePath: every resource for "*", "res/sub/GET" as "/~1res~1sub". */
    static String resourcePath(String methodPath) {
        int slash = methodPath.lastIndexOf('/');
        String resource = slash < 0 ? methodPath : methodPath.substring(0, slash);
        if (resource.equals("*")) {
            return "/*";
        }
        while (resource.startsWith("/")) {
            resource = resource.substring(1);
        }
        return resource.isEmpty() ? "/" : "/" + ("/" + resource).replace("/", "~1");
    }

    static String httpMethod(String methodPath) {
        int slash = methodPath.lastIndexOf('/');
        return slash < 0 ? "*" : methodPath.substring(slash + 1);
    }

    private static void bool(TfView settings, String name, String property, KnownMap into, boolean convert) {
        if (settings.has(name)) {
            into.put(property, convert ? settings.bool(name) : settings.raw(name), settings.at(name));
        }
    }

    private static KnownMap routeSettings(TfView settings) {
        KnownMap result = new KnownMap(settings.location());
        bool(settings, "data_trace_enabled", "DataTraceEnabled", result, true);
        bool(settings, "detailed_metrics_enabled", "DetailedMetricsEnabled", result, true);
        bool(settings, "logging_level", "LoggingLevel", result, false);
        if (settings.has("throttling_burst_limit")) {
            result.put("ThrottlingBurstLimit", settings.number("throttling_burst_limit"), settings.at("throttling_burst_limit"));
        }
        if (settings.has("throttling_rate_limit")) {
            result.put("ThrottlingRateLimit", settings.number("throttling_rate_limit"), settings.at("throttling_rate_limit"));
        }
        return result;
    }
}
