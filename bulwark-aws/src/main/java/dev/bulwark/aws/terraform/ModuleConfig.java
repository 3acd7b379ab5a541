package dev.bulwark.aws.terraform;

import dev.bulwark.aws.hcl.Body;
import dev.bulwark.aws.hcl.Body.Attribute;
import dev.bulwark.aws.hcl.Body.Block;
import dev.bulwark.aws.hcl.HclException;
import dev.bulwark.aws.hcl.HclParser;
import dev.bulwark.aws.hcl.TerraformJsonParser;
import dev.bulwark.core.source.SourceFile;
import dev.bulwark.core.spi.ParseProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration of one Terraform module: the declarations of every {@code .tf} and
 * {@code .tf.json} file of its folder, not yet evaluated. Parsed once per folder and shared by
 * every instance of the module. Immutable after construction.
 */
public final class ModuleConfig {
    /** A parsed file of the module. */
    public record File(SourceFile source, Body body) {}

    /** A declaration and the file it is written in. */
    public record Declared<T>(T item, SourceFile file) {}

    /** {@code resource "type" "name"} or {@code data "type" "name"}. */
    public record ResourceDecl(boolean data, String type, String name, Block block, SourceFile file) {
        /** {@code aws_s3_bucket.logs} or {@code data.aws_iam_policy_document.x}, without module path or index. */
        public String key() {
            return (data ? "data." : "") + type + "." + name;
        }
    }

    private final Path dir;
    private final List<File> files;
    private final Map<String, Declared<Block>> variables = new LinkedHashMap<>();
    private final Map<String, Declared<Attribute>> locals = new LinkedHashMap<>();
    private final Map<String, ResourceDecl> resources = new LinkedHashMap<>();
    private final Map<String, ResourceDecl> dataSources = new LinkedHashMap<>();
    private final Map<String, Declared<Block>> moduleCalls = new LinkedHashMap<>();
    private final Map<String, Declared<Block>> outputs = new LinkedHashMap<>();
    private final List<ParseProblem> problems = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private ModuleConfig(Path dir, List<File> files) {
        this.dir = dir;
        this.files = List.copyOf(files);
    }

    /** Parses the files of one module folder; syntax errors become {@link #problems()}. */
    public static ModuleConfig parse(Path dir, List<SourceFile> sources) {
        List<File> parsed = new ArrayList<>();
        List<ParseProblem> problems = new ArrayList<>();
        for (SourceFile source : sources) {
            try {
                Body body = source.fileName().endsWith(".json") ? TerraformJsonParser.parseFile(source.content())
                        : HclParser.parseFile(source.content());
                parsed.add(new File(source, body));
            } catch (HclException e) {
                problems.add(new ParseProblem(source.displayPath(), e.line(), e.column(), e.getMessage()));
            } catch (StackOverflowError e) {
                problems.add(new ParseProblem(source.displayPath(), 1, 1, "nesting too deep"));
            } catch (RuntimeException e) {
                // Input the parsers do not expect costs this file, not the scan.
                problems.add(new ParseProblem(source.displayPath(), 1, 1, "cannot parse: " + e.getClass().getSimpleName()));
            }
        }
        ModuleConfig config = new ModuleConfig(dir, parsed);
        config.problems.addAll(problems);
        for (File file : parsed) {
            config.collect(file);
        }
        return config;
    }

    private void collect(File file) {
        SourceFile source = file.source();
        for (Block block : file.body().blocks()) {
            switch (block.type()) {
                case "variable" -> declare(variables, "variable", block, source);
                case "output" -> declare(outputs, "output", block, source);
                case "module" -> declare(moduleCalls, "module", block, source);
                case "locals" -> {
                    for (Attribute attribute : block.body().attributes()) {
                        Declared<Attribute> previous = locals.putIfAbsent(attribute.name(), new Declared<>(attribute, source));
                        if (previous != null) {
                            diagnostics.add(Diagnostic.of(source, attribute.range(), "local." + attribute.name()
                                    + " is declared twice (also at " + previous.file().displayPath() + ":" + previous.item().range().startLine() + ")"));
                        }
                    }
                }
                case "resource", "data" -> {
                    if (block.labels().size() != 2) {
                        problems.add(new ParseProblem(source.displayPath(), block.range().startLine(), block.range().startColumn(),
                                block.type() + " block needs two labels, a type and a name"));
                        continue;
                    }
                    boolean data = block.type().equals("data");
                    ResourceDecl decl = new ResourceDecl(data, block.label(0), block.label(1), block, source);
                    Map<String, ResourceDecl> target = data ? dataSources : resources;
                    ResourceDecl previous = target.putIfAbsent(decl.key(), decl);
                    if (previous != null) {
                        diagnostics.add(Diagnostic.of(source, block.range(), decl.key() + " is declared twice (also at "
                                + previous.file().displayPath() + ":" + previous.block().range().startLine() + ")"));
                    }
                }
                default -> {
                    // terraform, provider, moved, import, check, removed: not evaluated.
                }
            }
        }
    }

    private void declare(Map<String, Declared<Block>> into, String kind, Block block, SourceFile source) {
        if (block.labels().size() != 1) {
            problems.add(new ParseProblem(source.displayPath(), block.range().startLine(), block.range().startColumn(),
                    kind + " block needs one label, its name"));
            return;
        }
        Declared<Block> previous = into.putIfAbsent(block.label(0), new Declared<>(block, source));
        if (previous != null) {
            diagnostics.add(Diagnostic.of(source, block.range(), kind + " " + block.label(0) + " is declared twice (also at "
                    + previous.file().displayPath() + ":" + previous.item().range().startLine() + ")"));
        }
    }

    public Path dir() {
        return dir;
    }

    public List<File> files() {
        return files;
    }

    public Map<String, Declared<Block>> variables() {
        return variables;
    }

    public Map<String, Declared<Attribute>> locals() {
        return locals;
    }

    /** Managed resources by {@code type.name}. */
    public Map<String, ResourceDecl> resources() {
        return resources;
    }

    /** Data sources by {@code data.type.name}. */
    public Map<String, ResourceDecl> dataSources() {
        return dataSources;
    }

    public Map<String, Declared<Block>> moduleCalls() {
        return moduleCalls;
    }

    public Map<String, Declared<Block>> outputs() {
        return outputs;
    }

    public List<ParseProblem> problems() {
        return problems;
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** Whether any file declares resource type {@code type} (so {@code type.name} is a reference). */
    boolean declaresResourceType(String type) {
        for (ResourceDecl decl : resources.values()) {
            if (decl.type().equals(type)) {
                return true;
            }
        }
        return false;
    }

    /** The literal {@code source} of a module call, if written as a plain string. */
    static Optional<String> literalSource(Block call) {
        return call.body().attribute("source").flatMap(attribute -> attribute.expression() instanceof dev.bulwark.aws.hcl.Expression.Literal literal
                && literal.value() instanceof String text ? Optional.of(text) : Optional.empty());
    }
}
