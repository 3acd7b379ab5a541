package dev.bulwark.aws.terraform;

import dev.bulwark.aws.hcl.Body;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;
import dev.bulwark.core.source.SourceFile;
import dev.bulwark.core.yaml.Span;
import dev.bulwark.core.yaml.YamlException;
import dev.bulwark.core.yaml.YamlList;
import dev.bulwark.core.yaml.YamlMap;
import dev.bulwark.core.yaml.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Terraform plan in JSON ({@code terraform show -json plan.out}) as resource instances: the
 * planned values of every resource that is created, updated or kept, with what the plan marks
 * unknown ({@code after_unknown}) unknown, and references between resources taken from the
 * plan's configuration section.
 *
 * <p>When the configuration is on disk next to the plan (the plan's folder is the root module),
 * each resource and each top-level argument points at its line in the {@code .tf} file, found
 * through the module calls' sources; otherwise at the plan file. Instances of a module called
 * more than once share the module's lines.
 */
public final class PlanReader {
    private static final YamlReader READER = YamlReader.defaults().withMaxDepth(200).withNullElement(Json.NULL_ELEMENT);

    private PlanReader() {}

    /** Whether {@code content} is a plan in JSON (rather than a state file or another JSON document). */
    public static boolean looksLikePlan(String content) {
        String head = content.length() > 4096 ? content.substring(0, 4096) : content;
        return head.contains("\"format_version\"") && head.contains("\"terraform_version\"")
                && (content.contains("\"resource_changes\"") || content.contains("\"planned_values\""));
    }

    public record Result(List<TerraformEvaluator.ResourceInstance> resources, Optional<String> error, int errorLine) {}

    /**
     * Reads {@code plan}; {@code configs} gives the parsed module folders (the evaluator's cache),
     * {@code rootDir} the folder holding the root module's {@code .tf} files, when known.
     */
    public static Result read(SourceFile plan, TerraformEvaluator configs, Optional<Path> rootDir) {
        YamlReader.Result parsed = READER.read(plan.content(), plan.displayPath());
        if (parsed.error().isPresent()) {
            YamlException error = parsed.error().get();
            return new Result(List.of(), Optional.of("invalid plan JSON: " + error.getMessage()), error.line());
        }
        if (parsed.documents().size() != 1 || !(parsed.documents().get(0).root() instanceof YamlMap root)) {
            return new Result(List.of(), Optional.of("a Terraform plan is one JSON object"), 1);
        }
        Object changes = root.get("resource_changes");
        if (!(changes instanceof YamlList list)) {
            return new Result(List.of(), Optional.of("the plan has no resource_changes (is it the output of terraform show -json PLANFILE?)"), 1);
        }
        Configuration configuration = new Configuration(root.get("configuration"), configs, rootDir);
        List<TerraformEvaluator.ResourceInstance> resources = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof YamlMap change)) {
                continue;
            }
            Span span = list.elementSpan(i);
            SourceLocation planLocation = span == null ? SourceLocation.ofLine(plan.displayPath(), 1)
                    : new SourceLocation(plan.displayPath(), span.startLine(), span.startColumn(), span.startLine(), SourceLocation.END_OF_LINE);
            instance(change, planLocation, plan, configuration).ifPresent(resources::add);
        }
        return new Result(resources, Optional.empty(), 0);
    }

    private static Optional<TerraformEvaluator.ResourceInstance> instance(YamlMap change, SourceLocation planLocation, SourceFile plan,
                                                                          Configuration configuration) {
        String address = text(change.get("address"));
        String type = text(change.get("type"));
        String name = text(change.get("name"));
        String mode = text(change.get("mode"));
        String modulePath = text(change.get("module_address"));
        if (address.isEmpty() || type.isEmpty() || !(change.get("change") instanceof YamlMap details)) {
            return Optional.empty();
        }
        List<String> actions = new ArrayList<>();
        if (details.get("actions") instanceof YamlList list) {
            for (Object action : list) {
                actions.add(String.valueOf(action));
            }
        }
        if (actions.equals(List.of("delete"))) {
            return Optional.empty();
        }
        Object after = details.get("after");
        Object afterUnknown = details.get("after_unknown");
        Optional<Declaration> declaration = configuration.declaration(modulePath, mode.equals("data"), type, name);
        SourceFile file = declaration.map(Declaration::file).orElse(plan);
        SourceLocation location = declaration.map(decl -> header(decl.file(), decl.block())).orElse(planLocation);
        KnownMap arguments = new KnownMap(location);
        if (after instanceof YamlMap values) {
            for (String key : values.keySet()) {
                SourceLocation at = declaration.map(decl -> argumentLocation(decl, key)).orElse(location);
                Object unknownPart = unknownPart(afterUnknown, key);
                if (Boolean.TRUE.equals(unknownPart) && !configured(declaration, key)) {
                    // Computed by the provider and not set by the configuration: the provider's
                    // default, as when Terraform configuration leaves an argument out.
                    continue;
                }
                Object value = value(values.get(key), unknownPart, at, 0);
                value = withReference(value, configuration.references(modulePath, declaration, key));
                if (value != null) {
                    arguments.put(key, value, at);
                }
            }
        }
        if (afterUnknown instanceof YamlMap unknowns) {
            for (String key : unknowns.keySet()) {
                if (!arguments.containsKey(key) && Boolean.TRUE.equals(unknowns.get(key)) && configured(declaration, key)) {
                    Object value = withReference(Unknown.because("known after apply"), configuration.references(modulePath, declaration, key));
                    arguments.put(key, value, declaration.map(decl -> argumentLocation(decl, key)).orElse(location));
                }
            }
        }
        Optional<Object> key = change.containsKey("index") ? Optional.of(change.get("index")) : Optional.empty();
        return Optional.of(new TerraformEvaluator.ResourceInstance(address, modulePath, mode.equals("data"), type, name,
                key, arguments, location, file));
    }

    /**
     * Whether the configuration sets {@code key}: true when the plan's configuration section says
     * so, or when it is not there to ask (then an unknown stays unknown).
     */
    private static boolean configured(Optional<Declaration> declaration, String key) {
        if (declaration.isEmpty() || declaration.get().expressions() == null) {
            return true;
        }
        return declaration.get().expressions().containsKey(key)
                || declaration.get().block().body().attribute(key).isPresent()
                || !declaration.get().block().body().blocks(key).isEmpty()
                || declaration.get().block().body().blocks("dynamic").stream().anyMatch(block -> block.label(0).equals(key));
    }

    private static Object withReference(Object value, Optional<String> reference) {
        if (value instanceof Unknown unknown && unknown.reference().isEmpty() && reference.isPresent()) {
            return Unknown.fromResource(reference.get(), unknown.reason());
        }
        return value;
    }

    private static Object unknownPart(Object unknown, String key) {
        return unknown instanceof YamlMap map ? map.get(key) : null;
    }

    /** A planned value with the plan's unknown markers applied. */
    private static Object value(Object value, Object unknown, SourceLocation location, int depth) {
        if (Boolean.TRUE.equals(unknown)) {
            return Unknown.because("known after apply");
        }
        if (depth > 64 || value == null || value == Json.NULL_ELEMENT) {
            return null;
        }
        if (value instanceof YamlMap map) {
            KnownMap known = new KnownMap(location, map.size());
            for (String key : map.keySet()) {
                Object element = value(map.get(key), unknownPart(unknown, key), location, depth + 1);
                if (element != null) {
                    known.put(key, element, location);
                }
            }
            if (unknown instanceof YamlMap unknowns) {
                for (String key : unknowns.keySet()) {
                    if (!known.containsKey(key) && Boolean.TRUE.equals(unknowns.get(key))) {
                        known.put(key, Unknown.because("known after apply"), location);
                    }
                }
            }
            return known;
        }
        if (value instanceof YamlList list) {
            KnownList known = new KnownList(location, list.size());
            for (int i = 0; i < list.size(); i++) {
                Object elementUnknown = unknown instanceof YamlList unknowns && i < unknowns.size() ? unknowns.get(i) : null;
                known.append(value(list.get(i), elementUnknown, location, depth + 1), location);
            }
            return known;
        }
        if (value instanceof String text) {
            // Attributes that hold JSON (policies) stay text; the mapping parses them.
            return text;
        }
        return value;
    }

    private static String text(Object value) {
        return value instanceof String text ? text : value == null ? "" : String.valueOf(value);
    }

    private record Declaration(ModuleConfig.ResourceDecl decl, SourceFile file, Body.Block block, YamlMap expressions) {}

    private static SourceLocation header(SourceFile file, Body.Block block) {
        return KnownValues.location(file.displayPath(), TerraformEvaluator.headerRange(block));
    }

    private static SourceLocation argumentLocation(Declaration declaration, String key) {
        Body body = declaration.block().body();
        Optional<Body.Attribute> attribute = body.attribute(key);
        if (attribute.isPresent()) {
            return KnownValues.location(declaration.file().displayPath(), attribute.get().range());
        }
        List<Body.Block> blocks = body.blocks(key);
        if (!blocks.isEmpty()) {
            return KnownValues.location(declaration.file().displayPath(), blocks.get(0).range());
        }
        for (Body.Block dynamic : body.blocks("dynamic")) {
            if (dynamic.label(0).equals(key)) {
                return KnownValues.location(declaration.file().displayPath(), dynamic.range());
            }
        }
        return header(declaration.file(), declaration.block());
    }

    /** The plan's configuration section: module calls to folders, and each resource's references. */
    private static final class Configuration {
        private final YamlMap root;
        private final TerraformEvaluator configs;
        private final Optional<Path> rootDir;
        private final Map<String, Optional<Path>> dirs = new HashMap<>();

        Configuration(Object configuration, TerraformEvaluator configs, Optional<Path> rootDir) {
            this.root = configuration instanceof YamlMap map && map.get("root_module") instanceof YamlMap module ? module : null;
            this.configs = configs;
            this.rootDir = rootDir;
        }

        /** The module configuration (from the plan) for an instance path like module.a[0].module.b. */
        private YamlMap module(String modulePath) {
            YamlMap current = root;
            for (String call : calls(modulePath)) {
                if (current == null || !(current.get("module_calls") instanceof YamlMap calls)
                        || !(calls.get(call) instanceof YamlMap callMap) || !(callMap.get("module") instanceof YamlMap next)) {
                    return null;
                }
                current = next;
            }
            return current;
        }

        private static List<String> calls(String modulePath) {
            List<String> names = new ArrayList<>();
            if (modulePath.isEmpty()) {
                return names;
            }
            for (String part : modulePath.split("\\.(?![^\\[]*\\])")) {
                if (part.equals("module")) {
                    continue;
                }
                int bracket = part.indexOf('[');
                names.add(bracket >= 0 ? part.substring(0, bracket) : part);
            }
            return names;
        }

        private Optional<Path> dir(String modulePath) {
            if (rootDir.isEmpty()) {
                return Optional.empty();
            }
            String key = String.join(".", calls(modulePath));
            return dirs.computeIfAbsent(key, k -> {
                Path current = rootDir.get();
                YamlMap module = root;
                for (String call : calls(modulePath)) {
                    if (module == null || !(module.get("module_calls") instanceof YamlMap calls) || !(calls.get(call) instanceof YamlMap callMap)) {
                        return Optional.empty();
                    }
                    String source = text(callMap.get("source"));
                    if (!(source.startsWith("./") || source.startsWith("../"))) {
                        Path installed = rootDir.get().resolve(".terraform/modules").resolve(k);
                        return java.nio.file.Files.isDirectory(installed) ? Optional.of(installed) : Optional.empty();
                    }
                    current = current.resolve(source).normalize();
                    module = callMap.get("module") instanceof YamlMap next ? next : null;
                }
                return Optional.of(current);
            });
        }

        Optional<Declaration> declaration(String modulePath, boolean data, String type, String name) {
            Optional<Path> dir = dir(modulePath);
            if (dir.isEmpty()) {
                return Optional.empty();
            }
            ModuleConfig config = configs.config(dir.get());
            ModuleConfig.ResourceDecl decl = data ? config.dataSources().get("data." + type + "." + name) : config.resources().get(type + "." + name);
            if (decl == null) {
                return Optional.empty();
            }
            YamlMap expressions = expressions(modulePath, data, type, name);
            return Optional.of(new Declaration(decl, decl.file(), decl.block(), expressions));
        }

        private YamlMap expressions(String modulePath, boolean data, String type, String name) {
            YamlMap module = module(modulePath);
            if (module == null || !(module.get("resources") instanceof YamlList resources)) {
                return null;
            }
            String address = (data ? "data." : "") + type + "." + name;
            for (Object element : resources) {
                if (element instanceof YamlMap resource && address.equals(resource.get("address"))
                        && resource.get("expressions") instanceof YamlMap expressions) {
                    return expressions;
                }
            }
            return null;
        }

        /** The resource an argument's expression refers to, as an instance-independent address in its module. */
        Optional<String> references(String modulePath, Optional<Declaration> declaration, String key) {
            YamlMap expressions = declaration.map(Declaration::expressions).orElse(null);
            if (expressions == null) {
                YamlMap module = module(modulePath);
                if (module == null) {
                    return Optional.empty();
                }
            }
            if (expressions == null || !(expressions.get(key) instanceof YamlMap expression)
                    || !(expression.get("references") instanceof YamlList references)) {
                return Optional.empty();
            }
            for (Object reference : references) {
                String text = String.valueOf(reference);
                String[] parts = text.split("\\.");
                if (parts.length < 2) {
                    continue;
                }
                String first = parts[0].toLowerCase(Locale.ROOT);
                if (List.of("var", "local", "module", "each", "count", "path", "terraform", "self").contains(first)) {
                    continue;
                }
                String base;
                if (first.equals("data")) {
                    if (parts.length < 3) {
                        continue;
                    }
                    base = "data." + parts[1] + "." + strip(parts[2]);
                } else {
                    base = parts[0] + "." + strip(parts[1]);
                }
                return Optional.of(modulePath.isEmpty() ? base : modulePath + "." + base);
            }
            return Optional.empty();
        }

        private static String strip(String name) {
            int bracket = name.indexOf('[');
            return bracket >= 0 ? name.substring(0, bracket) : name;
        }
    }

}
