package dev.bulwark.aws.terraform;

import static dev.bulwark.aws.terraform.TfHarness.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lines findings point at: resources, attributes and the parts of literal values, in both syntaxes. */
class TestTerraformLocations {
    @TempDir
    Path dir;

    @Test
    void nativeSyntaxLinesSurviveCommentsHeredocsAndCrlf() throws IOException {
        TfHarness tf = new TfHarness(dir);
        tf.write("main.tf", String.join("\r\n",
                "/* a block comment",
                "   over two lines */",
                "variable \"k\" { default = \"dyn\" }",
                "resource \"aws_iam_policy\" \"p\" {",
                "  policy = <<-EOF",
                "    {\"Version\": \"2012-10-17\"}",
                "  EOF",
                "  tags = {",
                "    \"quoted key\" = \"a\" # comment",
                "    (var.k)      = \"b\"",
                "  }",
                "  list = [",
                "    \"x\",",
                "    \"y\",",
                "  ]",
                "}",
                "resource \"aws_s3_bucket\" \"each\" {",
                "  for_each = toset([\"a\", \"b\"])",
                "  bucket   = each.key",
                "}",
                ""));
        TerraformEvaluator.Result result = tf.evaluate();
        TerraformEvaluator.ResourceInstance policy = resource(result, "aws_iam_policy.p");
        assertThat(policy.location().startLine()).isEqualTo(4);
        KnownMap arguments = policy.arguments();
        // HCL keeps a heredoc's line endings as written.
        assertThat(arguments.raw("policy")).isEqualTo("{\"Version\": \"2012-10-17\"}\r\n");
        assertThat(arguments.entryLocation("policy").startLine()).isEqualTo(5);
        KnownMap tags = (KnownMap) arguments.raw("tags");
        assertThat(arguments.entryLocation("tags").startLine()).isEqualTo(8);
        assertThat(tags.entryLocation("quoted key").startLine()).isEqualTo(9);
        assertThat(tags.entryLocation("dyn").startLine()).isEqualTo(10);
        KnownList list = (KnownList) arguments.raw("list");
        assertThat(list.elementLocation(1).startLine()).isEqualTo(14);
        assertThat(resource(result, "aws_s3_bucket.each[\"b\"]").location().startLine()).isEqualTo(17);
        assertThat(resource(result, "aws_s3_bucket.each[\"b\"]").arguments().entryLocation("bucket").startLine()).isEqualTo(19);
        assertThat(result.diagnostics()).isEmpty();
    }

    @Test
    void jsonSyntaxLines() throws IOException {
        TfHarness tf = new TfHarness(dir);
        tf.write("main.tf.json", """
                {
                  "resource": {
                    "aws_s3_bucket": {
                      "b": {
                        "bucket": "name",
                        "tags": {
                          "Team": "${upper("core")}"
                        }
                      }
                    }
                  }
                }
                """.replace("\"${upper(\"core\")}\"", "\"${upper(\\\"core\\\")}\""));
        TerraformEvaluator.Result result = tf.evaluate();
        TerraformEvaluator.ResourceInstance bucket = resource(result, "aws_s3_bucket.b");
        assertThat(bucket.location().startLine()).isEqualTo(4);
        assertThat(bucket.arguments().entryLocation("bucket").startLine()).isEqualTo(5);
        KnownMap tags = (KnownMap) bucket.arguments().raw("tags");
        assertThat(tags.raw("Team")).isEqualTo("CORE");
        assertThat(tags.entryLocation("Team").startLine()).isEqualTo(7);
        assertThat(result.diagnostics()).isEmpty();
    }
}
