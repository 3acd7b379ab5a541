package dev.bulwark.aws.terraform;

import dev.bulwark.aws.hcl.Expression;
import dev.bulwark.core.model.Unknown;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A variable's {@code type}, used to convert values as Terraform does: {@code "true"} becomes a
 * bool for {@code type = bool}, and optional object attributes get their defaults (which many
 * community modules rely on). Unsupported or malformed types accept any value unchanged.
 */
sealed interface TypeConstraint {
    record Primitive(String name) implements TypeConstraint {}

    record Collection(String kind, TypeConstraint element) implements TypeConstraint {}

    record Tuple(List<TypeConstraint> elements) implements TypeConstraint {}

    record ObjectType(Map<String, Attribute> attributes) implements TypeConstraint {}

    record Attribute(TypeConstraint type, boolean optional, Expression defaultValue) {}

    record Any() implements TypeConstraint {}

    TypeConstraint ANY = new Any();

    static TypeConstraint parse(Expression expression) {
        if (expression instanceof Expression.Variable variable) {
            return switch (variable.name()) {
                case "string", "number", "bool" -> new Primitive(variable.name());
                default -> ANY;
            };
        }
        if (expression instanceof Expression.Literal literal && literal.value() instanceof String text) {
            // Terraform 0.11 quoted types ("string", "list", "map"), and in .tf.json every type is a
            // string holding the type expression ("list(string)").
            return switch (text) {
                case "string" -> new Primitive("string");
                case "list", "map" -> ANY;
                default -> {
                    try {
                        Expression parsed = dev.bulwark.aws.hcl.HclParser.parseExpression(text);
                        yield parsed instanceof Expression.Literal ? ANY : parse(parsed);
                    } catch (dev.bulwark.aws.hcl.HclException e) {
                        yield ANY;
                    }
                }
            };
        }
        if (expression instanceof Expression.Call call) {
            switch (call.name()) {
                case "list", "set", "map" -> {
                    TypeConstraint element = call.args().isEmpty() ? ANY : parse(call.args().get(0));
                    return new Collection(call.name(), element);
                }
                case "tuple" -> {
                    if (call.args().size() == 1 && call.args().get(0) instanceof Expression.Tuple tuple) {
                        List<TypeConstraint> elements = new ArrayList<>();
                        for (Expression item : tuple.items()) {
                            elements.add(parse(item));
                        }
                        return new Tuple(elements);
                    }
                    return ANY;
                }
                case "object" -> {
                    if (call.args().size() == 1 && call.args().get(0) instanceof Expression.ObjectCons object) {
                        Map<String, Attribute> attributes = new LinkedHashMap<>();
                        for (Expression.ObjectItem item : object.items()) {
                            if (item.literalKey().isEmpty()) {
                                return ANY;
                            }
                            Expression type = item.value();
                            if (type instanceof Expression.Call optional && optional.name().equals("optional") && !optional.args().isEmpty()) {
                                Expression defaultValue = optional.args().size() > 1 ? optional.args().get(1) : null;
                                attributes.put(item.literalKey().get(), new Attribute(parse(optional.args().get(0)), true, defaultValue));
                            } else {
                                attributes.put(item.literalKey().get(), new Attribute(parse(type), false, null));
                            }
                        }
                        return new ObjectType(attributes);
                    }
                    return ANY;
                }
                default -> {
                    return ANY;
                }
            }
        }
        return ANY;
    }

    /** {@code value} converted to this type where Terraform would; unchanged where it cannot be. */
    default Object convert(Object value, Scope defaults) {
        return convert(value, defaults, new int[] {KnownValues.MAX_NODES});
    }

    /** As {@link #convert(Object, Scope)}, visiting at most {@code nodes[0]} values (shared parts count each time). */
    private Object convert(Object value, Scope defaults, int[] nodes) {
        if (value == null || value instanceof Unknown || --nodes[0] < 0) {
            return value;
        }
        try {
            if (this instanceof Primitive primitive) {
                return switch (primitive.name()) {
                    case "string" -> value instanceof String || value instanceof JsonText ? value
                            : value instanceof BigDecimal || value instanceof Boolean ? Values.asString(value) : value;
                    case "number" -> value instanceof String ? Values.asNumber(value) : value;
                    case "bool" -> value instanceof String ? Values.asBool(value) : value;
                    default -> value;
                };
            }
            if (this instanceof Collection collection) {
                if (collection.kind().equals("map") && value instanceof Map<?, ?> map) {
                    TfObject converted = new TfObject();
                    for (Map.Entry<?, ?> entry : map.entrySet()) {
                        converted.put(String.valueOf(entry.getKey()), collection.element().convert(entry.getValue(), defaults, nodes),
                                map instanceof TfObject object ? object.rangeOf(String.valueOf(entry.getKey())) : null);
                    }
                    return origin(converted, value).kind(TfObject.Kind.MAP);
                }
                if (!collection.kind().equals("map") && value instanceof List<?> list) {
                    List<Object> elements = new ArrayList<>();
                    List<dev.bulwark.aws.hcl.Range> ranges = new ArrayList<>();
                    for (int i = 0; i < list.size(); i++) {
                        elements.add(collection.element().convert(list.get(i), defaults, nodes));
                        ranges.add(list instanceof TfList tfList ? tfList.rangeOf(i) : null);
                    }
                    TfList converted = ranges.contains(null) ? new TfList(elements) : new TfList(elements, ranges);
                    boolean set = collection.kind().equals("set");
                    if (set && !Values.containsUnknown(converted)) {
                        return TerraformFunctions.distinctSorted(converted);
                    }
                    converted.kind(set ? TfList.Kind.SET : TfList.Kind.LIST);
                    return value instanceof TfList tfList ? converted.from(tfList.origin()) : converted;
                }
                return value;
            }
            if (this instanceof Tuple tuple && value instanceof List<?> list && list.size() == tuple.elements().size()) {
                List<Object> elements = new ArrayList<>();
                List<dev.bulwark.aws.hcl.Range> ranges = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    elements.add(tuple.elements().get(i).convert(list.get(i), defaults, nodes));
                    ranges.add(list instanceof TfList tfList ? tfList.rangeOf(i) : null);
                }
                TfList converted = ranges.contains(null) ? new TfList(elements) : new TfList(elements, ranges);
                converted.kind(TfList.Kind.TUPLE);
                return value instanceof TfList tfList ? converted.from(tfList.origin()) : converted;
            }
            if (this instanceof ObjectType object && value instanceof Map<?, ?> map) {
                TfObject converted = new TfObject();
                for (Map.Entry<String, Attribute> entry : object.attributes().entrySet()) {
                    String name = entry.getKey();
                    Attribute attribute = entry.getValue();
                    Object element = map.get(name);
                    if (element == null && attribute.optional() && attribute.defaultValue() != null) {
                        element = ExpressionEvaluator.evaluate(attribute.defaultValue(), defaults);
                    }
                    converted.put(name, attribute.type().convert(element, defaults, nodes),
                            map instanceof TfObject tfObject ? tfObject.rangeOf(name) : null);
                }
                return origin(converted, value).kind(TfObject.Kind.OBJECT);
            }
        } catch (EvaluationException e) {
            return value;
        }
        return value;
    }

    private static TfObject origin(TfObject converted, Object original) {
        return original instanceof TfObject object ? converted.from(object.origin()) : converted;
    }
}
