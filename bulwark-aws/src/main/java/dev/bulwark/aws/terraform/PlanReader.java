package dev.bulwark.aws.terraform;

import dev.bulwark.aws.hcl.Body;
import dev.bulwark.aws.hcl.Expression;
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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Terraform plan in JSON ({@code terraform show -json plan.out}, format versions 0.x to 1.2) as
 * resource instances: the planned values of every resource that is created, updated, replaced,
 * kept or read, with what the plan marks unknown ({@code after_unknown}, at any depth) unknown,
 * and references between resources taken from the plan's configuration section (naming the
 * instance when the reference does). Deleted, forgotten and deposed objects are left out.
 * Sensitive values ({@code after_sensitive}) are in the plan in clear and are read as they are.
 *
 * <p>When the configuration is on disk next to the plan (the plan's folder is the root module),
 * each resource and each top-level argument points at its line in the {@code .tf} file, found
 * through the module calls' sources, and for registry modules through
 * {@code .terraform/modules/modules.json}; otherwise at the plan file. Instances of a module
 * called more than once share the module's lines.
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
        if (changes == null && root.get("planned_values") instanceof YamlMap) {
            // A plan of a configuration without resources has no resource_changes at all.
            return new Result(List.of(), Optional.empty(), 0);
        }
        if (!(changes instanceof YamlList list)) {
            return new Result(List.of(), Optional.of("the plan has no resource_changes (is it the output of terraform show -json PLANFILE?)"), 1);
        }
        Set<String> remaining = new HashSet<>();
        for (Object element : list) {
            if (element instanceof YamlMap change && remains(change)) {
                remaining.add(text(change.get("address")));
            }
        }
        Configuration configuration = new Configuration(root.get("configuration"), configs, rootDir, remaining);
        List<TerraformEvaluator.ResourceInstance> resources = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof YamlMap change) || !remains(change)) {
                continue;
            }
            Span span = list.elementSpan(i);
            SourceLocation planLocation = span == null ? SourceLocation.ofLine(plan.displayPath(), 1)
                    : new SourceLocation(plan.displayPath(), span.startLine(), span.startColumn(), span.startLine(), SourceLocation.END_OF_LINE);
            instance(change, planLocation, plan, configuration).ifPresent(resources::add);
        }
        return new Result(resources, Optional.empty(), 0);
    }

    /** The module part of an instance address ({@code module.a["x"]} of {@code module.a["x"].aws_s3_bucket.b[0]}), for plans without module_address. */
    private static String moduleOf(String address, boolean data, String type, String name) {
        String resource = "." + (data ? "data." : "") + type + "." + name;
        int at = address.lastIndexOf(resource);
        while (at > 0) {
            int end = at + resource.length();
            if (end == address.length() || address.charAt(end) == '[') {
                return address.substring(0, at);
            }
            at = address.lastIndexOf(resource, at - 1);
        }
        return "";
    }

    /**
     * Whether the change leaves an object behind that the configuration manages: created,
     * updated, replaced ({@code ["delete","create"]} or {@code ["create","delete"]}), kept
     * ({@code no-op}) or read (a data source). Deletions, {@code forget} (a {@code removed}
     * block) and deposed objects (left over from an earlier replacement, always deleted) do not.
     */
    private static boolean remains(YamlMap change) {
        if (change.containsKey("deposed") || text(change.get("address")).isEmpty() || text(change.get("type")).isEmpty()
                || !(change.get("change") instanceof YamlMap details) || !(details.get("after") instanceof YamlMap)) {
            return false;
        }
        List<String> actions = new ArrayList<>();
        if (details.get("actions") instanceof YamlList list) {
            for (Object action : list) {
                actions.add(String.valueOf(action));
            }
        }
        return !actions.isEmpty() && !actions.equals(List.of("delete")) && !actions.equals(List.of("forget"));
    }

    private static Optional<TerraformEvaluator.ResourceInstance> instance(YamlMap change, SourceLocation planLocation, SourceFile plan,
                                                                          Configuration configuration) {
        String address = text(change.get("address"));
        String type = text(change.get("type"));
        String name = text(change.get("name"));
        String mode = text(change.get("mode"));
        String modulePath = text(change.get("module_address"));
        if (modulePath.isEmpty() && address.startsWith("module.")) {
            modulePath = moduleOf(address, mode.equals("data"), type, name);
        }
        if (!(change.get("change") instanceof YamlMap details)) {
            return Optional.empty();
        }
        Optional<Object> instanceKey = change.containsKey("index") ? Optional.of(change.get("index")) : Optional.empty();
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
                value = withReference(value, configuration.references(modulePath, mode.equals("data"), type, name, declaration, key, instanceKey));
                if (value != null) {
                    arguments.put(key, value, at);
                }
            }
        }
        if (afterUnknown instanceof YamlMap unknowns) {
            for (String key : unknowns.keySet()) {
                if (!arguments.containsKey(key) && Boolean.TRUE.equals(unknowns.get(key)) && configured(declaration, key)) {
                    Object value = withReference(Unknown.because("known after apply"),
                            configuration.references(modulePath, mode.equals("data"), type, name, declaration, key, instanceKey));
                    arguments.put(key, value, declaration.map(decl -> argumentLocation(decl, key)).orElse(location));
                }
            }
        }
        return Optional.of(new TerraformEvaluator.ResourceInstance(address, modulePath, mode.equals("data"), type, name,
                instanceKey, arguments, location, file));
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
        private static final long MAX_MODULES_JSON = 8L * 1024 * 1024;
        private final YamlMap root;
        private final TerraformEvaluator configs;
        private final Optional<Path> rootDir;
        /** The addresses of the instances the plan leaves, to tell which instance a reference names. */
        private final Set<String> addresses;
        private final Map<String, Optional<Path>> dirs = new HashMap<>();
        private Map<String, Path> installed;

        Configuration(Object configuration, TerraformEvaluator configs, Optional<Path> rootDir, Set<String> addresses) {
            this.root = configuration instanceof YamlMap map && map.get("root_module") instanceof YamlMap module ? module : null;
            this.configs = configs;
            this.rootDir = rootDir;
            this.addresses = addresses;
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

        /**
         * Folders of installed modules by key ({@code vpc}, {@code vpc.flow}) from
         * {@code .terraform/modules/modules.json}, which terraform init writes; empty when absent.
         */
        private Map<String, Path> installed() {
            if (installed != null) {
                return installed;
            }
            installed = new HashMap<>();
            if (rootDir.isEmpty()) {
                return installed;
            }
            Path file = rootDir.get().resolve(".terraform/modules/modules.json");
            try {
                if (!java.nio.file.Files.isRegularFile(file) || java.nio.file.Files.size(file) > MAX_MODULES_JSON
                        || !file.toRealPath().startsWith(rootDir.get().toRealPath())) {
                    return installed;
                }
                String content = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
                YamlReader.Result result = YamlReader.defaults().withMaxDepth(20).read(content, file.toString());
                if (result.error().isEmpty() && result.documents().size() == 1 && result.documents().get(0).root() instanceof YamlMap map
                        && map.get("Modules") instanceof YamlList modules) {
                    for (Object element : modules) {
                        if (element instanceof YamlMap module && module.get("Key") instanceof String key
                                && module.get("Dir") instanceof String dir && !key.isEmpty()) {
                            installed.put(key, rootDir.get().resolve(dir).normalize());
                        }
                    }
                }
            } catch (java.io.IOException | SecurityException | java.io.UncheckedIOException e) {
                // Without modules.json, installed modules are looked for by their key below.
            }
            return installed;
        }

        private Optional<Path> dir(String modulePath) {
            if (rootDir.isEmpty()) {
                return Optional.empty();
            }
            List<String> calls = calls(modulePath);
            String key = String.join(".", calls);
            return dirs.computeIfAbsent(key, k -> {
                if (k.isEmpty()) {
                    return rootDir;
                }
                Path listed = installed().get(k);
                if (listed != null && java.nio.file.Files.isDirectory(listed)) {
                    return Optional.of(listed);
                }
                Path current = rootDir.get();
                YamlMap module = root;
                for (int i = 0; i < calls.size(); i++) {
                    if (module == null || !(module.get("module_calls") instanceof YamlMap callsMap)
                            || !(callsMap.get(calls.get(i)) instanceof YamlMap callMap)) {
                        return Optional.empty();
                    }
                    String source = text(callMap.get("source"));
                    if (source.startsWith("./") || source.startsWith("../")) {
                        current = current.resolve(source).normalize();
                    } else {
                        // A registry or remote module: where terraform init put it.
                        String soFar = String.join(".", calls.subList(0, i + 1));
                        Path dir = installed().getOrDefault(soFar, rootDir.get().resolve(".terraform/modules").resolve(soFar));
                        if (!java.nio.file.Files.isDirectory(dir)) {
                            return Optional.empty();
                        }
                        current = dir;
                    }
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

        /**
         * The resource an argument's expression refers to, as an address in its module: the
         * instance when the reference names one ({@code aws_s3_bucket.b[0].id}, or
         * {@code aws_s3_bucket.b[count.index].id} in a configuration on disk, read as the
         * instance with this instance's key), else the resource without instance key. The
         * references come from the plan's configuration section, with or without the .tf files.
         */
        Optional<String> references(String modulePath, boolean data, String type, String name, Optional<Declaration> declaration,
                                    String key, Optional<Object> instanceKey) {
            YamlMap expressions = declaration.map(Declaration::expressions).orElse(null);
            if (expressions == null) {
                expressions = expressions(modulePath, data, type, name);
            }
            if (expressions == null || !(expressions.get(key) instanceof YamlMap expression)
                    || !(expression.get("references") instanceof YamlList references)) {
                return Optional.empty();
            }
            List<String> texts = new ArrayList<>();
            for (Object reference : references) {
                texts.add(String.valueOf(reference));
            }
            String prefix = modulePath.isEmpty() ? "" : modulePath + ".";
            for (String text : texts) {
                Reference parsed = Reference.parse(text);
                if (parsed == null) {
                    continue;
                }
                String base = prefix + parsed.base();
                if (parsed.index() != null) {
                    String indexed = base + parsed.index();
                    return Optional.of(addresses.contains(indexed) ? indexed : base);
                }
                if (addresses.contains(base) || instanceKey.isEmpty()) {
                    return Optional.of(base);
                }
                boolean byCount = texts.contains("count.index");
                boolean byEach = texts.contains("each.key") || texts.contains("each.value");
                if (!byCount && !byEach) {
                    // A splat or a computed index: every instance.
                    return Optional.of(base);
                }
                Object instance = instanceKey.get();
                String indexed = base + "[" + (instance instanceof String keyText ? quote(keyText) : String.valueOf(instance)) + "]";
                if (declaration.isPresent() && addresses.contains(indexed)
                        && indexedBySelf(declaration.get(), key, parsed.base(), byCount ? "count.index" : "each.key")) {
                    return Optional.of(indexed);
                }
                // Some instance chosen by this one's index: which cannot be told, so none is named
                // (naming them all would give each the settings meant for another).
                return Optional.empty();
            }
            return Optional.empty();
        }

        private static String quote(String text) {
            return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }

        /** Whether every use of {@code base} in the argument's expression is indexed by {@code self} ({@code count.index} or {@code each.key}). */
        private static boolean indexedBySelf(Declaration declaration, String key, String base, String self) {
            Optional<Body.Attribute> attribute = declaration.block().body().attribute(key);
            if (attribute.isEmpty()) {
                return false;
            }
            int[] uses = new int[2];
            uses(attribute.get().expression(), base, self, uses, 0);
            return uses[0] > 0 && uses[0] == uses[1];
        }

        /** Counts uses of {@code base} ({@code uses[0]}) and those indexed by {@code self} ({@code uses[1]}). */
        private static void uses(Object node, String base, String self, int[] uses, int depth) {
            if (depth > 64 || node == null) {
                return;
            }
            if (node instanceof Expression.Index index && base.equals(path(index.source()))) {
                uses[0]++;
                if (self.equals(path(index.key()))) {
                    uses[1]++;
                }
                uses(index.key(), base, self, uses, depth + 1);
                return;
            }
            if (node instanceof Expression expression && base.equals(path(expression))) {
                uses[0]++;
                return;
            }
            if (node instanceof Record record) {
                for (java.lang.reflect.RecordComponent component : record.getClass().getRecordComponents()) {
                    Object value;
                    try {
                        value = component.getAccessor().invoke(record);
                    } catch (ReflectiveOperationException e) {
                        continue;
                    }
                    uses(value, base, self, uses, depth + 1);
                }
            } else if (node instanceof List<?> list) {
                for (Object element : list) {
                    uses(element, base, self, uses, depth + 1);
                }
            } else if (node instanceof Optional<?> optional) {
                optional.ifPresent(value -> uses(value, base, self, uses, depth + 1));
            }
        }

        /** {@code a.b.c} for a variable with attribute steps; null for anything else. */
        private static String path(Expression expression) {
            if (expression instanceof Expression.Variable variable) {
                return variable.name();
            }
            if (expression instanceof Expression.GetAttr getAttr) {
                String source = path(getAttr.source());
                return source == null ? null : source + "." + getAttr.name();
            }
            return null;
        }
    }

    /** A reference of the plan's configuration section: the resource ({@code type.name} or {@code data.type.name}) and its literal index, if any. */
    private record Reference(String base, String index) {
        private static final List<String> NOT_RESOURCES = List.of("var", "local", "module", "each", "count", "path", "terraform", "self");

        static Reference parse(String text) {
            int dot = text.indexOf('.');
            if (dot <= 0) {
                return null;
            }
            String first = text.substring(0, dot);
            if (NOT_RESOURCES.contains(first.toLowerCase(Locale.ROOT))) {
                return null;
            }
            int at = dot + 1;
            String prefix = first;
            if (first.equals("data")) {
                int next = text.indexOf('.', at);
                if (next < 0) {
                    return null;
                }
                prefix = "data." + text.substring(at, next);
                at = next + 1;
            }
            int end = at;
            while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_' || text.charAt(end) == '-')) {
                end++;
            }
            if (end == at) {
                return null;
            }
            String base = prefix + "." + text.substring(at, end);
            if (end < text.length() && text.charAt(end) == '[') {
                int close = closing(text, end);
                if (close > end) {
                    return new Reference(base, text.substring(end, close + 1));
                }
            }
            return new Reference(base, null);
        }

        /** The index of the bracket closing the one at {@code open}, skipping quoted text; -1 when there is none. */
        private static int closing(String text, int open) {
            boolean quoted = false;
            for (int i = open + 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ']') {
                    return i;
                }
            }
            return -1;
        }
    }

}
