package dev.bulwark.iam.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The enums' contracts and the wildcard matcher behind {@link IamCatalog#expand(String)}. */
class TestIamCatalogValues {
    @Test
    void conditionKeyTypesKnowTheirElements() {
        assertThat(ConditionKeyType.ARRAY_OF_STRING.multiValued()).isTrue();
        assertThat(ConditionKeyType.ARRAY_OF_STRING.elementType()).isEqualTo(ConditionKeyType.STRING);
        assertThat(ConditionKeyType.ARRAY_OF_ARN.elementType()).isEqualTo(ConditionKeyType.ARN);
        assertThat(ConditionKeyType.IP_ADDRESS.multiValued()).isFalse();
        assertThat(ConditionKeyType.IP_ADDRESS.elementType()).isEqualTo(ConditionKeyType.IP_ADDRESS);
        assertThat(ConditionKeyType.fromCatalogName("ArrayOfBool")).contains(ConditionKeyType.ARRAY_OF_BOOL);
        assertThat(ConditionKeyType.fromCatalogName("IPAddress")).contains(ConditionKeyType.IP_ADDRESS);
        assertThat(ConditionKeyType.fromCatalogName("string")).isEmpty();
        for (ConditionKeyType type : ConditionKeyType.values()) {
            assertThat(type.multiValued()).as(type.name()).isEqualTo(type.name().startsWith("ARRAY_OF_"));
            assertThat(type.elementType().multiValued()).isFalse();
        }
    }

    @Test
    void accessLevelsReadAwsLabels() {
        assertThat(AccessLevel.fromLabel("Permissions management, Write")).contains(AccessLevel.PERMISSIONS_MANAGEMENT);
        assertThat(AccessLevel.fromLabel("Tagging, Write")).contains(AccessLevel.TAGGING);
        assertThat(AccessLevel.fromLabel("List")).contains(AccessLevel.LIST);
        assertThat(AccessLevel.fromLabel("permissions management")).contains(AccessLevel.PERMISSIONS_MANAGEMENT);
        assertThat(AccessLevel.fromLabel("Delete")).isEmpty();
        assertThat(AccessLevel.TAGGING.label()).isEqualTo("Tagging");
    }

    @Test
    void globsMatchLikeIam() {
        assertThat(IamGlob.matches("get*", "getobject")).isTrue();
        assertThat(IamGlob.matches("get*", "get")).isTrue();
        assertThat(IamGlob.matches("*policy*", "putrolepolicy")).isTrue();
        assertThat(IamGlob.matches("*policy*", "passrole")).isFalse();
        assertThat(IamGlob.matches("get?bject", "getobject")).isTrue();
        assertThat(IamGlob.matches("get?", "get")).isFalse();
        assertThat(IamGlob.matches("a*b*c", "aXXbYYbZc")).isTrue();
        assertThat(IamGlob.matches("a*b*c", "aXXbYYbZ")).isFalse();
        assertThat(IamGlob.matches("", "")).isTrue();
        assertThat(IamGlob.matches("s3:get*", "s3", "getobject")).isTrue();
        assertThat(IamGlob.matches("s3*object", "s3-outposts", "getobject")).isTrue();
        assertThat(IamGlob.matches("s3:get*", "s3-outposts", "getobject")).isFalse();
    }
}
