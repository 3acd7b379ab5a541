package dev.bulwark.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Resource;
import dev.bulwark.core.model.Unknown;
import dev.bulwark.core.spi.AdaptOptions;
import dev.bulwark.core.spi.AdaptResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SAM resources become the CloudFormation resources the transform creates, with Globals merged as SAM merges them. */
class TestCloudFormationServerless {
    private static String render(Object value) {
        return TestCloudFormationIntrinsics.render(value);
    }

    private static KnownMap properties(AdaptResult result, String address) {
        return TestingAws.properties(TestingAws.named(result.resources(), address));
    }

    private static Object at(KnownMap map, String... path) {
        Object current = map;
        for (String key : path) {
            current = current instanceof KnownList list ? list.raw(Integer.parseInt(key)) : ((KnownMap) current).raw(key);
        }
        return current;
    }

    @Test
    void globalsMergeAsSamMergesThem() {
        AdaptResult result = TestingAws.template("""
                Transform: AWS::Serverless-2016-10-31
                Parameters:
                  Stage:
                    Type: String
                    Default: prod
                Conditions:
                  IsProd: !Equals [!Ref Stage, prod]
                Globals:
                  Function:
                    Runtime: python3.12
                    Timeout: 10
                    Layers:
                      - arn:aws:lambda:us-east-1:111122223333:layer:shared:1
                    Environment:
                      Variables:
                        STAGE: !Ref Stage
                        LOG_LEVEL: info
                    VpcConfig:
                      SecurityGroupIds: [sg-global]
                      SubnetIds: [subnet-1]
                    Tags:
                      team: platform
                Resources:
                  Worker:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: app.handler
                      CodeUri: src/
                      Runtime: python3.11
                      Layers:
                        - arn:aws:lambda:us-east-1:111122223333:layer:local:2
                      Environment:
                        Variables:
                          LOG_LEVEL: debug
                          TABLE: orders
                      VpcConfig:
                        SecurityGroupIds: [sg-local]
                      Tags:
                        owner: jobs
                  Conditional:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: app.handler
                      CodeUri: src/
                      Environment: !If
                        - IsProd
                        - Variables: {MODE: live}
                        - Variables: {MODE: test}
                """, AdaptOptions.none());
        assertThat(result.warnings()).isEmpty();
        KnownMap worker = properties(result, "Worker");
        assertThat(worker.raw("Runtime")).isEqualTo("python3.11");
        assertThat(worker.raw("Timeout")).isEqualTo(10L);
        assertThat(worker.entryLocation("Timeout").startLine()).isEqualTo(11);
        // Lists are concatenated, the Globals' entries first.
        assertThat(render(worker.raw("Layers"))).isEqualTo(
                "[arn:aws:lambda:us-east-1:111122223333:layer:shared:1, arn:aws:lambda:us-east-1:111122223333:layer:local:2]");
        assertThat(render(at(worker, "VpcConfig", "SecurityGroupIds"))).isEqualTo("[sg-global, sg-local]");
        assertThat(render(at(worker, "VpcConfig", "SubnetIds"))).isEqualTo("[subnet-1]");
        // Maps merge, the resource winning.
        assertThat(render(at(worker, "Environment", "Variables"))).isEqualTo("{STAGE=prod, LOG_LEVEL=debug, TABLE=orders}");
        assertThat(render(worker.raw("Tags"))).isEqualTo("[{Key=team, Value=platform}, {Key=owner, Value=jobs}]");
        // An intrinsic function is a single value to SAM: it replaces the global map.
        assertThat(render(at(properties(result, "Conditional"), "Environment", "Variables"))).isEqualTo("{MODE=live}");
        // The generated role has the VPC access policy SAM adds for functions in a VPC.
        assertThat(render(properties(result, "WorkerRole").raw("ManagedPolicyArns"))).isEqualTo(
                "[arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole, "
                        + "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]");
    }

    @Test
    void functionsTheirRolesAndUrls() {
        AdaptResult result = TestingAws.template("""
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Shared:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument: {Statement: []}
                  Image:
                    Type: AWS::Serverless::Function
                    Properties:
                      PackageType: Image
                      ImageUri: 111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1
                      ImageConfig:
                        Command: [app.handler]
                      Tracing: Active
                      Policies:
                        - AmazonS3ReadOnlyAccess
                        - AWSLambdaVPCAccessExecutionRole
                        - arn:aws:iam::111122223333:policy/custom
                        - !Sub arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess
                        - Version: "2012-10-17"
                          Statement:
                            - Effect: Allow
                              Action: s3:*
                              Resource: "*"
                        - S3ReadPolicy:
                            BucketName: reports
                        - VPCAccessPolicy: {}
                      AssumeRolePolicyDocument:
                        Version: "2012-10-17"
                        Statement:
                          - Effect: Allow
                            Principal:
                              Service: [lambda.amazonaws.com, edgelambda.amazonaws.com]
                            Action: sts:AssumeRole
                      FunctionUrlConfig:
                        AuthType: NONE
                        Cors:
                          AllowOrigins: ["*"]
                  Zip:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: index.handler
                      Runtime: nodejs20.x
                      CodeUri:
                        Bucket: artifacts
                        Key: zip.zip
                        Version: "3"
                      Role: !GetAtt Shared.Arn
                      FunctionUrlConfig:
                        AuthType: AWS_IAM
                  Single:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: index.handler
                      Runtime: nodejs20.x
                      InlineCode: "exports.handler = async () => 1;"
                      Policies: AWSLambdaExecute
                  Uses:
                    Type: AWS::SQS::Queue
                    Properties:
                      Role: !GetAtt ImageRole.Arn
                      Alias: !Ref Image.Alias
                """, AdaptOptions.none());
        assertThat(result.warnings()).isEmpty();
        assertThat(result.resources()).extracting(resource -> resource.ref().type() + " " + resource.ref().address()).containsExactly(
                "AWS::IAM::Role Shared",
                "AWS::IAM::Role ImageRole", "AWS::Lambda::Function Image", "AWS::Lambda::Url ImageUrl",
                "AWS::Lambda::Permission ImageUrlPublicPermissions",
                "AWS::Lambda::Function Zip", "AWS::Lambda::Url ZipUrl",
                "AWS::IAM::Role SingleRole", "AWS::Lambda::Function Single",
                "AWS::SQS::Queue Uses");
        KnownMap image = properties(result, "Image");
        assertThat(at(image, "Code", "ImageUri")).isEqualTo("111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1");
        assertThat(image.raw("PackageType")).isEqualTo("Image");
        assertThat(render(image.raw("ImageConfig"))).isEqualTo("{Command=[app.handler]}");
        assertThat(at(image, "TracingConfig", "Mode")).isEqualTo("Active");
        KnownMap role = properties(result, "ImageRole");
        assertThat(render(role.raw("ManagedPolicyArns"))).isEqualTo("[arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole, "
                + "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess, "
                + "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess, "
                + "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole, "
                + "arn:aws:iam::111122223333:policy/custom, "
                + "arn:aws:iam::aws:policy/AdministratorAccess]");
        KnownList inline = (KnownList) role.raw("Policies");
        assertThat(inline).hasSize(3);
        assertThat(at(role, "Policies", "0", "PolicyName")).isEqualTo("ImageRolePolicy4");
        assertThat(at(role, "Policies", "0", "PolicyDocument", "Statement", "0", "Action")).isEqualTo("s3:*");
        // Policy templates expand to statements SAM owns: present, but unknown.
        assertThat(at(role, "Policies", "1", "PolicyName")).isEqualTo("ImageRolePolicy5");
        assertThat(at(role, "Policies", "1", "PolicyDocument")).isInstanceOf(Unknown.class);
        assertThat(at(role, "Policies", "2", "PolicyDocument")).isInstanceOf(Unknown.class);
        // A trust policy of the function's own replaces the default one.
        assertThat(render(at(role, "AssumeRolePolicyDocument", "Statement", "0", "Principal", "Service")))
                .isEqualTo("[lambda.amazonaws.com, edgelambda.amazonaws.com]");
        KnownMap url = properties(result, "ImageUrl");
        assertThat(url.raw("AuthType")).isEqualTo("NONE");
        KnownMap permission = properties(result, "ImageUrlPublicPermissions");
        assertThat(permission.raw("Principal")).isEqualTo("*");
        assertThat(permission.raw("Action")).isEqualTo("lambda:InvokeFunctionUrl");
        assertThat(permission.raw("FunctionUrlAuthType")).isEqualTo("NONE");
        assertThat(((Unknown) permission.raw("FunctionName")).reference()).contains("Image");
        KnownMap zip = properties(result, "Zip");
        assertThat(render(zip.raw("Code"))).isEqualTo("{S3Bucket=artifacts, S3Key=zip.zip, S3ObjectVersion=3}");
        assertThat(((Unknown) zip.raw("Role")).reference()).contains("Shared");
        assertThat(at(properties(result, "Single"), "Code", "ZipFile")).isEqualTo("exports.handler = async () => 1;");
        assertThat(render(properties(result, "SingleRole").raw("ManagedPolicyArns"))).isEqualTo(
                "[arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole, arn:aws:iam::aws:policy/AWSLambdaExecute]");
        // References to what SAM generates relate to it.
        KnownMap uses = properties(result, "Uses");
        assertThat(((Unknown) uses.raw("Role")).reference()).contains("ImageRole");
        assertThat(((Unknown) uses.raw("Alias")).reference()).contains("Image");
    }

    private static final String REST = """
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Api:
                EndpointConfiguration: PRIVATE
                TracingEnabled: true
                Auth:
                  DefaultAuthorizer: AWS_IAM
                AccessLogSetting:
                  DestinationArn: arn:aws:logs:us-east-1:111122223333:log-group:api
                  Format: $context.requestId
            Resources:
              AdminLogs:
                Type: AWS::Logs::LogGroup
              Orders:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: app.handler
                  Runtime: python3.12
                  CodeUri: src/
                  Events:
                    List:
                      Type: Api
                      Properties:
                        Path: /orders
                        Method: get
                    Open:
                      Type: Api
                      Properties:
                        Path: /health
                        Method: get
                        Auth:
                          Authorizer: NONE
                    Admin:
                      Type: Api
                      Properties:
                        RestApiId: !Ref AdminApi
                        Path: /admin
                        Method: post
                    Report:
                      Type: Api
                      Properties:
                        RestApiId: !Ref AdminApi
                        Path: /report
                        Method: get
                        Auth:
                          Authorizer: TokenCheck
                    Partner:
                      Type: Api
                      Properties:
                        RestApiId: !Ref PartnerApi
                        Path: /partner
                        Method: any
                    Queue:
                      Type: SQS
                      Properties:
                        Queue: arn:aws:sqs:us-east-1:111122223333:jobs
              AdminApi:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: v1
                  EndpointConfiguration:
                    Type: REGIONAL
                  Auth:
                    DefaultAuthorizer: Users
                    Authorizers:
                      Users:
                        UserPoolArn: arn:aws:cognito-idp:us-east-1:111122223333:userpool/us-east-1_abc
                      TokenCheck:
                        FunctionArn: arn:aws:lambda:us-east-1:111122223333:function:check
                  DefinitionBody:
                    openapi: "3.0.1"
                    paths: {}
                  MethodSettings:
                    - ResourcePath: "/*"
                      HttpMethod: "*"
                      LoggingLevel: ERROR
                      DataTraceEnabled: true
                  AccessLogSetting:
                    DestinationArn: !GetAtt AdminLogs.Arn
                  CacheClusterEnabled: true
                  Domain:
                    DomainName: admin.example.com
                    CertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
                    SecurityPolicy: TLS_1_0
              PartnerApi:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: live
              Waf:
                Type: AWS::WAFv2::WebACLAssociation
                Properties:
                  ResourceArn: !Sub "arn:aws:apigateway:us-east-1::/restapis/${ServerlessRestApi}/stages/Prod"
                  WebACLArn: arn:aws:wafv2:us-east-1:111122223333:regional/webacl/a/b
            """;

    @Test
    void restApiEventsAndApis() {
        AdaptResult result = TestingAws.template(REST, AdaptOptions.none());
        assertThat(result.warnings()).isEmpty();
        assertThat(result.resources()).extracting(resource -> resource.ref().type() + " " + resource.ref().address()).contains(
                "AWS::ApiGateway::RestApi ServerlessRestApi", "AWS::ApiGateway::Stage ServerlessRestApiProdStage",
                "AWS::ApiGateway::RestApi AdminApi", "AWS::ApiGateway::Stage AdminApiv1Stage",
                "AWS::ApiGateway::DomainName AdminApiDomainName",
                "AWS::ApiGateway::RestApi PartnerApi", "AWS::ApiGateway::Stage PartnerApiliveStage",
                "AWS::ApiGateway::Method OrdersListMethod", "AWS::ApiGateway::Method OrdersPartnerMethod");
        // The implicit API takes the Globals like any SAM API.
        KnownMap implicit = properties(result, "ServerlessRestApi");
        assertThat(render(at(implicit, "EndpointConfiguration", "Types"))).isEqualTo("[PRIVATE]");
        KnownMap prod = properties(result, "ServerlessRestApiProdStage");
        assertThat(prod.raw("StageName")).isEqualTo("Prod");
        assertThat(prod.raw("TracingEnabled")).isEqualTo(Boolean.TRUE);
        assertThat(at(prod, "AccessLogSetting", "DestinationArn")).isEqualTo("arn:aws:logs:us-east-1:111122223333:log-group:api");
        assertThat(prod.entryLocation("AccessLogSetting").startLine()).isEqualTo(8);
        // Authorization: the event's own, else the API's default, else the Globals' default.
        assertThat(properties(result, "OrdersListMethod").raw("AuthorizationType")).isEqualTo("AWS_IAM");
        assertThat(properties(result, "OrdersOpenMethod").raw("AuthorizationType")).isEqualTo("NONE");
        assertThat(properties(result, "OrdersAdminMethod").raw("AuthorizationType")).isEqualTo("COGNITO_USER_POOLS");
        assertThat(properties(result, "OrdersReportMethod").raw("AuthorizationType")).isEqualTo("CUSTOM");
        KnownMap partner = properties(result, "OrdersPartnerMethod");
        assertThat(partner.raw("AuthorizationType")).isEqualTo("AWS_IAM");
        assertThat(partner.raw("HttpMethod")).isEqualTo("ANY");
        assertThat(((Unknown) partner.raw("RestApiId")).reference()).contains("PartnerApi");
        Resource list = TestingAws.named(result.resources(), "OrdersListMethod");
        assertThat(list.location().startLine()).isEqualTo(21);
        // The explicit API: its own settings over the Globals'.
        KnownMap admin = properties(result, "AdminApi");
        assertThat(render(at(admin, "EndpointConfiguration", "Types"))).isEqualTo("[REGIONAL]");
        assertThat(render(admin.raw("Body"))).isEqualTo("{openapi=3.0.1, paths={}}");
        KnownMap v1 = properties(result, "AdminApiv1Stage");
        assertThat(v1.raw("StageName")).isEqualTo("v1");
        assertThat(((Unknown) at(v1, "AccessLogSetting", "DestinationArn")).reference()).contains("AdminLogs");
        assertThat(at(v1, "MethodSettings", "0", "DataTraceEnabled")).isEqualTo(Boolean.TRUE);
        assertThat(v1.raw("TracingEnabled")).isEqualTo(Boolean.TRUE);
        assertThat(v1.raw("CacheClusterEnabled")).isEqualTo(Boolean.TRUE);
        KnownMap domain = properties(result, "AdminApiDomainName");
        assertThat(domain.raw("DomainName")).isEqualTo("admin.example.com");
        assertThat(domain.raw("SecurityPolicy")).isEqualTo("TLS_1_0");
        assertThat(properties(result, "PartnerApiliveStage").raw("TracingEnabled")).isEqualTo(Boolean.TRUE);
        // The association names the implicit API through ${ServerlessRestApi}.
        assertThat(((Unknown) properties(result, "Waf").raw("ResourceArn")).references()).contains("ServerlessRestApi");
    }

    @Test
    void httpApiEventsAndApis() {
        AdaptResult result = TestingAws.template("""
                Transform: AWS::Serverless-2016-10-31
                Globals:
                  HttpApi:
                    Auth:
                      DefaultAuthorizer: Jwt
                      Authorizers:
                        Jwt:
                          JwtConfiguration:
                            issuer: https://issuer.example.com
                            audience: [api]
                          IdentitySource: $request.header.Authorization
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: app.handler
                      Runtime: python3.12
                      CodeUri: src/
                      Events:
                        Catchall:
                          Type: HttpApi
                        Public:
                          Type: HttpApi
                          Properties:
                            Path: /public
                            Method: get
                            Auth:
                              Authorizer: NONE
                        Items:
                          Type: HttpApi
                          Properties:
                            ApiId: !Ref Edge
                            Path: /items
                            Method: POST
                  Edge:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      StageName: live
                      AccessLogSettings:
                        DestinationArn: arn:aws:logs:us-east-1:111122223333:log-group:edge
                        Format: $context.requestId
                      DefaultRouteSettings:
                        DetailedMetricsEnabled: true
                      Auth:
                        DefaultAuthorizer: LambdaAuth
                        Authorizers:
                          LambdaAuth:
                            FunctionArn: arn:aws:lambda:us-east-1:111122223333:function:auth
                            AuthorizerPayloadFormatVersion: "2.0"
                """, AdaptOptions.none());
        assertThat(result.warnings()).isEmpty();
        assertThat(result.resources()).extracting(resource -> resource.ref().type() + " " + resource.ref().address()).contains(
                "AWS::ApiGatewayV2::Api ServerlessHttpApi", "AWS::ApiGatewayV2::Stage ServerlessHttpApiApiGatewayDefaultStage",
                "AWS::ApiGatewayV2::Api Edge", "AWS::ApiGatewayV2::Stage EdgeliveStage");
        KnownMap catchall = properties(result, "FnCatchallRoute");
        assertThat(catchall.raw("RouteKey")).isEqualTo("$default");
        assertThat(catchall.raw("AuthorizationType")).isEqualTo("JWT");
        KnownMap open = properties(result, "FnPublicRoute");
        assertThat(open.raw("RouteKey")).isEqualTo("GET /public");
        assertThat(open.raw("AuthorizationType")).isEqualTo("NONE");
        KnownMap items = properties(result, "FnItemsRoute");
        assertThat(items.raw("RouteKey")).isEqualTo("POST /items");
        assertThat(items.raw("AuthorizationType")).isEqualTo("CUSTOM");
        KnownMap live = properties(result, "EdgeliveStage");
        assertThat(live.raw("StageName")).isEqualTo("live");
        assertThat(at(live, "AccessLogSettings", "DestinationArn")).isEqualTo("arn:aws:logs:us-east-1:111122223333:log-group:edge");
        assertThat(at(live, "DefaultRouteSettings", "DetailedMetricsEnabled")).isEqualTo(Boolean.TRUE);
        assertThat(properties(result, "ServerlessHttpApiApiGatewayDefaultStage").raw("StageName")).isEqualTo("$default");
    }

    @Test
    void tablesStateMachinesAndApplications() {
        AdaptResult result = TestingAws.template("""
                Transform: AWS::Serverless-2016-10-31
                Globals:
                  SimpleTable:
                    SSESpecification:
                      SSEEnabled: true
                Resources:
                  Sessions:
                    Type: AWS::Serverless::SimpleTable
                    Properties:
                      PrimaryKey:
                        Name: sid
                        Type: String
                  Plain:
                    Type: AWS::Serverless::SimpleTable
                    Properties:
                      SSESpecification:
                        SSEEnabled: false
                      ProvisionedThroughput:
                        ReadCapacityUnits: 5
                        WriteCapacityUnits: 5
                  FlowLogs:
                    Type: AWS::Logs::LogGroup
                  Flow:
                    Type: AWS::Serverless::StateMachine
                    Properties:
                      Name: orders-flow
                      Type: EXPRESS
                      Definition:
                        StartAt: A
                        States:
                          A: {Type: Pass, End: true}
                      Logging:
                        Level: ALL
                        IncludeExecutionData: true
                        Destinations:
                          - CloudWatchLogsLogGroup:
                              LogGroupArn: !GetAtt FlowLogs.Arn
                      Tracing:
                        Enabled: true
                      Policies:
                        - Statement:
                            - Effect: Allow
                              Action: lambda:InvokeFunction
                              Resource: "*"
                        - LambdaInvokePolicy:
                            FunctionName: worker
                      Tags:
                        team: data
                  Nested:
                    Type: AWS::Serverless::Application
                    Properties:
                      Location:
                        ApplicationId: arn:aws:serverlessrepo:us-east-1:111122223333:applications/tool
                        SemanticVersion: 1.0.0
                      Parameters:
                        Mode: strict
                """, AdaptOptions.none());
        assertThat(result.warnings()).isEmpty();
        KnownMap sessions = properties(result, "Sessions");
        assertThat(at(sessions, "SSESpecification", "SSEEnabled")).isEqualTo(Boolean.TRUE);
        assertThat(sessions.entryLocation("SSESpecification").startLine()).isEqualTo(4);
        assertThat(render(sessions.raw("KeySchema"))).isEqualTo("[{AttributeName=sid, KeyType=HASH}]");
        assertThat(render(sessions.raw("AttributeDefinitions"))).isEqualTo("[{AttributeName=sid, AttributeType=S}]");
        assertThat(sessions.raw("BillingMode")).isEqualTo("PAY_PER_REQUEST");
        KnownMap plain = properties(result, "Plain");
        assertThat(at(plain, "SSESpecification", "SSEEnabled")).isEqualTo(Boolean.FALSE);
        assertThat(plain.raw("BillingMode")).isEqualTo("PROVISIONED");
        assertThat(render(plain.raw("KeySchema"))).isEqualTo("[{AttributeName=id, KeyType=HASH}]");
        KnownMap flow = properties(result, "Flow");
        assertThat(TestingAws.named(result.resources(), "Flow").ref().type()).isEqualTo("AWS::StepFunctions::StateMachine");
        assertThat(flow.raw("StateMachineName")).isEqualTo("orders-flow");
        assertThat(flow.raw("StateMachineType")).isEqualTo("EXPRESS");
        assertThat(at(flow, "Definition", "StartAt")).isEqualTo("A");
        assertThat(at(flow, "LoggingConfiguration", "Level")).isEqualTo("ALL");
        assertThat(at(flow, "TracingConfiguration", "Enabled")).isEqualTo(Boolean.TRUE);
        assertThat(((Unknown) flow.raw("RoleArn")).reference()).contains("FlowRole");
        assertThat(render(flow.raw("Tags"))).isEqualTo("[{Key=team, Value=data}]");
        KnownMap flowRole = properties(result, "FlowRole");
        assertThat(render(at(flowRole, "AssumeRolePolicyDocument", "Statement", "0", "Principal", "Service"))).isEqualTo("[states.amazonaws.com]");
        assertThat(flowRole.containsKey("ManagedPolicyArns")).isFalse();
        assertThat(at(flowRole, "Policies", "0", "PolicyDocument", "Statement", "0", "Action")).isEqualTo("lambda:InvokeFunction");
        assertThat(at(flowRole, "Policies", "1", "PolicyDocument")).isInstanceOf(Unknown.class);
        Resource nested = TestingAws.named(result.resources(), "Nested");
        assertThat(nested.ref().type()).isEqualTo("AWS::CloudFormation::Stack");
        KnownMap stack = TestingAws.properties(nested);
        assertThat(stack.raw("TemplateURL")).isInstanceOf(Unknown.class);
        assertThat(at(stack, "Parameters", "Mode")).isEqualTo("strict");
    }

    @Test
    void withoutTheTransformServerlessTypesStayAsWritten() {
        AdaptResult result = TestingAws.template("""
                AWSTemplateFormatVersion: "2010-09-09"
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: app.handler
                """, AdaptOptions.none());
        assertThat(result.resources()).extracting(resource -> resource.ref().type()).containsExactly("AWS::Serverless::Function");
        AdaptResult listed = TestingAws.template("""
                Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: app.handler
                      Runtime: python3.12
                      CodeUri: src/
                """, AdaptOptions.none());
        assertThat(listed.resources()).extracting(resource -> resource.ref().address()).containsExactly("FnRole", "Fn");
    }
}
