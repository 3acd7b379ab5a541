package dev.bulwark.rules;

import dev.bulwark.core.spi.SourceAdapter;
import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.runtime.CelEvaluationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles rule definitions into {@link Rule}s: checks the target exists, expands kind groups and
 * type-checks the CEL expression, translating CEL's positions into rule-file positions. Thread-safe.
 */
public final class RuleCompiler {
    private final Map<String, SourceAdapter> adapters;
    private final Map<String, Cel> environments;
    private final Optional<CompiledExpressionCache> cache;

    public RuleCompiler(Collection<SourceAdapter> adapters) {
        this(adapters, Optional.empty());
    }

    /** With {@code cache}, type-checked expressions are reused across runs. */
    public RuleCompiler(Collection<SourceAdapter> adapters, Optional<CompiledExpressionCache> cache) {
        this.cache = cache;
        Map<String, SourceAdapter> byTarget = new LinkedHashMap<>();
        Map<String, Cel> cels = new LinkedHashMap<>();
        for (SourceAdapter adapter : adapters) {
            byTarget.put(adapter.target(), adapter);
            cels.put(adapter.target(), CelEnvironment.build(adapter.variables().keySet()));
        }
        this.adapters = Map.copyOf(byTarget);
        this.environments = Map.copyOf(cels);
    }

    public Set<String> targets() {
        return new TreeSet<>(adapters.keySet());
    }

    public Optional<SourceAdapter> adapter(String target) {
        return Optional.ofNullable(adapters.get(target));
    }

    /** The compiled rule, or none, and the issues found. */
    public record Compiled(Optional<Rule> rule, List<RuleIssue> issues) {
        public Compiled {
            issues = List.copyOf(issues);
        }
    }

    public Compiled compile(RuleDefinition definition) {
        List<RuleIssue> issues = new ArrayList<>();
        String file = definition.info().source();
        String target = definition.info().target();
        SourceAdapter adapter = adapters.get(target);
        Cel cel = environments.get(target);
        if (adapter == null || cel == null) {
            issues.add(RuleIssue.error(file, definition.checkLine(), 1,
                    "unknown target '" + target + "' (known: " + String.join(", ", targets()) + ")"));
            return new Compiled(Optional.empty(), issues);
        }
        Set<String> kinds = new LinkedHashSet<>();
        for (String kind : definition.info().kinds()) {
            List<String> group = adapter.kindGroups().get(kind);
            if (group != null) {
                kinds.addAll(group);
            } else {
                kinds.add(kind);
            }
        }
        String cacheKey = cache.map(c -> c.key(target, adapter.variables().keySet(), definition.check())).orElse("");
        Optional<CelAbstractSyntaxTree> cached = cache.flatMap(c -> c.get(cacheKey));
        try {
            CelAbstractSyntaxTree ast;
            if (cached.isPresent()) {
                ast = cached.get();
            } else {
                CelValidationResult result = cel.compile(definition.check());
                if (result.hasError()) {
                    for (CelIssue issue : result.getErrors()) {
                        issues.add(locate(definition, issue));
                    }
                    return new Compiled(Optional.empty(), issues);
                }
                ast = result.getAst();
                CelAbstractSyntaxTree checked = ast;
                cache.ifPresent(c -> c.put(cacheKey, checked));
            }
            String resultType = ast.getResultType().name();
            if (!List.of("bool", "string", "dyn").contains(resultType) && !resultType.startsWith("list")) {
                issues.add(RuleIssue.error(file, definition.checkLine(), definition.checkColumn(),
                        "check must yield a bool, a path string or a list of paths, not " + resultType));
                return new Compiled(Optional.empty(), issues);
            }
            return new Compiled(Optional.of(new Rule(definition, kinds, cel.createProgram(ast))), issues);
        } catch (CelValidationException | CelEvaluationException e) {
            issues.add(RuleIssue.error(file, definition.checkLine(), definition.checkColumn(), firstLine(e.getMessage())));
            return new Compiled(Optional.empty(), issues);
        }
    }

    private static RuleIssue locate(RuleDefinition definition, CelIssue issue) {
        int celLine = issue.getSourceLocation().getLine();
        int celColumn = issue.getSourceLocation().getColumn();
        int line = definition.checkLine();
        int column = definition.checkColumn();
        if (celLine > 0) {
            line = definition.checkLine() + celLine - 1;
            // CEL columns are 0-based within the expression line; block scalars are indented.
            column = definition.checkColumn() + Math.max(celColumn, 0);
        }
        return RuleIssue.error(definition.info().source(), line, column, "check does not compile: " + issue.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "check does not compile";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
