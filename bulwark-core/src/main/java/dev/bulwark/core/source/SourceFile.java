package dev.bulwark.core.source;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The text of one input, already checked against the size, binary and encoding limits.
 *
 * @param displayPath the path shown to users, relative to the scan root with {@code /}
 *     separators; {@code -} for standard input
 * @param path the file on disk, empty for standard input
 */
public record SourceFile(String displayPath, Optional<Path> path, String content) {
    public SourceFile {
        requireNonNull(displayPath, "displayPath is null");
        requireNonNull(path, "path is null");
        requireNonNull(content, "content is null");
    }

    public static SourceFile of(String displayPath, String content) {
        return new SourceFile(displayPath, Optional.empty(), content);
    }

    /** The file name without folders, lower-cased, for format detection. */
    public String fileName() {
        String name = path.map(p -> p.getFileName() == null ? "" : p.getFileName().toString()).orElse(displayPath);
        int slash = name.lastIndexOf('/');
        return (slash >= 0 ? name.substring(slash + 1) : name).toLowerCase(Locale.ROOT);
    }

    public boolean isStdin() {
        return path.isEmpty();
    }

    /** The lines of the content, without terminators. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int length = content.length();
        for (int i = 0; i < length; i++) {
            char c = content.charAt(i);
            if (c == '\n') {
                int end = i > start && content.charAt(i - 1) == '\r' ? i - 1 : i;
                lines.add(content.substring(start, end));
                start = i + 1;
            }
        }
        if (start < length) {
            lines.add(content.substring(start));
        }
        return Collections.unmodifiableList(lines);
    }
}
