package dev.bulwark.cli;

import dev.bulwark.core.spi.SourceAdapter;

import dev.bulwark.kubernetes.KubernetesAdapter;
import dev.bulwark.rules.RuleCompiler;
import dev.bulwark.rules.RuleIssue;
import dev.bulwark.rules.RuleLoader;
import dev.bulwark.rules.RuleSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The composition root: which adapters exist, how rules are loaded. Commands get what they need
 * from here; nothing else wires modules together.
 */
final class Platform {
    private final List<SourceAdapter> adapters = List.of(new KubernetesAdapter());
    private final RuleCompiler compiler = new RuleCompiler(adapters);

    List<SourceAdapter> adapters() {
        return adapters;
    }

    RuleCompiler compiler() {
        return compiler;
    }

    /**
     * Built-in rules plus the rules of {@code folders}. Rule errors in user folders are fatal (a
     * policy that silently does not load is worse than a failed run); warnings go to {@code err}.
     */
    RuleSet loadRules(List<Path> folders, boolean includeBuiltin, PrintStream err) {
        RuleLoader loader = new RuleLoader(compiler);
        List<RuleLoader.Loaded> parts = new ArrayList<>();
        if (includeBuiltin) {
            parts.add(loader.loadBuiltin());
        }
        for (Path folder : folders) {
            parts.add(loader.loadFolder(folder));
        }
        RuleLoader.Loaded loaded = RuleLoader.combine(parts);
        List<RuleIssue> errors = loaded.errors();
        if (!errors.isEmpty()) {
            StringBuilder message = new StringBuilder("rules could not be loaded:");
            for (RuleIssue issue : errors) {
                message.append(System.lineSeparator()).append("  ").append(issue);
            }
            message.append(System.lineSeparator()).append("Run 'bulwark rules lint DIR' for details.");
            throw dev.bulwark.core.BulwarkException.userError(message.toString());
        }
        return new RuleSet(loaded.rules());
    }

    static String version() {
        Properties properties = new Properties();
        try (InputStream input = Platform.class.getResourceAsStream("/bulwark-version.properties")) {
            if (input != null) {
                properties.load(input);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }
}
