package dev.bulwark.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Resource;
import dev.bulwark.core.spi.AdaptOptions;
import dev.bulwark.core.spi.FileResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestTerraformPlans {
    private static final Path PLAN = Path.of("src/test/resources/plan");

    @Test
    void planValuesPointBackToTheConfiguration() throws IOException {
        List<FileResult> results = TestingAws.group(PLAN, AdaptOptions.none());
        List<Resource> resources = TestingAws.resources(results);
        // The plan replaces evaluating its folder: module.logs[1] is being deleted and is not there.
        assertThat(resources).extracting(resource -> resource.ref().address()).containsExactlyInAnyOrder(
                "aws_s3_bucket.site", "module.logs[0].aws_s3_bucket.this");
        Resource site = TestingAws.named(resources, "aws_s3_bucket.site");
        assertThat(site.location().file()).endsWith("plan/main.tf");
        assertThat(site.location().startLine()).isEqualTo(7);
        KnownMap properties = TestingAws.properties(site);
        assertThat(properties.raw("AccessControl")).isEqualTo("PublicRead");
        // The ACL came from the split resource: it points at its acl argument.
        assertThat(properties.entryLocation("AccessControl").startLine()).isEqualTo(13);
        Resource module = TestingAws.named(resources, "module.logs[0].aws_s3_bucket.this");
        assertThat(module.location().file()).endsWith("plan/modules/bucket/main.tf");
        assertThat(TestingAws.properties(module).raw("AccessControl")).isEqualTo("AuthenticatedRead");
    }

    @Test
    void aPlanAloneStillReportsAtThePlan(@TempDir Path dir) throws IOException {
        Files.copy(PLAN.resolve("plan.json"), dir.resolve("plan.json"));
        List<Resource> resources = TestingAws.resources(TestingAws.group(dir, AdaptOptions.none()));
        Resource site = TestingAws.named(resources, "aws_s3_bucket.site");
        assertThat(site.location().file()).endsWith("plan.json");
        assertThat(site.location().startLine()).isEqualTo(6);
    }

    @Test
    void aBrokenPlanIsAParseProblem(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("plan.json"), "{\"format_version\": \"1.2\", \"terraform_version\": \"1.9\",\n"
                + "\"resource_changes\": [ {\"address\": }\n");
        List<FileResult> results = TestingAws.group(dir, AdaptOptions.none());
        assertThat(results).hasSize(1);
        assertThat(results.get(0).result().problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).startsWith("invalid plan JSON"));
    }
}
