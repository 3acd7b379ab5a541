package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bulwark iam simulate: decisions, reasoning, expectations and bad request files. */
class TestIamSimulateCommand {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return TestFiles.write(dir, name, content);
    }

    @Test
    void theBundledExampleIsAllowedWithItsReasons() {
        CliRun run = CliRun.run("iam", "simulate", "../examples/iam/simulate-request.json", "--explain");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("decision: Allowed")
                .contains("identity policy deploy-artifacts statement WriteReleases (Allow)")
                .contains("permissions boundary workload-boundary statement S3Only (Allow)")
                .contains("SCP level 1 allows");
    }

    @Test
    void denyAndExpectationMismatchAndJson() throws IOException {
        Path requests = write("cases.json", """
                [
                  {"name": "denied", "principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:DeleteBucket",
                   "resource": "arn:aws:s3:::logs",
                   "policies": {"identity": [{"Version": "2012-10-17", "Statement": [
                     {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
                     {"Sid": "KeepLogs", "Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "arn:aws:s3:::logs"}]}]},
                   "expect": "ExplicitlyDenied"},
                  {"name": "wrong guess", "principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject",
                   "resource": "arn:aws:s3:::logs/a", "expect": "Allowed"}
                ]
                """);
        CliRun text = CliRun.run("iam", "simulate", requests.toString());
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out()).contains("denied: arn:aws:iam::111122223333:user/alice s3:DeleteBucket")
                .contains("statement KeepLogs (Deny)  at line 6")
                .contains("decision: ImplicitlyDenied   (expected Allowed)");

        CliRun json = CliRun.run("iam", "simulate", requests.toString(), "--format", "json");
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root).hasSize(2);
        assertThat(root.get(0).path("decision").asText()).isEqualTo("ExplicitlyDenied");
        assertThat(root.get(0).path("decidingStatements").get(0).path("statement").asText()).isEqualTo("KeepLogs");
        assertThat(root.get(1).path("matchesExpectation").asBoolean()).isFalse();
    }

    @Test
    void malformedRequestsAndPoliciesAreLocatedErrors() throws IOException {
        Path bad = write("bad.json", """
                {"principal": "bob", "action": "s3:Get*",
                 "policies": {"identity": [{"Version": "2012-10-17", "Statement": [
                   {"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}]}],
                   "scp": {"not": "a list"}},
                 "colour": "blue"}
                """);
        CliRun run = CliRun.run("iam", "simulate", bad.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("bad.json:1:15: error: principal: 'bob' is not a principal")
                .contains("bad.json:1:32: error: action 's3:Get*' is not a single action")
                .contains("bad.json:3:15: error: identity policy identity-1: Effect is case-sensitive: write \"Allow\"")
                .contains("bad.json:4:11: error: scp is a list of levels")
                .contains("bad.json:5:2: error: unknown request field 'colour'")
                .contains("nothing was evaluated")
                .doesNotContain("Exception");

        Path truncated = write("truncated.json", "{\"principal\": \"arn:aws:iam::111122223333:user/alice\", \"action\": ");
        CliRun cut = CliRun.run("iam", "simulate", truncated.toString());
        assertThat(cut.exitCode()).isEqualTo(2);
        assertThat(cut.err()).contains("truncated.json:1:").contains("invalid JSON").doesNotContain("Exception");

        Path deep = write("deep.json", "[".repeat(5000) + "]".repeat(5000));
        CliRun nested = CliRun.run("iam", "simulate", deep.toString());
        assertThat(nested.exitCode()).isEqualTo(2);
        assertThat(nested.err()).contains("deep.json:1:65: error: JSON nested deeper than 64 levels").doesNotContain("Exception");

        CliRun missing = CliRun.run("iam", "simulate", dir.resolve("nope.json").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("file not found");

        CliRun format = CliRun.run("iam", "simulate", bad.toString(), "--format", "yaml");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).contains("--format: unknown format 'yaml' (accepted: text, json)");
    }

    @Test
    void policiesCanComeFromFilesNextToTheRequest() throws IOException {
        write("policies/read.json", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
                """);
        Path request = write("request.json", """
                {"principal": "arn:aws:iam::111122223333:role/reader", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k",
                 "policies": {"identity": [{"name": "read", "file": "policies/read.json"}]}, "expect": "Allowed"}
                """);
        CliRun run = CliRun.run("iam", "simulate", request.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("identity policy read statement #0 (Allow)");
    }
}
