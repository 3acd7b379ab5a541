package dev.bulwark.rules;

import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.ErrorCode;
import dev.bulwark.core.spi.SourceAdapter;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Finds rule files (built-in ones on the classpath and user folders), parses and compiles them.
 * Rule files are the {@code .yaml}/{@code .yml} files of a folder and its subfolders, except
 * those under a folder named {@code fixtures} and Sigma rule files ({@code SigmaFiles}). Compilation runs in parallel; results are sorted.
 */
public final class RuleLoader {
    private final RuleCompiler compiler;

    public RuleLoader(RuleCompiler compiler) {
        this.compiler = compiler;
    }

    public RuleCompiler compiler() {
        return compiler;
    }

    /** Compiled rules and every issue met on the way (warnings included). */
    public record Loaded(List<Rule> rules, List<RuleIssue> issues) {
        public Loaded {
            rules = List.copyOf(rules);
            List<RuleIssue> sorted = new ArrayList<>(issues);
            Collections.sort(sorted);
            issues = List.copyOf(sorted);
        }

        public List<RuleIssue> errors() {
            return issues.stream().filter(RuleIssue::isError).toList();
        }
    }

    /** Loads the built-in rules of every adapter the compiler knows. */
    public Loaded loadBuiltin() {
        List<Path> files = new ArrayList<>();
        for (String target : compiler.targets()) {
            SourceAdapter adapter = compiler.adapter(target).orElseThrow();
            Path folder = classpathFolder(adapter.builtinRulesFolder(), adapter.getClass().getClassLoader());
            files.addAll(ruleFiles(folder));
        }
        return load(files, "builtin:");
    }

    /** Loads the rules under {@code folder} (a folder, or a single rule file). */
    public Loaded loadFolder(Path folder) {
        if (!Files.exists(folder)) {
            throw BulwarkException.userError("rule folder " + folder + " does not exist");
        }
        return load(ruleFiles(folder), "");
    }

    /** Loads several sources and rejects duplicate ids across them. */
    public static Loaded combine(List<Loaded> parts) {
        List<Rule> rules = new ArrayList<>();
        List<RuleIssue> issues = new ArrayList<>();
        Map<String, Rule> seen = new HashMap<>();
        for (Loaded part : parts) {
            issues.addAll(part.issues());
            for (Rule rule : part.rules()) {
                Rule previous = seen.putIfAbsent(rule.id(), rule);
                if (previous != null) {
                    issues.add(RuleIssue.error(rule.info().source(), 1, 1, "duplicate rule id " + rule.id()
                            + " (also defined in " + previous.info().source() + ")"));
                } else {
                    rules.add(rule);
                }
            }
        }
        return new Loaded(rules, issues);
    }

    private Loaded load(List<Path> files, String sourcePrefix) {
        Map<Path, RuleCompiler.Compiled> compiled = new ConcurrentHashMap<>();
        Map<Path, List<RuleIssue>> parseIssues = new ConcurrentHashMap<>();
        files.parallelStream().forEach(file -> {
            String name = sourcePrefix + displayName(file, sourcePrefix);
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                parseIssues.put(file, List.of(RuleIssue.error(name, 0, 0, "cannot read: " + e.getMessage())));
                return;
            }
            RuleParser.Parsed parsed = RuleParser.parse(text, name, Optional.ofNullable(file.getParent()));
            parseIssues.put(file, parsed.issues());
            parsed.definition().ifPresent(definition -> compiled.put(file, compiler.compile(definition)));
        });
        List<Rule> rules = new ArrayList<>();
        List<RuleIssue> issues = new ArrayList<>();
        List<RuleIssue> duplicateIssues = new ArrayList<>();
        Map<String, String> ids = new HashMap<>();
        for (Path file : files) {
            issues.addAll(parseIssues.getOrDefault(file, List.of()));
            RuleCompiler.Compiled result = compiled.get(file);
            if (result == null) {
                continue;
            }
            issues.addAll(result.issues());
            result.rule().ifPresent(rule -> {
                String previous = ids.putIfAbsent(rule.id(), rule.info().source());
                if (previous != null) {
                    duplicateIssues.add(RuleIssue.error(rule.info().source(), 1, 1,
                            "duplicate rule id " + rule.id() + " (also defined in " + previous + ")"));
                } else {
                    rules.add(rule);
                }
            });
        }
        issues.addAll(duplicateIssues);
        return new Loaded(rules, issues);
    }

    private static String displayName(Path file, String prefix) {
        if (!prefix.isEmpty()) {
            return file.toString().replaceFirst("^/", "");
        }
        return dev.bulwark.core.source.FileWalker.display(file);
    }

    static List<Path> ruleFiles(Path folder) {
        if (Files.isRegularFile(folder)) {
            return List.of(folder);
        }
        try (Stream<Path> walk = Files.walk(folder, 8)) {
            return walk.filter(Files::isRegularFile)
                    .filter(path -> {
                        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
                        return name.endsWith(".yaml") || name.endsWith(".yml");
                    })
                    .filter(path -> !isUnderFixtures(folder, path))
                    // Sigma detection rules may sit beside Bulwark rules; bulwark detect reads them.
                    .filter(path -> !dev.bulwark.core.source.SigmaFiles.isSigma(path))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new BulwarkException(ErrorCode.USER_ERROR, "cannot list rule folder " + folder + ": " + e.getMessage());
        }
    }

    private static boolean isUnderFixtures(Path root, Path file) {
        Path relative = root.relativize(file);
        for (Path part : relative) {
            if (part.toString().equals("fixtures")) {
                return true;
            }
        }
        return false;
    }

    /** A classpath folder as a {@link Path}, opening the jar's file system when needed. */
    static Path classpathFolder(String folder, ClassLoader loader) {
        URL url = loader.getResource(folder);
        if (url == null) {
            throw new BulwarkException(ErrorCode.INTERNAL_ERROR, "built-in rule folder " + folder + " is missing from the classpath");
        }
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                FileSystem fileSystem;
                try {
                    fileSystem = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fileSystem = FileSystems.getFileSystem(uri);
                }
                return fileSystem.getPath(folder);
            }
            return Path.of(uri);
        } catch (URISyntaxException | IOException e) {
            throw new BulwarkException(ErrorCode.INTERNAL_ERROR, "cannot open built-in rules at " + url + ": " + e.getMessage(), e);
        }
    }
}
