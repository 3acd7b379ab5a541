package dev.bulwark.core.spi;

import dev.bulwark.core.model.Resource;
import dev.bulwark.core.source.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns one kind of input into resources for one rule target. Implementations are stateless and
 * thread-safe: the scanner calls {@link #adapt} for many files at once.
 */
public interface SourceAdapter {
    /** The rule target this adapter feeds, e.g. {@code kubernetes}. */
    String target();

    /** The input format name used for fix snippets and reports, e.g. {@code kubernetes}. */
    default String format() {
        return target();
    }

    /**
     * The variables a rule of this target may use, with a one-line description each (shown by
     * {@code bulwark rules lint} and the README). Every resource binds all of them.
     */
    Map<String, String> variables();

    /** The resource kinds this adapter produces, plus named groups of kinds (such as {@code workload}). */
    Map<String, List<String>> kindGroups();

    /** Whether {@code fileName} (lower-cased, without folders) is an input of this adapter. */
    boolean acceptsName(String fileName);

    /** Whether content read from standard input looks like an input of this adapter. */
    boolean acceptsContent(String content);

    /**
     * The classpath folder holding this target's built-in rules (for example
     * {@code bulwark/rules/kubernetes}), with fixtures in a {@code fixtures} subfolder.
     */
    String builtinRulesFolder();

    /** Parses the file. Problems in the file come back in the result; this never throws for bad input. */
    AdaptResult adapt(SourceFile file);

    /** {@link #adapt(SourceFile)} with the user's input values (Terraform variables, CloudFormation parameters). */
    default AdaptResult adapt(SourceFile file, AdaptOptions options) {
        return adapt(file);
    }

    /** The input format of one resource, for its fix snippet; by default {@link #format()}. */
    default String format(Resource resource) {
        return format();
    }

    /**
     * Whether {@code file} is adapted together with others rather than alone: a Terraform module
     * is a folder of files, and a plan points back into them. Such files are handed to
     * {@link #adaptGroup}.
     */
    default boolean groupsFile(SourceFile file) {
        return false;
    }

    /**
     * Adapts every file of a scan for which {@link #groupsFile} holds, at once. The result names
     * each file with resources, problems or warnings, including files the adapter read itself
     * (modules outside the scanned folders). Called once per scan; may run work in parallel in the
     * calling fork-join pool. Never throws for bad input.
     *
     * @param roots the folders and files being scanned; the adapter must not read outside them
     */
    default List<FileResult> adaptGroup(List<SourceFile> files, List<Path> roots, AdaptOptions options) {
        List<FileResult> results = new ArrayList<>();
        for (SourceFile file : files) {
            results.add(new FileResult(file, adapt(file, options)));
        }
        return results;
    }

    /** The control lists of the compliance frameworks this adapter's rules map to, where it has them. */
    default List<dev.bulwark.core.FrameworkCatalog> frameworks() {
        return List.of();
    }

    /**
     * Variables that depend on every resource of the scan (for example which namespaces have a
     * NetworkPolicy), bound for each resource of this target. Called once, after all files are read.
     */
    default Map<String, Object> scanVariables(List<Resource> resources) {
        return Map.of();
    }
}
