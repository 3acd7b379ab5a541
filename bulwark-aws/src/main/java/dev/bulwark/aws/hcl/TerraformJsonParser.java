package dev.bulwark.aws.hcl;

import dev.bulwark.core.yaml.Span;
import dev.bulwark.core.yaml.YamlException;
import dev.bulwark.core.yaml.YamlList;
import dev.bulwark.core.yaml.YamlMap;
import dev.bulwark.core.yaml.YamlReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Terraform's JSON syntax ({@code *.tf.json}, {@code *.tfvars.json}) into the same {@link Body}
 * the native parser makes, so the evaluator sees one form. JSON strings are templates
 * ({@code "${var.name}"}); objects and arrays become object and tuple constructors. Nested blocks
 * of resources cannot be told from object attributes without the provider schema, so they stay
 * attributes: the AWS adapter reads a block and an object (or a list of objects) alike.
 */
public final class TerraformJsonParser {
    /** Top-level block types and how many labels each has. */
    private static final Map<String, Integer> LABELS = Map.of(
            "resource", 2, "data", 2, "variable", 1, "module", 1, "output", 1, "provider", 1,
            "locals", 0, "terraform", 0);
    /** Keys of a resource or module body whose object values are blocks, not attributes. */
    private static final Set<String> META_BLOCKS = Set.of("lifecycle", "provisioner", "connection");

    /** Stands for a JSON null inside an array (null object entries are dropped by the reader, as Terraform does). */
    private static final Object NULL = new Object();
    private static final YamlReader READER = YamlReader.defaults().withMaxDepth(100).withNullElement(NULL);

    private TerraformJsonParser() {}

    /** Parses a {@code .tf.json} file. */
    public static Body parseFile(String text) throws HclException {
        Object root = read(text);
        if (!(root instanceof YamlMap map)) {
            throw new HclException("a Terraform JSON file must hold one JSON object", 1, 1);
        }
        List<Body.Attribute> attributes = new ArrayList<>();
        List<Body.Block> blocks = new ArrayList<>();
        for (String type : map.keySet()) {
            if (type.equals("//")) {
                continue;
            }
            Integer labelCount = LABELS.get(type);
            Span span = map.entrySpan(type);
            if (labelCount == null) {
                // moved, import, check, removed: nothing the scanner evaluates.
                continue;
            }
            collectBlocks(type, labelCount, map.get(type), new ArrayList<>(), span, blocks);
        }
        return new Body(attributes, blocks, range(map.span()));
    }

    /** Parses a {@code .tfvars.json} file: one object of variable values. */
    public static Body parseVariables(String text) throws HclException {
        Object root = read(text);
        if (!(root instanceof YamlMap map)) {
            throw new HclException("a variables JSON file must hold one JSON object", 1, 1);
        }
        return bodyOf(map, false);
    }

    private static Object read(String text) throws HclException {
        YamlReader.Result result = READER.read(text, "");
        if (result.error().isPresent()) {
            YamlException error = result.error().get();
            throw new HclException("invalid JSON: " + error.getMessage(), error.line(), error.column());
        }
        if (result.documents().size() != 1) {
            throw new HclException("a Terraform JSON file must hold one JSON object", 1, 1);
        }
        return result.documents().get(0).root();
    }

    /** Walks {@code labelsLeft} levels of label objects down to block bodies. */
    private static void collectBlocks(String type, int labelsLeft, Object value, List<String> labels, Span span,
                                      List<Body.Block> out) throws HclException {
        if (value instanceof YamlList list) {
            for (int i = 0; i < list.size(); i++) {
                Span elementSpan = list.elementSpan(i);
                collectBlocks(type, labelsLeft, list.get(i), labels, elementSpan == null ? span : elementSpan, out);
            }
            return;
        }
        if (!(value instanceof YamlMap map)) {
            throw new HclException("'" + type + "' must be a JSON object", span.startLine(), span.startColumn());
        }
        if (labelsLeft == 0) {
            boolean allowBlocks = type.equals("resource") || type.equals("data") || type.equals("module");
            Body body = bodyOf(map, allowBlocks);
            if (type.equals("variable")) {
                body = literalDefault(body, map);
            }
            out.add(new Body.Block(type, labels, body, range(span)));
            return;
        }
        for (String label : map.keySet()) {
            if (label.equals("//")) {
                continue;
            }
            List<String> next = new ArrayList<>(labels);
            next.add(label);
            collectBlocks(type, labelsLeft - 1, map.get(label), next, map.entrySpan(label), out);
        }
    }

    private static Body bodyOf(YamlMap map, boolean allowBlocks) throws HclException {
        List<Body.Attribute> attributes = new ArrayList<>();
        List<Body.Block> blocks = new ArrayList<>();
        for (String key : map.keySet()) {
            if (key.equals("//")) {
                continue;
            }
            Span span = map.entrySpan(key);
            Object value = map.get(key);
            if (allowBlocks && key.equals("dynamic") && value instanceof YamlMap dynamics) {
                for (String blockType : dynamics.keySet()) {
                    for (YamlMap content : objects(dynamics.get(blockType))) {
                        blocks.add(new Body.Block("dynamic", List.of(blockType), bodyOf(content, true), range(dynamics.entrySpan(blockType))));
                    }
                }
                continue;
            }
            if (allowBlocks && META_BLOCKS.contains(key)) {
                for (YamlMap content : objects(value)) {
                    blocks.add(new Body.Block(key, List.of(), bodyOf(content, false), range(span)));
                }
                continue;
            }
            if (key.equals("content") && allowBlocks && value instanceof YamlMap content) {
                // The content block of a dynamic block.
                blocks.add(new Body.Block("content", List.of(), bodyOf(content, true), range(span)));
                continue;
            }
            Range range = range(span);
            attributes.add(new Body.Attribute(key, expression(value, span), range, new Range(range.startLine(), range.startColumn(),
                    range.startLine(), range.startColumn() + key.length() + 2)));
        }
        return new Body(attributes, blocks, range(map.span()));
    }

    /** A variable's default in JSON is a plain value: {@code "${x}"} there is text, not a template. */
    private static Body literalDefault(Body body, YamlMap map) {
        if (!map.containsKey("default")) {
            return body;
        }
        List<Body.Attribute> attributes = new ArrayList<>();
        for (Body.Attribute attribute : body.attributes()) {
            if (attribute.name().equals("default")) {
                attribute = new Body.Attribute("default", literal(map.get("default"), map.entrySpan("default")), attribute.range(),
                        attribute.nameRange());
            }
            attributes.add(attribute);
        }
        return new Body(attributes, body.blocks(), body.range());
    }

    private static Expression literal(Object value, Span span) {
        Range range = range(span);
        if (value instanceof YamlMap map) {
            List<Expression.ObjectItem> items = new ArrayList<>();
            for (String key : map.keySet()) {
                Span entry = map.entrySpan(key);
                items.add(new Expression.ObjectItem(new Expression.Literal(key, range(entry)), literal(map.get(key), entry), Optional.of(key)));
            }
            return new Expression.ObjectCons(items, range(map.span()));
        }
        if (value instanceof YamlList list) {
            List<Expression> items = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Span elementSpan = list.elementSpan(i);
                items.add(literal(list.get(i), elementSpan == null ? span : elementSpan));
            }
            return new Expression.Tuple(items, range(list.span()));
        }
        if (value instanceof String text) {
            return new Expression.Literal(text, range);
        }
        try {
            return expression(value, span);
        } catch (HclException e) {
            return new Expression.Literal(null, range);
        }
    }

    private static List<YamlMap> objects(Object value) {
        List<YamlMap> result = new ArrayList<>();
        if (value instanceof YamlMap map) {
            result.add(map);
        } else if (value instanceof YamlList list) {
            for (Object element : list) {
                if (element instanceof YamlMap map) {
                    result.add(map);
                }
            }
        }
        return result;
    }

    /** A JSON value as an expression; {@code span} is where it was written. */
    static Expression expression(Object value, Span span) throws HclException {
        Range range = range(span);
        if (value instanceof YamlMap map) {
            List<Expression.ObjectItem> items = new ArrayList<>();
            for (String key : map.keySet()) {
                if (key.equals("//")) {
                    continue;
                }
                Span entry = map.entrySpan(key);
                Expression keyExpression = key.contains("${")
                        ? HclParser.parseTemplate(key, entry.startLine(), entry.startColumn() + 1)
                        : new Expression.Literal(key, range(entry));
                Optional<String> literalKey = key.contains("${") ? Optional.empty() : Optional.of(key);
                items.add(new Expression.ObjectItem(keyExpression, expression(map.get(key), entry), literalKey));
            }
            return new Expression.ObjectCons(items, range(map.span()));
        }
        if (value instanceof YamlList list) {
            List<Expression> items = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Span elementSpan = list.elementSpan(i);
                items.add(expression(list.get(i), elementSpan == null ? span : elementSpan));
            }
            return new Expression.Tuple(items, range(list.span()));
        }
        if (value instanceof String text) {
            if (text.contains("${") || text.contains("%{")) {
                // The value starts after the opening quote; with the key in the span, find it by the last colon is
                // unreliable, so templates are placed on the value's line.
                return withRange(HclParser.parseTemplate(text, span.startLine(), span.startColumn()), range);
            }
            return new Expression.Literal(text, range);
        }
        if (value instanceof Boolean bool) {
            return new Expression.Literal(bool, range);
        }
        if (value instanceof Long number) {
            return new Expression.Literal(BigDecimal.valueOf(number), range);
        }
        if (value instanceof Double number) {
            if (number.isNaN() || number.isInfinite()) {
                throw new HclException("invalid number", span.startLine(), span.startColumn());
            }
            return new Expression.Literal(BigDecimal.valueOf(number), range);
        }
        if (value == null || value == NULL) {
            return new Expression.Literal(null, range);
        }
        return new Expression.Literal(String.valueOf(value), range);
    }

    private static Expression withRange(Expression expression, Range range) {
        if (expression instanceof Expression.Template template) {
            return new Expression.Template(template.parts(), range);
        }
        if (expression instanceof Expression.Literal literal) {
            return new Expression.Literal(literal.value(), range);
        }
        return expression;
    }

    static Range range(Span span) {
        if (span == null) {
            return Range.NONE;
        }
        return new Range(span.startLine(), span.startColumn(), span.endLine(), span.endColumn());
    }
}
