package dev.bulwark.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Resource;
import dev.bulwark.core.model.Unknown;
import dev.bulwark.core.spi.AdaptOptions;
import dev.bulwark.core.spi.AdaptResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestCloudFormation {
    private static final String TEMPLATE = """
            AWSTemplateFormatVersion: "2010-09-09"
            Parameters:
              Env:
                Type: String
                Default: dev
              Secret:
                Type: String
              Cidrs:
                Type: CommaDelimitedList
                Default: "10.0.0.0/8, 192.168.0.0/16"
            Mappings:
              Sizes:
                dev: { Retention: 7 }
                prod: { Retention: 365 }
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              NotProd: !Not [!Condition IsProd]
            Resources:
              Key:
                Type: AWS::KMS::Key
              Logs:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub "${Env}-logs-${AWS::Partition}"
                  Joined: !Join ["-", [a, !Ref Env, c]]
                  Listed: !Sub
                    - "${Name}/x"
                    - Name: !Select [1, !Split [",", "a,b,c"]]
                  Days: !FindInMap [Sizes, !Ref Env, Retention]
                  Versioning: !If [IsProd, Enabled, Suspended]
                  Removed: !If [IsProd, yes, !Ref "AWS::NoValue"]
                  KeyArn: !GetAtt Key.Arn
                  KeyRef: !Ref Key
                  Imported: !ImportValue shared-vpc
                  Password: !Ref Secret
                  Subnets: !Cidr ["10.0.0.0/16", 2, 8]
                  Sources: !Ref Cidrs
                  Flag: "true"
              ProdOnly:
                Type: AWS::S3::Bucket
                Condition: IsProd
              DevOnly:
                Type: AWS::S3::Bucket
                Condition: NotProd
            """;

    @Test
    void intrinsicsResolveAndUnknownsStayUnknown() {
        AdaptResult result = TestingAws.template(TEMPLATE, AdaptOptions.none());
        assertThat(result.problems()).isEmpty();
        assertThat(result.resources()).extracting(r -> r.ref().address()).containsExactly("Key", "Logs", "DevOnly");
        KnownMap logs = TestingAws.properties(TestingAws.named(result.resources(), "Logs"));
        assertThat(logs.raw("BucketName")).isEqualTo("dev-logs-aws");
        assertThat(logs.raw("Joined")).isEqualTo("a-dev-c");
        assertThat(logs.raw("Listed")).isEqualTo("b/x");
        assertThat(logs.raw("Days")).isEqualTo(7L);
        assertThat(logs.raw("Versioning")).isEqualTo("Suspended");
        assertThat(logs.containsKey("Removed")).isFalse();
        assertThat(((Unknown) logs.raw("KeyArn")).reference()).contains("Key");
        assertThat(((Unknown) logs.raw("KeyRef")).reference()).contains("Key");
        assertThat(logs.raw("Imported")).isInstanceOf(Unknown.class);
        assertThat(logs.raw("Password")).isInstanceOf(Unknown.class);
        assertThat((KnownList) logs.raw("Subnets")).containsExactly("10.0.0.0/24", "10.0.1.0/24");
        assertThat((KnownList) logs.raw("Sources")).containsExactly("10.0.0.0/8", "192.168.0.0/16");
        assertThat(logs.raw("Flag")).isEqualTo(Boolean.TRUE);
        assertThat(logs.entryLocation("Days").startLine()).isEqualTo(29);
    }

    @Test
    void parametersCanBeSetAndConditionsFollow() {
        AdaptOptions options = new AdaptOptions(List.of(), List.of(), Map.of("Env", "prod", "Secret", "x"));
        AdaptResult result = TestingAws.template(TEMPLATE, options);
        assertThat(result.resources()).extracting(r -> r.ref().address()).containsExactly("Key", "Logs", "ProdOnly");
        KnownMap logs = TestingAws.properties(TestingAws.named(result.resources(), "Logs"));
        assertThat(logs.raw("Days")).isEqualTo(365L);
        assertThat(logs.raw("Versioning")).isEqualTo("Enabled");
        assertThat(logs.raw("Password")).isEqualTo("x");
    }

    @Test
    void resourcesRelateThroughRefAndGetAtt() {
        AdaptResult result = TestingAws.template(TEMPLATE, AdaptOptions.none());
        Resource key = TestingAws.named(result.resources(), "Key");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> related = (List<Map<String, Object>>) key.variables().get("related");
        assertThat(related).extracting(edge -> edge.get("path")).containsExactly("Properties.KeyArn", "Properties.KeyRef");
    }

    @Test
    void serverlessResourcesBecomeTheirCloudFormationResources() {
        AdaptResult result = TestingAws.template("""
                AWSTemplateFormatVersion: "2010-09-09"
                Transform: AWS::Serverless-2016-10-31
                Globals:
                  Function:
                    Runtime: python3.8
                    Environment:
                      Variables:
                        STAGE: prod
                Resources:
                  Api:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: app.handler
                      CodeUri: src/
                      Environment:
                        Variables:
                          TABLE: orders
                      FunctionUrlConfig:
                        AuthType: NONE
                      Policies:
                        - Statement:
                            - Effect: Allow
                              Action: "*"
                              Resource: "*"
                  Orders:
                    Type: AWS::Serverless::SimpleTable
                """, AdaptOptions.none());
        assertThat(result.resources()).extracting(r -> r.ref().type() + " " + r.ref().address()).containsExactly(
                "AWS::IAM::Role ApiRole", "AWS::Lambda::Function Api", "AWS::Lambda::Url ApiUrl",
                "AWS::Lambda::Permission ApiUrlPublicPermissions", "AWS::DynamoDB::Table Orders");
        KnownMap function = TestingAws.properties(TestingAws.named(result.resources(), "Api"));
        assertThat(function.raw("Runtime")).isEqualTo("python3.8");
        KnownMap variables = (KnownMap) ((KnownMap) function.raw("Environment")).raw("Variables");
        assertThat(variables.keyList()).containsExactly("STAGE", "TABLE");
        assertThat(((Unknown) function.raw("Role")).reference()).contains("ApiRole");
        KnownMap url = TestingAws.properties(TestingAws.named(result.resources(), "ApiUrl"));
        assertThat(url.raw("AuthType")).isEqualTo("NONE");
        Resource role = TestingAws.named(result.resources(), "ApiRole");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> policies = (List<Map<String, Object>>) role.variables().get("policies");
        assertThat(policies).extracting(policy -> policy.get("kind")).containsExactly("trust", "identity", "attached");
        assertThat(policies.get(2).get("arn")).isEqualTo("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
        KnownMap table = TestingAws.properties(TestingAws.named(result.resources(), "Orders"));
        assertThat(table.raw("BillingMode")).isEqualTo("PAY_PER_REQUEST");
    }

    @Test
    void badTemplatesAreLocatedProblems() {
        AdaptResult syntax = TestingAws.template("AWSTemplateFormatVersion: x\nResources:\n  A:\n    Type: [unclosed\n", AdaptOptions.none());
        assertThat(syntax.problems()).singleElement().satisfies(problem -> assertThat(problem.line()).isPositive());
        AdaptResult notTemplate = TestingAws.template("AWSTemplateFormatVersion: x\nResources: [a, b]\n", AdaptOptions.none());
        assertThat(notTemplate.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("not a CloudFormation template"));
        AdaptResult noType = TestingAws.template("AWSTemplateFormatVersion: x\nResources:\n  A:\n    Properties: {}\n", AdaptOptions.none());
        assertThat(noType.warnings()).singleElement().satisfies(warning -> {
            assertThat(warning.line()).isEqualTo(3);
            assertThat(warning.message()).contains("has no Type");
        });
        AdaptResult cycle = TestingAws.template("""
                AWSTemplateFormatVersion: x
                Conditions:
                  A: !Condition B
                  B: !Condition A
                Resources:
                  R:
                    Type: AWS::S3::Bucket
                    Condition: A
                """, AdaptOptions.none());
        assertThat(cycle.resources()).hasSize(1);
        assertThat(cycle.warnings()).anySatisfy(warning -> assertThat(warning.message()).contains("refers to itself"));
    }
}
