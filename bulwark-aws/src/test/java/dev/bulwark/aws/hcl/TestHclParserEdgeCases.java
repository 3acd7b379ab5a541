package dev.bulwark.aws.hcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.aws.hcl.Expression.Index;
import dev.bulwark.aws.hcl.Expression.Literal;
import dev.bulwark.aws.hcl.Expression.Splat;
import dev.bulwark.aws.hcl.Expression.Template;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Positions and structure the evaluator relies on, in inputs that are easy to get wrong. */
class TestHclParserEdgeCases {
    @Test
    void errorsPointAtTheirLine() {
        assertThatThrownBy(() -> HclParser.parseFile("a = 1\nb = 2\nc = \"open\n"))
                .isInstanceOfSatisfying(HclException.class, e -> assertThat(e.line()).isEqualTo(3));
        assertThatThrownBy(() -> HclParser.parseFile("a = 1\n\nb = <<EOT\nnever closed\n"))
                .isInstanceOfSatisfying(HclException.class, e -> assertThat(e.line()).isEqualTo(3));
        assertThatThrownBy(() -> HclParser.parseFile("x {\n  a = 1\n"))
                .isInstanceOfSatisfying(HclException.class, e -> assertThat(e.line()).isEqualTo(3));
        assertThatThrownBy(() -> HclParser.parseFile("a = \"%{ if true }x\"\n"))
                .isInstanceOf(HclException.class);
    }

    @Test
    void rangesSpanMultiLineValuesAndCountCharactersNotUnits() throws HclException {
        Body body = HclParser.parseFile("""
                tags = {
                  "😀" = 1
                  b    = 2
                }
                next = 1
                """);
        Body.Attribute tags = body.attribute("tags").orElseThrow();
        assertThat(tags.range().startLine()).isEqualTo(1);
        assertThat(tags.range().endLine()).isEqualTo(4);
        Expression.ObjectCons object = (Expression.ObjectCons) tags.expression();
        Expression.ObjectItem second = object.items().get(1);
        assertThat(second.key().range().startLine()).isEqualTo(3);
        assertThat(object.items().get(0).value().range().startColumn()).isEqualTo(9);
        assertThat(body.attribute("next").orElseThrow().range().startLine()).isEqualTo(5);
    }

    @Test
    void legacyIndexesAndNestedSplatsHaveTheirShape() throws HclException {
        Index index = (Index) HclParser.parseExpression("var.list.12");
        assertThat(((Literal) index.key()).value()).isEqualTo(new BigDecimal("12"));
        Splat outer = (Splat) HclParser.parseExpression("a[*].b[*].c");
        assertThat(outer.each()).isInstanceOf(Splat.class);
        Splat attributeOnly = (Splat) ((Index) HclParser.parseExpression("a.*.b[0]")).source();
        assertThat(attributeOnly.each()).isInstanceOf(Expression.GetAttr.class);
    }

    @Test
    void heredocInterpolationsKeepTheirLines() throws HclException {
        Body body = HclParser.parseFile("""
                x = <<-EOT
                    first
                    ${var.a}
                  EOT
                """);
        Template template = (Template) body.attribute("x").orElseThrow().expression();
        Expression.TemplateInterpolation interpolation = template.parts().stream()
                .filter(Expression.TemplateInterpolation.class::isInstance).map(Expression.TemplateInterpolation.class::cast)
                .findFirst().orElseThrow();
        assertThat(interpolation.expression().range().startLine()).isEqualTo(3);
        assertThat(interpolation.expression().range().startColumn()).isEqualTo(7);
    }
}
