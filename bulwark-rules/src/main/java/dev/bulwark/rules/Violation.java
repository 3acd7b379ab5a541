package dev.bulwark.rules;

/** One value a rule reported: its path in the resource (empty for the resource) and an optional message. */
public record Violation(String path, String message) {}
