package dev.bulwark.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;
import dev.bulwark.core.spi.AdaptOptions;
import dev.bulwark.core.spi.AdaptResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameters (defaults of each type, overrides) and the conditions decided from them. */
class TestCloudFormationConditions {
    private static final String TEMPLATE = """
            AWSTemplateFormatVersion: "2010-09-09"
            Parameters:
              Replicas:
                Type: Number
                Default: 2
              Zero:
                Type: Number
                Default: "0"
              Names:
                Type: CommaDelimitedList
                Default: "orders,invoices"
              Nothing:
                Type: CommaDelimitedList
                Default: ""
              Subnets:
                Type: List<AWS::EC2::Subnet::Id>
                Default: subnet-1,subnet-2
              Ports:
                Type: List<Number>
                Default: "80,443"
              Ami:
                Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
                Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64
              AmiName:
                Type: AWS::SSM::Parameter::Name
                Default: /platform/ami
              DbPassword:
                Type: String
                NoEcho: true
                Default: change-me-please
              Owner:
                Type: String
              Encrypt:
                Type: String
                Default: "True"
                AllowedValues: ["True", "False"]
              KeyPair:
                Type: AWS::EC2::KeyPair::KeyName
                Default: ops
            Conditions:
              TwoReplicas: !Equals [!Ref Replicas, 2]
              TwoReplicasText: !Equals [!Ref Replicas, "2"]
              ZeroIsZero: !Equals [0, !Ref Zero]
              FirstIsOrders: !Equals [!Select [0, !Ref Names], orders]
              JoinedNames: !Equals [!Join [",", !Ref Names], "orders,invoices"]
              NoNames: !Equals [!Join ["", !Ref Nothing], ""]
              EncryptLowercase: !Equals [!Ref Encrypt, "true"]
              EncryptExact: !Equals [!Ref Encrypt, "True"]
              Nested: !And
                - !Condition TwoReplicas
                - !Or [!Not [!Condition EncryptLowercase], !Equals [a, b]]
              ViaCondition: !Condition Nested
              HasOwner: !Not [!Equals [!Ref Owner, ""]]
              UnknownAndFalse: !And [!Condition HasOwner, !Equals [a, b]]
              UnknownOrTrue: !Or [!Condition HasOwner, !Condition TwoReplicas]
              FromSsm: !Equals [!Ref Ami, ami-0123456789abcdef0]
            Resources:
              Probe:
                Type: AWS::EC2::Instance
                Properties:
                  Replicas: !Ref Replicas
                  Zero: !Ref Zero
                  Names: !Ref Names
                  Nothing: !Ref Nothing
                  Subnets: !Ref Subnets
                  Ports: !Ref Ports
                  Ami: !Ref Ami
                  AmiName: !Ref AmiName
                  DbPassword: !Ref DbPassword
                  Owner: !Ref Owner
                  Encrypt: !Ref Encrypt
                  KeyPair: !Ref KeyPair
                  TwoReplicas: !If [TwoReplicas, yes, no]
                  TwoReplicasText: !If [TwoReplicasText, yes, no]
                  ZeroIsZero: !If [ZeroIsZero, yes, no]
                  FirstIsOrders: !If [FirstIsOrders, yes, no]
                  JoinedNames: !If [JoinedNames, yes, no]
                  NoNames: !If [NoNames, yes, no]
                  EncryptLowercase: !If [EncryptLowercase, yes, no]
                  EncryptExact: !If [EncryptExact, yes, no]
                  Nested: !If [Nested, yes, no]
                  ViaCondition: !If [ViaCondition, yes, no]
                  HasOwner: !If [HasOwner, yes, no]
                  UnknownAndFalse: !If [UnknownAndFalse, yes, no]
                  UnknownOrTrue: !If [UnknownOrTrue, yes, no]
                  FromSsm: !If [FromSsm, yes, no]
              OwnedOnly:
                Type: AWS::S3::Bucket
                Condition: HasOwner
              NestedOnly:
                Type: AWS::S3::Bucket
                Condition: ViaCondition
              LowercaseOnly:
                Type: AWS::S3::Bucket
                Condition: EncryptLowercase
            """;

    @Test
    void defaultsOfEveryParameterType() {
        AdaptResult result = TestingAws.template(TEMPLATE, AdaptOptions.none());
        assertThat(result.warnings()).isEmpty();
        KnownMap probe = TestingAws.properties(TestingAws.named(result.resources(), "Probe"));
        assertThat(probe.raw("Replicas")).isEqualTo(2L);
        assertThat(probe.raw("Zero")).isEqualTo("0");
        assertThat((KnownList) probe.raw("Names")).containsExactly("orders", "invoices");
        assertThat((KnownList) probe.raw("Nothing")).containsExactly("");
        assertThat((KnownList) probe.raw("Subnets")).containsExactly("subnet-1", "subnet-2");
        assertThat((KnownList) probe.raw("Ports")).containsExactly("80", "443");
        assertThat(probe.raw("Ami")).isInstanceOf(Unknown.class);
        assertThat(probe.raw("AmiName")).isEqualTo("/platform/ami");
        assertThat(probe.raw("DbPassword")).isEqualTo("change-me-please");
        assertThat(probe.raw("Owner")).isInstanceOf(Unknown.class);
        assertThat(probe.raw("Encrypt")).isEqualTo(Boolean.TRUE);
        assertThat(probe.raw("KeyPair")).isEqualTo("ops");
    }

    @Test
    void conditionsCompareTheParametersAsCloudFormationDoes() {
        AdaptResult result = TestingAws.template(TEMPLATE, AdaptOptions.none());
        KnownMap probe = TestingAws.properties(TestingAws.named(result.resources(), "Probe"));
        Map<String, String> expected = Map.ofEntries(
                Map.entry("TwoReplicas", "yes"),
                Map.entry("TwoReplicasText", "yes"),
                Map.entry("ZeroIsZero", "yes"),
                Map.entry("FirstIsOrders", "yes"),
                Map.entry("JoinedNames", "yes"),
                Map.entry("NoNames", "yes"),
                // Fn::Equals compares text exactly: "True" is not "true".
                Map.entry("EncryptLowercase", "no"),
                Map.entry("EncryptExact", "yes"),
                Map.entry("Nested", "yes"),
                Map.entry("ViaCondition", "yes"),
                Map.entry("HasOwner", "?[]"),
                Map.entry("UnknownAndFalse", "no"),
                Map.entry("UnknownOrTrue", "yes"),
                Map.entry("FromSsm", "?[]"));
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            assertThat(TestCloudFormationIntrinsics.render(probe.raw(entry.getKey()))).as(entry.getKey()).isEqualTo(entry.getValue());
        }
        // An unknown condition keeps its resource; a false one removes it.
        assertThat(result.resources()).extracting(resource -> resource.ref().address())
                .containsExactly("Probe", "OwnedOnly", "NestedOnly");
    }

    @Test
    void overridesReplaceDefaultsAndSplitLists() {
        AdaptOptions options = new AdaptOptions(List.of(), List.of(), Map.of(
                "Replicas", "3", "Names", "audit, billing,ops", "Owner", "team-a", "Ports", "22",
                "Ami", "ami-0123456789abcdef0", "Encrypt", "true"));
        AdaptResult result = TestingAws.template(TEMPLATE, options);
        KnownMap probe = TestingAws.properties(TestingAws.named(result.resources(), "Probe"));
        assertThat(probe.raw("Replicas")).isEqualTo("3");
        assertThat((KnownList) probe.raw("Names")).containsExactly("audit", "billing", "ops");
        assertThat((KnownList) probe.raw("Ports")).containsExactly("22");
        assertThat(probe.raw("Owner")).isEqualTo("team-a");
        assertThat(probe.raw("Ami")).isEqualTo("ami-0123456789abcdef0");
        assertThat(probe.raw("TwoReplicas")).isEqualTo("no");
        assertThat(probe.raw("FirstIsOrders")).isEqualTo("no");
        assertThat(probe.raw("HasOwner")).isEqualTo("yes");
        assertThat(probe.raw("FromSsm")).isEqualTo("yes");
        assertThat(probe.raw("EncryptLowercase")).isEqualTo("yes");
        assertThat(result.resources()).extracting(resource -> resource.ref().address())
                .containsExactly("Probe", "OwnedOnly", "LowercaseOnly");
    }

    @Test
    void aListParameterUsedTwiceIsLocatedAtEachUse() {
        AdaptResult result = TestingAws.template("""
                Parameters:
                  Cidrs:
                    Type: CommaDelimitedList
                    Default: "10.0.0.0/8,0.0.0.0/0"
                Resources:
                  Web:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: web
                      Sources: !Ref Cidrs
                  Admin:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: admin
                      Sources: !Ref Cidrs
                """, AdaptOptions.none());
        KnownList web = (KnownList) TestingAws.properties(TestingAws.named(result.resources(), "Web")).raw("Sources");
        KnownList admin = (KnownList) TestingAws.properties(TestingAws.named(result.resources(), "Admin")).raw("Sources");
        assertThat(web.elementLocation(1).startLine()).isEqualTo(10);
        assertThat(admin.elementLocation(1).startLine()).isEqualTo(15);
        assertThat(web).isNotSameAs(admin);
    }

    @Test
    void conditionProblemsAreWarnedAtTheirLines() {
        AdaptResult result = TestingAws.template("""
                Conditions:
                  Loop: !Condition Loop
                  Odd: !Equals [a]
                Resources:
                  A:
                    Type: AWS::S3::Bucket
                    Condition: Loop
                  B:
                    Type: AWS::S3::Bucket
                    Condition: Missing
                  C:
                    Type: AWS::S3::Bucket
                    Condition: Odd
                """, AdaptOptions.none());
        assertThat(result.resources()).hasSize(3);
        assertThat(result.warnings()).extracting(warning -> warning.line() + " " + warning.message())
                .anySatisfy(text -> assertThat(text).startsWith("2 ").contains("refers to itself"))
                .anySatisfy(text -> assertThat(text).startsWith("10 ").contains("Missing"))
                .anySatisfy(text -> assertThat(text).startsWith("3 ").contains("Fn::Equals"));
    }
}
