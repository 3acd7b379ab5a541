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
 * function URL and API stage), after {@code Globals} are merged in. Events, policy templates and
 * other generated plumbing are not modelled.
 */
final class ServerlessTransform {
    private static final Set<String> FUNCTION_PROPERTIES = Set.of("FunctionName", "Handler", "Runtime", "MemorySize", "Timeout",
            "Role", "KmsKeyArn", "Layers", "VpcConfig", "ReservedConcurrentExecutions", "Architectures", "PackageType",
            "Environment", "Description", "EphemeralStorage", "FileSystemConfigs", "SnapStart", "LoggingConfig",
            "RuntimeManagementConfig", "ImageConfig", "CodeSigningConfigArn", "PermissionsBoundary");

    private ServerlessTransform() {}

    static List<AwsResource> expand(String id, String type, KnownMap properties, KnownMap globals, SourceLocation location) {
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
            case "AWS::Serverless::Function" -> function(id, type, merged, location, resources);
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
