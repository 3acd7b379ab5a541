package dev.bulwark.core.source;

import dev.bulwark.core.ScanWarning;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Lists the files under a scan root in sorted order. Follows symbolic links but reports loops
 * instead of entering them, skips {@code .git}, and applies exclusion globs, matched against the
 * path relative to the scanned folder and against the path as reports show it (relative to the
 * working directory), for example {@code vendor/**} or {@code **}{@code /testdata/**}. Also skips
 * {@code .terraform}, whose module copies are read through their root module.
 */
public final class FileWalker {
    private final List<PathMatcher> excludes;

    public FileWalker(List<String> excludeGlobs) {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String glob : excludeGlobs) {
            matchers.add(java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob));
        }
        this.excludes = List.copyOf(matchers);
    }

    /** A file found under the root, with the path shown to users. */
    public record Entry(Path path, String displayPath) {}

    /**
     * Walks {@code root} (a file or a folder). {@code wanted} picks files worth reading by path;
     * problems go to {@code warnings}.
     */
    public List<Entry> walk(Path root, Predicate<Path> wanted, Consumer<ScanWarning> warnings) {
        List<Entry> entries = new ArrayList<>();
        if (Files.isRegularFile(root)) {
            entries.add(new Entry(root, display(root)));
            return entries;
        }
        if (!Files.isDirectory(root)) {
            warnings.accept(new ScanWarning(display(root), 0, "not found or not a regular file or folder"));
            return entries;
        }
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), 64, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    if (!dir.equals(root)) {
                        String name = dir.getFileName().toString();
                        // .terraform holds provider binaries and copies of modules, which the
                        // Terraform adapter reads itself through modules.json.
                        if (name.equals(".git") || name.equals(".terraform") || isExcluded(root.relativize(dir)) || isExcluded(Path.of(display(dir)))) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    Path relative = root.relativize(file);
                    if (attributes.isRegularFile() && !isExcluded(relative) && !isExcluded(Path.of(display(file))) && wanted.test(file)) {
                        entries.add(new Entry(file, display(file)));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    String where = display(file);
                    if (e instanceof FileSystemLoopException) {
                        warnings.accept(new ScanWarning(where, 0, "skipped: symbolic link loop"));
                    } else {
                        warnings.accept(new ScanWarning(where, 0, "skipped: cannot read (" + e.getClass().getSimpleName() + ")"));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            warnings.accept(new ScanWarning(display(root), 0, "cannot walk folder: " + e.getMessage()));
        }
        Collections.sort(entries, (a, b) -> a.displayPath().compareTo(b.displayPath()));
        return entries;
    }

    private boolean isExcluded(Path relative) {
        for (PathMatcher matcher : excludes) {
            if (matcher.matches(relative)) {
                return true;
            }
        }
        return false;
    }

    /** The path as shown to users: relative to the working directory when inside it, with {@code /}. */
    public static String display(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath().normalize();
        Path shown = absolute.startsWith(cwd) ? cwd.relativize(absolute) : absolute;
        return toSlashes(shown);
    }

    private static String toSlashes(Path path) {
        String text = path.toString().replace('\\', '/');
        return text.isEmpty() ? "." : text;
    }
}
