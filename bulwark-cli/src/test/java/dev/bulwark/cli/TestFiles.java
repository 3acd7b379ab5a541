package dev.bulwark.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files the command tests write into their temporary folders. */
final class TestFiles {
    private TestFiles() {}

    /** Writes {@code content} as UTF-8 to {@code dir/name}, creating the folders on the way; returns the file. */
    static Path write(Path dir, String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
