package dev.bulwark.cli;

import dev.bulwark.aws.AwsAdapter;
import dev.bulwark.core.spi.ScanAnalyzer;
import dev.bulwark.core.spi.SourceAdapter;
import dev.bulwark.core.spi.TextScanner;
import dev.bulwark.docker.DockerfileAdapter;
import dev.bulwark.iam.account.AccountAnalyzer;
import dev.bulwark.iam.rbac.RbacAnalyzer;
import dev.bulwark.kubernetes.KubernetesAdapter;
import dev.bulwark.rules.iam.IacIdentityAnalyzer;
import dev.bulwark.rules.CompiledExpressionCache;
import dev.bulwark.rules.RuleCompiler;
import dev.bulwark.rules.RuleIssue;
import dev.bulwark.rules.RuleLoader;
import dev.bulwark.rules.RuleSet;
import dev.bulwark.rules.scan.ScanOptions;
import dev.bulwark.secrets.SecretTextScanner;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The composition root: which adapters exist, how rules are loaded. Commands get what they need
 * from here; nothing else wires modules together.
 */
final class Platform {
    // Content checks run in this order: Dockerfiles (FROM or ARG first) and CloudFormation
    // templates (AWSTemplateFormatVersion or AWS:: resource types) are strict; manifests are the
    // lenient last resort for .yaml and .json files.
    private final List<SourceAdapter> adapters = List.of(new DockerfileAdapter(), new AwsAdapter(), new KubernetesAdapter());
    // Analyzers look at all resources of a scan together (who can do what).
    private final List<ScanAnalyzer> analyzers = List.of(new RbacAnalyzer(), new IacIdentityAnalyzer(this::accountAnalyzer));
    private final RuleCompiler compiler = new RuleCompiler(adapters, cache());
    private AccountAnalyzer accountAnalyzer;
    private SecretTextScanner secrets;

    List<SourceAdapter> adapters() {
        return adapters;
    }

    List<ScanAnalyzer> analyzers() {
        return analyzers;
    }

    /** The engines that read every text file (secrets), built on first use. */
    synchronized List<TextScanner> textScanners() {
        if (secrets == null) {
            secrets = SecretTextScanner.builtin();
        }
        return List.of(secrets);
    }

    /** The names {@code --scanners} accepts. */
    static List<String> scannerNames() {
        return List.of(ScanOptions.MISCONFIG, SecretTextScanner.NAME);
    }

    RuleCompiler compiler() {
        return compiler;
    }

    /**
     * The account analysis of {@code bulwark iam analyze} and of the roles and users of scanned
     * infrastructure code, built on first use.
     */
    synchronized AccountAnalyzer accountAnalyzer() {
        if (accountAnalyzer == null) {
            accountAnalyzer = AccountAnalyzer.standard();
        }
        return accountAnalyzer;
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
        for (RuleIssue issue : loaded.issues()) {
            if (!issue.isError()) {
                err.println(issue);
            }
        }
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

    /**
     * The compiled-rule cache: {@code $BULWARK_CACHE_DIR}, else {@code $XDG_CACHE_HOME/bulwark},
     * else {@code ~/.cache/bulwark}; none when {@code BULWARK_NO_CACHE} is set.
     */
    private static Optional<CompiledExpressionCache> cache() {
        if (System.getenv("BULWARK_NO_CACHE") != null) {
            return Optional.empty();
        }
        String explicit = System.getenv("BULWARK_CACHE_DIR");
        Path folder;
        if (explicit != null && !explicit.isBlank()) {
            folder = Path.of(explicit);
        } else if (System.getenv("XDG_CACHE_HOME") != null && !System.getenv("XDG_CACHE_HOME").isBlank()) {
            folder = Path.of(System.getenv("XDG_CACHE_HOME"), "bulwark");
        } else {
            String home = System.getProperty("user.home");
            if (home == null || home.isBlank()) {
                return Optional.empty();
            }
            folder = Path.of(home, ".cache", "bulwark");
        }
        return Optional.of(new CompiledExpressionCache(folder.resolve("cel"), version()));
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
