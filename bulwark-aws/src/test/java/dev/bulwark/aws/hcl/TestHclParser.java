package dev.bulwark.aws.hcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.aws.hcl.Expression.Binary;
import dev.bulwark.aws.hcl.Expression.Call;
import dev.bulwark.aws.hcl.Expression.Conditional;
import dev.bulwark.aws.hcl.Expression.For;
import dev.bulwark.aws.hcl.Expression.GetAttr;
import dev.bulwark.aws.hcl.Expression.Index;
import dev.bulwark.aws.hcl.Expression.Literal;
import dev.bulwark.aws.hcl.Expression.ObjectCons;
import dev.bulwark.aws.hcl.Expression.Splat;
import dev.bulwark.aws.hcl.Expression.Template;
import dev.bulwark.aws.hcl.Expression.Tuple;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class TestHclParser {
    @Test
    void blocksAttributesAndPositions() throws HclException {
        Body body = HclParser.parseFile("""
                # a comment
                resource "aws_s3_bucket" "logs" {
                  bucket = "my-logs" // trailing comment

                  versioning {
                    enabled = true
                  }
                  tags = {
                    Name = "logs"
                    "team:x" = 1.5
                  }
                }
                """);
        assertThat(body.blocks()).hasSize(1);
        Body.Block block = body.blocks().get(0);
        assertThat(block.type()).isEqualTo("resource");
        assertThat(block.labels()).containsExactly("aws_s3_bucket", "logs");
        assertThat(block.range().startLine()).isEqualTo(2);
        assertThat(block.range().endLine()).isEqualTo(12);
        Body.Attribute bucket = block.body().attribute("bucket").orElseThrow();
        assertThat(bucket.range().startLine()).isEqualTo(3);
        assertThat(bucket.range().startColumn()).isEqualTo(3);
        assertThat(((Literal) bucket.expression()).value()).isEqualTo("my-logs");
        Body.Block versioning = block.body().blocks("versioning").get(0);
        assertThat(versioning.range().startLine()).isEqualTo(5);
        ObjectCons tags = (ObjectCons) block.body().attribute("tags").orElseThrow().expression();
        assertThat(tags.items()).hasSize(2);
        assertThat(tags.items().get(1).literalKey()).contains("team:x");
        assertThat(((Literal) tags.items().get(1).value()).value()).isEqualTo(new BigDecimal("1.5"));
    }

    @Test
    void operatorsFollowPrecedence() throws HclException {
        Expression expression = HclParser.parseExpression("1 + 2 * 3 == 7 && !false || var.x");
        assertThat(expression).isInstanceOf(Binary.class);
        Binary or = (Binary) expression;
        assertThat(or.operator()).isEqualTo(Expression.Operator.OR);
        Binary and = (Binary) or.left();
        assertThat(and.operator()).isEqualTo(Expression.Operator.AND);
        Binary equal = (Binary) and.left();
        Binary plus = (Binary) equal.left();
        assertThat(plus.operator()).isEqualTo(Expression.Operator.ADD);
        assertThat(((Binary) plus.right()).operator()).isEqualTo(Expression.Operator.MULTIPLY);
    }

    @Test
    void traversalsSplatsAndCalls() throws HclException {
        assertThat(HclParser.parseExpression("aws_instance.web[0].id")).isInstanceOf(GetAttr.class);
        assertThat(HclParser.parseExpression("var.list.0")).isInstanceOf(Index.class);
        Splat splat = (Splat) HclParser.parseExpression("aws_instance.web[*].id");
        assertThat(splat.each()).isInstanceOf(GetAttr.class);
        assertThat(HclParser.parseExpression("aws_instance.web.*.id")).isInstanceOf(Splat.class);
        Call call = (Call) HclParser.parseExpression("merge(var.a, { b = 1 }, local.rest...)");
        assertThat(call.args()).hasSize(3);
        assertThat(call.expandLast()).isTrue();
        assertThat(HclParser.parseExpression("provider::aws::arn_parse(var.arn)")).isInstanceOf(Call.class);
    }

    @Test
    void forExpressionsAndConditionals() throws HclException {
        For list = (For) HclParser.parseExpression("[for s in var.subnets : upper(s) if s != \"\"]");
        assertThat(list.object()).isFalse();
        assertThat(list.condition()).isPresent();
        For object = (For) HclParser.parseExpression("{for k, v in var.map : k => v... }");
        assertThat(object.object()).isTrue();
        assertThat(object.grouping()).isTrue();
        assertThat(object.keyVar()).contains("k");
        assertThat(HclParser.parseExpression("var.a ? \"x\" : \"y\"")).isInstanceOf(Conditional.class);
    }

    @Test
    void templatesHeredocsAndDirectives() throws HclException {
        Template template = (Template) HclParser.parseExpression("\"arn:aws:s3:::${var.bucket}/*\"");
        assertThat(template.parts()).hasSize(3);
        Literal escaped = (Literal) HclParser.parseExpression("\"a $${b} %%{c} \\n\"");
        assertThat(escaped.value()).isEqualTo("a ${b} %{c} \n");
        Body body = HclParser.parseFile("""
                locals {
                  policy = <<-EOT
                    {
                      "Version": "2012-10-17"
                    }
                    EOT
                  text = <<EOF
                %{ for x in ["a", "b"] ~}
                ${x}
                %{ endfor ~}
                EOF
                  after = 1
                }
                """);
        Body.Block locals = body.blocks().get(0);
        Literal policy = (Literal) locals.body().attribute("policy").orElseThrow().expression();
        assertThat(policy.value()).isEqualTo("{\n  \"Version\": \"2012-10-17\"\n}\n");
        assertThat(locals.body().attribute("text").orElseThrow().expression()).isInstanceOf(Template.class);
        assertThat(locals.body().attribute("after").orElseThrow().range().startLine()).isEqualTo(12);
    }

    @Test
    void multiLineCollections() throws HclException {
        Body body = HclParser.parseFile("""
                x = [
                  "a",
                  "b",
                ]
                y = {
                  a = 1, b = 2
                  c = [1,
                    2]
                }
                """);
        assertThat(((Tuple) body.attribute("x").orElseThrow().expression()).items()).hasSize(2);
        assertThat(((ObjectCons) body.attribute("y").orElseThrow().expression()).items()).hasSize(3);
    }

    @Test
    void syntaxErrorsAreLocated() {
        assertThatThrownBy(() -> HclParser.parseFile("resource \"a\" \"b\" {\n  x = \n}\n"))
                .isInstanceOf(HclException.class)
                .satisfies(e -> assertThat(((HclException) e).line()).isEqualTo(2));
        assertThatThrownBy(() -> HclParser.parseFile("a = \"unterminated\nb = 1\n"))
                .hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> HclParser.parseFile("resource \"a\" \"b\" {\n  x = 1\n"))
                .hasMessageContaining("missing '}'");
        assertThatThrownBy(() -> HclParser.parseFile("a = 1\na = 2\n"))
                .hasMessageContaining("set twice");
    }

    @Test
    void deepNestingFailsWithAMessage() {
        String deep = "a = " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        assertThatThrownBy(() -> HclParser.parseFile(deep)).isInstanceOf(HclException.class).hasMessageContaining("nest");
    }

    @Test
    void terraformJsonSyntax() throws HclException {
        Body body = TerraformJsonParser.parseFile("""
                {
                  "variable": {"name": {"default": "x"}},
                  "resource": {
                    "aws_s3_bucket": {
                      "b": {"bucket": "${var.name}-logs", "versioning": {"enabled": true}}
                    }
                  }
                }
                """);
        assertThat(body.blocks()).extracting(Body.Block::type).containsExactly("variable", "resource");
        Body.Block resource = body.blocks().get(1);
        assertThat(resource.labels()).containsExactly("aws_s3_bucket", "b");
        assertThat(resource.body().attribute("bucket").orElseThrow().expression()).isInstanceOf(Template.class);
        assertThat(resource.range().startLine()).isEqualTo(5);
    }
}
