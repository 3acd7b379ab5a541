package dev.bulwark.detect;

import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.source.SigmaFiles;
import dev.bulwark.detect.sigma.SigmaFilter;
import dev.bulwark.detect.sigma.SigmaLoader;
import dev.bulwark.detect.sigma.SigmaProblem;
import dev.bulwark.detect.sigma.SigmaRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A set of Sigma rules, filters and correlation documents (read against the whole set when a
 * {@link Detector} is built), from Bulwark's built-in pack or from rule folders, with the
 * problems of the documents that did not load. Folders are walked recursively for {@code .yml}
 * and {@code .yaml} files in path order, taking those with a top-level {@code detection},
 * {@code correlation} or {@code logsource} key ({@link SigmaFiles}); a file named directly is
 * always read. Symbolic links are not followed. Immutable.
 */
public record RulePack(List<SigmaRule> rules, List<SigmaFilter> filters, List<SigmaProblem> problems,
                       List<SigmaLoader.CorrelationDocument> correlations) {
    /** The built-in rules live under this resource folder, listed in its {@code index.txt}. */
    public static final String BUILTIN = "bulwark/detect/rules/";
    static final int MAX_FILES = 100_000;

    public RulePack {
        rules = List.copyOf(rules);
        filters = List.copyOf(filters);
        problems = List.copyOf(problems);
        correlations = List.copyOf(correlations);
    }

    /** A pack without correlations. */
    public RulePack(List<SigmaRule> rules, List<SigmaFilter> filters, List<SigmaProblem> problems) {
        this(rules, filters, problems, List.of());
    }

    public static RulePack empty() {
        return new RulePack(List.of(), List.of(), List.of(), List.of());
    }

    /** What one load produced, as a pack. */
    public static RulePack of(SigmaLoader.Result result) {
        return new RulePack(result.rules(), result.filters(), result.problems(), result.correlations());
    }

    /** The built-in detections. A built-in rule that does not load is a bug the build's tests catch. */
    public static RulePack builtin(SigmaLoader loader) {
        List<String> files = new ArrayList<>();
        for (String line : resource(BUILTIN + "index.txt").split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                files.add(line.strip());
            }
        }
        RulePack pack = empty();
        for (String file : files) {
            pack = pack.plus(of(loader.load(resource(BUILTIN + file), "builtin:" + file)));
        }
        return pack;
    }

    /** Every rule file under {@code paths} (files or folders). A path that does not exist is a problem, not an exception. */
    public static RulePack load(List<Path> paths, SigmaLoader loader) {
        List<SigmaProblem> problems = new ArrayList<>();
        RulePack pack = empty();
        for (Path path : paths) {
            for (Path file : files(path, problems)) {
                pack = pack.plus(of(loader.load(file)));
            }
        }
        return pack.plus(new RulePack(List.of(), List.of(), problems));
    }

    /** This pack and {@code other} together. */
    public RulePack plus(RulePack other) {
        List<SigmaRule> allRules = new ArrayList<>(rules);
        allRules.addAll(other.rules);
        List<SigmaFilter> allFilters = new ArrayList<>(filters);
        allFilters.addAll(other.filters);
        List<SigmaProblem> allProblems = new ArrayList<>(problems);
        allProblems.addAll(other.problems);
        List<SigmaLoader.CorrelationDocument> allCorrelations = new ArrayList<>(correlations);
        allCorrelations.addAll(other.correlations);
        return new RulePack(allRules, allFilters, allProblems, allCorrelations);
    }

    private static List<Path> files(Path path, List<SigmaProblem> problems) {
        String name = path.toString().replace('\\', '/');
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            problems.add(new SigmaProblem(SourceLocation.ofLine(name, 1), "no such rule file or folder"));
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(path)) {
            // In a folder, YAML files that are not Sigma (Bulwark's own rules, fixtures) are not rules here.
            List<Path> files = walk.filter(Files::isRegularFile).filter(RulePack::isRuleFile).filter(SigmaFiles::isSigma).sorted()
                    .limit(MAX_FILES + 1L).toList();
            if (files.size() > MAX_FILES) {
                problems.add(new SigmaProblem(SourceLocation.ofLine(name, 1), "more than " + MAX_FILES + " rule files; the rest are left out"));
                return files.subList(0, MAX_FILES);
            }
            return files;
        } catch (IOException | UncheckedIOException e) {
            problems.add(new SigmaProblem(SourceLocation.ofLine(name, 1), "cannot read the folder: " + e.getMessage()));
            return List.of();
        }
    }

    private static boolean isRuleFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yml") || name.endsWith(".yaml");
    }

    private static String resource(String name) {
        try (InputStream in = RulePack.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
