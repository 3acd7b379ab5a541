package dev.bulwark.aws.terraform;

import static java.util.Objects.requireNonNull;

import dev.bulwark.aws.hcl.Body;
import dev.bulwark.aws.hcl.Body.Attribute;
import dev.bulwark.aws.hcl.Body.Block;
import dev.bulwark.aws.hcl.Expression;
import dev.bulwark.aws.hcl.HclException;
import dev.bulwark.aws.hcl.HclParser;
import dev.bulwark.aws.hcl.Range;
import dev.bulwark.aws.hcl.TerraformJsonParser;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;
import dev.bulwark.core.source.SourceFile;
import dev.bulwark.core.spi.ParseProblem;
import dev.bulwark.core.yaml.YamlList;
import dev.bulwark.core.yaml.YamlMap;
import dev.bulwark.core.yaml.YamlReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates a Terraform root module and every module it calls into resource instances with their
 * arguments, as far as they can be known without a plan.
 *
 * <p>Design: evaluation is lazy and memoized per module instance. A reference ({@code local.x},
 * {@code aws_s3_bucket.b.arn}, {@code module.m.out}) evaluates what it names on first use, so the
 * order of declarations never matters and only what is used is computed; a reference met while it
 * is being computed is a cycle, reported with its chain, and becomes unknown. Variables take,
 * from lowest to highest precedence: defaults, {@code terraform.tfvars}, {@code *.auto.tfvars}
 * (sorted), then {@code --var-file} and {@code --var} in order. {@code count} and
 * {@code for_each} expand resources, data sources and modules into addressed instances; when they
 * are unknown, one instance stands for all with the bare address. Local modules are found by
 * path; registry and git modules through {@code .terraform/modules/modules.json}, as
 * {@code terraform init} leaves them; a module that is not present has unknown outputs.
 *
 * <p>Limits keep hostile input bounded: module nesting, module instances, resource instances,
 * count values, reference depth, and a step {@link Budget} for all the work of one root (nested
 * loops stay within every size limit and still take hours). A stack overflow or an unexpected
 * runtime error costs the value being computed, reported where it was written, not the scan. Module folders are parsed once and shared; an evaluator is
 * thread-safe and can evaluate several roots at once.
 */
public final class TerraformEvaluator {
    static final int MAX_MODULE_DEPTH = 16;
    static final int MAX_MODULE_INSTANCES = 10_000;
    static final int MAX_RESOURCE_INSTANCES = 200_000;
    static final int MAX_COUNT = 10_000;
    static final int MAX_REFERENCE_DEPTH = 300;
    private static final String TOO_DEEP = "evaluation nested too deeply (references of deep expressions); treated as unknown";

    private static String internal(RuntimeException e) {
        String message = e.getMessage() == null ? "" : " (" + Values.abbreviate(e.getMessage()) + ")";
        return "internal error " + e.getClass().getSimpleName() + message + "; treated as unknown";
    }

    /** Where module files come from: the scanner's files, or the disk for modules outside the scan. */
    public interface ModuleFiles {
        /** The {@code .tf} and {@code .tf.json} files directly in {@code dir}, sorted by name. */
        List<SourceFile> terraformFiles(Path dir);

        /** Another file ({@code .tfvars}, {@code modules.json}, a {@code file()} argument), when it may be read. */
        Optional<SourceFile> read(Path file);
    }

    /** A {@code --var name=value} as given on the command line. */
    public record CliVariable(String name, String value) {
        public CliVariable {
            requireNonNull(name, "name is null");
            requireNonNull(value, "value is null");
        }
    }

    public record Options(List<CliVariable> variables, List<Path> variableFiles) {
        public Options {
            variables = List.copyOf(variables);
            variableFiles = List.copyOf(variableFiles);
        }

        public static Options defaults() {
            return new Options(List.of(), List.of());
        }
    }

    /**
     * One instance of a resource or data source with its evaluated arguments.
     *
     * @param address the full address, e.g. {@code module.net.aws_subnet.private["a"]}
     * @param modulePath the module part of the address ({@code module.net}), empty in the root
     * @param name the name label; {@code key} the count index or for_each key, empty without one
     * @param arguments the arguments and nested blocks (blocks as lists of maps), located
     */
    public record ResourceInstance(String address, String modulePath, boolean data, String type, String name,
                                   Optional<Object> key, KnownMap arguments, SourceLocation location, SourceFile file) {}

    /** The instances of a root module tree, what could not be parsed, and what could not be evaluated. */
    public record Result(List<ResourceInstance> resources, List<ParseProblem> problems, List<Diagnostic> diagnostics,
                         List<Path> moduleDirs) {
        public Result {
            resources = List.copyOf(resources);
            problems = List.copyOf(problems);
            diagnostics = List.copyOf(diagnostics);
            moduleDirs = List.copyOf(moduleDirs);
        }
    }

    private final ModuleFiles files;
    private final Map<Path, ModuleConfig> configs = new ConcurrentHashMap<>();

    public TerraformEvaluator(ModuleFiles files) {
        this.files = files;
    }

    /** The parsed configuration of {@code dir} (cached). */
    public ModuleConfig config(Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        return configs.computeIfAbsent(key, folder -> ModuleConfig.parse(folder, files.terraformFiles(folder)));
    }

    /** Evaluates the root module in {@code rootDir} and everything it calls. Never throws for bad input. */
    public Result evaluate(Path rootDir, Options options) {
        Path root = rootDir.toAbsolutePath().normalize();
        Evaluation evaluation = new Evaluation(root, options);
        ModuleConfig config = config(root);
        ModuleInstance instance = new ModuleInstance(evaluation, config, "", "", null, List.of(root), null);
        evaluation.usedDirs.add(root);
        try {
            instance.rootVariables(options);
            instance.collect();
        } catch (StackOverflowError e) {
            evaluation.diagnose(new Diagnostic(display(root), 0, "evaluation nested too deeply; some values are treated as unknown"));
        } catch (RuntimeException e) {
            evaluation.diagnose(new Diagnostic(display(root), 0, internal(e)));
        }
        List<ParseProblem> problems = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>(evaluation.diagnostics);
        for (Path dir : evaluation.usedDirs) {
            ModuleConfig used = config(dir);
            problems.addAll(used.problems());
            diagnostics.addAll(used.diagnostics());
        }
        diagnostics = new ArrayList<>(new TreeSet<>(diagnostics));
        return new Result(evaluation.out, problems, diagnostics, new ArrayList<>(evaluation.usedDirs));
    }

    static String display(Path path) {
        return dev.bulwark.core.source.FileWalker.display(path);
    }

    /** State of one root evaluation: single-threaded. */
    private final class Evaluation {
        final Path root;
        final Options options;
        final Deque<String> stack = new ArrayDeque<>();
        final Set<Diagnostic> diagnostics = new TreeSet<>();
        final Set<Path> usedDirs = new java.util.LinkedHashSet<>();
        final List<ResourceInstance> out = new ArrayList<>();
        final Budget budget = Budget.standard();
        int moduleInstances;
        int resourceInstances;
        Map<String, Path> modulesJson;

        Evaluation(Path root, Options options) {
            this.root = root;
            this.options = options;
        }

        void diagnose(Diagnostic diagnostic) {
            if (diagnostics.size() < 1000) {
                diagnostics.add(diagnostic);
            }
        }

        /** Dir of a non-local module call, by its key path, from {@code .terraform/modules/modules.json}. */
        Optional<Path> installedModule(String key) {
            if (modulesJson == null) {
                modulesJson = readModulesJson();
            }
            return Optional.ofNullable(modulesJson.get(key));
        }

        private Map<String, Path> readModulesJson() {
            Map<String, Path> dirs = new HashMap<>();
            Optional<SourceFile> file = files.read(root.resolve(".terraform/modules/modules.json"));
            if (file.isEmpty()) {
                return dirs;
            }
            YamlReader.Result result = YamlReader.defaults().withMaxDepth(20).read(file.get().content(), "modules.json");
            if (result.error().isPresent() || result.documents().isEmpty() || !(result.documents().get(0).root() instanceof YamlMap map)) {
                diagnose(new Diagnostic(file.get().displayPath(), 0, "cannot read modules.json; modules installed by terraform init are not scanned"));
                return dirs;
            }
            if (map.get("Modules") instanceof YamlList modules) {
                for (Object element : modules) {
                    if (element instanceof YamlMap module && module.get("Key") instanceof String key && module.get("Dir") instanceof String dir) {
                        dirs.put(key, root.resolve(dir).normalize());
                    }
                }
            }
            return dirs;
        }
    }

    /** A memoized value with its evaluation state. */
    private static final class Memo {
        static final int PENDING = 0;
        static final int RUNNING = 1;
        static final int DONE = 2;
        int state;
        Object value;
    }

    @FunctionalInterface
    private interface Computation {
        Object compute() throws EvaluationException;
    }

    /** A resource or data source declaration expanded into instances. */
    private record Expansion(List<ExpandedInstance> instances, Object reference) {}

    private record ExpandedInstance(String address, Optional<Object> key, TfObject arguments) {}

    /**
     * A module call expanded into child instances: with {@code count} ({@code counted}, a list of
     * instances even when count is 1), {@code for_each} ({@code keyed}, an object by key), or
     * neither (one instance).
     */
    private record CallExpansion(List<ModuleInstance> children, Map<Object, ModuleInstance> byKey, boolean keyed,
                                 boolean unknown, boolean resolved, boolean counted) {
        CallExpansion(List<ModuleInstance> children, Map<Object, ModuleInstance> byKey, boolean keyed, boolean unknown,
                      boolean resolved) {
            this(children, byKey, keyed, unknown, resolved, false);
        }
    }

    private final class ModuleInstance {
        final Evaluation evaluation;
        final ModuleConfig config;
        /** The address prefix of this instance's resources, e.g. {@code module.a["x"].}. */
        final String prefix;
        /** The module call path, e.g. {@code a.b}, the key in modules.json. */
        final String keyPath;
        final ModuleInstance parent;
        final List<Path> ancestry;
        /** For a child: evaluates the caller's argument for a variable; null for the root. */
        final InputSource inputs;
        final Map<String, Object> rootValues = new HashMap<>();
        final Map<String, Memo> memos = new HashMap<>();

        ModuleInstance(Evaluation evaluation, ModuleConfig config, String prefix, String keyPath, ModuleInstance parent,
                       List<Path> ancestry, InputSource inputs) {
            this.evaluation = evaluation;
            this.config = config;
            this.prefix = prefix;
            this.keyPath = keyPath;
            this.parent = parent;
            this.ancestry = List.copyOf(ancestry);
            this.inputs = inputs;
        }

        String modulePath() {
            return prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1);
        }

        // ------------------------------------------------------------ memoization

        Object memo(String key, String description, SourceFile file, Range range, Computation computation) throws EvaluationException {
            Memo memo = memos.computeIfAbsent(key, k -> new Memo());
            if (memo.state == Memo.DONE) {
                return memo.value;
            }
            if (memo.state == Memo.RUNNING) {
                List<String> chain = new ArrayList<>();
                boolean inCycle = false;
                List<String> stack = new ArrayList<>(evaluation.stack);
                java.util.Collections.reverse(stack);
                for (String item : stack) {
                    if (item.equals(description)) {
                        inCycle = true;
                    }
                    if (inCycle) {
                        chain.add(item);
                    }
                }
                chain.add(description);
                throw new EvaluationException("reference cycle: " + String.join(" -> ", chain));
            }
            if (evaluation.stack.size() > MAX_REFERENCE_DEPTH) {
                throw new EvaluationException("references nested deeper than " + MAX_REFERENCE_DEPTH + " levels");
            }
            memo.state = Memo.RUNNING;
            evaluation.stack.push(description);
            try {
                memo.value = computation.compute();
            } catch (EvaluationException e) {
                evaluation.diagnose(Diagnostic.of(file, range, description + ": " + e.getMessage()));
                memo.value = Unknown.because(e.getMessage());
            } catch (StackOverflowError e) {
                memo.value = Unknown.because(TOO_DEEP);
                evaluation.diagnose(Diagnostic.of(file, range, description + ": " + TOO_DEEP));
            } catch (RuntimeException e) {
                // A case the evaluator does not handle must cost one value, not the scan.
                memo.value = Unknown.because(internal(e));
                evaluation.diagnose(Diagnostic.of(file, range, description + ": " + internal(e)));
            } finally {
                evaluation.stack.pop();
                memo.state = Memo.DONE;
            }
            return memo.value;
        }

        /** Evaluates an expression; a failure is reported at the expression and yields an unknown. */
        Object evaluateOrUnknown(Expression expression, Scope scope, SourceFile file, String what) {
            try {
                return ExpressionEvaluator.evaluate(expression, scope);
            } catch (EvaluationException e) {
                evaluation.diagnose(Diagnostic.of(file, expression.range(), "cannot evaluate " + what + ": " + e.getMessage()));
                return Unknown.because(e.getMessage());
            } catch (StackOverflowError e) {
                evaluation.diagnose(Diagnostic.of(file, expression.range(), "cannot evaluate " + what + ": " + TOO_DEEP));
                return Unknown.because(TOO_DEEP);
            } catch (RuntimeException e) {
                evaluation.diagnose(Diagnostic.of(file, expression.range(), "cannot evaluate " + what + ": " + internal(e)));
                return Unknown.because(internal(e));
            }
        }

        // ------------------------------------------------------------ variables

        void rootVariables(Options options) {
            Path dir = config.dir();
            List<Path> defaultFiles = new ArrayList<>();
            defaultFiles.add(dir.resolve("terraform.tfvars"));
            defaultFiles.add(dir.resolve("terraform.tfvars.json"));
            List<Path> auto = new ArrayList<>();
            try (var listing = Files.list(dir)) {
                listing.filter(path -> {
                    String name = path.getFileName().toString();
                    return name.endsWith(".auto.tfvars") || name.endsWith(".auto.tfvars.json");
                }).sorted().forEach(auto::add);
            } catch (java.io.IOException | SecurityException e) {
                // no folder listing, no auto files
            }
            defaultFiles.addAll(auto);
            for (Path path : defaultFiles) {
                files.read(path).ifPresent(this::applyVariableFile);
            }
            for (Path path : options.variableFiles()) {
                Optional<SourceFile> file = files.read(path.toAbsolutePath().normalize());
                if (file.isEmpty()) {
                    evaluation.diagnose(new Diagnostic(display(path), 0, "--var-file cannot be read"));
                } else {
                    applyVariableFile(file.get());
                }
            }
            for (CliVariable variable : options.variables()) {
                ModuleConfig.Declared<Block> declared = config.variables().get(variable.name());
                if (declared == null) {
                    continue;
                }
                TypeConstraint type = declared.item().body().attribute("type").map(a -> TypeConstraint.parse(a.expression()))
                        .orElse(TypeConstraint.ANY);
                Object value = variable.value();
                if (!(type instanceof TypeConstraint.Primitive primitive && primitive.name().equals("string"))
                        && !(type instanceof TypeConstraint.Any)) {
                    try {
                        value = ExpressionEvaluator.evaluate(HclParser.parseExpression(variable.value()), emptyScope(declared.file()));
                    } catch (HclException | EvaluationException e) {
                        evaluation.diagnose(new Diagnostic("--var", 0, variable.name() + ": " + e.getMessage()));
                        continue;
                    }
                }
                rootValues.put(variable.name(), value);
            }
        }

        private void applyVariableFile(SourceFile file) {
            Body body;
            try {
                body = file.fileName().endsWith(".json") ? TerraformJsonParser.parseVariables(file.content()) : HclParser.parseFile(file.content());
            } catch (HclException e) {
                evaluation.diagnose(new Diagnostic(file.displayPath(), e.line(), "cannot parse variables file: " + e.getMessage()));
                return;
            }
            for (Attribute attribute : body.attributes()) {
                Object value = evaluateOrUnknown(attribute.expression(), emptyScope(file), file, "variable " + attribute.name());
                rootValues.put(attribute.name(), value);
            }
        }

        Scope emptyScope(SourceFile file) {
            return new ModuleScope(this, file, ModuleScope.NO_REPETITION, true);
        }

        Object variable(String name, Range range, SourceFile from) throws EvaluationException {
            ModuleConfig.Declared<Block> declared = config.variables().get(name);
            if (declared == null) {
                throw new EvaluationException("reference to undeclared input variable var." + name);
            }
            return memo("var:" + name, modulePath().isEmpty() ? "var." + name : modulePath() + ".var." + name, declared.file(),
                    declared.item().range(), () -> {
                        Body body = declared.item().body();
                        TypeConstraint type = body.attribute("type").map(a -> TypeConstraint.parse(a.expression())).orElse(TypeConstraint.ANY);
                        Scope scope = emptyScope(declared.file());
                        Object value;
                        boolean given;
                        if (inputs == null) {
                            given = rootValues.containsKey(name);
                            value = rootValues.get(name);
                        } else {
                            given = inputs.has(name);
                            value = given ? inputs.value(name) : null;
                        }
                        boolean nullable = body.attribute("nullable").map(a -> !(a.expression() instanceof Expression.Literal literal
                                && Boolean.FALSE.equals(literal.value()))).orElse(true);
                        if (!given || (value == null && !nullable)) {
                            Optional<Attribute> defaultValue = body.attribute("default");
                            if (defaultValue.isPresent()) {
                                value = evaluateOrUnknown(defaultValue.get().expression(), scope, declared.file(), "the default of var." + name);
                            } else if (inputs == null) {
                                return Unknown.because("variable " + name + " has no value (set it with --var or a .tfvars file)");
                            } else {
                                return Unknown.because("module input " + name + " is not set by the caller");
                            }
                        }
                        return type.convert(value, scope);
                    });
        }

        // ------------------------------------------------------------ locals

        Object local(String name) throws EvaluationException {
            ModuleConfig.Declared<Attribute> declared = config.locals().get(name);
            if (declared == null) {
                throw new EvaluationException("reference to undeclared local value local." + name);
            }
            return memo("local:" + name, modulePath().isEmpty() ? "local." + name : modulePath() + ".local." + name, declared.file(),
                    declared.item().range(),
                    () -> ExpressionEvaluator.evaluate(declared.item().expression(),
                            new ModuleScope(this, declared.file(), ModuleScope.NO_REPETITION, false)));
        }

        // ------------------------------------------------------------ resources and data sources

        Object resource(String type, String name) throws EvaluationException {
            ModuleConfig.ResourceDecl decl = config.resources().get(type + "." + name);
            if (decl == null) {
                throw new EvaluationException("reference to undeclared resource " + type + "." + name);
            }
            return expansion(decl).reference();
        }

        Object dataSource(String type, String name) throws EvaluationException {
            ModuleConfig.ResourceDecl decl = config.dataSources().get("data." + type + "." + name);
            if (decl == null) {
                throw new EvaluationException("reference to undeclared data source data." + type + "." + name);
            }
            return expansion(decl).reference();
        }

        Expansion expansion(ModuleConfig.ResourceDecl decl) throws EvaluationException {
            Object value = memo("resource:" + decl.key(), prefix + decl.key(), decl.file(), decl.block().range(), () -> expand(decl));
            if (value instanceof Expansion expansion) {
                return expansion;
            }
            // A failure (already reported): no instances, unknown reference.
            return new Expansion(List.of(), Unknown.fromResource(prefix + decl.key(), "could not be evaluated"));
        }

        private Expansion expand(ModuleConfig.ResourceDecl decl) throws EvaluationException {
            Body body = decl.block().body();
            String base = prefix + decl.key();
            Scope scope = new ModuleScope(this, decl.file(), ModuleScope.NO_REPETITION, false);
            Optional<Attribute> count = body.attribute("count");
            Optional<Attribute> forEach = body.attribute("for_each");
            List<ExpandedInstance> instances = new ArrayList<>();
            if (count.isPresent()) {
                Object value = evaluateOrUnknown(count.get().expression(), scope, decl.file(), "count of " + base);
                if (value instanceof Unknown || value == null) {
                    TfObject arguments = arguments(decl, new Repetition(Unknown.because("count is unknown"), null, null, true));
                    instances.add(new ExpandedInstance(base, Optional.empty(), arguments));
                    return finish(decl, instances, Unknown.fromResource(base, "count is unknown"));
                }
                int n = Values.asInt(value);
                if (n < 0 || n > MAX_COUNT) {
                    throw new EvaluationException("count " + n + " is out of range (0 to " + MAX_COUNT + ")");
                }
                TfList reference = new TfList();
                for (int i = 0; i < n; i++) {
                    String address = base + "[" + i + "]";
                    TfObject arguments = arguments(decl, new Repetition(BigDecimal.valueOf(i), null, null, true));
                    instances.add(new ExpandedInstance(address, Optional.of((long) i), arguments));
                    reference.add(referenceObject(address, arguments));
                }
                return finish(decl, instances, reference);
            }
            if (forEach.isPresent()) {
                Object value = evaluateOrUnknown(forEach.get().expression(), scope, decl.file(), "for_each of " + base);
                Map<String, Object> entries = forEachEntries(value);
                if (entries == null) {
                    Unknown unknown = Unknown.because("for_each is unknown");
                    TfObject arguments = arguments(decl, new Repetition(null, unknown, unknown, false));
                    instances.add(new ExpandedInstance(base, Optional.empty(), arguments));
                    return finish(decl, instances, Unknown.fromResource(base, "for_each is unknown"));
                }
                TfObject reference = new TfObject();
                for (Map.Entry<String, Object> entry : entries.entrySet()) {
                    String address = base + "[" + addressKey(entry.getKey()) + "]";
                    TfObject arguments = arguments(decl, new Repetition(null, entry.getKey(), entry.getValue(), false));
                    instances.add(new ExpandedInstance(address, Optional.of(entry.getKey()), arguments));
                    reference.put(entry.getKey(), referenceObject(address, arguments));
                }
                return finish(decl, instances, reference);
            }
            TfObject arguments = arguments(decl, ModuleScope.NO_REPETITION);
            instances.add(new ExpandedInstance(base, Optional.empty(), arguments));
            return finish(decl, instances, referenceObject(base, arguments));
        }

        private Expansion finish(ModuleConfig.ResourceDecl decl, List<ExpandedInstance> instances, Object reference)
                throws EvaluationException {
            evaluation.resourceInstances += instances.size();
            if (evaluation.resourceInstances > MAX_RESOURCE_INSTANCES) {
                throw new EvaluationException("more than " + MAX_RESOURCE_INSTANCES + " resource instances");
            }
            return new Expansion(instances, reference);
        }

        /** for_each keys and values; null when unknown. Sets of strings use each element as key and value. */
        private Map<String, Object> forEachEntries(Object value) throws EvaluationException {
            if (value instanceof Unknown || value == null) {
                return null;
            }
            Map<String, Object> entries = new java.util.TreeMap<>();
            if (value instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    entries.put(String.valueOf(entry.getKey()), entry.getValue());
                }
                return entries;
            }
            if (value instanceof List<?> list) {
                for (Object element : list) {
                    if (element instanceof Unknown) {
                        return null;
                    }
                    String key = Values.asString(element);
                    entries.put(key, key);
                }
                return entries;
            }
            throw new EvaluationException("for_each needs a map or a set of strings, not " + Values.typeName(value));
        }

        private TfObject arguments(ModuleConfig.ResourceDecl decl, Repetition repetition) {
            Scope scope = new ModuleScope(this, decl.file(), repetition, false);
            TfObject arguments = body(decl.block().body(), scope, decl.file(), true);
            if (decl.data() && decl.type().equals("aws_iam_policy_document")) {
                Object json = PolicyDocuments.render(arguments, decl.file().displayPath());
                arguments.put("json", json, null);
            }
            return arguments;
        }

        private ResourceObject referenceObject(String address, TfObject arguments) {
            ResourceObject object = new ResourceObject(address);
            object.putAll(arguments);
            return object;
        }

        /** Evaluates a block body: attributes, nested blocks as lists, dynamic blocks expanded. */
        TfObject body(Body body, Scope scope, SourceFile file, boolean resourceLevel) {
            TfObject result = new TfObject().from(file.displayPath());
            for (Attribute attribute : body.attributes()) {
                if (resourceLevel && META_ARGUMENTS.contains(attribute.name())) {
                    continue;
                }
                Object value = evaluateOrUnknown(attribute.expression(), scope, file, attribute.name());
                result.put(attribute.name(), value, attribute.range());
            }
            Map<String, List<Object>> blocks = new LinkedHashMap<>();
            Map<String, List<Range>> ranges = new LinkedHashMap<>();
            Map<String, Unknown> unknownBlocks = new LinkedHashMap<>();
            for (Block block : body.blocks()) {
                if (resourceLevel && META_BLOCKS.contains(block.type())) {
                    continue;
                }
                if (block.type().equals("dynamic")) {
                    dynamic(block, scope, file, blocks, ranges, unknownBlocks);
                    continue;
                }
                blocks.computeIfAbsent(block.type(), key -> new ArrayList<>()).add(body(block.body(), scope, file, false));
                ranges.computeIfAbsent(block.type(), key -> new ArrayList<>()).add(block.range());
            }
            for (Map.Entry<String, List<Object>> entry : blocks.entrySet()) {
                String type = entry.getKey();
                List<Range> blockRanges = ranges.get(type);
                Range first = blockRanges.isEmpty() ? null : blockRanges.get(0);
                if (unknownBlocks.containsKey(type)) {
                    result.put(type, unknownBlocks.get(type), first);
                } else if (!result.containsKey(type)) {
                    result.put(type, new TfList(entry.getValue(), blockRanges).from(file.displayPath()), first);
                }
            }
            for (Map.Entry<String, Unknown> entry : unknownBlocks.entrySet()) {
                if (!result.containsKey(entry.getKey())) {
                    result.put(entry.getKey(), entry.getValue(), null);
                }
            }
            return result;
        }

        private void dynamic(Block block, Scope scope, SourceFile file, Map<String, List<Object>> blocks,
                             Map<String, List<Range>> ranges, Map<String, Unknown> unknownBlocks) {
            String type = block.label(0);
            Body body = block.body();
            String iterator = body.attribute("iterator").map(a -> a.expression() instanceof Expression.Variable variable
                    ? variable.name() : type).orElse(type);
            Optional<Attribute> forEach = body.attribute("for_each");
            List<Block> contents = body.blocks("content");
            blocks.computeIfAbsent(type, key -> new ArrayList<>());
            ranges.computeIfAbsent(type, key -> new ArrayList<>());
            if (forEach.isEmpty() || contents.isEmpty()) {
                evaluation.diagnose(Diagnostic.of(file, block.range(), "dynamic \"" + type + "\" needs for_each and a content block"));
                return;
            }
            Object collection = evaluateOrUnknown(forEach.get().expression(), scope, file, "for_each of dynamic \"" + type + "\"");
            if (collection instanceof Unknown unknown) {
                unknownBlocks.put(type, Unknown.because("dynamic \"" + type + "\" blocks depend on an unknown for_each"));
                return;
            }
            if (collection == null) {
                return;
            }
            List<Map.Entry<Object, Object>> entries;
            try {
                entries = ExpressionEvaluator.entries(collection);
            } catch (EvaluationException e) {
                evaluation.diagnose(Diagnostic.of(file, forEach.get().range(), "for_each of dynamic \"" + type + "\": " + e.getMessage()));
                unknownBlocks.put(type, Unknown.because(e.getMessage()));
                return;
            }
            Block content = contents.get(0);
            for (Map.Entry<Object, Object> entry : entries) {
                TfObject iteration = new TfObject();
                iteration.put("key", entry.getKey());
                iteration.put("value", entry.getValue());
                Scope inner = scope.with(iterator, iteration);
                blocks.get(type).add(body(content.body(), inner, file, false));
                ranges.get(type).add(content.range());
            }
        }

        // ------------------------------------------------------------ modules

        Object moduleValue(String name) throws EvaluationException {
            CallExpansion call = moduleCall(name);
            if (!call.resolved() || call.unknown()) {
                return Unknown.because("module." + name + " is not available");
            }
            if (call.keyed()) {
                TfObject value = new TfObject();
                for (Map.Entry<Object, ModuleInstance> entry : call.byKey().entrySet()) {
                    value.put(String.valueOf(entry.getKey()), entry.getValue().allOutputs());
                }
                return value;
            }
            if (!call.counted() && call.children().size() == 1) {
                return call.children().get(0).allOutputs();
            }
            TfList value = new TfList().kind(TfList.Kind.TUPLE);
            for (ModuleInstance child : call.children()) {
                value.add(child.allOutputs());
            }
            return value;
        }

        Object moduleOutput(String name, String output) throws EvaluationException {
            CallExpansion call = moduleCall(name);
            if (!call.resolved() || call.unknown()) {
                return Unknown.because("module." + name + " is not available");
            }
            if (call.keyed() || call.counted() || call.children().size() != 1) {
                return ExpressionEvaluator.attribute(moduleValue(name), output);
            }
            return call.children().get(0).output(output);
        }

        TfObject allOutputs() throws EvaluationException {
            TfObject outputs = new TfObject();
            for (String name : config.outputs().keySet()) {
                outputs.put(name, output(name));
            }
            return outputs;
        }

        Object output(String name) throws EvaluationException {
            ModuleConfig.Declared<Block> declared = config.outputs().get(name);
            if (declared == null) {
                throw new EvaluationException("module " + modulePath() + " has no output " + name);
            }
            return memo("output:" + name, modulePath() + ".output." + name, declared.file(), declared.item().range(), () -> {
                Optional<Attribute> value = declared.item().body().attribute("value");
                if (value.isEmpty()) {
                    return null;
                }
                return ExpressionEvaluator.evaluate(value.get().expression(), new ModuleScope(this, declared.file(), ModuleScope.NO_REPETITION, false));
            });
        }

        CallExpansion moduleCall(String name) throws EvaluationException {
            ModuleConfig.Declared<Block> declared = config.moduleCalls().get(name);
            if (declared == null) {
                throw new EvaluationException("reference to undeclared module module." + name);
            }
            Object value = memo("module:" + name, prefix + "module." + name, declared.file(), declared.item().range(),
                    () -> expandCall(name, declared));
            if (value instanceof CallExpansion expansion) {
                return expansion;
            }
            return new CallExpansion(List.of(), Map.of(), false, true, false);
        }

        private CallExpansion expandCall(String name, ModuleConfig.Declared<Block> declared) throws EvaluationException {
            Block call = declared.item();
            SourceFile file = declared.file();
            String childKeyPath = keyPath.isEmpty() ? name : keyPath + "." + name;
            Optional<Path> dir = resolveSource(call, childKeyPath, file);
            if (dir.isEmpty()) {
                return new CallExpansion(List.of(), Map.of(), false, false, false);
            }
            if (ancestry.contains(dir.get())) {
                evaluation.diagnose(Diagnostic.of(file, call.range(), "module " + name + " calls its own folder "
                        + display(dir.get()) + " (a module cycle); it is not evaluated"));
                return new CallExpansion(List.of(), Map.of(), false, false, false);
            }
            if (ancestry.size() >= MAX_MODULE_DEPTH) {
                evaluation.diagnose(Diagnostic.of(file, call.range(), "modules nested deeper than " + MAX_MODULE_DEPTH
                        + " levels; module " + name + " is not evaluated"));
                return new CallExpansion(List.of(), Map.of(), false, false, false);
            }
            ModuleConfig childConfig = config(dir.get());
            evaluation.usedDirs.add(dir.get().toAbsolutePath().normalize());
            List<Path> childAncestry = new ArrayList<>(ancestry);
            childAncestry.add(dir.get());
            Body body = call.body();
            Scope scope = new ModuleScope(this, file, ModuleScope.NO_REPETITION, false);
            String base = prefix + "module." + name;
            List<ModuleInstance> children = new ArrayList<>();
            Map<Object, ModuleInstance> byKey = new LinkedHashMap<>();
            Optional<Attribute> count = body.attribute("count");
            Optional<Attribute> forEach = body.attribute("for_each");
            if (count.isPresent()) {
                Object value = evaluateOrUnknown(count.get().expression(), scope, file, "count of module." + name);
                if (value instanceof Unknown || value == null) {
                    children.add(child(childConfig, base + ".", childKeyPath, childAncestry, call, file,
                            new Repetition(Unknown.because("count is unknown"), null, null, true)));
                    return new CallExpansion(children, Map.of(), false, true, true);
                }
                int n = Values.asInt(value);
                if (n < 0 || n > MAX_COUNT) {
                    throw new EvaluationException("count " + n + " is out of range");
                }
                for (int i = 0; i < n; i++) {
                    ModuleInstance child = child(childConfig, base + "[" + i + "].", childKeyPath, childAncestry, call, file,
                            new Repetition(BigDecimal.valueOf(i), null, null, true));
                    children.add(child);
                }
                return new CallExpansion(children, Map.of(), false, false, true, true);
            }
            if (forEach.isPresent()) {
                Object value = evaluateOrUnknown(forEach.get().expression(), scope, file, "for_each of module." + name);
                Map<String, Object> entries = forEachEntries(value);
                if (entries == null) {
                    Unknown unknown = Unknown.because("for_each is unknown");
                    children.add(child(childConfig, base + ".", childKeyPath, childAncestry, call, file,
                            new Repetition(null, unknown, unknown, false)));
                    return new CallExpansion(children, Map.of(), false, true, true);
                }
                for (Map.Entry<String, Object> entry : entries.entrySet()) {
                    ModuleInstance child = child(childConfig, base + "[" + addressKey(entry.getKey()) + "].", childKeyPath,
                            childAncestry, call, file, new Repetition(null, entry.getKey(), entry.getValue(), false));
                    children.add(child);
                    byKey.put(entry.getKey(), child);
                }
                return new CallExpansion(children, byKey, true, false, true);
            }
            children.add(child(childConfig, base + ".", childKeyPath, childAncestry, call, file, ModuleScope.NO_REPETITION));
            return new CallExpansion(children, Map.of(), false, false, true);
        }

        private ModuleInstance child(ModuleConfig childConfig, String childPrefix, String childKeyPath, List<Path> childAncestry,
                                     Block call, SourceFile file, Repetition repetition) throws EvaluationException {
            if (++evaluation.moduleInstances > MAX_MODULE_INSTANCES) {
                throw new EvaluationException("more than " + MAX_MODULE_INSTANCES + " module instances");
            }
            Scope callerScope = new ModuleScope(this, file, repetition, false);
            InputSource source = new InputSource(call.body(), callerScope, file, this);
            return new ModuleInstance(evaluation, childConfig, childPrefix, childKeyPath, this, childAncestry, source);
        }

        private Optional<Path> resolveSource(Block call, String childKeyPath, SourceFile file) {
            Optional<String> source = ModuleConfig.literalSource(call);
            if (source.isEmpty()) {
                evaluation.diagnose(Diagnostic.of(file, call.range(), "module " + call.label(0) + " has no literal source"));
                return Optional.empty();
            }
            String text = source.get();
            Path dir;
            if (text.startsWith("./") || text.startsWith("../") || text.equals(".") || text.equals("..")) {
                dir = config.dir().resolve(text).normalize();
                if (!Files.isDirectory(dir)) {
                    Optional<Path> installed = evaluation.installedModule(childKeyPath);
                    if (installed.isPresent() && Files.isDirectory(installed.get())) {
                        return installed;
                    }
                    evaluation.diagnose(Diagnostic.of(file, call.range(), "module " + call.label(0) + " source " + text
                            + " is not a folder; its resources are not scanned"));
                    return Optional.empty();
                }
                return Optional.of(dir);
            }
            Optional<Path> installed = evaluation.installedModule(childKeyPath);
            if (installed.isPresent() && Files.isDirectory(installed.get())) {
                return installed;
            }
            evaluation.diagnose(Diagnostic.of(file, call.range(), "module " + call.label(0) + " comes from " + text
                    + ", which is not downloaded here; run 'terraform init' to scan it (its outputs are unknown)"));
            return Optional.empty();
        }

        // ------------------------------------------------------------ collecting

        void collect() {
            for (ModuleConfig.ResourceDecl decl : config.resources().values()) {
                Expansion expansion;
                try {
                    expansion = expansion(decl);
                } catch (EvaluationException e) {
                    evaluation.diagnose(Diagnostic.of(decl.file(), decl.block().range(), e.getMessage()));
                    continue;
                } catch (StackOverflowError e) {
                    evaluation.diagnose(Diagnostic.of(decl.file(), decl.block().range(), TOO_DEEP));
                    continue;
                } catch (RuntimeException e) {
                    evaluation.diagnose(Diagnostic.of(decl.file(), decl.block().range(), internal(e)));
                    continue;
                }
                for (ExpandedInstance instance : expansion.instances()) {
                    SourceLocation location = KnownValues.location(decl.file().displayPath(), headerRange(decl.block()));
                    Object arguments = KnownValues.convert(instance.arguments(), decl.file().displayPath(), decl.block().range(), location);
                    KnownMap map = arguments instanceof KnownMap known ? known : new KnownMap(location);
                    map.relocate(location);
                    evaluation.out.add(new ResourceInstance(instance.address(), modulePath(), false, decl.type(), decl.name(),
                            instance.key(), map, location, decl.file()));
                }
            }
            for (String name : config.moduleCalls().keySet()) {
                CallExpansion call;
                try {
                    call = moduleCall(name);
                } catch (EvaluationException e) {
                    continue;
                }
                for (ModuleInstance child : call.children()) {
                    child.collect();
                }
            }
        }
    }

    /**
     * A for_each key as Terraform writes it in an address: an HCL quoted string, so quotes,
     * backslashes and control characters are escaped and {@code ${} / {@code %{} are doubled.
     */
    static String addressKey(String key) {
        StringBuilder out = new StringBuilder(key.length() + 2).append('"');
        for (int i = 0; i < key.length(); ) {
            int c = key.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '$', '%' -> {
                    out.appendCodePoint(c);
                    if (i < key.length() && key.charAt(i) == '{') {
                        out.appendCodePoint(c);
                    }
                }
                default -> {
                    if (printable(c)) {
                        out.appendCodePoint(c);
                    } else if (c < 0x10000) {
                        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
                    } else {
                        out.append(String.format(java.util.Locale.ROOT, "\\U%08x", c));
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Letters, marks, numbers, punctuation, symbols and the ASCII space (Go's unicode.IsPrint). */
    private static boolean printable(int c) {
        if (c == ' ') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                 Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }

    /** The first line of a block (its header), where findings about the whole resource point. */
    static Range headerRange(Block block) {
        Range range = block.range();
        return new Range(range.startLine(), range.startColumn(), range.startLine(), SourceLocation.END_OF_LINE);
    }

    static final Set<String> META_ARGUMENTS = Set.of("count", "for_each", "provider", "depends_on");
    static final Set<String> META_BLOCKS = Set.of("lifecycle", "provisioner", "connection");
    static final Set<String> CALL_META_ARGUMENTS = Set.of("source", "version", "count", "for_each", "providers", "depends_on");

    /** count.index or each.key/each.value of an instance. */
    record Repetition(Object countIndex, Object eachKey, Object eachValue, boolean counted) {}

    /** The arguments a module call passes to a child instance, evaluated lazily in the caller's scope. */
    private static final class InputSource {
        private final Body body;
        private final Scope callerScope;
        private final SourceFile file;
        private final ModuleInstance caller;

        InputSource(Body body, Scope callerScope, SourceFile file, ModuleInstance caller) {
            this.body = body;
            this.callerScope = callerScope;
            this.file = file;
            this.caller = caller;
        }

        boolean has(String name) {
            return !CALL_META_ARGUMENTS.contains(name) && body.attribute(name).isPresent();
        }

        Object value(String name) {
            Attribute attribute = body.attribute(name).orElseThrow();
            return caller.evaluateOrUnknown(attribute.expression(), callerScope, file, "module input " + name);
        }
    }

    /** What expressions in a module instance see. */
    private final class ModuleScope implements Scope {
        static final Repetition NO_REPETITION = new Repetition(null, null, null, false);

        private final ModuleInstance instance;
        private final SourceFile file;
        private final Repetition repetition;
        /** tfvars and defaults: literal values only, no references. */
        private final boolean literalOnly;
        private final TerraformFunctions.Files fileAccess;

        ModuleScope(ModuleInstance instance, SourceFile file, Repetition repetition, boolean literalOnly) {
            this.instance = instance;
            this.file = file;
            this.repetition = repetition;
            this.literalOnly = literalOnly;
            this.fileAccess = new FileAccess(instance, this);
        }

        @Override
        public String file() {
            return file.displayPath();
        }

        @Override
        public Object root(String name, Range range) throws EvaluationException {
            if (literalOnly) {
                throw new EvaluationException("variables may not be used here (" + name + ")");
            }
            switch (name) {
                case "count" -> {
                    if (!repetition.counted()) {
                        throw new EvaluationException("count.index is only available where count is set");
                    }
                    TfObject count = new TfObject();
                    count.put("index", repetition.countIndex());
                    return count;
                }
                case "each" -> {
                    if (repetition.eachKey() == null) {
                        throw new EvaluationException("each.key and each.value are only available where for_each is set");
                    }
                    TfObject each = new TfObject();
                    each.put("key", repetition.eachKey());
                    each.put("value", repetition.eachValue());
                    return each;
                }
                case "path" -> {
                    // As Terraform gives them when run in the root folder: module and root relative to it.
                    TfObject path = new TfObject();
                    String module = instance.evaluation.root.relativize(instance.config.dir()).toString().replace('\\', '/');
                    path.put("module", module.isEmpty() ? "." : module);
                    path.put("root", ".");
                    path.put("cwd", instance.evaluation.root.toString());
                    return path;
                }
                case "terraform" -> {
                    TfObject terraform = new TfObject();
                    terraform.put("workspace", "default");
                    terraform.put("applying", Boolean.FALSE);
                    return terraform;
                }
                case "self" -> {
                    return Unknown.because("self is only known in provisioners");
                }
                case "module" -> throw new EvaluationException("'module' must be followed by a module name");
                case "var", "local", "data" -> throw new EvaluationException("'" + name + "' must be followed by a name");
                default -> throw new EvaluationException("reference to undeclared name " + name);
            }
        }

        @Override
        public boolean isNamespace(String root) {
            if (literalOnly) {
                return false;
            }
            return switch (root) {
                case "var", "local", "module", "data" -> true;
                case "count", "each", "path", "terraform", "self" -> false;
                default -> root.indexOf('_') > 0;
            };
        }

        @Override
        public Object namespaced(String root, String name, Range range) throws EvaluationException {
            return switch (root) {
                case "var" -> instance.variable(name, range, file);
                case "local" -> instance.local(name);
                case "module" -> instance.moduleValue(name);
                case "data" -> null;
                default -> instance.resource(root, name);
            };
        }

        @Override
        public Object moduleOutput(String call, String output, Range range) throws EvaluationException {
            return instance.moduleOutput(call, output);
        }

        @Override
        public Object data(String type, String name, Range range) throws EvaluationException {
            return instance.dataSource(type, name);
        }

        @Override
        public TerraformFunctions.Files files() {
            return fileAccess;
        }

        @Override
        public Budget budget() {
            return instance.evaluation.budget;
        }
    }

    /** file(), templatefile() and friends: paths relative to the root module, read through {@link ModuleFiles}. */
    private final class FileAccess implements TerraformFunctions.Files {
        private final ModuleInstance instance;
        private final Scope scope;

        FileAccess(ModuleInstance instance, Scope scope) {
            this.instance = instance;
            this.scope = scope;
        }

        private Path resolve(String path) {
            return instance.evaluation.root.resolve(path).normalize();
        }

        @Override
        public Object read(String path) {
            Optional<SourceFile> file = files.read(resolve(path));
            if (file.isEmpty()) {
                return Unknown.because("file " + path + " cannot be read here");
            }
            return file.get().content();
        }

        /**
         * Whether {@code path} lies inside the root folder being evaluated, links followed: a
         * configuration may not make the scanner list or probe files elsewhere (fileset("/", "**")).
         */
        private boolean insideRoot(Path path) {
            try {
                Path root = instance.evaluation.root.toRealPath();
                return path.toRealPath().startsWith(root);
            } catch (java.io.IOException | SecurityException e) {
                return false;
            }
        }

        @Override
        public boolean exists(String path) {
            Path file = resolve(path);
            return Files.isRegularFile(file) && (insideRoot(file) || files.read(file).isPresent());
        }

        @Override
        public List<String> fileset(String path, String pattern) throws EvaluationException {
            Path base = resolve(path);
            List<String> matches = new ArrayList<>();
            if (!Files.isDirectory(base)) {
                return matches;
            }
            if (!insideRoot(base)) {
                throw new EvaluationException("fileset() of " + Values.abbreviate(path) + " is outside the scanned folder");
            }
            java.nio.file.PathMatcher matcher = base.getFileSystem().getPathMatcher("glob:" + pattern);
            try (var walk = Files.walk(base, 8)) {
                walk.limit(100_000).filter(Files::isRegularFile).forEach(file -> {
                    Path relative = base.relativize(file);
                    if (matcher.matches(relative) && matches.size() < 10_000) {
                        matches.add(relative.toString().replace('\\', '/'));
                    }
                });
            } catch (java.io.IOException | SecurityException e) {
                return matches;
            }
            java.util.Collections.sort(matches);
            return matches;
        }

        /** Templates being rendered: Terraform refuses templatefile() inside a template, which could recurse forever. */
        private int rendering;

        @Override
        public Object render(String template, Map<String, Object> variables) throws EvaluationException {
            if (rendering > 0) {
                throw new EvaluationException("templatefile() cannot be called from inside a template");
            }
            Expression parsed;
            try {
                parsed = HclParser.parseTemplate(template, 1, 1);
            } catch (HclException e) {
                throw new EvaluationException("template does not parse: " + e.getMessage());
            }
            Scope templateScope = new TemplateScope(variables, scope);
            rendering++;
            try {
                return ExpressionEvaluator.evaluate(parsed, templateScope);
            } finally {
                rendering--;
            }
        }
    }

    /** A templatefile()'s scope: only its variables and functions. */
    private static final class TemplateScope implements Scope {
        private final Map<String, Object> variables;
        private final Scope outer;

        TemplateScope(Map<String, Object> variables, Scope outer) {
            this.variables = variables;
            this.outer = outer;
        }

        @Override
        public String file() {
            return outer.file();
        }

        @Override
        public Object root(String name, Range range) throws EvaluationException {
            if (!variables.containsKey(name)) {
                throw new EvaluationException("the template uses " + name + ", which templatefile() was not given");
            }
            return variables.get(name);
        }

        @Override
        public Object namespaced(String root, String name, Range range) {
            return null;
        }

        @Override
        public boolean isNamespace(String root) {
            return false;
        }

        @Override
        public Object data(String type, String name, Range range) throws EvaluationException {
            throw new EvaluationException("templates cannot read data sources");
        }

        @Override
        public TerraformFunctions.Files files() {
            return outer.files();
        }

        @Override
        public Budget budget() {
            return outer.budget();
        }
    }
}
