package dev.bulwark.core.model;

import dev.bulwark.core.SourceLocation;

/**
 * Maps value paths of one resource to source ranges. Implementations are immutable and thread-safe.
 */
public interface LocationIndex {
    /**
     * The range of the value at {@code path}, or of its nearest enclosing value that exists (a
     * missing field is reported at the object that should hold it). Never null.
     */
    SourceLocation locate(String path);

    /**
     * A key for {@code path} that does not depend on line numbers or on the position of unrelated
     * siblings (list items are named by their {@code name} field when they have one). Used in
     * fingerprints.
     */
    String stableKey(String path);
}
