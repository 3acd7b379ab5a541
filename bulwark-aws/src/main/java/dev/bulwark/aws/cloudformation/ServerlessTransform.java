package dev.bulwark.aws.cloudformation;

import dev.bulwark.aws.model.AwsResource;
import dev.bulwark.aws.model.PropertyWriter;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The part of the SAM transform ({@code AWS::Serverless-2016-10-31}) a scanner needs: functions,
 * REST and HTTP APIs, simple tables, state machines and layers become the CloudFormation
 * resources SAM creates for them (with the same logical id, plus the generated execution role,
 * function URL and API stage), after {@code Globals} are merged in. A function's {@code Api} and
 * {@code HttpApi} events become the methods and routes SAM puts on the API they name, or on the
 * implicit {@code ServerlessRestApi} / {@code ServerlessHttpApi} with its stage, with the
 * authorization the event or the API's default gives. Policy templates and other generated
 * plumbing are not modelled.
 */
final class ServerlessTransform {
    private static final Set<String> FUNCTION_PROPERTIES = Set.of("FunctionName", "Handler", "Runtime", "MemorySize", "Timeout",
            "Role", "KmsKeyArn", "Layers", "VpcConfig", "ReservedConcurrentExecutions", "Architectures", "PackageType",
            "Environment", "Description", "EphemeralStorage", "FileSystemConfigs", "SnapStart", "LoggingConfig",
            "RuntimeManagementConfig", "ImageConfig", "CodeSigningConfigArn", "PermissionsBoundary");

    private ServerlessTransform() {}

    /** API events of the template's functions, turned into methods and routes once every resource is known. */
    static final class Events {
        private record Event(String function, String name, boolean http, KnownMap properties, SourceLocation location) {}

        private final List<Event> events = new ArrayList<>();

        void add(String function, String name, boolean http, KnownMap properties, SourceLocation location) {
            events.add(new Event(function, name, http, properties, location));
        }

        /**
         * The methods and routes, and the implicit APIs with their stages when an event names no
         * API. {@code apis} are the template's own SAM APIs by logical id (their Auth defaults apply).
         */
        List<AwsResource> resources(java.util.Map<String, KnownMap> apis, KnownMap globals) {
            List<AwsResource> out = new ArrayList<>();
            boolean implicitRest = false;
            boolean implicitHttp = false;
            SourceLocation firstRest = null;
            SourceLocation firstHttp = null;
            for (Event event : events) {
                Object apiReference = event.properties().raw(event.http() ? "ApiId" : "RestApiId");
                String apiId = apiReference instanceof Unknown unknown && unknown.reference().isPresent() ? unknown.reference().get() : null;
                if (apiReference == null) {
                    apiId = event.http() ? "ServerlessHttpApi" : "ServerlessRestApi";
                    if (event.http()) {
                        implicitHttp = true;
                        firstHttp = firstHttp == null ? event.location() : firstHttp;
                    } else {
                        implicitRest = true;
                        firstRest = firstRest == null ? event.location() : firstRest;
                    }
                }
                KnownMap api = apiId == null ? null : apis.get(apiId);
                if (api == null && globals != null && globals.raw(event.http() ? "HttpApi" : "Api") instanceof KnownMap global) {
                    api = global;
                }
                out.add(event.http() ? route(event, apiId, api) : method(event, apiId, api));
            }
            if (implicitRest) {
                out.add(new AwsResource("AWS::ApiGateway::RestApi", "ServerlessRestApi", "ServerlessRestApi", new KnownMap(firstRest),
                        firstRest, AwsResource.CLOUDFORMATION, "AWS::Serverless::Function"));
                KnownMap stage = new KnownMap(firstRest);
                stage.put("RestApiId", Unknown.fromResource("ServerlessRestApi", "the implicit API's id"), firstRest);
                stage.put("StageName", "Prod", firstRest);
                inherit(globals, "Api", stage, "AccessLogSetting", "MethodSettings", "TracingEnabled", "CacheClusterEnabled");
                out.add(new AwsResource("AWS::ApiGateway::Stage", "ServerlessRestApiProdStage", "ServerlessRestApiProdStage", stage,
                        firstRest, AwsResource.CLOUDFORMATION, "AWS::Serverless::Function"));
            }
            if (implicitHttp) {
                KnownMap api = new KnownMap(firstHttp);
                api.put("ProtocolType", "HTTP", firstHttp);
                out.add(new AwsResource("AWS::ApiGatewayV2::Api", "ServerlessHttpApi", "ServerlessHttpApi", api, firstHttp,
                        AwsResource.CLOUDFORMATION, "AWS::Serverless::Function"));
                KnownMap stage = new KnownMap(firstHttp);
                stage.put("ApiId", Unknown.fromResource("ServerlessHttpApi", "the implicit API's id"), firstHttp);
                stage.put("StageName", "$default", firstHttp);
                inherit(globals, "HttpApi", stage, "AccessLogSettings", "DefaultRouteSettings");
                out.add(new AwsResource("AWS::ApiGatewayV2::Stage", "ServerlessHttpApiApiGatewayDefaultStage",
                        "ServerlessHttpApiApiGatewayDefaultStage", stage, firstHttp, AwsResource.CLOUDFORMATION, "AWS::Serverless::Function"));
            }
            return out;
        }

        /** The implicit API's stage takes its settings from Globals, as SAM does. */
        private static void inherit(KnownMap globals, String section, KnownMap stage, String... keys) {
            if (globals == null || !(globals.raw(section) instanceof KnownMap global)) {
                return;
            }
            for (String key : keys) {
                if (global.containsKey(key)) {
                    stage.put(key, global.raw(key), global.entryLocation(key));
                }
            }
        }

        private static AwsResource method(Event event, String apiId, KnownMap api) {
            KnownMap properties = new KnownMap(event.location());
            properties.put("RestApiId", apiId == null ? event.properties().raw("RestApiId")
                    : Unknown.fromResource(apiId, "the API's id"), event.location());
            Object method = event.properties().raw("Method");
            properties.put("HttpMethod", method instanceof String text ? text.toUpperCase(java.util.Locale.ROOT) : method,
                    at(event.properties(), "Method"));
            KnownMap auth = event.properties().raw("Auth") instanceof KnownMap map ? map : null;
            KnownMap apiAuth = api != null && api.raw("Auth") instanceof KnownMap map ? map : null;
            Object authorizer = auth != null && auth.containsKey("Authorizer") ? auth.raw("Authorizer")
                    : apiAuth != null ? apiAuth.raw("DefaultAuthorizer") : null;
            SourceLocation authAt = auth != null ? at(auth, "Authorizer") : event.location();
            properties.put("AuthorizationType", authorizationType(authorizer), authAt);
            Object apiKey = auth != null && auth.containsKey("ApiKeyRequired") ? auth.raw("ApiKeyRequired")
                    : apiAuth != null ? apiAuth.raw("ApiKeyRequired") : null;
            properties.put("ApiKeyRequired", apiKey, event.location());
            String id = event.function() + event.name() + "Method";
            return new AwsResource("AWS::ApiGateway::Method", id, id, properties, event.location(), AwsResource.CLOUDFORMATION,
                    "AWS::Serverless::Function");
        }

        private static AwsResource route(Event event, String apiId, KnownMap api) {
            KnownMap properties = new KnownMap(event.location());
            properties.put("ApiId", apiId == null ? event.properties().raw("ApiId") : Unknown.fromResource(apiId, "the API's id"),
                    event.location());
            Object method = event.properties().raw("Method");
            Object path = event.properties().raw("Path");
            Object key = method == null && path == null ? "$default"
                    : method instanceof String m && path instanceof String p ? (m.equalsIgnoreCase("any") ? "ANY" : m.toUpperCase(java.util.Locale.ROOT)) + " " + p
                    : Unknown.because("route key from unknown method or path");
            properties.put("RouteKey", key, event.location());
            KnownMap auth = event.properties().raw("Auth") instanceof KnownMap map ? map : null;
            KnownMap apiAuth = api != null && api.raw("Auth") instanceof KnownMap map ? map : null;
            Object authorizer = auth != null && auth.containsKey("Authorizer") ? auth.raw("Authorizer")
                    : apiAuth != null ? apiAuth.raw("DefaultAuthorizer") : null;
            Object type = authorizationType(authorizer);
            properties.put("AuthorizationType", "CUSTOM".equals(type) ? "JWT" : type, auth != null ? at(auth, "Authorizer") : event.location());
            String id = event.function() + event.name() + "Route";
            return new AwsResource("AWS::ApiGatewayV2::Route", id, id, properties, event.location(), AwsResource.CLOUDFORMATION,
                    "AWS::Serverless::Function");
        }

        private static Object authorizationType(Object authorizer) {
            if (authorizer == null) {
                return "NONE";
            }
            if (authorizer instanceof Unknown) {
                return authorizer;
            }
            String name = String.valueOf(authorizer);
            return switch (name) {
                case "NONE" -> "NONE";
                case "AWS_IAM" -> "AWS_IAM";
                default -> "CUSTOM";
            };
        }
    }

    static List<AwsResource> expand(String id, String type, KnownMap properties, KnownMap globals, SourceLocation location) {
        return expand(id, type, properties, globals, location, new Events());
    }

    static List<AwsResource> expand(String id, String type, KnownMap properties, KnownMap globals, SourceLocation location,
                                    Events events) {
        String section = switch (type) {
            case "AWS::Serverless::Function" -> "Function";
            case "AWS::Serverless::Api" -> "Api";
            case "AWS::Serverless::HttpApi" -> "HttpApi";
            case "AWS::Serverless::SimpleTable" -> "SimpleTable";
            case "AWS::Serverless::StateMachine" -> "StateMachine";
            case "AWS::Serverless::LayerVersion" -> "LayerVersion";
            default -> "";
        };
        KnownMap merged = properties;
        if (globals != null && globals.raw(section) instanceof KnownMap global) {
            merged = merge(global, properties);
        }
        List<AwsResource> resources = new ArrayList<>();
        switch (type) {
            case "AWS::Serverless::Function" -> {
                function(id, type, merged, location, resources);
                apiEvents(id, merged, events);
            }
            case "AWS::Serverless::Api" -> restApi(id, type, merged, location, resources);
            case "AWS::Serverless::HttpApi" -> httpApi(id, type, merged, location, resources);
            case "AWS::Serverless::SimpleTable" -> simpleTable(id, type, merged, location, resources);
            case "AWS::Serverless::StateMachine" -> {
                KnownMap machine = new KnownMap(merged.location());
                PropertyWriter out = new PropertyWriter(machine);
                copy(merged, "Name", out, "StateMachineName");
                copy(merged, "Role", out, "RoleArn");
                copy(merged, "Logging", out, "LoggingConfiguration");
                copy(merged, "Tracing", out, "TracingConfiguration");
                copy(merged, "Type", out, "StateMachineType");
                resources.add(new AwsResource("AWS::StepFunctions::StateMachine", id, id, machine, location, AwsResource.CLOUDFORMATION, type));
            }
            case "AWS::Serverless::LayerVersion" -> {
                KnownMap layer = new KnownMap(merged.location());
                PropertyWriter out = new PropertyWriter(layer);
                copy(merged, "LayerName", out, "LayerName");
                copy(merged, "CompatibleRuntimes", out, "CompatibleRuntimes");
                copy(merged, "LicenseInfo", out, "LicenseInfo");
                resources.add(new AwsResource("AWS::Lambda::LayerVersion", id, id, layer, location, AwsResource.CLOUDFORMATION, type));
            }
            default -> resources.add(new AwsResource(type, id, id, merged, location, AwsResource.CLOUDFORMATION, type));
        }
        return resources;
    }

    /** Globals under resource properties: maps merge recursively, anything else the resource sets wins. */
    static KnownMap merge(KnownMap global, KnownMap local) {
        KnownMap result = new KnownMap(local.location());
        for (String key : global.keyList()) {
            result.put(key, global.raw(key), global.entryLocation(key));
        }
        for (String key : local.keyList()) {
            Object value = local.raw(key);
            Object inherited = result.raw(key);
            if (value instanceof KnownMap localMap && inherited instanceof KnownMap globalMap) {
                result.put(key, merge(globalMap, localMap), local.entryLocation(key));
            } else {
                result.put(key, value, local.entryLocation(key));
            }
        }
        return result;
    }

    private static void copy(KnownMap from, String key, PropertyWriter to, String target) {
        if (from.containsKey(key)) {
            to.set(target, from.raw(key), from.entryLocation(key));
        }
    }

    private static SourceLocation at(KnownMap map, String key) {
        SourceLocation entry = map.entryLocation(key);
        return entry != null ? entry : map.location();
    }

    private static void function(String id, String type, KnownMap sam, SourceLocation location, List<AwsResource> out) {
        KnownMap function = new KnownMap(sam.location());
        PropertyWriter writer = new PropertyWriter(function);
        for (String key : sam.keyList()) {
            if (FUNCTION_PROPERTIES.contains(key)) {
                writer.set(key, sam.raw(key), sam.entryLocation(key));
            }
        }
        copy(sam, "CodeUri", writer, "Code.S3Key");
        copy(sam, "InlineCode", writer, "Code.ZipFile");
        copy(sam, "ImageUri", writer, "Code.ImageUri");
        if (sam.raw("Tracing") != null) {
            writer.set("TracingConfig.Mode", sam.raw("Tracing"), at(sam, "Tracing"));
        }
        if (sam.raw("DeadLetterQueue") instanceof KnownMap queue) {
            writer.set("DeadLetterConfig.TargetArn", queue.raw("TargetArn"), at(sam, "DeadLetterQueue"));
        }
        tags(sam, writer);
        if (!sam.containsKey("Role")) {
            String roleId = id + "Role";
            writer.set("Role", Unknown.fromResource(roleId, "the role SAM creates"), location);
            out.add(executionRole(roleId, type, sam, location));
        }
        out.add(new AwsResource("AWS::Lambda::Function", id, id, function, location, AwsResource.CLOUDFORMATION, type));
        if (sam.raw("FunctionUrlConfig") instanceof KnownMap url) {
            KnownMap urlProperties = new KnownMap(url.location());
            PropertyWriter urlWriter = new PropertyWriter(urlProperties);
            urlWriter.set("TargetFunctionArn", Unknown.fromResource(id, "the function's ARN"), url.location());
            copy(url, "AuthType", urlWriter, "AuthType");
            copy(url, "Cors", urlWriter, "Cors");
            copy(url, "InvokeMode", urlWriter, "InvokeMode");
            out.add(new AwsResource("AWS::Lambda::Url", id + "Url", id + "Url", urlProperties, at(sam, "FunctionUrlConfig"),
                    AwsResource.CLOUDFORMATION, type));
        }
    }

    private static void apiEvents(String function, KnownMap sam, Events events) {
        if (!(sam.raw("Events") instanceof KnownMap all)) {
            return;
        }
        for (String name : all.keyList()) {
            if (all.raw(name) instanceof KnownMap event && event.raw("Type") instanceof String eventType
                    && (eventType.equals("Api") || eventType.equals("HttpApi"))) {
                KnownMap properties = event.raw("Properties") instanceof KnownMap map ? map : new KnownMap(at(all, name));
                events.add(function, name, eventType.equals("HttpApi"), properties, at(all, name));
            }
        }
    }

    private static AwsResource executionRole(String roleId, String type, KnownMap sam, SourceLocation location) {
        KnownMap role = new KnownMap(location);
        PropertyWriter writer = new PropertyWriter(role);
        KnownMap trust = new KnownMap(location);
        trust.put("Version", "2012-10-17", location);
        KnownMap statement = new KnownMap(location);
        statement.put("Effect", "Allow", location);
        statement.put("Action", "sts:AssumeRole", location);
        KnownMap principal = new KnownMap(location);
        principal.put("Service", "lambda.amazonaws.com", location);
        statement.put("Principal", principal, location);
        trust.put("Statement", new KnownList(location).append(statement, location), location);
        writer.set("AssumeRolePolicyDocument", trust, location);
        writer.append("ManagedPolicyArns", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", location);
        copy(sam, "PermissionsBoundary", writer, "PermissionsBoundary");
        Object policies = sam.raw("Policies");
        SourceLocation policiesAt = at(sam, "Policies");
        List<Object> entries = new ArrayList<>();
        if (policies instanceof KnownList list) {
            for (int i = 0; i < list.size(); i++) {
                entries.add(list.raw(i));
            }
        } else if (policies != null) {
            entries.add(policies);
        }
        int index = 0;
        for (Object entry : entries) {
            if (entry instanceof String arnOrName) {
                writer.append("ManagedPolicyArns", arnOrName.startsWith("arn:") ? arnOrName : "arn:aws:iam::aws:policy/" + arnOrName, policiesAt);
            } else if (entry instanceof KnownMap document && document.containsKey("Statement")) {
                KnownMap policy = new KnownMap(document.location());
                policy.put("PolicyName", roleId + "Policy" + index++, document.location());
                policy.put("PolicyDocument", document, document.location());
                writer.append("Policies", policy, document.location());
            } else if (entry instanceof Unknown unknown) {
                writer.append("ManagedPolicyArns", unknown, policiesAt);
            }
            // Policy templates (S3ReadPolicy: {...}) expand to managed statements SAM owns: not modelled.
        }
        return new AwsResource("AWS::IAM::Role", roleId, roleId, role, location, AwsResource.CLOUDFORMATION, type);
    }

    private static void tags(KnownMap sam, PropertyWriter writer) {
        if (sam.raw("Tags") instanceof KnownMap tags) {
            KnownList list = new KnownList(at(sam, "Tags"));
            for (String key : tags.keyList()) {
                KnownMap tag = new KnownMap(tags.entryLocation(key));
                tag.put("Key", key, tags.entryLocation(key));
                tag.put("Value", tags.raw(key), tags.entryLocation(key));
                list.append(tag, tags.entryLocation(key));
            }
            writer.set("Tags", list, at(sam, "Tags"));
        }
    }

    private static void restApi(String id, String type, KnownMap sam, SourceLocation location, List<AwsResource> out) {
        KnownMap api = new KnownMap(sam.location());
        PropertyWriter writer = new PropertyWriter(api);
        copy(sam, "Name", writer, "Name");
        copy(sam, "MinimumCompressionSize", writer, "MinimumCompressionSize");
        copy(sam, "DisableExecuteApiEndpoint", writer, "DisableExecuteApiEndpoint");
        Object endpoint = sam.raw("EndpointConfiguration");
        if (endpoint instanceof String text) {
            writer.set("EndpointConfiguration.Types", new KnownList(at(sam, "EndpointConfiguration")).append(text, at(sam, "EndpointConfiguration")),
                    at(sam, "EndpointConfiguration"));
        } else if (endpoint instanceof KnownMap map) {
            if (map.raw("Type") != null) {
                writer.set("EndpointConfiguration.Types", new KnownList(map.location()).append(map.raw("Type"), at(map, "Type")), at(map, "Type"));
            }
            copy(map, "VPCEndpointIds", writer, "EndpointConfiguration.VpcEndpointIds");
        }
        if (sam.raw("Auth") instanceof KnownMap auth) {
            writer.set("Auth", auth, at(sam, "Auth"));
        }
        tags(sam, writer);
        out.add(new AwsResource("AWS::ApiGateway::RestApi", id, id, api, location, AwsResource.CLOUDFORMATION, type));
        KnownMap stage = new KnownMap(sam.location());
        PropertyWriter stageWriter = new PropertyWriter(stage);
        stageWriter.set("RestApiId", Unknown.fromResource(id, "the API's id"), location);
        copy(sam, "StageName", stageWriter, "StageName");
        copy(sam, "MethodSettings", stageWriter, "MethodSettings");
        copy(sam, "AccessLogSetting", stageWriter, "AccessLogSetting");
        copy(sam, "TracingEnabled", stageWriter, "TracingEnabled");
        copy(sam, "CacheClusterEnabled", stageWriter, "CacheClusterEnabled");
        copy(sam, "CacheClusterSize", stageWriter, "CacheClusterSize");
        copy(sam, "Variables", stageWriter, "Variables");
        copy(sam, "ClientCertificateId", stageWriter, "ClientCertificateId");
        String stageName = sam.raw("StageName") instanceof String name ? name : "Stage";
        out.add(new AwsResource("AWS::ApiGateway::Stage", id + stageName + "Stage", id + stageName + "Stage", stage, location,
                AwsResource.CLOUDFORMATION, type));
    }

    private static void httpApi(String id, String type, KnownMap sam, SourceLocation location, List<AwsResource> out) {
        KnownMap api = new KnownMap(sam.location());
        PropertyWriter writer = new PropertyWriter(api);
        writer.set("ProtocolType", "HTTP", location);
        copy(sam, "Name", writer, "Name");
        copy(sam, "CorsConfiguration", writer, "CorsConfiguration");
        copy(sam, "DisableExecuteApiEndpoint", writer, "DisableExecuteApiEndpoint");
        if (sam.raw("Auth") instanceof KnownMap auth) {
            writer.set("Auth", auth, at(sam, "Auth"));
        }
        out.add(new AwsResource("AWS::ApiGatewayV2::Api", id, id, api, location, AwsResource.CLOUDFORMATION, type));
        KnownMap stage = new KnownMap(sam.location());
        PropertyWriter stageWriter = new PropertyWriter(stage);
        stageWriter.set("ApiId", Unknown.fromResource(id, "the API's id"), location);
        stageWriter.set("StageName", sam.containsKey("StageName") ? sam.raw("StageName") : "$default", at(sam, "StageName"));
        copy(sam, "AccessLogSettings", stageWriter, "AccessLogSettings");
        copy(sam, "DefaultRouteSettings", stageWriter, "DefaultRouteSettings");
        copy(sam, "StageVariables", stageWriter, "StageVariables");
        out.add(new AwsResource("AWS::ApiGatewayV2::Stage", id + "ApiGatewayDefaultStage", id + "ApiGatewayDefaultStage", stage,
                location, AwsResource.CLOUDFORMATION, type));
    }

    private static void simpleTable(String id, String type, KnownMap sam, SourceLocation location, List<AwsResource> out) {
        KnownMap table = new KnownMap(sam.location());
        PropertyWriter writer = new PropertyWriter(table);
        copy(sam, "TableName", writer, "TableName");
        copy(sam, "SSESpecification", writer, "SSESpecification");
        copy(sam, "ProvisionedThroughput", writer, "ProvisionedThroughput");
        writer.set("BillingMode", sam.containsKey("ProvisionedThroughput") ? "PROVISIONED" : "PAY_PER_REQUEST", location);
        if (sam.raw("PrimaryKey") instanceof KnownMap key) {
            KnownMap element = new KnownMap(key.location());
            element.put("AttributeName", key.raw("Name"), at(key, "Name"));
            element.put("KeyType", "HASH", key.location());
            writer.append("KeySchema", element, key.location());
        }
        tags(sam, writer);
        out.add(new AwsResource("AWS::DynamoDB::Table", id, id, table, location, AwsResource.CLOUDFORMATION, type));
    }
}
