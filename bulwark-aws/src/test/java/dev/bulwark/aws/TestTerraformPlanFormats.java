package dev.bulwark.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Resource;
import dev.bulwark.core.model.Unknown;
import dev.bulwark.core.spi.AdaptOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code terraform show -json} plans as Terraform 1.x writes them: every kind of change, unknown
 * and sensitive markers at any depth, module instances, installed modules and references.
 */
class TestTerraformPlanFormats {
    private static final Path PLAN = Path.of("src/test/resources/plan-formats");

    private static final List<String> PRESENT = List.of(
            "aws_s3_bucket.logs[0]", "aws_s3_bucket.logs[1]", "aws_s3_bucket.site[0]", "aws_s3_bucket.site[1]",
            "aws_lambda_function.worker", "aws_db_instance.db", "aws_s3_bucket.replaced", "aws_s3_bucket.swapped",
            "aws_s3_bucket.same", "module.app[\"blue\"].aws_sqs_queue.jobs", "module.app[\"green\"].aws_sqs_queue.jobs",
            "module.app[\"blue\"].module.store.aws_s3_bucket.data", "module.vpc.aws_vpc.this",
            "module.vpc.module.flow.aws_flow_log.this");

    private static List<Resource> scan(Path root) throws IOException {
        return TestingAws.resources(TestingAws.group(root, AdaptOptions.none()));
    }

    @Test
    void changesThatLeaveAResourceAreScannedAndOthersAreNot() throws IOException {
        List<Resource> resources = scan(PLAN);
        // Deleted, forgotten and deposed objects are not part of what the plan leaves behind.
        assertThat(resources).extracting(resource -> resource.ref().address()).containsExactlyInAnyOrderElementsOf(PRESENT);
        assertThat(resources.stream().filter(resource -> resource.ref().address().equals("aws_s3_bucket.swapped"))).hasSize(1);
        // A replacement is scanned with its new values.
        assertThat(TestingAws.properties(TestingAws.named(resources, "aws_s3_bucket.replaced")).raw("BucketName")).isEqualTo("replaced");
        assertThat(TestingAws.properties(TestingAws.named(resources, "aws_s3_bucket.swapped")).raw("BucketName")).isEqualTo("swapped");
        assertThat(TestingAws.properties(TestingAws.named(resources, "aws_s3_bucket.same")).raw("BucketName")).isEqualTo("same");
        // An update of a module instance keeps its planned values.
        assertThat(TestingAws.properties(TestingAws.named(resources, "module.app[\"green\"].aws_sqs_queue.jobs")).raw("KmsMasterKeyId"))
                .isEqualTo("alias/aws/sqs");
    }

    @Test
    void unknownMarkersApplyAtEveryDepthAndSensitiveValuesStayKnown() throws IOException {
        List<Resource> resources = scan(PLAN);
        KnownMap worker = TestingAws.properties(TestingAws.named(resources, "aws_lambda_function.worker"));
        KnownList layers = (KnownList) worker.raw("Layers");
        assertThat(layers.raw(0)).isEqualTo("arn:aws:lambda:us-east-1:111122223333:layer:base:1");
        assertThat(((Unknown) layers.raw(1)).reference()).isEmpty();
        KnownMap variables = (KnownMap) ((KnownMap) worker.raw("Environment")).raw("Variables");
        assertThat(variables.raw("MODE")).isEqualTo("live");
        assertThat(variables.raw("BUCKET")).isInstanceOf(Unknown.class);
        // Computed and not configured: the provider's default, as when the argument is left out.
        assertThat(worker.containsKey("TracingConfig")).isFalse();
        KnownMap db = TestingAws.properties(TestingAws.named(resources, "aws_db_instance.db"));
        assertThat(db.raw("MasterUserPassword")).isEqualTo("not-a-real-password");
        assertThat(db.raw("StorageEncrypted")).isEqualTo(Boolean.TRUE);
    }

    @Test
    void splitResourcesJoinTheInstanceTheyName() throws IOException {
        List<Resource> resources = scan(PLAN);
        KnownMap first = TestingAws.properties(TestingAws.named(resources, "aws_s3_bucket.logs[0]"));
        KnownMap second = TestingAws.properties(TestingAws.named(resources, "aws_s3_bucket.logs[1]"));
        assertThat(first.raw("AccessControl")).isEqualTo("LogDeliveryWrite");
        assertThat(first.entryLocation("AccessControl").startLine()).isEqualTo(8);
        assertThat(second.containsKey("AccessControl")).isFalse();
        // bucket = aws_s3_bucket.site[count.index].id: each ACL belongs to the bucket of its own index.
        assertThat(TestingAws.properties(TestingAws.named(resources, "aws_s3_bucket.site[0]")).raw("AccessControl")).isEqualTo("Private");
        assertThat(TestingAws.properties(TestingAws.named(resources, "aws_s3_bucket.site[1]")).raw("AccessControl")).isEqualTo("PublicRead");
    }

    @Test
    void resourcesPointAtTheirModulesFiles() throws IOException {
        List<Resource> resources = scan(PLAN);
        assertLocated(resources, "aws_s3_bucket.logs[1]", "plan-formats/main.tf", 1);
        assertLocated(resources, "aws_lambda_function.worker", "plan-formats/main.tf", 22);
        assertLocated(resources, "module.app[\"blue\"].aws_sqs_queue.jobs", "plan-formats/modules/app/main.tf", 3);
        assertLocated(resources, "module.app[\"green\"].aws_sqs_queue.jobs", "plan-formats/modules/app/main.tf", 3);
        assertLocated(resources, "module.app[\"blue\"].module.store.aws_s3_bucket.data", "plan-formats/modules/app/modules/store/main.tf", 3);
        assertLocated(resources, "module.vpc.aws_vpc.this", "plan-formats/.terraform/modules/vpc/main.tf", 1);
        assertLocated(resources, "module.vpc.module.flow.aws_flow_log.this", "plan-formats/.terraform/modules/vpc/modules/flow/main.tf", 3);
        Resource worker = TestingAws.named(resources, "aws_lambda_function.worker");
        assertThat(TestingAws.properties(worker).entryLocation("Runtime").startLine()).isEqualTo(25);
    }

    private static void assertLocated(List<Resource> resources, String address, String file, int line) {
        Resource resource = TestingAws.named(resources, address);
        assertThat(resource.location().file()).as(address).endsWith(file);
        assertThat(resource.location().startLine()).as(address).isEqualTo(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.2", "1.0", "1.1", "1.2"})
    void everyPlanFormatVersionReadsTheSame(String version, @TempDir Path dir) throws IOException {
        copy(PLAN, dir);
        Path plan = dir.resolve("plan.json");
        String content = Files.readString(plan).replace("\"format_version\": \"1.2\"", "\"format_version\": \"" + version + "\"");
        if (!version.equals("1.2")) {
            // Older formats have no checks, timestamp or applyable markers.
            content = content.replaceAll("(?s),\\s*\"checks\": \\[\\].*\"errored\": false", "");
        }
        if (version.startsWith("0") || version.equals("1.0")) {
            content = content.replaceAll("(?s),\\s*\"relevant_attributes\": \\[.*?\\]\\s*\\}\\s*\\]", "");
        }
        Files.writeString(plan, content);
        List<Resource> resources = scan(dir);
        assertThat(resources).extracting(resource -> resource.ref().address()).containsExactlyInAnyOrderElementsOf(PRESENT);
        assertLocated(resources, "module.vpc.module.flow.aws_flow_log.this", ".terraform/modules/vpc/modules/flow/main.tf", 3);
    }

    @Test
    void aPlanAloneUsesItsOwnConfigurationForReferences(@TempDir Path dir) throws IOException {
        Files.copy(PLAN.resolve("plan.json"), dir.resolve("plan.json"));
        List<Resource> resources = scan(dir);
        assertThat(resources).extracting(resource -> resource.ref().address()).containsExactlyInAnyOrderElementsOf(PRESENT);
        Resource first = TestingAws.named(resources, "aws_s3_bucket.logs[0]");
        assertThat(first.location().file()).endsWith("plan.json");
        assertThat(first.location().startLine()).isEqualTo(8);
        assertThat(TestingAws.properties(first).raw("AccessControl")).isEqualTo("LogDeliveryWrite");
        assertThat(TestingAws.properties(TestingAws.named(resources, "aws_s3_bucket.logs[1]")).raw("AccessControl"))
                .isNotEqualTo("LogDeliveryWrite");
        // Without the configuration the index of aws_s3_bucket.site[count.index] cannot be told: no bucket gets the other's ACL as a fact.
        Object site0 = TestingAws.properties(TestingAws.named(resources, "aws_s3_bucket.site[0]")).raw("AccessControl");
        assertThat(site0).isNotEqualTo("PublicRead");
        KnownMap worker = TestingAws.properties(TestingAws.named(resources, "aws_lambda_function.worker"));
        assertThat(((Unknown) ((KnownList) worker.raw("Layers")).raw(1)).reference()).isEmpty();
    }

    @Test
    void olderPlansWithoutModuleAddressesStillFindTheirModules(@TempDir Path dir) throws IOException {
        copy(PLAN, dir);
        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, Files.readString(plan).replaceAll("\\s*\"module_address\": \"[^\n]*\",", ""));
        assertThat(Files.readString(plan)).doesNotContain("module_address");
        List<Resource> resources = scan(dir);
        assertLocated(resources, "module.app[\"green\"].aws_sqs_queue.jobs", "modules/app/main.tf", 3);
        assertLocated(resources, "module.vpc.module.flow.aws_flow_log.this", ".terraform/modules/vpc/modules/flow/main.tf", 3);
    }

    @Test
    void plansWithoutChangesOrWithOddEntriesDoNotFail(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("plan.json"), """
                {"format_version": "1.2", "terraform_version": "1.9.5",
                 "planned_values": {"root_module": {}},
                 "resource_changes": [
                   {"address": "aws_s3_bucket.a", "mode": "managed", "type": "aws_s3_bucket", "name": "a",
                    "change": {"actions": ["create"], "before": null, "after": {"bucket": "a"}, "after_unknown": true,
                               "after_sensitive": true}},
                   {"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b",
                    "change": {"actions": ["update"], "after": {"bucket": "b", "tags": {"a": null}},
                               "after_unknown": {"tags": {"a": true}}, "after_sensitive": {"tags": {"a": true}}}},
                   {"address": "aws_s3_bucket.c", "mode": "managed", "type": "aws_s3_bucket", "name": "c"},
                   "not an object",
                   {"address": "aws_s3_bucket.d", "mode": "managed", "type": "aws_s3_bucket", "name": "d",
                    "change": {"actions": ["delete", "create"], "after": null}}
                 ]}
                """);
        List<Resource> resources = scan(dir);
        assertThat(resources).extracting(resource -> resource.ref().address()).containsExactlyInAnyOrder("aws_s3_bucket.a", "aws_s3_bucket.b");
        assertThat(TestingAws.properties(TestingAws.named(resources, "aws_s3_bucket.b")).raw("Tags")).isNotNull();
        Files.writeString(dir.resolve("plan.json"), "{\"format_version\": \"1.2\", \"terraform_version\": \"1.9.5\", \"planned_values\": {}}");
        assertThat(TestingAws.group(dir, AdaptOptions.none())).singleElement().satisfies(result -> {
            assertThat(result.result().resources()).isEmpty();
            assertThat(result.result().problems()).isEmpty();
        });
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }
}
