package dev.bulwark.core.yaml;

/** A 1-based source range inside one YAML stream. */
public record Span(int startLine, int startColumn, int endLine, int endColumn) {}
