package dev.bulwark.rules;

import dev.bulwark.core.model.Resource;
import dev.bulwark.core.model.UnknownValueException;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelVariableResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a compiled rule on a resource and turns its result into violations:
 * <ul>
 *   <li>{@code true}: one violation on the resource itself; {@code false}: none;</li>
 *   <li>a string: one violation at that value path;</li>
 *   <li>a list of strings or of {@code {path, message}} maps: one violation each.</li>
 * </ul>
 * A rule that reads an {@link dev.bulwark.core.model.Unknown} value, so that its result depends
 * on it, yields no violation: it cannot tell.
 * Stateless and thread-safe.
 */
public final class RuleEvaluator {
    private RuleEvaluator() {}

    /** Thrown when a rule fails on a resource (a rule bug such as a missing key without {@code ?}). */
    public static final class EvaluationFailure extends Exception {
        private static final long serialVersionUID = 1L;

        EvaluationFailure(String message) {
            super(message);
        }
    }

    public static List<Violation> evaluate(Rule rule, Resource resource, Map<String, Object> scanVariables)
            throws EvaluationFailure {
        Map<String, Object> variables = resource.variables();
        CelVariableResolver resolver = name -> {
            Object value = variables.get(name);
            if (value == null) {
                value = scanVariables.get(name);
            }
            return Optional.ofNullable(value);
        };
        Object result;
        try {
            result = rule.program().eval(resolver);
        } catch (CelEvaluationException e) {
            if (UnknownValueException.causedBy(e)) {
                // The rule depends on a value nobody can know before deployment: no finding.
                return List.of();
            }
            throw new EvaluationFailure(firstLine(e.getMessage()));
        } catch (UnknownValueException e) {
            return List.of();
        }
        return toViolations(result);
    }

    private static List<Violation> toViolations(Object result) throws EvaluationFailure {
        if (result instanceof Boolean matched) {
            return matched ? List.of(new Violation("", "")) : List.of();
        }
        if (result instanceof String path) {
            return List.of(new Violation(path, ""));
        }
        if (result instanceof List<?> list) {
            List<Violation> violations = new ArrayList<>(list.size());
            for (Object element : list) {
                if (element instanceof String path) {
                    violations.add(new Violation(path, ""));
                } else if (element instanceof Map<?, ?> map) {
                    Object path = map.get("path");
                    Object message = map.get("message");
                    violations.add(new Violation(path == null ? "" : String.valueOf(path),
                            message == null ? "" : String.valueOf(message)));
                } else {
                    throw new EvaluationFailure("check returned a list element that is not a path or {path, message}: " + element);
                }
            }
            return violations;
        }
        throw new EvaluationFailure("check returned " + (result == null ? "null" : result.getClass().getSimpleName())
                + ", expected a bool, a path or a list of paths");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "evaluation failed";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
