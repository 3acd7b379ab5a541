package dev.bulwark.aws.cloudformation;

import dev.bulwark.aws.model.AwsResource;
import dev.bulwark.aws.model.PropertyWriter;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The part of the SAM transform ({@code AWS::Serverless-2016-10-31}) a scanner needs: functions,
 * REST and HTTP APIs, simple tables, state machines, layers and nested applications become the
 * CloudFormation resources SAM creates for them (with the same logical id, plus the generated
 * execution role, function URL and its public permission, API stage and custom domain), after
 * {@code Globals} are merged in as SAM merges them: the resource's value wins, maps merge key by
 * key, lists are concatenated (the Globals' entries first), and an intrinsic function on either
 * side counts as a single value (the resource's wins whole).
 *
 * <p>A function's (or state machine's) {@code Api} and {@code HttpApi} events become the methods
 * and routes SAM puts on the API they name, or on the implicit {@code ServerlessRestApi} (stage
 * {@code Prod}) / {@code ServerlessHttpApi} (stage {@code $default}), which take the Globals like
 * any SAM API; their authorization is the event's, else the API's default authorizer (with the
 * type SAM gives it: {@code AWS_IAM}, {@code COGNITO_USER_POOLS} or {@code CUSTOM} for REST,
 * {@code JWT} or {@code CUSTOM} for HTTP). Policy templates ({@code S3ReadPolicy: ...}) become
 * inline policies whose document is unknown: SAM owns their statements. One instance per template.
 */
final class ServerlessTransform {
    private static final Set<String> FUNCTION_PROPERTIES = Set.of("FunctionName", "Handler", "Runtime", "MemorySize", "Timeout",
            "Role", "KmsKeyArn", "Layers", "VpcConfig", "ReservedConcurrentExecutions", "Architectures", "PackageType",
            "Environment", "Description", "EphemeralStorage", "FileSystemConfigs", "SnapStart", "LoggingConfig",
            "RuntimeManagementConfig", "ImageConfig", "CodeSigningConfigArn", "RecursiveLoop", "TenancyConfig");

    /** AWS managed policies that live under the service-role/ path, for policy names written without it. */
    private static final Set<String> SERVICE_ROLE_POLICIES = Set.of("AWSLambdaBasicExecutionRole", "AWSLambdaVPCAccessExecutionRole",
            "AWSLambdaRole", "AWSLambdaDynamoDBExecutionRole", "AWSLambdaKinesisExecutionRole", "AWSLambdaSQSQueueExecutionRole",
            "AWSLambdaMSKExecutionRole", "AWSLambdaENIManagementAccess", "AWSConfigRulesExecutionRole",
            "AmazonAPIGatewayPushToCloudWatchLogs", "AWSIoTRuleActions", "AWSLambdaReplicator");

    private static final Set<String> SECTIONS = Set.of("Function", "Api", "HttpApi", "SimpleTable", "StateMachine");

    /** The template's Globals: resolved, and as written (to tell intrinsic functions from maps and lists). */
    record Globals(KnownMap resolved, Map<?, ?> raw) {
        KnownMap section(String name) {
            return resolved != null && resolved.raw(name) instanceof KnownMap map ? map : null;
        }

        Map<?, ?> rawSection(String name) {
            return raw != null && raw.get(name) instanceof Map<?, ?> map ? map : null;
        }
    }

    private record Event(String owner, String name, boolean http, KnownMap properties, SourceLocation location) {}

    private final Globals globals;
    private final String partition;
    private final List<Event> events = new ArrayList<>();
    /** The template's SAM APIs by logical id, Globals merged (their Auth defaults apply to events). */
    private final Map<String, KnownMap> apis = new HashMap<>();

    ServerlessTransform(Globals globals, String partition) {
        this.globals = globals;
        this.partition = partition;
    }

    /** Whether {@code name} is a logical id the transform generates, so Ref and Fn::GetAtt may name it. */
    static boolean generates(String name, Set<String> samIds) {
        if (name.startsWith("ServerlessRestApi") || name.startsWith("ServerlessHttpApi")) {
            return true;
        }
        for (String id : samIds) {
            if (name.length() > id.length() && name.startsWith(id)) {
                return true;
            }
        }
        return false;
    }

    /** The CloudFormation resources of one SAM resource; {@code raw} is its Properties as written, when a mapping. */
    List<AwsResource> expand(String id, String type, KnownMap properties, Map<?, ?> raw, SourceLocation location) {
        String section = type.substring(type.lastIndexOf(':') + 1);
        KnownMap merged = properties;
        if (globals != null && SECTIONS.contains(section) && globals.section(section) != null) {
            merged = merge(globals.section(section), properties, globals.rawSection(section), raw);
        }
        List<AwsResource> out = new ArrayList<>();
        switch (type) {
            case "AWS::Serverless::Function" -> {
                function(id, type, merged, location, out);
                events(id, merged);
            }
            case "AWS::Serverless::Api" -> {
                apis.put(id, merged);
                restApi(id, type, merged, location, out);
            }
            case "AWS::Serverless::HttpApi" -> {
                apis.put(id, merged);
                httpApi(id, type, merged, location, out);
            }
            case "AWS::Serverless::SimpleTable" -> simpleTable(id, type, merged, location, out);
            case "AWS::Serverless::StateMachine" -> {
                stateMachine(id, type, merged, location, out);
                events(id, merged);
            }
            case "AWS::Serverless::LayerVersion" -> {
                KnownMap layer = new KnownMap(merged.location());
                PropertyWriter writer = new PropertyWriter(layer);
                copy(merged, "LayerName", writer, "LayerName");
                copy(merged, "Description", writer, "Description");
                copy(merged, "CompatibleRuntimes", writer, "CompatibleRuntimes");
                copy(merged, "CompatibleArchitectures", writer, "CompatibleArchitectures");
                copy(merged, "LicenseInfo", writer, "LicenseInfo");
                s3Location(merged, "ContentUri", writer, "Content", "S3Bucket", "S3Key", "S3ObjectVersion");
                out.add(new AwsResource("AWS::Lambda::LayerVersion", id, id, layer, location, AwsResource.CLOUDFORMATION, type));
            }
            case "AWS::Serverless::Application" -> {
                KnownMap stack = new KnownMap(merged.location());
                PropertyWriter writer = new PropertyWriter(stack);
                Object where = merged.raw("Location");
                writer.set("TemplateURL", where instanceof String url ? url
                        : Unknown.because("the nested application's template comes from the Serverless Application Repository"), at(merged, "Location"));
                copy(merged, "Parameters", writer, "Parameters");
                copy(merged, "NotificationARNs", writer, "NotificationARNs");
                copy(merged, "TimeoutInMinutes", writer, "TimeoutInMinutes");
                tags(merged, writer);
                out.add(new AwsResource("AWS::CloudFormation::Stack", id, id, stack, location, AwsResource.CLOUDFORMATION, type));
            }
            default -> out.add(new AwsResource(type, id, id, merged, location, AwsResource.CLOUDFORMATION, type));
        }
        return out;
    }

    /** The methods and routes of the API events, and the implicit APIs those without an API make. */
    List<AwsResource> finish() {
        List<AwsResource> out = new ArrayList<>();
        SourceLocation firstRest = null;
        SourceLocation firstHttp = null;
        for (Event event : events) {
            if (event.properties().raw(event.http() ? "ApiId" : "RestApiId") == null) {
                if (event.http() && firstHttp == null) {
                    firstHttp = event.location();
                } else if (!event.http() && firstRest == null) {
                    firstRest = event.location();
                }
            }
        }
        if (firstRest != null) {
            KnownMap implicit = new KnownMap(firstRest);
            implicit.put("StageName", "Prod", firstRest);
            KnownMap global = globals == null ? null : globals.section("Api");
            KnownMap merged = global == null ? implicit : merge(global, implicit, globals.rawSection("Api"), null);
            merged.put("StageName", "Prod", firstRest);
            apis.put("ServerlessRestApi", merged);
            restApi("ServerlessRestApi", "AWS::Serverless::Function", merged, firstRest, out);
        }
        if (firstHttp != null) {
            KnownMap implicit = new KnownMap(firstHttp);
            KnownMap global = globals == null ? null : globals.section("HttpApi");
            KnownMap merged = global == null ? implicit : merge(global, implicit, globals.rawSection("HttpApi"), null);
            merged.remove("StageName");
            apis.put("ServerlessHttpApi", merged);
            httpApi("ServerlessHttpApi", "AWS::Serverless::Function", merged, firstHttp, out);
        }
        for (Event event : events) {
            Object reference = event.properties().raw(event.http() ? "ApiId" : "RestApiId");
            String apiId = reference == null ? (event.http() ? "ServerlessHttpApi" : "ServerlessRestApi")
                    : reference instanceof Unknown unknown && unknown.reference().isPresent() ? unknown.reference().get() : null;
            KnownMap api = apiId == null ? null : apis.get(apiId);
            out.add(event.http() ? route(event, apiId, api) : method(event, apiId, api));
        }
        return out;
    }

    // ---------------------------------------------------------------- Globals

    /** Globals under resource properties, as SAM merges them (see the class comment). */
    static KnownMap merge(KnownMap global, KnownMap local, Map<?, ?> rawGlobal, Map<?, ?> rawLocal) {
        KnownMap result = new KnownMap(local.location());
        for (String key : global.keyList()) {
            result.put(key, global.raw(key), global.entryLocation(key));
        }
        for (String key : local.keyList()) {
            Object value = local.raw(key);
            Object inherited = result.raw(key);
            Object writtenLocal = rawLocal == null ? null : rawLocal.get(key);
            Object writtenGlobal = rawGlobal == null ? null : rawGlobal.get(key);
            boolean single = isIntrinsic(writtenLocal) || isIntrinsic(writtenGlobal);
            if (!single && value instanceof KnownMap localMap && inherited instanceof KnownMap globalMap) {
                result.put(key, merge(globalMap, localMap, writtenGlobal instanceof Map<?, ?> g ? g : null,
                        writtenLocal instanceof Map<?, ?> l ? l : null), local.entryLocation(key));
            } else if (!single && value instanceof KnownList localList && inherited instanceof KnownList globalList) {
                KnownList joined = new KnownList(localList.location(), globalList.size() + localList.size());
                for (int i = 0; i < globalList.size(); i++) {
                    joined.append(globalList.raw(i), globalList.elementLocation(i));
                }
                for (int i = 0; i < localList.size(); i++) {
                    joined.append(localList.raw(i), localList.elementLocation(i));
                }
                result.put(key, joined, local.entryLocation(key));
            } else {
                result.put(key, value, local.entryLocation(key));
            }
        }
        if (rawLocal != null) {
            // An intrinsic function that resolved to AWS::NoValue still replaces the global value.
            for (Map.Entry<?, ?> entry : rawLocal.entrySet()) {
                String key = String.valueOf(entry.getKey());
                if (!local.containsKey(key) && isIntrinsic(entry.getValue())) {
                    result.remove(key);
                }
            }
        }
        return result;
    }

    private static boolean isIntrinsic(Object written) {
        if (!(written instanceof Map<?, ?> map) || map.size() != 1) {
            return false;
        }
        String key = String.valueOf(map.keySet().iterator().next());
        return key.equals("Ref") || key.equals("Condition") || (key.startsWith("Fn::") && !key.startsWith("Fn::ForEach::"));
    }

    // ---------------------------------------------------------------- functions

    private void function(String id, String type, KnownMap sam, SourceLocation location, List<AwsResource> out) {
        KnownMap function = new KnownMap(sam.location());
        PropertyWriter writer = new PropertyWriter(function);
        for (String key : sam.keyList()) {
            if (FUNCTION_PROPERTIES.contains(key)) {
                writer.set(key, sam.raw(key), sam.entryLocation(key));
            }
        }
        Object codeUri = sam.raw("CodeUri");
        if (codeUri instanceof String path && !path.startsWith("s3://")) {
            // A local folder, uploaded by sam package.
            writer.set("Code.S3Key", path, at(sam, "CodeUri"));
        } else {
            s3Location(sam, "CodeUri", writer, "Code", "S3Bucket", "S3Key", "S3ObjectVersion");
        }
        copy(sam, "InlineCode", writer, "Code.ZipFile");
        copy(sam, "ImageUri", writer, "Code.ImageUri");
        if (sam.containsKey("ImageUri") && !sam.containsKey("PackageType")) {
            writer.set("PackageType", "Image", at(sam, "ImageUri"));
        }
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
            List<String> managed = new ArrayList<>();
            managed.add(managedArn("service-role/AWSLambdaBasicExecutionRole"));
            if (sam.raw("Tracing") != null) {
                managed.add(managedArn("AWSXrayWriteOnlyAccess"));
            }
            if (sam.raw("VpcConfig") != null) {
                managed.add(managedArn("service-role/AWSLambdaVPCAccessExecutionRole"));
            }
            out.add(role(roleId, type, sam, location, "lambda.amazonaws.com", managed));
        }
        out.add(new AwsResource("AWS::Lambda::Function", id, id, function, location, AwsResource.CLOUDFORMATION, type));
        if (sam.raw("FunctionUrlConfig") instanceof KnownMap url) {
            SourceLocation urlAt = at(sam, "FunctionUrlConfig");
            KnownMap urlProperties = new KnownMap(url.location());
            PropertyWriter urlWriter = new PropertyWriter(urlProperties);
            urlWriter.set("TargetFunctionArn", Unknown.fromResource(id, "the function's ARN"), urlAt);
            copy(url, "AuthType", urlWriter, "AuthType");
            copy(url, "Cors", urlWriter, "Cors");
            copy(url, "InvokeMode", urlWriter, "InvokeMode");
            out.add(new AwsResource("AWS::Lambda::Url", id + "Url", id + "Url", urlProperties, urlAt, AwsResource.CLOUDFORMATION, type));
            if ("NONE".equals(url.raw("AuthType"))) {
                // SAM lets anyone call a URL without authentication.
                KnownMap permission = new KnownMap(urlAt);
                SourceLocation authAt = at(url, "AuthType");
                permission.put("Action", "lambda:InvokeFunctionUrl", authAt);
                permission.put("FunctionName", Unknown.fromResource(id, "the function's name"), urlAt);
                permission.put("Principal", "*", authAt);
                permission.put("FunctionUrlAuthType", "NONE", authAt);
                out.add(new AwsResource("AWS::Lambda::Permission", id + "UrlPublicPermissions", id + "UrlPublicPermissions", permission,
                        urlAt, AwsResource.CLOUDFORMATION, type));
            }
        }
    }

    private String managedArn(String name) {
        return "arn:" + partition + ":iam::aws:policy/" + name;
    }

    private void events(String owner, KnownMap sam) {
        if (!(sam.raw("Events") instanceof KnownMap all)) {
            return;
        }
        for (String name : all.keyList()) {
            if (all.raw(name) instanceof KnownMap event && event.raw("Type") instanceof String eventType
                    && (eventType.equals("Api") || eventType.equals("HttpApi"))) {
                KnownMap properties = event.raw("Properties") instanceof KnownMap map ? map : new KnownMap(at(all, name));
                events.add(new Event(owner, name, eventType.equals("HttpApi"), properties, at(all, name)));
            }
        }
    }

    /**
     * The execution role SAM creates: the resource's trust policy or the service's, the managed
     * policies SAM adds, then the {@code Policies}: managed names and ARNs, policy documents and
     * policy templates, named by their position as SAM names them.
     */
    private AwsResource role(String roleId, String type, KnownMap sam, SourceLocation location, String service, List<String> managed) {
        KnownMap role = new KnownMap(location);
        PropertyWriter writer = new PropertyWriter(role);
        if (sam.containsKey("AssumeRolePolicyDocument")) {
            writer.set("AssumeRolePolicyDocument", sam.raw("AssumeRolePolicyDocument"), at(sam, "AssumeRolePolicyDocument"));
        } else {
            KnownMap trust = new KnownMap(location);
            trust.put("Version", "2012-10-17", location);
            KnownMap statement = new KnownMap(location);
            statement.put("Effect", "Allow", location);
            statement.put("Action", new KnownList(location).append("sts:AssumeRole", location), location);
            KnownMap principal = new KnownMap(location);
            principal.put("Service", new KnownList(location).append(service, location), location);
            statement.put("Principal", principal, location);
            trust.put("Statement", new KnownList(location).append(statement, location), location);
            writer.set("AssumeRolePolicyDocument", trust, location);
        }
        for (String arn : managed) {
            writer.append("ManagedPolicyArns", arn, location);
        }
        copy(sam, "PermissionsBoundary", writer, "PermissionsBoundary");
        copy(sam, "RolePath", writer, "Path");
        Object policies = sam.raw("Policies");
        SourceLocation policiesAt = at(sam, "Policies");
        if (policies instanceof Unknown unknown) {
            writer.append("ManagedPolicyArns", unknown, policiesAt);
            writer.set("Policies", unknown, policiesAt);
        } else if (policies != null) {
            List<Object> entries = new ArrayList<>();
            List<SourceLocation> places = new ArrayList<>();
            if (policies instanceof KnownList list) {
                for (int i = 0; i < list.size(); i++) {
                    entries.add(list.raw(i));
                    places.add(list.elementLocation(i) != null ? list.elementLocation(i) : policiesAt);
                }
            } else {
                entries.add(policies);
                places.add(policiesAt);
            }
            for (int index = 0; index < entries.size(); index++) {
                Object entry = entries.get(index);
                SourceLocation entryAt = places.get(index);
                String policyName = roleId + "Policy" + index;
                if (entry instanceof String arnOrName) {
                    writer.append("ManagedPolicyArns", arnOrName.startsWith("arn:") ? arnOrName : managedArn(
                            SERVICE_ROLE_POLICIES.contains(arnOrName) ? "service-role/" + arnOrName : arnOrName), entryAt);
                } else if (entry instanceof Unknown unknown) {
                    // An ARN from a parameter or another resource.
                    writer.append("ManagedPolicyArns", unknown, entryAt);
                } else if (entry instanceof KnownMap document && (document.containsKey("Statement") || document.containsKey("Version"))) {
                    writer.append("Policies", inline(policyName, document, entryAt), entryAt);
                } else if (entry instanceof KnownMap template && template.size() == 1) {
                    String templateName = template.keyList().get(0);
                    writer.append("Policies", inline(policyName, Unknown.because("SAM policy template " + templateName
                            + " expands to statements the transform owns"), entryAt), entryAt);
                } else {
                    writer.append("Policies", inline(policyName, Unknown.because("a policy SAM cannot read"), entryAt), entryAt);
                }
            }
        }
        return new AwsResource("AWS::IAM::Role", roleId, roleId, role, location, AwsResource.CLOUDFORMATION, type);
    }

    private static KnownMap inline(String name, Object document, SourceLocation location) {
        KnownMap policy = new KnownMap(location);
        policy.put("PolicyName", name, location);
        policy.put("PolicyDocument", document, location);
        return policy;
    }

    private void stateMachine(String id, String type, KnownMap sam, SourceLocation location, List<AwsResource> out) {
        KnownMap machine = new KnownMap(sam.location());
        PropertyWriter writer = new PropertyWriter(machine);
        copy(sam, "Name", writer, "StateMachineName");
        copy(sam, "Type", writer, "StateMachineType");
        copy(sam, "Definition", writer, "Definition");
        copy(sam, "DefinitionSubstitutions", writer, "DefinitionSubstitutions");
        s3Location(sam, "DefinitionUri", writer, "DefinitionS3Location", "Bucket", "Key", "Version");
        copy(sam, "Logging", writer, "LoggingConfiguration");
        copy(sam, "Tracing", writer, "TracingConfiguration");
        tags(sam, writer);
        if (sam.containsKey("Role")) {
            copy(sam, "Role", writer, "RoleArn");
        } else {
            String roleId = id + "Role";
            writer.set("RoleArn", Unknown.fromResource(roleId, "the role SAM creates"), location);
            out.add(role(roleId, type, sam, location, "states.amazonaws.com", List.of()));
        }
        out.add(new AwsResource("AWS::StepFunctions::StateMachine", id, id, machine, location, AwsResource.CLOUDFORMATION, type));
    }

    // ---------------------------------------------------------------- APIs

    private void restApi(String id, String type, KnownMap sam, SourceLocation location, List<AwsResource> out) {
        KnownMap api = new KnownMap(sam.location());
        PropertyWriter writer = new PropertyWriter(api);
        copy(sam, "Name", writer, "Name");
        copy(sam, "Description", writer, "Description");
        copy(sam, "MinimumCompressionSize", writer, "MinimumCompressionSize");
        copy(sam, "DisableExecuteApiEndpoint", writer, "DisableExecuteApiEndpoint");
        copy(sam, "BinaryMediaTypes", writer, "BinaryMediaTypes");
        copy(sam, "DefinitionBody", writer, "Body");
        s3Location(sam, "DefinitionUri", writer, "BodyS3Location", "Bucket", "Key", "Version");
        endpoint(sam.raw("EndpointConfiguration"), at(sam, "EndpointConfiguration"), writer);
        if (sam.raw("Auth") instanceof KnownMap auth) {
            writer.set("Auth", auth, at(sam, "Auth"));
            if (auth.containsKey("ResourcePolicy")) {
                writer.set("Policy", Unknown.because("SAM builds the resource policy from Auth.ResourcePolicy"), at(auth, "ResourcePolicy"));
            }
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
        copy(sam, "CanarySetting", stageWriter, "CanarySetting");
        copy(sam, "Variables", stageWriter, "Variables");
        tags(sam, stageWriter);
        String stageName = sam.raw("StageName") instanceof String name ? alphanumeric(name) : "Stage";
        out.add(new AwsResource("AWS::ApiGateway::Stage", id + stageName + "Stage", id + stageName + "Stage", stage, location,
                AwsResource.CLOUDFORMATION, type));
        if (sam.raw("Domain") instanceof KnownMap domain) {
            SourceLocation domainAt = at(sam, "Domain");
            KnownMap name = new KnownMap(domain.location());
            PropertyWriter domainWriter = new PropertyWriter(name);
            copy(domain, "DomainName", domainWriter, "DomainName");
            copy(domain, "SecurityPolicy", domainWriter, "SecurityPolicy");
            copy(domain, "MutualTlsAuthentication", domainWriter, "MutualTlsAuthentication");
            copy(domain, "OwnershipVerificationCertificateArn", domainWriter, "OwnershipVerificationCertificateArn");
            Object endpointType = domain.containsKey("EndpointConfiguration") ? domain.raw("EndpointConfiguration") : "REGIONAL";
            endpoint(endpointType, at(domain, "EndpointConfiguration"), domainWriter);
            copy(domain, "CertificateArn", domainWriter, "EDGE".equals(endpointType) ? "CertificateArn" : "RegionalCertificateArn");
            out.add(new AwsResource("AWS::ApiGateway::DomainName", id + "DomainName", id + "DomainName", name, domainAt,
                    AwsResource.CLOUDFORMATION, type));
        }
    }

    private static void endpoint(Object endpoint, SourceLocation at, PropertyWriter writer) {
        if (endpoint instanceof KnownMap map) {
            if (map.raw("Type") != null) {
                writer.set("EndpointConfiguration.Types", new KnownList(map.location()).append(map.raw("Type"), at(map, "Type")), at(map, "Type"));
            }
            copy(map, "VPCEndpointIds", writer, "EndpointConfiguration.VpcEndpointIds");
        } else if (endpoint != null) {
            writer.set("EndpointConfiguration.Types", new KnownList(at).append(endpoint, at), at);
        }
    }

    private void httpApi(String id, String type, KnownMap sam, SourceLocation location, List<AwsResource> out) {
        KnownMap api = new KnownMap(sam.location());
        PropertyWriter writer = new PropertyWriter(api);
        writer.set("ProtocolType", "HTTP", location);
        copy(sam, "Name", writer, "Name");
        copy(sam, "Description", writer, "Description");
        copy(sam, "CorsConfiguration", writer, "CorsConfiguration");
        copy(sam, "DisableExecuteApiEndpoint", writer, "DisableExecuteApiEndpoint");
        copy(sam, "DefinitionBody", writer, "Body");
        s3Location(sam, "DefinitionUri", writer, "BodyS3Location", "Bucket", "Key", "Version");
        copy(sam, "Tags", writer, "Tags");
        if (sam.raw("Auth") instanceof KnownMap auth) {
            writer.set("Auth", auth, at(sam, "Auth"));
        }
        out.add(new AwsResource("AWS::ApiGatewayV2::Api", id, id, api, location, AwsResource.CLOUDFORMATION, type));
        KnownMap stage = new KnownMap(sam.location());
        PropertyWriter stageWriter = new PropertyWriter(stage);
        stageWriter.set("ApiId", Unknown.fromResource(id, "the API's id"), location);
        Object stageName = sam.containsKey("StageName") ? sam.raw("StageName") : "$default";
        stageWriter.set("StageName", stageName, sam.containsKey("StageName") ? at(sam, "StageName") : location);
        stageWriter.set("AutoDeploy", Boolean.TRUE, location);
        copy(sam, "AccessLogSettings", stageWriter, "AccessLogSettings");
        copy(sam, "DefaultRouteSettings", stageWriter, "DefaultRouteSettings");
        copy(sam, "RouteSettings", stageWriter, "RouteSettings");
        copy(sam, "StageVariables", stageWriter, "StageVariables");
        String stageId = id + (!(stageName instanceof String name) || name.equals("$default") ? "ApiGatewayDefault" : alphanumeric(name)) + "Stage";
        out.add(new AwsResource("AWS::ApiGatewayV2::Stage", stageId, stageId, stage, location, AwsResource.CLOUDFORMATION, type));
        if (sam.raw("Domain") instanceof KnownMap domain) {
            SourceLocation domainAt = at(sam, "Domain");
            KnownMap name = new KnownMap(domain.location());
            PropertyWriter domainWriter = new PropertyWriter(name);
            copy(domain, "DomainName", domainWriter, "DomainName");
            copy(domain, "MutualTlsAuthentication", domainWriter, "MutualTlsAuthentication");
            KnownMap configuration = new KnownMap(domain.location());
            PropertyWriter configurationWriter = new PropertyWriter(configuration);
            copy(domain, "CertificateArn", configurationWriter, "CertificateArn");
            copy(domain, "SecurityPolicy", configurationWriter, "SecurityPolicy");
            configurationWriter.set("EndpointType", domain.containsKey("EndpointConfiguration") ? domain.raw("EndpointConfiguration") : "REGIONAL",
                    at(domain, "EndpointConfiguration"));
            domainWriter.append("DomainNameConfigurations", configuration, domainAt);
            out.add(new AwsResource("AWS::ApiGatewayV2::DomainName", id + "DomainName", id + "DomainName", name, domainAt,
                    AwsResource.CLOUDFORMATION, type));
        }
    }

    private static String alphanumeric(String text) {
        return text.replaceAll("[^A-Za-z0-9]", "");
    }

    private static AwsResource method(Event event, String apiId, KnownMap api) {
        KnownMap properties = new KnownMap(event.location());
        properties.put("RestApiId", apiId == null ? event.properties().raw("RestApiId")
                : Unknown.fromResource(apiId, "the API's id"), event.location());
        Object method = event.properties().raw("Method");
        properties.put("HttpMethod", method instanceof String text ? text.toUpperCase(Locale.ROOT) : method, at(event.properties(), "Method"));
        KnownMap auth = event.properties().raw("Auth") instanceof KnownMap map ? map : null;
        KnownMap apiAuth = api != null && api.raw("Auth") instanceof KnownMap map ? map : null;
        Object authorizer = auth != null && auth.containsKey("Authorizer") ? auth.raw("Authorizer")
                : apiAuth != null ? apiAuth.raw("DefaultAuthorizer") : null;
        SourceLocation authAt = auth != null && auth.containsKey("Authorizer") ? at(auth, "Authorizer") : event.location();
        properties.put("AuthorizationType", authorizationType(authorizer, apiAuth, false), authAt);
        Object apiKey = auth != null && auth.containsKey("ApiKeyRequired") ? auth.raw("ApiKeyRequired")
                : apiAuth != null ? apiAuth.raw("ApiKeyRequired") : null;
        properties.put("ApiKeyRequired", apiKey, event.location());
        String id = event.owner() + event.name() + "Method";
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
                : method instanceof String m && path instanceof String p ? m.toUpperCase(Locale.ROOT) + " " + p
                : Unknown.because("route key from an unknown method or path");
        properties.put("RouteKey", key, event.location());
        KnownMap auth = event.properties().raw("Auth") instanceof KnownMap map ? map : null;
        KnownMap apiAuth = api != null && api.raw("Auth") instanceof KnownMap map ? map : null;
        Object authorizer = auth != null && auth.containsKey("Authorizer") ? auth.raw("Authorizer")
                : apiAuth != null ? apiAuth.raw("DefaultAuthorizer") : null;
        properties.put("AuthorizationType", authorizationType(authorizer, apiAuth, true),
                auth != null && auth.containsKey("Authorizer") ? at(auth, "Authorizer") : event.location());
        String id = event.owner() + event.name() + "Route";
        return new AwsResource("AWS::ApiGatewayV2::Route", id, id, properties, event.location(), AwsResource.CLOUDFORMATION,
                "AWS::Serverless::Function");
    }

    /** The authorization type of the authorizer named, as SAM sets it from the authorizer's definition. */
    private static Object authorizationType(Object authorizer, KnownMap apiAuth, boolean http) {
        if (authorizer == null) {
            return "NONE";
        }
        if (authorizer instanceof Unknown) {
            return authorizer;
        }
        String name = String.valueOf(authorizer);
        if (name.equals("NONE") || name.equals("AWS_IAM")) {
            return name;
        }
        Object definition = apiAuth != null && apiAuth.raw("Authorizers") instanceof KnownMap all ? all.raw(name) : null;
        if (definition instanceof KnownMap known) {
            if (http) {
                return known.containsKey("JwtConfiguration") ? "JWT" : "CUSTOM";
            }
            return known.containsKey("UserPoolArn") ? "COGNITO_USER_POOLS" : "CUSTOM";
        }
        // An authorizer is required; which kind cannot be told.
        return "CUSTOM";
    }

    // ---------------------------------------------------------------- tables and helpers

    private static void simpleTable(String id, String type, KnownMap sam, SourceLocation location, List<AwsResource> out) {
        KnownMap table = new KnownMap(sam.location());
        PropertyWriter writer = new PropertyWriter(table);
        copy(sam, "TableName", writer, "TableName");
        copy(sam, "SSESpecification", writer, "SSESpecification");
        copy(sam, "ProvisionedThroughput", writer, "ProvisionedThroughput");
        copy(sam, "PointInTimeRecoverySpecification", writer, "PointInTimeRecoverySpecification");
        writer.set("BillingMode", sam.containsKey("ProvisionedThroughput") ? "PROVISIONED" : "PAY_PER_REQUEST", location);
        KnownMap key = sam.raw("PrimaryKey") instanceof KnownMap map ? map : null;
        SourceLocation keyAt = key != null ? key.location() : location;
        Object keyName = key != null ? key.raw("Name") : "id";
        Object keyType = key != null ? key.raw("Type") : "String";
        KnownMap element = new KnownMap(keyAt);
        element.put("AttributeName", keyName, key != null ? at(key, "Name") : location);
        element.put("KeyType", "HASH", keyAt);
        writer.append("KeySchema", element, keyAt);
        KnownMap attribute = new KnownMap(keyAt);
        attribute.put("AttributeName", keyName, key != null ? at(key, "Name") : location);
        attribute.put("AttributeType", keyType instanceof String text ? switch (text) {
            case "Number" -> "N";
            case "Binary" -> "B";
            default -> "S";
        } : keyType, key != null ? at(key, "Type") : location);
        writer.append("AttributeDefinitions", attribute, keyAt);
        tags(sam, writer);
        out.add(new AwsResource("AWS::DynamoDB::Table", id, id, table, location, AwsResource.CLOUDFORMATION, type));
    }

    /** An S3 location written {@code s3://bucket/key} or {@code {Bucket, Key, Version}}, as the target's three properties. */
    private static void s3Location(KnownMap sam, String key, PropertyWriter writer, String target, String bucket, String object, String version) {
        Object value = sam.raw(key);
        SourceLocation where = at(sam, key);
        if (value instanceof String uri && uri.startsWith("s3://")) {
            String rest = uri.substring(5);
            int slash = rest.indexOf('/');
            writer.set(target + "." + bucket, slash < 0 ? rest : rest.substring(0, slash), where);
            if (slash >= 0) {
                writer.set(target + "." + object, rest.substring(slash + 1), where);
            }
        } else if (value instanceof KnownMap map) {
            copy(map, "Bucket", writer, target + "." + bucket);
            copy(map, "Key", writer, target + "." + object);
            copy(map, "Version", writer, target + "." + version);
        } else if (value != null) {
            writer.set(target, value instanceof Unknown ? value : Unknown.because(key + " is uploaded by sam package"), where);
        }
    }

    private static void copy(KnownMap from, String key, PropertyWriter to, String target) {
        if (from.containsKey(key)) {
            to.set(target, from.raw(key), at(from, key));
        }
    }

    private static SourceLocation at(KnownMap map, String key) {
        SourceLocation entry = map.entryLocation(key);
        return entry != null ? entry : map.location();
    }

    private static void tags(KnownMap sam, PropertyWriter writer) {
        Object tags = sam.raw("Tags");
        if (tags instanceof KnownMap map) {
            KnownList list = new KnownList(at(sam, "Tags"));
            for (String key : map.keyList()) {
                KnownMap tag = new KnownMap(map.entryLocation(key));
                tag.put("Key", key, map.entryLocation(key));
                tag.put("Value", map.raw(key), map.entryLocation(key));
                list.append(tag, map.entryLocation(key));
            }
            writer.set("Tags", list, at(sam, "Tags"));
        } else if (tags != null) {
            writer.set("Tags", tags, at(sam, "Tags"));
        }
    }
}
