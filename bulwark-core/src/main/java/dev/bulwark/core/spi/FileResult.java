package dev.bulwark.core.spi;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.source.SourceFile;

/** What an adapter made of one file, when it adapts files together ({@link SourceAdapter#adaptGroup}). */
public record FileResult(SourceFile file, AdaptResult result) {
    public FileResult {
        requireNonNull(file, "file is null");
        requireNonNull(result, "result is null");
    }
}
