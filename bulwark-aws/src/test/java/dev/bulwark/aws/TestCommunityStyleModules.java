package dev.bulwark.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Resource;
import dev.bulwark.core.model.Unknown;
import dev.bulwark.core.spi.AdaptOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A module written the way community modules are (create flags in count, try() and lookup() over
 * loosely typed maps, nested dynamic blocks over try(flatten(...))), called with known inputs,
 * with inputs only a pipeline knows, and switched off. Known inputs must give exactly Terraform's
 * values at the module's lines; unknown inputs must give unknowns, never guesses.
 */
class TestCommunityStyleModules {
    private static final Path ROOT = Path.of("src/test/resources/community-style");

    private static List<Resource> resources() throws IOException {
        return TestingAws.resources(TestingAws.group(ROOT, AdaptOptions.none()));
    }

    @Test
    void knownInputsGiveTerraformsValuesAtTheModulesLines() throws IOException {
        KnownMap bucket = TestingAws.properties(TestingAws.named(resources(), "module.public.aws_s3_bucket.this[0]"));
        assertThat(bucket.raw("BucketName")).isEqualTo("public-assets");
        assertThat(bucket.raw("AccessControl")).isEqualTo("PublicRead");
        assertThat(bucket.entryLocation("AccessControl").file()).endsWith("modules/bucket/main.tf");
        assertThat(bucket.entryLocation("AccessControl").startLine()).isEqualTo(19);
        KnownMap versioning = (KnownMap) bucket.raw("VersioningConfiguration");
        assertThat(versioning.raw("Status")).isEqualTo("Suspended");
        assertThat(versioning.containsKey("MfaDelete")).isFalse();
        KnownList rules = (KnownList) ((KnownMap) bucket.raw("BucketEncryption")).raw("ServerSideEncryptionConfiguration");
        KnownMap rule = (KnownMap) rules.raw(0);
        assertThat(rule.raw("BucketKeyEnabled")).isEqualTo(true);
        KnownMap byDefault = (KnownMap) rule.raw("ServerSideEncryptionByDefault");
        assertThat(byDefault.raw("SSEAlgorithm")).isEqualTo("aws:kms");
        assertThat(((Unknown) byDefault.raw("KMSMasterKeyID")).reference()).contains("aws_kms_key.assets");
        KnownMap block = (KnownMap) bucket.raw("PublicAccessBlockConfiguration");
        assertThat(block.raw("BlockPublicAcls")).isEqualTo(true);
    }

    @Test
    void unknownInputsStayUnknown() throws IOException {
        KnownMap bucket = TestingAws.properties(TestingAws.named(resources(), "module.configurable.aws_s3_bucket.this[0]"));
        assertThat(bucket.raw("AccessControl")).isInstanceOf(Unknown.class);
        // count is unknown (it depends on the pipeline's map), so one instance stands for it, and its status is unknown.
        assertThat(((KnownMap) bucket.raw("VersioningConfiguration")).raw("Status")).isInstanceOf(Unknown.class);
        KnownMap block = (KnownMap) bucket.raw("PublicAccessBlockConfiguration");
        assertThat(block.raw("BlockPublicAcls")).isInstanceOf(Unknown.class);
        assertThat(block.raw("BlockPublicPolicy")).isEqualTo(true);
        assertThat(bucket.containsKey("BucketEncryption")).isFalse();
    }

    @Test
    void aSwitchedOffModuleCreatesNothing() throws IOException {
        assertThat(resources()).noneMatch(resource -> resource.ref().address().startsWith("module.disabled"));
    }
}
