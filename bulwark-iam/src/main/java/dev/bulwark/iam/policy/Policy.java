package dev.bulwark.iam.policy;

import static java.util.Objects.requireNonNull;

import dev.bulwark.iam.json.JsonValue;
import java.util.List;

/**
 * A parsed policy document. {@code name} identifies it in results (a managed policy's ARN, an
 * inline policy's name, a file name); {@code version} decides whether policy variables are
 * substituted. Immutable and thread-safe; evaluate it as often as needed.
 */
public final class Policy {
    /** The policy language version. Without {@code Version}, AWS applies 2008-10-17. */
    public enum Version {
        V2012_10_17("2012-10-17"),
        V2008_10_17("2008-10-17");

        private final String text;

        Version(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        /** Whether {@code ${...}} in values are policy variables. */
        public boolean variables() {
            return this == V2012_10_17;
        }
    }

    private final String name;
    private final Version version;
    private final String id;
    private final List<Statement> statements;
    private final JsonValue.Position position;

    Policy(String name, Version version, String id, List<Statement> statements, JsonValue.Position position) {
        this.name = requireNonNull(name, "name is null");
        this.version = requireNonNull(version, "version is null");
        this.id = requireNonNull(id, "id is null");
        this.statements = List.copyOf(statements);
        this.position = requireNonNull(position, "position is null");
    }

    public String name() {
        return name;
    }

    public Version version() {
        return version;
    }

    /** The policy's {@code Id}, or empty. */
    public String id() {
        return id;
    }

    public List<Statement> statements() {
        return statements;
    }

    public JsonValue.Position position() {
        return position;
    }

    /** The same statements under another name (a managed policy read once, attached to many principals). */
    public Policy named(String newName) {
        return new Policy(newName, version, id, statements, position);
    }

    @Override
    public String toString() {
        return name;
    }
}
