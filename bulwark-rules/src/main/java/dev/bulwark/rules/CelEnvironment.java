package dev.bulwark.rules;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.checker.CelStandardDeclarations;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelStandardFunctions;
import java.util.Collection;

/**
 * The CEL environment rules of one target are compiled in: the target's variables (all
 * {@code dyn}, since resources are JSON-like trees), the standard library with optional syntax
 * ({@code a.?b.orValue(c)}), the strings, sets, math, encoders, lists ({@code flatten}, {@code range}),
 * bindings ({@code cel.bind}) and two-variable comprehension extensions, and Bulwark's own
 * functions:
 * <ul>
 *   <li>{@code image(string) -> map}: registry, repository, tag, digest, pinned, latest.</li>
 * </ul>
 * Comprehensions are bounded so a rule cannot loop for long on a hostile input.
 */
final class CelEnvironment {
    private CelEnvironment() {}

    /** Names what this environment declares; part of the compiled-expression cache key. Change it with the declarations. */
    static final String DESCRIPTION = "cel-0.14.0;optional,strings,sets,math,encoders,lists,bindings,comprehensions;image(string)";

    static final CelOptions OPTIONS = CelOptions.current()
            .enableOptionalSyntax(true)
            .comprehensionMaxIterations(100_000)
            .maxExpressionCodePointSize(20_000)
            .enableHeterogeneousNumericComparisons(true)
            .build();

    static Cel build(Collection<String> variables) {
        var builder = CelFactory.standardCelBuilder()
                .setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setStandardEnvironmentEnabled(false)
                .setStandardDeclarations(CelStandardDeclarations.newBuilder().build())
                .setStandardFunctions(CelStandardFunctions.newBuilder()
                        .excludeFunctions(CelStandardFunctions.StandardFunction.MATCHES)
                        .build())
                .addCompilerLibraries(CelExtensions.optional(), CelExtensions.strings(), CelExtensions.sets(OPTIONS),
                        CelExtensions.math(OPTIONS), CelExtensions.encoders(OPTIONS), CelExtensions.lists(),
                        CelExtensions.bindings(), CelExtensions.comprehensions())
                .addRuntimeLibraries(CelExtensions.optional(), CelExtensions.strings(), CelExtensions.sets(OPTIONS),
                        CelExtensions.math(OPTIONS), CelExtensions.encoders(OPTIONS), CelExtensions.lists(),
                        CelExtensions.comprehensions())
                .addFunctionDeclarations(CelFunctionDecl.newFunctionDeclaration("image",
                        CelOverloadDecl.newGlobalOverload("image_string",
                                MapType.create(SimpleType.STRING, SimpleType.DYN), SimpleType.STRING)))
                .addFunctionBindings(CelFunctionBinding.from("image_string", String.class, ImageReference::parse))
                // The standard matches() compiles its pattern on every call (20-55 us); rules
                // call it with constant patterns, so the same RE2J semantics with a cache.
                .addFunctionBindings(
                        CelFunctionBinding.from("matches", String.class, String.class, RegexCache::find),
                        CelFunctionBinding.from("matches_string", String.class, String.class, RegexCache::find));
        for (String variable : variables) {
            builder.addVar(variable, SimpleType.DYN);
        }
        return builder.build();
    }
}
