package dev.bulwark.rules;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.RuleInfo;
import dev.cel.runtime.CelRuntime;
import java.util.Set;

/**
 * A compiled rule: its metadata, the resource kinds it applies to (groups expanded; empty means
 * every kind of its target) and its CEL program. Immutable and shared by all threads.
 */
public final class Rule {
    private final RuleDefinition definition;
    private final Set<String> kinds;
    private final CelRuntime.Program program;

    Rule(RuleDefinition definition, Set<String> kinds, CelRuntime.Program program) {
        this.definition = requireNonNull(definition, "definition is null");
        this.kinds = Set.copyOf(kinds);
        this.program = requireNonNull(program, "program is null");
    }

    public RuleInfo info() {
        return definition.info();
    }

    public String id() {
        return definition.info().id();
    }

    public RuleDefinition definition() {
        return definition;
    }

    public Set<String> kinds() {
        return kinds;
    }

    public boolean appliesTo(String target, String kind) {
        return definition.info().target().equals(target) && (kinds.isEmpty() || kinds.contains(kind));
    }

    CelRuntime.Program program() {
        return program;
    }

    @Override
    public String toString() {
        return id();
    }
}
