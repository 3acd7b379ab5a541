package dev.bulwark.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Resource;
import dev.bulwark.core.model.Unknown;
import dev.bulwark.core.source.SourceFile;
import dev.bulwark.core.spi.AdaptOptions;
import dev.bulwark.core.spi.AdaptResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** The shapes real templates come in: YAML features, language extensions, odd sections, sizes. */
class TestCloudFormationTemplates {
    @Test
    void anchorsAliasesAndMultiLineStrings() {
        AdaptResult result = TestingAws.template("""
                AWSTemplateFormatVersion: "2010-09-09"
                Description: >
                  Web tier,
                  two instances
                Parameters:
                  Env:
                    Type: String
                    Default: prod
                Resources:
                  First:
                    Type: AWS::EC2::Instance
                    Properties: &instance
                      ImageId: ami-12345678
                      Tags: &tags
                        - Key: env
                          Value: !Ref Env
                      UserData: !Base64
                        Fn::Sub: |
                          #!/bin/bash
                          echo ${Env} > /etc/env
                          echo '${!NotAVariable}'
                  Second:
                    Type: AWS::EC2::Instance
                    Properties:
                      <<: *instance
                      ImageId: ami-87654321
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      Tags: *tags
                      Folded: >-
                        one
                        two
                """, AdaptOptions.none());
        assertThat(result.problems()).isEmpty();
        KnownMap first = TestingAws.properties(TestingAws.named(result.resources(), "First"));
        assertThat(first.raw("UserData")).isEqualTo("#!/bin/bash\necho prod > /etc/env\necho '${NotAVariable}'\n");
        KnownMap second = TestingAws.properties(TestingAws.named(result.resources(), "Second"));
        assertThat(second.raw("ImageId")).isEqualTo("ami-87654321");
        assertThat(TestCloudFormationIntrinsics.render(second.raw("Tags"))).isEqualTo("[{Key=env, Value=prod}]");
        KnownMap queue = TestingAws.properties(TestingAws.named(result.resources(), "Queue"));
        assertThat(TestCloudFormationIntrinsics.render(queue.raw("Tags"))).isEqualTo("[{Key=env, Value=prod}]");
        assertThat(queue.raw("Folded")).isEqualTo("one two");
    }

    @Test
    void resourceAttributesAreNotProperties() {
        AdaptResult result = TestingAws.template("""
                Resources:
                  Topic:
                    Type: AWS::SNS::Topic
                  Data:
                    Type: AWS::S3::Bucket
                    DeletionPolicy: Retain
                    UpdateReplacePolicy: Snapshot
                    DependsOn: [Topic]
                    Metadata:
                      cfn-lint:
                        config:
                          ignore_checks: [W3045]
                      Odd: !GetAtt Nowhere.Arn
                    CreationPolicy:
                      ResourceSignal: {Timeout: PT5M}
                    Properties:
                      BucketName: data
                  Single:
                    Type: AWS::SQS::Queue
                    DependsOn: Topic
                """, AdaptOptions.none());
        assertThat(result.warnings()).isEmpty();
        KnownMap data = TestingAws.properties(TestingAws.named(result.resources(), "Data"));
        assertThat(data.keyList()).containsExactly("BucketName");
        assertThat(result.resources()).hasSize(3);
    }

    @Test
    void strictJsonTemplatesWithTabsAndEscapes() {
        String json = "{\n\t\"Resources\": {\n\t\t\"Site\": {\n\t\t\t\"Type\": \"AWS::S3::Bucket\",\n"
                + "\t\t\t\"Properties\": {\"BucketName\": \"site\\/\\u00e9t\\u00e9\", \"Numbers\": [1, 2.5, -3e2],"
                + " \"Flag\": false, \"Nothing\": null}\n\t\t}\n\t}\n}\n";
        AdaptResult result = new AwsAdapter().adapt(SourceFile.of("site.json", json), AdaptOptions.none());
        assertThat(result.problems()).isEmpty();
        Resource site = TestingAws.named(result.resources(), "Site");
        assertThat(site.location().startLine()).isEqualTo(3);
        KnownMap properties = TestingAws.properties(site);
        assertThat(properties.raw("BucketName")).isEqualTo("site/été");
        assertThat(TestCloudFormationIntrinsics.render(properties.raw("Numbers"))).isEqualTo("[1, 2.5, -300.0]");
        assertThat(properties.raw("Flag")).isEqualTo(Boolean.FALSE);
        assertThat(properties.containsKey("Nothing")).isFalse();
        assertThat(properties.entryLocation("BucketName").startLine()).isEqualTo(5);
    }

    @Test
    void minifiedJsonTemplatesAreRecognised() {
        String json = "{\"Resources\":{\"Site\":{\"Type\":\"AWS::S3::Bucket\",\"Properties\":{\"BucketName\":\"site\"}}}}";
        assertThat(new AwsAdapter().acceptsContent(json)).isTrue();
        AdaptResult result = new AwsAdapter().adapt(SourceFile.of("site.json", json), AdaptOptions.none());
        assertThat(result.resources()).hasSize(1);
        assertThat(new AwsAdapter().acceptsContent("{\"Resources\": \"none\", \"Type\": \"Other\"}")).isFalse();
    }

    @Test
    void templatesWithoutResourcesAreLocatedProblems() {
        AdaptResult outputsOnly = TestingAws.template("""
                AWSTemplateFormatVersion: "2010-09-09"
                Description: shared values
                Outputs:
                  Vpc:
                    Value: vpc-123
                """, AdaptOptions.none());
        assertThat(outputsOnly.resources()).isEmpty();
        assertThat(outputsOnly.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.message()).contains("not a CloudFormation template").contains("no Resources");
            assertThat(problem.line()).isEqualTo(1);
        });
        AdaptResult listed = TestingAws.template("""
                AWSTemplateFormatVersion: "2010-09-09"
                Description: broken
                Resources:
                  - Type: AWS::S3::Bucket
                """, AdaptOptions.none());
        assertThat(listed.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.message()).contains("not a CloudFormation template").contains("Resources");
            assertThat(problem.line()).isEqualTo(3);
        });
    }

    @Test
    void includedAndTransformedPartsAreUnknownNotInvented() {
        AdaptResult result = TestingAws.template("""
                AWSTemplateFormatVersion: "2010-09-09"
                Parameters:
                  Mode:
                    Type: String
                Conditions:
                  Strict: !Equals [!Ref Mode, strict]
                Resources:
                  Fn::Transform:
                    Name: AWS::Include
                    Parameters:
                      Location: s3://shared/resources.yaml
                  Db:
                    Type: AWS::RDS::DBInstance
                    Properties:
                      Fn::Transform:
                        Name: AWS::Include
                        Parameters:
                          Location: s3://shared/db-properties.yaml
                  Policy:
                    Type: AWS::S3::BucketPolicy
                    Properties:
                      Bucket: logs
                      PolicyDocument:
                        Fn::Transform:
                          Name: AWS::Include
                          Parameters:
                            Location: s3://shared/policy.yaml
                  Either:
                    Type: AWS::RDS::DBInstance
                    Properties: !If
                      - Strict
                      - {Engine: postgres, StorageEncrypted: true, DeletionProtection: true}
                      - {Engine: postgres, StorageEncrypted: true}
                  Referenced:
                    Type: AWS::RDS::DBInstance
                    Properties: !Ref Mode
                """, AdaptOptions.none());
        assertThat(result.problems()).isEmpty();
        // Included or unknowable properties would read as "nothing set": those resources are left out, with a warning.
        assertThat(result.resources()).extracting(resource -> resource.ref().address()).containsExactly("Policy", "Either");
        assertThat(result.warnings()).extracting(warning -> warning.line()).containsExactly(8, 14, 36);
        KnownMap policy = TestingAws.properties(TestingAws.named(result.resources(), "Policy"));
        assertThat(policy.raw("PolicyDocument")).isInstanceOf(Unknown.class);
        KnownMap either = TestingAws.properties(TestingAws.named(result.resources(), "Either"));
        assertThat(either.raw("Engine")).isEqualTo("postgres");
        assertThat(either.raw("StorageEncrypted")).isEqualTo(Boolean.TRUE);
        assertThat(either.raw("DeletionProtection")).isInstanceOf(Unknown.class);
    }

    private static final String FOR_EACH = """
            AWSTemplateFormatVersion: "2010-09-09"
            Transform: AWS::LanguageExtensions
            Parameters:
              Teams:
                Type: CommaDelimitedList
                Default: "red,blue"
              Extra:
                Type: CommaDelimitedList
            Resources:
              Fn::ForEach::Buckets:
                - Team
                - !Ref Teams
                - "${Team}Bucket":
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: !Sub "data-${Team}"
                      Tags:
                        - Key: team
                          Value: !Ref Team
              Fn::ForEach::Subnets:
                - Cidr
                - ["10.0.1.0/24", "10.0.2.0/24"]
                - "Subnet&{Cidr}":
                    Type: AWS::EC2::Subnet
                    Properties:
                      CidrBlock: !Ref Cidr
                      VpcId: vpc-1
              Fn::ForEach::Grid:
                - Env
                - [dev, prod]
                - Fn::ForEach::Apps:
                    - App
                    - [api, web]
                    - "${Env}${App}Queue":
                        Type: AWS::SQS::Queue
                        Properties:
                          QueueName: !Sub "${Env}-${App}"
              Fn::ForEach::Later:
                - Name
                - !Ref Extra
                - "${Name}Topic":
                    Type: AWS::SNS::Topic
              RedPolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref redBucket
                  PolicyDocument:
                    Statement: []
            """;

    @Test
    void forEachExpandsResourcesWhenTheCollectionIsKnown() {
        AdaptResult result = TestingAws.template(FOR_EACH, AdaptOptions.none());
        assertThat(result.problems()).isEmpty();
        assertThat(result.resources()).extracting(resource -> resource.ref().address()).containsExactly(
                "redBucket", "blueBucket", "Subnet1001024", "Subnet1002024",
                "devapiQueue", "devwebQueue", "prodapiQueue", "prodwebQueue", "RedPolicy");
        Resource red = TestingAws.named(result.resources(), "redBucket");
        assertThat(red.location().startLine()).isEqualTo(13);
        KnownMap redProperties = TestingAws.properties(red);
        assertThat(redProperties.raw("BucketName")).isEqualTo("data-red");
        assertThat(TestCloudFormationIntrinsics.render(redProperties.raw("Tags"))).isEqualTo("[{Key=team, Value=red}]");
        assertThat(redProperties.entryLocation("BucketName").startLine()).isEqualTo(16);
        assertThat(TestingAws.properties(TestingAws.named(result.resources(), "Subnet1002024")).raw("CidrBlock")).isEqualTo("10.0.2.0/24");
        assertThat(TestingAws.properties(TestingAws.named(result.resources(), "prodwebQueue")).raw("QueueName")).isEqualTo("prod-web");
        // A reference to a generated resource relates to it.
        assertThat(red.variables().get("related").toString()).contains("RedPolicy");
        // The loop over an unknown collection is skipped with a warning at the loop.
        assertThat(result.warnings()).singleElement().satisfies(warning -> {
            assertThat(warning.line()).isEqualTo(38);
            assertThat(warning.message()).contains("Fn::ForEach::Later");
        });
    }

    @Test
    void forEachFollowsOverriddenCollections() {
        AdaptResult result = TestingAws.template(FOR_EACH, new AdaptOptions(List.of(), List.of(), Map.of("Teams", "green", "Extra", "alerts")));
        assertThat(result.resources()).extracting(resource -> resource.ref().address())
                .contains("greenBucket", "alertsTopic").doesNotContain("redBucket");
    }

    @Test
    void forEachInsidePropertiesAndConditions() {
        AdaptResult result = TestingAws.template("""
                Transform: AWS::LanguageExtensions
                Parameters:
                  Envs:
                    Type: CommaDelimitedList
                    Default: "dev,prod"
                  Current:
                    Type: String
                    Default: prod
                Conditions:
                  Fn::ForEach::IsEnv:
                    - E
                    - !Ref Envs
                    - "Is${E}": !Equals [!Ref Current, !Ref E]
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      Fn::ForEach::Flags:
                        - Name
                        - [Encrypted, Protected]
                        - "${Name}Marker": !Sub "marker-${Name}"
                      Mode: !If [Isprod, strict, loose]
                  DevOnly:
                    Type: AWS::S3::Bucket
                    Condition: Isdev
                """, AdaptOptions.none());
        assertThat(result.warnings()).isEmpty();
        KnownMap table = TestingAws.properties(TestingAws.named(result.resources(), "Table"));
        assertThat(table.raw("EncryptedMarker")).isEqualTo("marker-Encrypted");
        assertThat(table.raw("ProtectedMarker")).isEqualTo("marker-Protected");
        assertThat(table.raw("Mode")).isEqualTo("strict");
        assertThat(result.resources()).extracting(resource -> resource.ref().address()).containsExactly("Table");
    }

    @Test
    void forEachOutputKeysWithoutTheIdentifierDoNotDuplicateResources() {
        AdaptResult result = TestingAws.template("""
                Transform: AWS::LanguageExtensions
                Resources:
                  Fn::ForEach::Same:
                    - Name
                    - [a, b]
                    - Bucket:
                        Type: AWS::S3::Bucket
                        Properties:
                          BucketName: !Ref Name
                """, AdaptOptions.none());
        assertThat(result.resources()).singleElement().satisfies(resource -> assertThat(resource.ref().address()).isEqualTo("Bucket"));
        assertThat(result.warnings()).singleElement().satisfies(warning -> assertThat(warning.message()).contains("more than once"));
    }

    @Test
    void aliasBombsAreBoundedWhileResolving() {
        StringBuilder yaml = new StringBuilder("Mappings:\n  M:\n    K:\n      l0: &l0 [x, x, x, x, x, x, x, x, x]\n");
        for (int level = 1; level <= 8; level++) {
            yaml.append("      l").append(level).append(": &l").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i > 0 ? ", " : "").append("*l").append(level - 1);
            }
            yaml.append("]\n");
        }
        yaml.append("Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: !FindInMap [M, K, l8]\n"
                + "      Json: !ToJsonString {a: !FindInMap [M, K, l8]}\n");
        AdaptResult result = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> TestingAws.template(yaml.toString(), AdaptOptions.none()));
        assertThat(result.warnings()).anySatisfy(warning -> assertThat(warning.message()).contains("too large"));
        KnownMap bucket = TestingAws.properties(TestingAws.named(result.resources(), "B"));
        assertThat(bucket.raw("Tags")).isInstanceOf(Unknown.class);
    }

    @Test
    void largeAndDeepTemplatesStayBounded() {
        StringBuilder many = new StringBuilder("Resources:\n");
        for (int i = 0; i < 3000; i++) {
            many.append("  Bucket").append(i).append(":\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub \"b-")
                    .append(i).append("-${AWS::Partition}\"\n");
        }
        AdaptResult large = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> TestingAws.template(many.toString(), AdaptOptions.none()));
        assertThat(large.resources()).hasSize(3000);
        assertThat(TestingAws.named(large.resources(), "Bucket2999").location().startLine()).isEqualTo(2 + 4 * 2999);
        StringBuilder deep = new StringBuilder("Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Deep: ");
        deep.append("{\"Fn::Join\": [\"\", [".repeat(300)).append("x").append("]]}".repeat(300)).append('\n');
        AdaptResult nested = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> TestingAws.template(deep.toString(), AdaptOptions.none()));
        assertThat(nested.resources()).isEmpty();
        assertThat(nested.warnings()).anySatisfy(warning -> assertThat(warning.message()).contains("nesting"));
        StringBuilder deepList = new StringBuilder("Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Deep: ");
        deepList.append("!Join [\"\", [".repeat(45)).append("x").append("]]".repeat(45)).append('\n');
        AdaptResult within = TestingAws.template(deepList.toString(), AdaptOptions.none());
        assertThat(TestingAws.properties(TestingAws.named(within.resources(), "B")).raw("Deep")).isEqualTo("x");
    }

    @Test
    void aStrayDocumentSeparatorIsNotASecondTemplate() {
        AdaptResult result = TestingAws.template("---\nResources:\n  Data:\n    Type: AWS::S3::Bucket\n---\n", AdaptOptions.none());
        assertThat(result.problems()).isEmpty();
        assertThat(result.resources()).hasSize(1);
        AdaptResult two = TestingAws.template("Resources:\n  A:\n    Type: AWS::S3::Bucket\n---\nResources:\n  B:\n    Type: AWS::S3::Bucket\n",
                AdaptOptions.none());
        assertThat(two.problems()).singleElement().satisfies(problem -> assertThat(problem.line()).isEqualTo(4));
    }

    @Test
    void aMacroTransformIsWarnedAbout() {
        AdaptResult result = TestingAws.template("""
                AWSTemplateFormatVersion: "2010-09-09"
                Transform: [AWS::LanguageExtensions, CorpBucketDefaults]
                Resources:
                  Data:
                    Type: AWS::S3::Bucket
                """, AdaptOptions.none());
        assertThat(result.resources()).hasSize(1);
        assertThat(result.warnings()).singleElement().satisfies(warning -> {
            assertThat(warning.line()).isEqualTo(2);
            assertThat(warning.message()).contains("CorpBucketDefaults");
        });
    }

    @Test
    void problemsPointAtTheirLines() {
        AdaptResult result = TestingAws.template("""
                Resources:
                  A:
                    Type: AWS::S3::Bucket
                    Properties:
                      Name: !Sub "${Missing}-x"
                      Other: !GetAtt
                  B: just text
                  C:
                    Type: AWS::SQS::Queue
                    Properties: [a]
                """, AdaptOptions.none());
        assertThat(result.warnings()).extracting(warning -> warning.line()).containsExactly(5, 6, 7, 10);
    }
}
