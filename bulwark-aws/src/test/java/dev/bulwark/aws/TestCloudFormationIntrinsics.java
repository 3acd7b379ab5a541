package dev.bulwark.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;
import dev.bulwark.core.source.SourceFile;
import dev.bulwark.core.spi.AdaptOptions;
import dev.bulwark.core.spi.AdaptResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every intrinsic function, written short in YAML and long in YAML and JSON, resolves to what
 * CloudFormation would deploy, and what only exists after deployment stays unknown.
 */
class TestCloudFormationIntrinsics {
    /** A network stack in YAML with the short-form tags. */
    private static final String SHORT = """
            AWSTemplateFormatVersion: "2010-09-09"
            Transform: AWS::LanguageExtensions
            Parameters:
              Env:
                Type: String
                Default: prod
              Port:
                Type: Number
                Default: 8443
              Zones:
                Type: CommaDelimitedList
                Default: "a,b,c"
            Mappings:
              Retention:
                "10":
                  Days: 30
                prod:
                  Days: 365
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Db:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: postgres
              Probe:
                Type: AWS::S3::Bucket
                Properties:
                  AttDotted: !GetAtt Db.Endpoint.Address
                  AttList: !GetAtt [Db, Endpoint.Port]
                  RefResource: !Ref Db
                  SubLiteral: !Sub "arn:${!Literal}-${Env}"
                  SubRegion: !Sub "${AWS::Region}-logs"
                  SubAttr: !Sub "${Db.Endpoint.Address}:5432"
                  SubMap: !Sub
                    - "${Name}-${Env}-${Port}"
                    - Name: !Select [1, !Ref Zones]
                  JoinSplit: !Join [",", !Split ["|", "x|y|z"]]
                  JoinRef: !Join ["-", !Ref Zones]
                  JoinNested: !Join ["", [!Select [0, !Split [",", "p,q"]], "-", !Ref Env]]
                  JoinUnknown: !Join ["-", [a, !Ref Db]]
                  SelectAz: !Select [0, !GetAZs ""]
                  SelectAzRegion: !Select [1, !GetAZs {Ref: "AWS::Region"}]
                  ListDropsNoValue: [a, !If [IsProd, !Ref "AWS::NoValue", b], c]
                  ListKeeps: [a, !If [IsProd, b, !Ref "AWS::NoValue"]]
                  PropertyNoValue: !If [IsProd, !Ref "AWS::NoValue", kept]
                  FindNumber: !FindInMap [Retention, 10, Days]
                  FindRef: !FindInMap [Retention, !Ref Env, Days]
                  FindDefault: !FindInMap [Retention, staging, Days, {DefaultValue: 7}]
                  Base64: !Base64 "echo hello"
                  Cidr4: !Cidr ["10.0.0.0/16", 3, 8]
                  Cidr6: !Cidr ["2001:db8::/56", 2, 64]
                  CidrUnknown: !Cidr [!GetAtt Db.Endpoint.Address, 2, 8]
                  Length: !Length [a, b, !If [IsProd, !Ref "AWS::NoValue", c]]
                  LengthRef: !Length
                    Ref: Zones
                  Json: !ToJsonString
                    a: 1
                    b: [x, true]
                    c: "say \\"hi\\"\\tnow"
                  Imported: !ImportValue shared-vpc
            """;

    /** The same stack in YAML with every function written long. */
    private static final String LONG_YAML = """
            AWSTemplateFormatVersion: "2010-09-09"
            Transform: AWS::LanguageExtensions
            Parameters:
              Env: {Type: String, Default: prod}
              Port: {Type: Number, Default: 8443}
              Zones: {Type: CommaDelimitedList, Default: "a,b,c"}
            Mappings:
              Retention:
                "10": {Days: 30}
                prod: {Days: 365}
            Conditions:
              IsProd:
                Fn::Equals: [{Ref: Env}, prod]
            Resources:
              Db:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: postgres
              Probe:
                Type: AWS::S3::Bucket
                Properties:
                  AttDotted: {"Fn::GetAtt": [Db, Endpoint.Address]}
                  AttList:
                    Fn::GetAtt: [Db, Endpoint.Port]
                  RefResource: {Ref: Db}
                  SubLiteral: {"Fn::Sub": "arn:${!Literal}-${Env}"}
                  SubRegion: {"Fn::Sub": "${AWS::Region}-logs"}
                  SubAttr: {"Fn::Sub": "${Db.Endpoint.Address}:5432"}
                  SubMap:
                    Fn::Sub:
                      - "${Name}-${Env}-${Port}"
                      - Name: {"Fn::Select": [1, {Ref: Zones}]}
                  JoinSplit: {"Fn::Join": [",", {"Fn::Split": ["|", "x|y|z"]}]}
                  JoinRef: {"Fn::Join": ["-", {Ref: Zones}]}
                  JoinNested: {"Fn::Join": ["", [{"Fn::Select": [0, {"Fn::Split": [",", "p,q"]}]}, "-", {Ref: Env}]]}
                  JoinUnknown: {"Fn::Join": ["-", [a, {Ref: Db}]]}
                  SelectAz: {"Fn::Select": [0, {"Fn::GetAZs": ""}]}
                  SelectAzRegion: {"Fn::Select": [1, {"Fn::GetAZs": {Ref: "AWS::Region"}}]}
                  ListDropsNoValue: [a, {"Fn::If": [IsProd, {Ref: "AWS::NoValue"}, b]}, c]
                  ListKeeps: [a, {"Fn::If": [IsProd, b, {Ref: "AWS::NoValue"}]}]
                  PropertyNoValue: {"Fn::If": [IsProd, {Ref: "AWS::NoValue"}, kept]}
                  FindNumber: {"Fn::FindInMap": [Retention, 10, Days]}
                  FindRef: {"Fn::FindInMap": [Retention, {Ref: Env}, Days]}
                  FindDefault: {"Fn::FindInMap": [Retention, staging, Days, {DefaultValue: 7}]}
                  Base64: {"Fn::Base64": "echo hello"}
                  Cidr4: {"Fn::Cidr": ["10.0.0.0/16", 3, 8]}
                  Cidr6: {"Fn::Cidr": ["2001:db8::/56", 2, 64]}
                  CidrUnknown: {"Fn::Cidr": [{"Fn::GetAtt": [Db, Endpoint.Address]}, 2, 8]}
                  Length: {"Fn::Length": [a, b, {"Fn::If": [IsProd, {Ref: "AWS::NoValue"}, c]}]}
                  LengthRef: {"Fn::Length": {Ref: Zones}}
                  Json:
                    Fn::ToJsonString:
                      a: 1
                      b: [x, true]
                      c: "say \\"hi\\"\\tnow"
                  Imported: {"Fn::ImportValue": shared-vpc}
            """;

    private static final String JSON = """
            {
              "AWSTemplateFormatVersion": "2010-09-09",
              "Transform": "AWS::LanguageExtensions",
              "Parameters": {
                "Env": {"Type": "String", "Default": "prod"},
                "Port": {"Type": "Number", "Default": 8443},
                "Zones": {"Type": "CommaDelimitedList", "Default": "a,b,c"}
              },
              "Mappings": {"Retention": {"10": {"Days": 30}, "prod": {"Days": 365}}},
              "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
              "Resources": {
                "Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"Engine": "postgres"}},
                "Probe": {
                  "Type": "AWS::S3::Bucket",
                  "Properties": {
                    "AttDotted": {"Fn::GetAtt": ["Db", "Endpoint.Address"]},
                    "AttList": {"Fn::GetAtt": ["Db", "Endpoint.Port"]},
                    "RefResource": {"Ref": "Db"},
                    "SubLiteral": {"Fn::Sub": "arn:${!Literal}-${Env}"},
                    "SubRegion": {"Fn::Sub": "${AWS::Region}-logs"},
                    "SubAttr": {"Fn::Sub": "${Db.Endpoint.Address}:5432"},
                    "SubMap": {"Fn::Sub": ["${Name}-${Env}-${Port}", {"Name": {"Fn::Select": [1, {"Ref": "Zones"}]}}]},
                    "JoinSplit": {"Fn::Join": [",", {"Fn::Split": ["|", "x|y|z"]}]},
                    "JoinRef": {"Fn::Join": ["-", {"Ref": "Zones"}]},
                    "JoinNested": {"Fn::Join": ["", [{"Fn::Select": [0, {"Fn::Split": [",", "p,q"]}]}, "-", {"Ref": "Env"}]]},
                    "JoinUnknown": {"Fn::Join": ["-", ["a", {"Ref": "Db"}]]},
                    "SelectAz": {"Fn::Select": [0, {"Fn::GetAZs": ""}]},
                    "SelectAzRegion": {"Fn::Select": [1, {"Fn::GetAZs": {"Ref": "AWS::Region"}}]},
                    "ListDropsNoValue": ["a", {"Fn::If": ["IsProd", {"Ref": "AWS::NoValue"}, "b"]}, "c"],
                    "ListKeeps": ["a", {"Fn::If": ["IsProd", "b", {"Ref": "AWS::NoValue"}]}],
                    "PropertyNoValue": {"Fn::If": ["IsProd", {"Ref": "AWS::NoValue"}, "kept"]},
                    "FindNumber": {"Fn::FindInMap": ["Retention", 10, "Days"]},
                    "FindRef": {"Fn::FindInMap": ["Retention", {"Ref": "Env"}, "Days"]},
                    "FindDefault": {"Fn::FindInMap": ["Retention", "staging", "Days", {"DefaultValue": 7}]},
                    "Base64": {"Fn::Base64": "echo hello"},
                    "Cidr4": {"Fn::Cidr": ["10.0.0.0/16", 3, 8]},
                    "Cidr6": {"Fn::Cidr": ["2001:db8::/56", 2, 64]},
                    "CidrUnknown": {"Fn::Cidr": [{"Fn::GetAtt": ["Db", "Endpoint.Address"]}, 2, 8]},
                    "Length": {"Fn::Length": ["a", "b", {"Fn::If": ["IsProd", {"Ref": "AWS::NoValue"}, "c"]}]},
                    "LengthRef": {"Fn::Length": {"Ref": "Zones"}},
                    "Json": {"Fn::ToJsonString": {"a": 1, "b": ["x", true], "c": "say \\"hi\\"\\tnow"}},
                    "Imported": {"Fn::ImportValue": "shared-vpc"}
                  }
                }
              }
            }
            """;

    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("AttDotted", "?[Db]"),
            Map.entry("AttList", "?[Db]"),
            Map.entry("RefResource", "?[Db]"),
            Map.entry("SubLiteral", "arn:${Literal}-prod"),
            Map.entry("SubRegion", "?[]"),
            Map.entry("SubAttr", "?[Db]"),
            Map.entry("SubMap", "b-prod-8443"),
            Map.entry("JoinSplit", "x,y,z"),
            Map.entry("JoinRef", "a-b-c"),
            Map.entry("JoinNested", "p-prod"),
            Map.entry("JoinUnknown", "?[Db]"),
            Map.entry("SelectAz", "?[]"),
            Map.entry("SelectAzRegion", "?[]"),
            Map.entry("ListDropsNoValue", "[a, c]"),
            Map.entry("ListKeeps", "[a, b]"),
            Map.entry("FindNumber", "30"),
            Map.entry("FindRef", "365"),
            Map.entry("FindDefault", "7"),
            Map.entry("Base64", "echo hello"),
            Map.entry("Cidr4", "[10.0.0.0/24, 10.0.1.0/24, 10.0.2.0/24]"),
            Map.entry("Cidr6", "[2001:db8::/64, 2001:db8:0:1::/64]"),
            Map.entry("CidrUnknown", "?[Db]"),
            Map.entry("Length", "2"),
            Map.entry("LengthRef", "3"),
            Map.entry("Json", "{\"a\":1,\"b\":[\"x\",true],\"c\":\"say \\\"hi\\\"\\tnow\"}"),
            Map.entry("Imported", "?[]"));

    @Test
    void shortFormsResolveToWhatCloudFormationDeploys() {
        assertResolved(TestingAws.template(SHORT, AdaptOptions.none()));
    }

    @Test
    void longFormsInYamlResolveTheSame() {
        assertResolved(TestingAws.template(LONG_YAML, AdaptOptions.none()));
    }

    @Test
    void longFormsInJsonResolveTheSame() {
        assertResolved(new AwsAdapter().adapt(SourceFile.of("template.json", JSON), AdaptOptions.none()));
    }

    private static void assertResolved(AdaptResult result) {
        assertThat(result.problems()).isEmpty();
        assertThat(result.warnings()).isEmpty();
        KnownMap probe = TestingAws.properties(TestingAws.named(result.resources(), "Probe"));
        for (Map.Entry<String, String> entry : EXPECTED.entrySet()) {
            assertThat(render(probe.raw(entry.getKey()))).as(entry.getKey()).isEqualTo(entry.getValue());
        }
        assertThat(probe.containsKey("PropertyNoValue")).isFalse();
        assertThat(probe.keyList()).hasSize(EXPECTED.size());
    }

    @Test
    void aSetRegionIsUsedAndDecidesThePartition() {
        AdaptResult result = TestingAws.template("""
                Resources:
                  Logs:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: !Sub "logs-${AWS::Region}-${AWS::AccountId}"
                      Region: !Sub "${AWS::Region}"
                      Arn: !Sub "arn:${AWS::Partition}:s3:::logs"
                      Suffix: !Ref AWS::URLSuffix
                """, new AdaptOptions(List.of(), List.of(), Map.of("AWS::Region", "cn-north-1")));
        KnownMap logs = TestingAws.properties(TestingAws.named(result.resources(), "Logs"));
        assertThat(logs.raw("BucketName")).isInstanceOf(Unknown.class);
        assertThat(logs.raw("Region")).isEqualTo("cn-north-1");
        assertThat(logs.raw("Arn")).isEqualTo("arn:aws-cn:s3:::logs");
        assertThat(logs.raw("Suffix")).isEqualTo("amazonaws.com.cn");
        AdaptResult plain = TestingAws.template("""
                Resources:
                  Logs:
                    Type: AWS::S3::Bucket
                    Properties:
                      Arn: !Sub "arn:${AWS::Partition}:s3:::logs"
                      Suffix: !Ref AWS::URLSuffix
                      Stack: !Ref AWS::StackName
                      StackId: !Ref AWS::StackId
                      Topics: !Ref AWS::NotificationARNs
                """, AdaptOptions.none());
        KnownMap defaults = TestingAws.properties(TestingAws.named(plain.resources(), "Logs"));
        assertThat(defaults.raw("Arn")).isEqualTo("arn:aws:s3:::logs");
        assertThat(defaults.raw("Suffix")).isEqualTo("amazonaws.com");
        assertThat(defaults.raw("Stack")).isInstanceOf(Unknown.class);
        assertThat(defaults.raw("StackId")).isInstanceOf(Unknown.class);
        assertThat(defaults.raw("Topics")).isInstanceOf(Unknown.class);
    }

    @Test
    void anUndecidedIfKeepsWhatBothBranchesAgreeOn() {
        AdaptResult result = TestingAws.template("""
                Parameters:
                  UseKeyA:
                    Type: String
                Conditions:
                  KeyA: !Equals [!Ref UseKeyA, "yes"]
                Resources:
                  KeyOne:
                    Type: AWS::KMS::Key
                  KeyTwo:
                    Type: AWS::KMS::Key
                  Data:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketEncryption:
                        ServerSideEncryptionConfiguration:
                          - ServerSideEncryptionByDefault: !If
                              - KeyA
                              - SSEAlgorithm: aws:kms
                                KMSMasterKeyID: !GetAtt KeyOne.Arn
                              - SSEAlgorithm: aws:kms
                                KMSMasterKeyID: !GetAtt KeyTwo.Arn
                      Same: !If [KeyA, on, on]
                      MaybeAbsent: !If [KeyA, x, !Ref AWS::NoValue]
                      Lists: !If [KeyA, [a, b], [a, c]]
                      Longer: !If [KeyA, [a], [a, b]]
                """, AdaptOptions.none());
        assertThat(result.warnings()).isEmpty();
        KnownMap data = TestingAws.properties(TestingAws.named(result.resources(), "Data"));
        KnownMap byDefault = (KnownMap) ((KnownMap) ((KnownList) ((KnownMap) data.raw("BucketEncryption"))
                .raw("ServerSideEncryptionConfiguration")).raw(0)).raw("ServerSideEncryptionByDefault");
        assertThat(byDefault.raw("SSEAlgorithm")).isEqualTo("aws:kms");
        Unknown key = (Unknown) byDefault.raw("KMSMasterKeyID");
        assertThat(key.references()).containsExactly("KeyOne", "KeyTwo");
        assertThat(data.raw("Same")).isEqualTo("on");
        assertThat(data.raw("MaybeAbsent")).isInstanceOf(Unknown.class);
        assertThat(render(data.raw("Lists"))).isEqualTo("[a, ?[]]");
        assertThat(data.raw("Longer")).isInstanceOf(Unknown.class);
        // The KMS keys are related to the bucket through the undecided branch.
        assertThat(TestingAws.named(result.resources(), "KeyOne").variables().get("related").toString()).contains("Data");
    }

    @Test
    void malformedOrFailingIntrinsicsAreUnknownAndLocated() {
        AdaptResult result = TestingAws.template("""
                Resources:
                  Net:
                    Type: AWS::EC2::VPC
                    Properties:
                      TooMany: !Cidr ["10.0.0.0/24", 4, 7]
                      NotAnAddress: !Cidr ["intranet.example.com/16", 2, 8]
                      OutOfRange: !Select [5, [a, b]]
                      Missing: !FindInMap [Nowhere, a, b]
                      Undefined: !Ref Nothing
                      Strange: !Frobnicate [a]
                """, AdaptOptions.none());
        KnownMap net = TestingAws.properties(TestingAws.named(result.resources(), "Net"));
        for (String key : List.of("TooMany", "NotAnAddress", "OutOfRange", "Missing", "Undefined", "Strange")) {
            assertThat(net.raw(key)).as(key).isInstanceOf(Unknown.class);
        }
        assertThat(result.warnings()).extracting(warning -> warning.line()).containsExactly(5, 6, 7, 8, 9, 10);
    }

    /** Model values as text: unknowns as {@code ?[references]}. */
    static String render(Object value) {
        if (value instanceof Unknown unknown) {
            return "?" + unknown.references();
        }
        if (value instanceof KnownList list) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                out.append(i > 0 ? ", " : "").append(render(list.raw(i)));
            }
            return out.append(']').toString();
        }
        if (value instanceof KnownMap map) {
            StringBuilder out = new StringBuilder("{");
            for (String key : map.keyList()) {
                out.append(out.length() > 1 ? ", " : "").append(key).append('=').append(render(map.raw(key)));
            }
            return out.append('}').toString();
        }
        return String.valueOf(value);
    }
}
