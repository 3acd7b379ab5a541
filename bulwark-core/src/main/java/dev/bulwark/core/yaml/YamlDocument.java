package dev.bulwark.core.yaml;

/**
 * One document of a YAML stream. {@code root} is a {@link YamlMap}, a {@link YamlList}, a scalar
 * ({@code String}, {@code Long}, {@code Double}, {@code Boolean}) or null for an empty document.
 * {@code tagged} holds values written with an explicit local tag such as {@code !Ref}.
 */
public record YamlDocument(Object root, Span span, int index) {}
