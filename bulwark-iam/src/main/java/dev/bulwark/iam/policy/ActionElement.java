package dev.bulwark.iam.policy;

import dev.bulwark.iam.json.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * A statement's {@code Action} or {@code NotAction}: action names with wildcards, matched without
 * regard to case ({@code s3:get*} covers {@code s3:GetObject}). Immutable.
 */
public final class ActionElement {
    private final boolean negated;
    private final List<String> patterns;
    private final List<JsonValue.Position> positions;
    private final Glob[] globs;
    private final boolean everything;

    ActionElement(boolean negated, List<String> patterns, List<JsonValue.Position> positions) {
        this.negated = negated;
        this.patterns = List.copyOf(patterns);
        this.positions = List.copyOf(positions);
        this.globs = new Glob[patterns.size()];
        boolean all = false;
        for (int i = 0; i < globs.length; i++) {
            globs[i] = Glob.of(patterns.get(i), true);
            all |= globs[i].matchesEverything();
        }
        this.everything = all;
    }

    /** True for {@code NotAction}. */
    public boolean negated() {
        return negated;
    }

    /** The action patterns as written. */
    public List<String> patterns() {
        return patterns;
    }

    public List<JsonValue.Position> positions() {
        return positions;
    }

    /** Whether one of the patterns matches {@code action}, which must be lower case; ignores {@link #negated}. */
    public boolean listed(String action) {
        if (everything) {
            return true;
        }
        for (Glob glob : globs) {
            if (glob.matches(action)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the statement applies to {@code action} (lower case), honouring {@code NotAction}. */
    public boolean appliesTo(String action) {
        return listed(action) != negated;
    }

    /** Whether {@code action} (any case) is covered, e.g. for an analyzer asking about {@code iam:PassRole}. */
    public boolean appliesToAnyCase(String action) {
        return appliesTo(action.toLowerCase(Locale.ROOT));
    }
}
