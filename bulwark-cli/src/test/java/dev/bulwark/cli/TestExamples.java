package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The bundled examples are what a newcomer sees first: the insecure ones must show the problems
 * they were written to show, and the hardened ones must come out clean.
 */
class TestExamples {
    private static final String EXAMPLES = "../examples";

    private static Set<String> activeFindings(String path) throws IOException {
        CliRun run = CliRun.run("scan", path, "--format", "json", "--fail-on", "never");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        Set<String> found = new HashSet<>();
        for (JsonNode finding : root.path("findings")) {
            if (!finding.path("status").asText().equalsIgnoreCase("suppressed")) {
                found.add(finding.path("finding_info").path("uid").asText().isEmpty() ? "" : finding.path("compliance").path("control").asText()
                        + "@" + finding.path("unmapped").path("location").path("file").asText());
            }
        }
        return found;
    }

    @Test
    void hardenedManifestHasNoActiveFinding() throws IOException {
        assertThat(activeFindings(EXAMPLES + "/kubernetes/hardened.yaml")).isEmpty();
    }

    @Test
    void insecureManifestsShowWhatTheyWereWrittenFor() throws IOException {
        Set<String> found = activeFindings(EXAMPLES + "/kubernetes");
        assertThat(found).anySatisfy(key -> assertThat(key).startsWith("BW-K8S-001@").endsWith("node-exporter.yaml"));
        assertThat(found).anySatisfy(key -> assertThat(key).startsWith("BW-K8S-007@").endsWith("payments.yaml"));
        assertThat(found).anySatisfy(key -> assertThat(key).startsWith("BW-K8S-032@").endsWith("payments.yaml"));
        assertThat(found).anySatisfy(key -> assertThat(key).startsWith("BW-K8S-035@").endsWith("rbac.yaml"));
        assertThat(found).anySatisfy(key -> assertThat(key).startsWith("BW-K8S-033@").endsWith("rbac.yaml"));
    }

    @Test
    void dockerfilesShowWhatTheyWereWrittenFor() throws IOException {
        assertThat(activeFindings(EXAMPLES + "/docker/worker")).isEmpty();
        Set<String> found = activeFindings(EXAMPLES + "/docker/api");
        assertThat(found).anySatisfy(key -> assertThat(key).startsWith("BW-DKR-001@"));
        assertThat(found).anySatisfy(key -> assertThat(key).startsWith("BW-DKR-006@"));
        assertThat(found).anySatisfy(key -> assertThat(key).startsWith("BW-DKR-007@"));
    }

    @Test
    void examplesFolderFailsAtItsConfiguredThreshold() {
        CliRun run = CliRun.run("scan", EXAMPLES);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("node-exporter.yaml").doesNotContain("hardened.yaml").doesNotContain("Exception");
    }
}
