package dev.bulwark.rules;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.checker.CelStandardDeclarations;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelStandardFunctions;
import dev.bulwark.rules.iam.IacPolicies;
import java.util.Collection;
import java.util.List;

/**
 * The CEL environment rules of one target are compiled in: the target's variables (all
 * {@code dyn}, since resources are JSON-like trees), the standard library with optional syntax
 * ({@code a.?b.orValue(c)}), the strings, sets, math, encoders, lists ({@code flatten}, {@code range}),
 * bindings ({@code cel.bind}) and two-variable comprehension extensions, and Bulwark's own
 * functions:
 * <ul>
 *   <li>{@code image(string) -> map}: registry, repository, tag, digest, pinned, latest.</li>
 * </ul>
 * and the IAM functions, which ask the IAM engine about a policy fact {@code doc} (an element of
 * the AWS target's {@code policies}) and answer from the part of the document that holds for
 * every request and whatever its unknown values are (see {@link IacPolicies} and
 * {@code bulwark-aws/RULES.md}): an Allow with a condition does not count, a Deny counts as if its
 * condition held. {@code actions} is a pattern ({@code iam:*}) or a list of patterns and names,
 * expanded through the bundled IAM action catalog; {@code resource} is an ARN, or {@code *} for
 * every resource the action acts on.
 * <ul>
 *   <li>{@code iamAllows(doc, string action, string resource) -> list(string)}: the paths of the
 *       statements of an identity policy that certainly grant the action on the resource; empty
 *       when the grant is not certain or a Deny may block it.</li>
 *   <li>{@code iamAdmin(doc) -> list(string)}: the paths of the statements that together grant
 *       administrator-equivalent access (every action of a representative set across IAM, STS,
 *       S3, EC2, KMS, Organizations, Lambda, ... on every resource); empty otherwise.</li>
 *   <li>{@code iamAllowedActions(doc, actions, string resource) -> list(string)}: the catalog
 *       actions matching {@code actions} the identity policy certainly grants, sorted.</li>
 *   <li>{@code iamGrants(doc, actions, string resource) -> list(map)}: {@code {path, actions}} for
 *       each statement taking part in those grants, in statement order.</li>
 *   <li>{@code iamActions(actions) -> list(string)}: the catalog actions matching, sorted.</li>
 *   <li>{@code iamPublicAccess(doc, actions) -> list(string)}: the paths of the statements of a
 *       resource policy through which an anonymous caller or a principal of an unrelated account
 *       can call a matching action from the internet.</li>
 *   <li>{@code iamTrust(doc) -> list(map)}: who can certainly assume the role of a trust policy,
 *       {@code {path, kind, principal}} with kind {@code any}, {@code account}, {@code service}
 *       or {@code federated}.</li>
 * </ul>
 * Comprehensions are bounded so a rule cannot loop for long on a hostile input.
 */
final class CelEnvironment {
    private CelEnvironment() {}

    /** Names what this environment declares; part of the compiled-expression cache key. Change it with the declarations. */
    static final String DESCRIPTION = "cel-0.14.0;optional,strings,sets,math,encoders,lists,bindings,comprehensions;image(string);"
            + "iamAllows(dyn,string,string),iamAdmin(dyn),iamAllowedActions(dyn,dyn,string),iamGrants(dyn,dyn,string),"
            + "iamActions(dyn),iamPublicAccess(dyn,dyn),iamTrust(dyn)";

    static final CelOptions OPTIONS = CelOptions.current()
            .enableOptionalSyntax(true)
            .comprehensionMaxIterations(100_000)
            .maxExpressionCodePointSize(20_000)
            .enableHeterogeneousNumericComparisons(true)
            .build();

    static Cel build(Collection<String> variables) {
        return build(variables, IacPolicies.bundled());
    }

    static Cel build(Collection<String> variables, IacPolicies iam) {
        ListType strings = ListType.create(SimpleType.STRING);
        ListType maps = ListType.create(MapType.create(SimpleType.STRING, SimpleType.DYN));
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
                .addFunctionDeclarations(
                        function("iamAllows", strings, SimpleType.DYN, SimpleType.STRING, SimpleType.STRING),
                        function("iamAdmin", strings, SimpleType.DYN),
                        function("iamAllowedActions", strings, SimpleType.DYN, SimpleType.DYN, SimpleType.STRING),
                        function("iamGrants", maps, SimpleType.DYN, SimpleType.DYN, SimpleType.STRING),
                        function("iamActions", strings, SimpleType.DYN),
                        function("iamPublicAccess", strings, SimpleType.DYN, SimpleType.DYN),
                        function("iamTrust", maps, SimpleType.DYN))
                .addFunctionBindings(
                        CelFunctionBinding.from("iamAllows_overload", List.of(Object.class, String.class, String.class),
                                arguments -> iam.allows(arguments[0], (String) arguments[1], (String) arguments[2])),
                        CelFunctionBinding.from("iamAdmin_overload", Object.class, iam::admin),
                        CelFunctionBinding.from("iamAllowedActions_overload", List.of(Object.class, Object.class, String.class),
                                arguments -> iam.allowedActions(arguments[0], arguments[1], (String) arguments[2])),
                        CelFunctionBinding.from("iamGrants_overload", List.of(Object.class, Object.class, String.class),
                                arguments -> iam.grants(arguments[0], arguments[1], (String) arguments[2])),
                        CelFunctionBinding.from("iamActions_overload", Object.class, iam::actions),
                        CelFunctionBinding.from("iamPublicAccess_overload", Object.class, Object.class, iam::publicAccess),
                        CelFunctionBinding.from("iamTrust_overload", Object.class, iam::trust))
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

    /** A global function with one overload, {@code name + "_overload"}. */
    private static CelFunctionDecl function(String name, CelType result, CelType... parameters) {
        return CelFunctionDecl.newFunctionDeclaration(name,
                CelOverloadDecl.newGlobalOverload(name + "_overload", result, List.of(parameters)));
    }
}
