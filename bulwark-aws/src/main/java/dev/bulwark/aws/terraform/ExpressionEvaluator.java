package dev.bulwark.aws.terraform;

import dev.bulwark.aws.hcl.Expression;
import dev.bulwark.aws.hcl.Expression.Binary;
import dev.bulwark.aws.hcl.Expression.Call;
import dev.bulwark.aws.hcl.Expression.Conditional;
import dev.bulwark.aws.hcl.Expression.For;
import dev.bulwark.aws.hcl.Expression.GetAttr;
import dev.bulwark.aws.hcl.Expression.Index;
import dev.bulwark.aws.hcl.Expression.Literal;
import dev.bulwark.aws.hcl.Expression.ObjectCons;
import dev.bulwark.aws.hcl.Expression.ObjectItem;
import dev.bulwark.aws.hcl.Expression.Parens;
import dev.bulwark.aws.hcl.Expression.Splat;
import dev.bulwark.aws.hcl.Expression.SplatItem;
import dev.bulwark.aws.hcl.Expression.Template;
import dev.bulwark.aws.hcl.Expression.TemplateFor;
import dev.bulwark.aws.hcl.Expression.TemplateIf;
import dev.bulwark.aws.hcl.Expression.TemplateInterpolation;
import dev.bulwark.aws.hcl.Expression.TemplateLiteral;
import dev.bulwark.aws.hcl.Expression.TemplatePart;
import dev.bulwark.aws.hcl.Expression.Tuple;
import dev.bulwark.aws.hcl.Expression.Unary;
import dev.bulwark.aws.hcl.Expression.Variable;
import dev.bulwark.aws.hcl.Range;
import dev.bulwark.core.model.Unknown;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Evaluates HCL expressions with Terraform's semantics over the values of a {@link Scope}.
 *
 * <p>Unknown values propagate: an operation on an unknown is unknown, except where the result is
 * the same whatever the value (a {@code false &&}, a {@code true ||}, a conditional whose branches
 * agree). Literal lists and objects remember where their elements were written. Work is bounded:
 * nesting depth, collection sizes and string lengths are limited, and every node and function
 * call is charged to the scope's {@link Budget}, so hostile configuration fails with a message
 * instead of exhausting the machine. Tuples and objects written here are marked as such, so
 * {@code ==} tells them from typed lists, sets and maps as Terraform does.
 *
 * <p>Stateless; thread-safe.
 */
final class ExpressionEvaluator {
    private static final int MAX_DEPTH = 256;

    private ExpressionEvaluator() {}

    static Object evaluate(Expression expression, Scope scope) throws EvaluationException {
        return new Run(scope).evaluate(expression, 0);
    }

    private static final class Run {
        private Scope scope;
        private final Budget budget;
        /** The element of the innermost splat being expanded. */
        private Object splatItem;

        Run(Scope scope) {
            this.scope = scope;
            this.budget = scope.budget();
        }

        Object evaluate(Expression expression, int depth) throws EvaluationException {
            if (depth > MAX_DEPTH) {
                throw new EvaluationException("expression nested too deeply");
            }
            budget.charge(1);
            int next = depth + 1;
            if (expression instanceof Literal literal) {
                return literal.value() instanceof BigDecimal number ? Values.checkRange(number) : literal.value();
            }
            if (expression instanceof Template template) {
                return template(template.parts(), next);
            }
            if (expression instanceof Tuple tuple) {
                List<Object> values = new ArrayList<>(tuple.items().size());
                List<Range> ranges = new ArrayList<>(tuple.items().size());
                for (Expression item : tuple.items()) {
                    values.add(evaluate(item, next));
                    ranges.add(item.range());
                }
                return new TfList(values, ranges).from(scope.file()).kind(TfList.Kind.TUPLE);
            }
            if (expression instanceof ObjectCons object) {
                return object(object, next);
            }
            if (expression instanceof Variable variable) {
                return scope.root(variable.name(), variable.range());
            }
            if (expression instanceof GetAttr getAttr) {
                return getAttr(getAttr, next);
            }
            if (expression instanceof Index index) {
                Object source = evaluate(index.source(), next);
                Object key = evaluate(index.key(), next);
                return index(source, key);
            }
            if (expression instanceof Splat splat) {
                return splat(splat, next);
            }
            if (expression instanceof SplatItem) {
                return splatItem;
            }
            if (expression instanceof Call call) {
                return call(call, next);
            }
            if (expression instanceof For forExpression) {
                return forExpression(forExpression, next);
            }
            if (expression instanceof Conditional conditional) {
                return conditional(conditional, next);
            }
            if (expression instanceof Binary binary) {
                return binary(binary, next);
            }
            if (expression instanceof Unary unary) {
                Object operand = evaluate(unary.operand(), next);
                if (operand instanceof Unknown) {
                    return operand;
                }
                if (operand == null) {
                    throw new EvaluationException("the operand of " + unary.operator().symbol() + " is null");
                }
                return switch (unary.operator()) {
                    case NOT -> !Values.asBool(operand);
                    case NEGATE -> Values.asNumber(operand).negate();
                    default -> throw new EvaluationException("unexpected unary operator " + unary.operator().symbol());
                };
            }
            if (expression instanceof Parens parens) {
                return evaluate(parens.inner(), next);
            }
            throw new IllegalStateException("unexpected expression " + expression.getClass().getSimpleName());
        }

        private Object template(List<TemplatePart> parts, int depth) throws EvaluationException {
            StringBuilder out = new StringBuilder();
            List<Unknown> unknowns = new ArrayList<>();
            if (parts.size() == 1 && parts.get(0) instanceof TemplateInterpolation only) {
                // "${expr}" is the value itself, of any type.
                return evaluate(only.expression(), depth);
            }
            for (TemplatePart part : parts) {
                Object piece = templatePart(part, depth);
                if (piece instanceof Unknown partUnknown) {
                    unknowns.add(partUnknown);
                    continue;
                }
                out.append((String) piece);
                if (out.length() > TerraformFunctions.MAX_STRING) {
                    throw new EvaluationException("template result is too long");
                }
            }
            if (!unknowns.isEmpty()) {
                return Unknown.combine(unknowns);
            }
            budget.charge(out.length() / 16);
            return out.toString();
        }

        /** A part's text, or an {@link Unknown}. */
        private Object templatePart(TemplatePart part, int depth) throws EvaluationException {
            if (part instanceof TemplateLiteral literal) {
                return literal.text();
            }
            if (part instanceof TemplateInterpolation interpolation) {
                Object value = evaluate(interpolation.expression(), depth);
                if (value instanceof Unknown) {
                    return value;
                }
                if (value instanceof JsonText json && !json.complete()) {
                    return Values.firstUnknown(json);
                }
                if (value == null) {
                    throw new EvaluationException("a null value cannot be interpolated into a string");
                }
                return Values.asString(value);
            }
            if (part instanceof TemplateIf conditional) {
                Object condition = evaluate(conditional.condition(), depth);
                if (condition instanceof Unknown) {
                    return condition;
                }
                return template(Values.asBool(condition) ? conditional.whenTrue() : conditional.whenFalse(), depth);
            }
            if (part instanceof TemplateFor loop) {
                Object collection = evaluate(loop.collection(), depth);
                if (collection instanceof Unknown) {
                    return collection;
                }
                StringBuilder out = new StringBuilder();
                Scope saved = scope;
                try {
                    for (Map.Entry<Object, Object> entry : entries(collection)) {
                        scope = saved.with(loop.valueVar(), entry.getValue());
                        if (loop.keyVar().isPresent()) {
                            scope = scope.with(loop.keyVar().get(), entry.getKey());
                        }
                        Object piece = template(loop.body(), depth);
                        if (piece instanceof Unknown) {
                            return piece;
                        }
                        out.append(Values.asString(piece));
                        if (out.length() > TerraformFunctions.MAX_STRING) {
                            throw new EvaluationException("template result is too long");
                        }
                    }
                } finally {
                    scope = saved;
                }
                return out.toString();
            }
            throw new IllegalStateException("unexpected template part " + part);
        }

        private Object object(ObjectCons object, int depth) throws EvaluationException {
            TfObject result = new TfObject().from(scope.file()).kind(TfObject.Kind.OBJECT);
            for (ObjectItem item : object.items()) {
                String key;
                if (item.literalKey().isPresent()) {
                    key = item.literalKey().get();
                } else {
                    Object keyValue = evaluate(item.key(), depth);
                    if (keyValue instanceof Unknown) {
                        return keyValue;
                    }
                    if (keyValue == null) {
                        throw new EvaluationException("an object key cannot be null");
                    }
                    key = Values.asString(keyValue);
                }
                Object value = evaluate(item.value(), depth);
                result.put(key, value, item.key().range().to(item.value().range()));
            }
            return result;
        }

        private Object getAttr(GetAttr getAttr, int depth) throws EvaluationException {
            // Namespaces: var.x, local.x, module.x, aws_s3_bucket.name, data.type.name.
            if (getAttr.source() instanceof Variable root && scope.isNamespace(root.name())) {
                Object value = scope.namespaced(root.name(), getAttr.name(), getAttr.range());
                if (value != null || !root.name().equals("data")) {
                    return value;
                }
            }
            if (getAttr.source() instanceof GetAttr inner && inner.source() instanceof Variable root
                    && root.name().equals("data") && scope.isNamespace("data")) {
                return scope.data(inner.name(), getAttr.name(), getAttr.range());
            }
            if (getAttr.source() instanceof GetAttr inner && inner.source() instanceof Variable root
                    && root.name().equals("module") && scope.isNamespace("module")) {
                Object output = scope.moduleOutput(inner.name(), getAttr.name(), getAttr.range());
                if (output != null) {
                    return output;
                }
            }
            Object source = evaluate(getAttr.source(), depth);
            return attribute(source, getAttr.name());
        }

        private Object splat(Splat splat, int depth) throws EvaluationException {
            Object source = evaluate(splat.source(), depth);
            if (source instanceof Unknown) {
                return source;
            }
            if (source == null) {
                return new TfList();
            }
            List<Object> elements;
            if (source instanceof List<?> list) {
                elements = new ArrayList<>(list);
            } else if (source instanceof Map<?, ?> map && !(source instanceof ResourceObject)) {
                // A splat over a map of instances (for_each) is not allowed in Terraform; over an object it wraps it.
                elements = List.of(source);
            } else {
                elements = List.of(source);
            }
            Object saved = splatItem;
            TfList result = new TfList();
            try {
                for (Object element : elements) {
                    splatItem = element;
                    result.add(evaluate(splat.each(), depth));
                }
            } finally {
                splatItem = saved;
            }
            return result;
        }

        private Object call(Call call, int depth) throws EvaluationException {
            String name = call.name();
            if (name.equals("try") || name.endsWith("::try")) {
                EvaluationException last = null;
                for (Expression arg : call.args()) {
                    try {
                        Object value = evaluate(arg, depth);
                        return value;
                    } catch (Budget.Exceeded e) {
                        throw e;
                    } catch (EvaluationException e) {
                        last = e;
                    }
                }
                throw last == null ? new EvaluationException("try() needs at least one argument") : last;
            }
            if (name.equals("can") || name.endsWith("::can")) {
                if (call.args().size() != 1) {
                    throw new EvaluationException("can() takes one argument");
                }
                try {
                    Object value = evaluate(call.args().get(0), depth);
                    if (value instanceof Unknown) {
                        return value;
                    }
                    return Boolean.TRUE;
                } catch (Budget.Exceeded e) {
                    throw e;
                } catch (EvaluationException e) {
                    return Boolean.FALSE;
                }
            }
            if (!TerraformFunctions.known(name)) {
                if (name.contains("::")) {
                    return Unknown.because("provider function " + name + "()");
                }
                throw new EvaluationException("there is no function named " + name + "()");
            }
            List<Object> args = new ArrayList<>(call.args().size());
            for (int i = 0; i < call.args().size(); i++) {
                Object value = evaluate(call.args().get(i), depth);
                if (call.expandLast() && i == call.args().size() - 1) {
                    if (value instanceof Unknown) {
                        return value;
                    }
                    args.addAll(TerraformFunctions.collection(value));
                } else {
                    args.add(value);
                }
            }
            long read = 0;
            for (Object arg : args) {
                read += Budget.size(arg);
            }
            budget.charge(read);
            Object result;
            try {
                result = TerraformFunctions.call(name, args, scope.files());
            } catch (RuntimeException e) {
                // A function met input it does not handle: Terraform would report an error, so do we.
                throw new EvaluationException(name + "() failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + Values.abbreviate(e.getMessage())));
            }
            budget.charge(Budget.size(result));
            return result;
        }

        private Object forExpression(For loop, int depth) throws EvaluationException {
            Object collection = evaluate(loop.collection(), depth);
            if (collection instanceof Unknown) {
                return collection;
            }
            if (collection == null) {
                throw new EvaluationException("a for expression cannot iterate over null");
            }
            Scope saved = scope;
            try {
                if (loop.object()) {
                    TfObject result = new TfObject().from(saved.file()).kind(TfObject.Kind.OBJECT);
                    for (Map.Entry<Object, Object> entry : entries(collection)) {
                        bind(saved, loop, entry);
                        if (!include(loop, depth)) {
                            continue;
                        }
                        Object keyValue = evaluate(loop.key().get(), depth);
                        if (keyValue instanceof Unknown) {
                            return keyValue;
                        }
                        String key = Values.asString(keyValue);
                        Object value = evaluate(loop.value(), depth);
                        if (loop.grouping()) {
                            Object group = result.get(key);
                            if (group == null) {
                                group = new TfList();
                                result.put(key, group);
                            }
                            ((TfList) group).add(value);
                        } else {
                            if (result.containsKey(key)) {
                                throw new EvaluationException("the for expression makes the key \"" + Values.abbreviate(key)
                                        + "\" twice; add '...' to group values by key");
                            }
                            result.put(key, value);
                        }
                        if (result.size() > TerraformFunctions.MAX_ELEMENTS) {
                            throw new EvaluationException("for expression result is too large");
                        }
                    }
                    return result;
                }
                TfList result = new TfList().kind(TfList.Kind.TUPLE);
                for (Map.Entry<Object, Object> entry : entries(collection)) {
                    bind(saved, loop, entry);
                    if (!include(loop, depth)) {
                        continue;
                    }
                    result.add(evaluate(loop.value(), depth));
                    if (result.size() > TerraformFunctions.MAX_ELEMENTS) {
                        throw new EvaluationException("for expression result is too large");
                    }
                }
                return result;
            } catch (UnknownCondition e) {
                return e.unknown;
            } finally {
                scope = saved;
            }
        }

        /** Thrown inside a for expression when an element's condition is unknown: the whole result is. */
        private static final class UnknownCondition extends EvaluationException {
            private static final long serialVersionUID = 1L;
            final transient Unknown unknown;

            UnknownCondition(Unknown unknown) {
                super("unknown condition");
                this.unknown = unknown;
            }
        }

        private void bind(Scope base, For loop, Map.Entry<Object, Object> entry) {
            Scope bound = base.with(loop.valueVar(), entry.getValue());
            if (loop.keyVar().isPresent()) {
                bound = bound.with(loop.keyVar().get(), entry.getKey());
            }
            scope = bound;
        }

        private boolean include(For loop, int depth) throws EvaluationException {
            if (loop.condition().isEmpty()) {
                return true;
            }
            Object condition = evaluate(loop.condition().get(), depth);
            if (condition instanceof Unknown unknown) {
                throw new UnknownCondition(unknown);
            }
            return Values.asBool(condition);
        }

        private Object conditional(Conditional conditional, int depth) throws EvaluationException {
            Object condition = evaluate(conditional.condition(), depth);
            if (condition instanceof Unknown unknown) {
                Object whenTrue;
                Object whenFalse;
                try {
                    whenTrue = evaluate(conditional.whenTrue(), depth);
                    whenFalse = evaluate(conditional.whenFalse(), depth);
                } catch (EvaluationException e) {
                    return unknown;
                }
                if (!Values.containsUnknown(whenTrue) && Values.equal(whenTrue, whenFalse)) {
                    return whenTrue;
                }
                return unknown;
            }
            if (condition == null) {
                throw new EvaluationException("the condition is null");
            }
            return Values.asBool(condition) ? evaluate(conditional.whenTrue(), depth) : evaluate(conditional.whenFalse(), depth);
        }

        private Object binary(Binary binary, int depth) throws EvaluationException {
            Object left = evaluate(binary.left(), depth);
            switch (binary.operator()) {
                case AND -> {
                    if (Boolean.FALSE.equals(left) || "false".equals(left)) {
                        return Boolean.FALSE;
                    }
                    Object right = evaluate(binary.right(), depth);
                    if (Boolean.FALSE.equals(right) || "false".equals(right)) {
                        return Boolean.FALSE;
                    }
                    if (left instanceof Unknown) {
                        return left;
                    }
                    if (right instanceof Unknown) {
                        return right;
                    }
                    return Values.asBool(left) && Values.asBool(right);
                }
                case OR -> {
                    if (Boolean.TRUE.equals(left) || "true".equals(left)) {
                        return Boolean.TRUE;
                    }
                    Object right = evaluate(binary.right(), depth);
                    if (Boolean.TRUE.equals(right) || "true".equals(right)) {
                        return Boolean.TRUE;
                    }
                    if (left instanceof Unknown) {
                        return left;
                    }
                    if (right instanceof Unknown) {
                        return right;
                    }
                    return Values.asBool(left) || Values.asBool(right);
                }
                default -> {
                    // strict operators below
                }
            }
            Object right = evaluate(binary.right(), depth);
            if (left instanceof Unknown) {
                return left;
            }
            if (right instanceof Unknown) {
                return right;
            }
            switch (binary.operator()) {
                case EQUAL -> {
                    budget.charge(Budget.size(left) + Budget.size(right));
                    if (Values.containsUnknown(left) || Values.containsUnknown(right)) {
                        return Unknown.because("comparison with an unknown value");
                    }
                    return Values.equal(left, right);
                }
                case NOT_EQUAL -> {
                    budget.charge(Budget.size(left) + Budget.size(right));
                    if (Values.containsUnknown(left) || Values.containsUnknown(right)) {
                        return Unknown.because("comparison with an unknown value");
                    }
                    return !Values.equal(left, right);
                }
                default -> {
                    // arithmetic and ordering
                }
            }
            BigDecimal a = Values.asNumber(left);
            BigDecimal b = Values.asNumber(right);
            try {
                Object result = arithmetic(binary, a, b);
                return result instanceof BigDecimal number ? Values.checkRange(number) : result;
            } catch (ArithmeticException e) {
                throw new EvaluationException("the result of " + binary.operator().symbol() + " is out of range");
            }
        }

        private Object arithmetic(Binary binary, BigDecimal a, BigDecimal b) throws EvaluationException {
            return switch (binary.operator()) {
                case ADD -> a.add(b, Values.MATH);
                case SUBTRACT -> a.subtract(b, Values.MATH);
                case MULTIPLY -> a.multiply(b, Values.MATH);
                case DIVIDE -> {
                    if (b.signum() == 0) {
                        throw new EvaluationException("division by zero");
                    }
                    yield a.divide(b, Values.MATH);
                }
                case MODULO -> {
                    if (b.signum() == 0) {
                        throw new EvaluationException("modulo by zero");
                    }
                    yield a.remainder(b, Values.MATH);
                }
                case LESS -> a.compareTo(b) < 0;
                case LESS_EQUAL -> a.compareTo(b) <= 0;
                case GREATER -> a.compareTo(b) > 0;
                case GREATER_EQUAL -> a.compareTo(b) >= 0;
                default -> throw new EvaluationException("unexpected operator " + binary.operator().symbol());
            };
        }
    }

    /** {@code value.name} on an evaluated value. */
    static Object attribute(Object source, String name) throws EvaluationException {
        if (source instanceof Unknown) {
            return source;
        }
        if (source instanceof ResourceObject resource) {
            return resource.attribute(name);
        }
        if (source instanceof Map<?, ?> map) {
            if (!map.containsKey(name)) {
                throw new EvaluationException("this object has no attribute \"" + Values.abbreviate(name) + "\"");
            }
            return map.get(name);
        }
        if (source == null) {
            throw new EvaluationException("attempt to get attribute \"" + Values.abbreviate(name) + "\" from a null value");
        }
        if (source instanceof List<?> list) {
            throw new EvaluationException("a list has no attribute \"" + Values.abbreviate(name) + "\"; use an index or [*]");
        }
        throw new EvaluationException("a " + Values.typeName(source) + " value has no attributes");
    }

    /** {@code source[key]} on evaluated values. */
    static Object index(Object source, Object key) throws EvaluationException {
        if (source instanceof Unknown) {
            return source;
        }
        if (key instanceof Unknown) {
            Unknown fromSource = Values.firstUnknown(source);
            return fromSource != null ? fromSource : key;
        }
        if (source == null) {
            throw new EvaluationException("cannot index a null value");
        }
        if (source instanceof List<?> list) {
            int index = Values.asInt(key);
            if (index < 0 || index >= list.size()) {
                throw new EvaluationException("index " + index + " is out of range for a list of " + list.size());
            }
            return list.get(index);
        }
        if (source instanceof ResourceObject resource) {
            return resource.attribute(Values.asString(key));
        }
        if (source instanceof Map<?, ?> map) {
            String name = Values.asString(key);
            if (!map.containsKey(name)) {
                throw new EvaluationException("the map has no key \"" + Values.abbreviate(name) + "\"");
            }
            return map.get(name);
        }
        throw new EvaluationException("a " + Values.typeName(source) + " value cannot be indexed");
    }

    /**
     * The entries of a list (index to element), set (element to itself) or map (key to value, keys
     * sorted), for iteration.
     */
    static List<Map.Entry<Object, Object>> entries(Object collection) throws EvaluationException {
        List<Map.Entry<Object, Object>> entries = new ArrayList<>();
        if (collection instanceof List<?> list) {
            boolean set = TfList.kindOf(list) == TfList.Kind.SET;
            for (int i = 0; i < list.size(); i++) {
                Object element = nullSafe(list.get(i));
                entries.add(Map.entry(set ? element : BigDecimal.valueOf(i), element));
            }
            return unwrapNulls(entries);
        }
        if (collection instanceof Map<?, ?> map) {
            for (Object key : new TreeSet<>(map.keySet().stream().map(String::valueOf).toList())) {
                entries.add(Map.entry(key, nullSafe(map.get(key))));
            }
            return unwrapNulls(entries);
        }
        throw new EvaluationException("a " + Values.typeName(collection) + " value cannot be iterated");
    }

    private static final Object NULL = new Object();

    private static Object nullSafe(Object value) {
        return value == null ? NULL : value;
    }

    private static List<Map.Entry<Object, Object>> unwrapNulls(List<Map.Entry<Object, Object>> entries) {
        List<Map.Entry<Object, Object>> result = new ArrayList<>(entries.size());
        for (Map.Entry<Object, Object> entry : entries) {
            result.add(new java.util.AbstractMap.SimpleImmutableEntry<>(entry.getKey() == NULL ? null : entry.getKey(),
                    entry.getValue() == NULL ? null : entry.getValue()));
        }
        return result;
    }
}
