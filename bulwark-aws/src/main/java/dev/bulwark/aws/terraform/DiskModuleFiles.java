package dev.bulwark.aws.terraform;

import dev.bulwark.core.source.FileWalker;
import dev.bulwark.core.source.SourceFile;
import dev.bulwark.core.source.SourceReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Module files read from disk with the scanner's limits (size, binary, UTF-8), preferring files
 * the scanner has read already. Only files under the allowed folders are read: a configuration
 * cannot make the scanner read {@code ~/.aws/credentials} through {@code file()}. Thread-safe.
 */
public final class DiskModuleFiles implements TerraformEvaluator.ModuleFiles {
    private final SourceReader reader;
    private final List<Path> allowed;
    private final Map<Path, SourceFile> known;
    private final Map<Path, List<SourceFile>> knownDirs = new ConcurrentHashMap<>();

    /**
     * @param allowed folders whose files may be read (the scanned folders; module folders found
     *     through modules.json lie under them)
     * @param known files already read, by absolute normalized path
     */
    public DiskModuleFiles(SourceReader reader, List<Path> allowed, Map<Path, SourceFile> known) {
        this.reader = reader;
        List<Path> roots = new ArrayList<>();
        for (Path root : allowed) {
            roots.add(real(root.toAbsolutePath().normalize()));
        }
        this.allowed = List.copyOf(roots);
        this.known = new ConcurrentHashMap<>(known);
        for (Map.Entry<Path, SourceFile> entry : known.entrySet()) {
            Path dir = entry.getKey().getParent();
            String name = entry.getKey().getFileName().toString();
            if (dir != null && isTerraformFile(name) && !isOverride(name)) {
                knownDirs.computeIfAbsent(dir, key -> new ArrayList<>()).add(entry.getValue());
            }
        }
        for (List<SourceFile> files : knownDirs.values()) {
            files.sort((a, b) -> a.displayPath().compareTo(b.displayPath()));
        }
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException | SecurityException e) {
            return path;
        }
    }

    /** Whether {@code path} lies under an allowed folder, after following links. */
    public boolean mayRead(Path path) {
        Path resolved = real(path.toAbsolutePath().normalize());
        for (Path root : allowed) {
            if (resolved.startsWith(root)) {
                return true;
            }
        }
        return false;
    }

    public static boolean isTerraformFile(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".tf") || lower.endsWith(".tf.json");
    }

    /**
     * The module files of {@code dir}: in a folder the scan read, exactly the files it read (so
     * {@code --exclude} holds, and a single file scanned alone is a module of its own); elsewhere
     * (a module outside the scanned files) the Terraform files on disk. Override files are left
     * out either way.
     */
    @Override
    public List<SourceFile> terraformFiles(Path dir) {
        List<SourceFile> scanned = knownDirs.get(dir.toAbsolutePath().normalize());
        if (scanned != null) {
            return List.copyOf(scanned);
        }
        List<SourceFile> result = new ArrayList<>();
        if (!mayRead(dir)) {
            return result;
        }
        List<Path> paths;
        try (Stream<Path> listing = Files.list(dir)) {
            paths = listing.filter(Files::isRegularFile)
                    .filter(path -> isTerraformFile(path.getFileName().toString()))
                    .filter(path -> !isOverride(path.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException | SecurityException e) {
            return result;
        }
        for (Path path : paths) {
            read(path).ifPresent(result::add);
        }
        return result;
    }

    /** Override files merge into other blocks by rules this scanner does not apply; they are skipped. */
    static boolean isOverride(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("override.tf") || lower.equals("override.tf.json")
                || lower.endsWith("_override.tf") || lower.endsWith("_override.tf.json");
    }

    @Override
    public Optional<SourceFile> read(Path file) {
        Path key = file.toAbsolutePath().normalize();
        SourceFile cached = known.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (!Files.isRegularFile(key) || !mayRead(key)) {
            return Optional.empty();
        }
        SourceReader.Outcome outcome = reader.read(key, FileWalker.display(key));
        outcome.file().ifPresent(source -> known.put(key, source));
        return outcome.file();
    }
}
