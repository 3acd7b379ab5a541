package dev.bulwark.core.spi;

import dev.bulwark.core.model.Resource;
import dev.bulwark.core.source.SourceFile;
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

    /**
     * Variables that depend on every resource of the scan (for example which namespaces have a
     * NetworkPolicy), bound for each resource of this target. Called once, after all files are read.
     */
    default Map<String, Object> scanVariables(List<Resource> resources) {
        return Map.of();
    }
}
