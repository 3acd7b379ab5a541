package dev.bulwark.aws;

import dev.bulwark.aws.hcl.Body;
import dev.bulwark.aws.mapping.TerraformMapper;
import dev.bulwark.aws.model.AwsResource;
import dev.bulwark.aws.terraform.Diagnostic;
import dev.bulwark.aws.terraform.DiskModuleFiles;
import dev.bulwark.aws.terraform.ModuleConfig;
import dev.bulwark.aws.terraform.PlanReader;
import dev.bulwark.aws.terraform.TerraformEvaluator;
import dev.bulwark.core.ScanWarning;
import dev.bulwark.core.source.FileWalker;
import dev.bulwark.core.source.SourceFile;
import dev.bulwark.core.source.SourceReader;
import dev.bulwark.core.spi.AdaptOptions;
import dev.bulwark.core.spi.ParseProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The Terraform configurations of a scan: the folders holding {@code .tf} files, which of them
 * are root modules (those no other scanned folder calls as a local module), and each root
 * evaluated with its modules and mapped to AWS resources.
 *
 * <p>A folder called as a module is evaluated through its callers, with their inputs, never on
 * its own defaults: evaluating it alone would report settings the caller overrides. Roots are
 * evaluated in parallel.
 */
final class TerraformProject {
    /** One evaluated root: its AWS resources, and what went wrong where. */
    record Stack(Path root, List<AwsResource> resources, List<ParseProblem> problems, List<ScanWarning> warnings) {}

    private TerraformProject() {}

    static List<Stack> evaluate(List<SourceFile> files, List<SourceFile> plans, List<Path> scanRoots, AdaptOptions options,
                                long maxFileBytes) {
        Map<Path, SourceFile> known = new HashMap<>();
        Map<Path, List<SourceFile>> byDir = new TreeMap<>();
        for (SourceFile file : files) {
            if (file.path().isEmpty()) {
                continue;
            }
            Path path = file.path().get().toAbsolutePath().normalize();
            known.put(path, file);
            Path dir = path.getParent();
            byDir.computeIfAbsent(dir, key -> new ArrayList<>()).add(file);
        }
        List<Path> allowed = new ArrayList<>();
        for (Path root : scanRoots) {
            Path absolute = root.toAbsolutePath().normalize();
            allowed.add(Files.isRegularFile(absolute) ? absolute.getParent() : absolute);
        }
        DiskModuleFiles moduleFiles = new DiskModuleFiles(new SourceReader(maxFileBytes), allowed, known);
        TerraformEvaluator evaluator = new TerraformEvaluator(moduleFiles);
        Set<Path> called = new HashSet<>();
        for (Path dir : byDir.keySet()) {
            ModuleConfig config = evaluator.config(dir);
            for (ModuleConfig.Declared<Body.Block> call : config.moduleCalls().values()) {
                literalSource(call.item()).ifPresent(source -> {
                    if (source.startsWith("./") || source.startsWith("../") || source.equals(".") || source.equals("..")) {
                        Path target = dir.resolve(source).normalize();
                        if (!target.equals(dir)) {
                            called.add(target);
                        }
                    }
                });
            }
        }
        // A plan is the fully resolved form of its root module: it replaces the evaluation of the
        // folder it sits in.
        Map<SourceFile, Optional<Path>> planRoots = new LinkedHashMap<>();
        Set<Path> planned = new HashSet<>();
        for (SourceFile plan : plans) {
            Optional<Path> dir = plan.path().map(path -> path.toAbsolutePath().normalize().getParent())
                    .filter(folder -> byDir.containsKey(folder) || hasTerraformFiles(folder));
            planRoots.put(plan, dir);
            dir.ifPresent(planned::add);
        }
        List<Path> roots = new ArrayList<>();
        for (Path dir : byDir.keySet()) {
            if (!called.contains(dir) && !planned.contains(dir)) {
                roots.add(dir);
            }
        }
        if (roots.isEmpty() && planned.isEmpty()) {
            // Every folder calls another: a cycle of modules. Evaluate each on its own.
            roots.addAll(byDir.keySet());
        }
        TerraformEvaluator.Options evaluatorOptions = new TerraformEvaluator.Options(cliVariables(options), options.variableFiles());
        TerraformMapper mapper = TerraformMapper.standard();
        ConcurrentLinkedQueue<Stack> stacks = new ConcurrentLinkedQueue<>();
        roots.parallelStream().forEach(root -> {
            TerraformEvaluator.Result result = evaluator.evaluate(root, evaluatorOptions);
            List<AwsResource> resources = mapper.map(result.resources());
            List<ScanWarning> warnings = new ArrayList<>();
            for (Diagnostic diagnostic : result.diagnostics()) {
                warnings.add(new ScanWarning(diagnostic.file(), diagnostic.line(), diagnostic.message()));
            }
            stacks.add(new Stack(root, resources, result.problems(), warnings));
        });
        for (Map.Entry<SourceFile, Optional<Path>> entry : planRoots.entrySet()) {
            SourceFile plan = entry.getKey();
            PlanReader.Result result = PlanReader.read(plan, evaluator, entry.getValue());
            List<ParseProblem> problems = new ArrayList<>();
            result.error().ifPresent(message -> problems.add(new ParseProblem(plan.displayPath(), Math.max(result.errorLine(), 1), 1, message)));
            Path root = entry.getValue().orElse(plan.path().map(path -> path.toAbsolutePath().getParent()).orElse(Path.of(".")));
            stacks.add(new Stack(root, mapper.map(result.resources()), problems, List.of()));
        }
        List<Stack> sorted = new ArrayList<>(stacks);
        sorted.sort((a, b) -> a.root().compareTo(b.root()));
        return sorted;
    }

    private static boolean hasTerraformFiles(Path dir) {
        try (var listing = Files.list(dir)) {
            return listing.anyMatch(path -> DiskModuleFiles.isTerraformFile(path.getFileName().toString()));
        } catch (java.io.IOException | SecurityException e) {
            return false;
        }
    }

    private static List<TerraformEvaluator.CliVariable> cliVariables(AdaptOptions options) {
        List<TerraformEvaluator.CliVariable> variables = new ArrayList<>();
        for (Map.Entry<String, String> entry : options.variables()) {
            variables.add(new TerraformEvaluator.CliVariable(entry.getKey(), entry.getValue()));
        }
        return variables;
    }

    private static Optional<String> literalSource(Body.Block call) {
        return call.body().attribute("source").flatMap(attribute -> attribute.expression() instanceof dev.bulwark.aws.hcl.Expression.Literal literal
                && literal.value() instanceof String text ? Optional.of(text) : Optional.empty());
    }

    /** The display path of a folder, for addresses of resources in shared modules. */
    static String display(Path dir) {
        return FileWalker.display(dir);
    }

}
