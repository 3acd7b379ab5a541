package dev.bulwark.iam.policy;

import dev.bulwark.iam.json.JsonValue;
import java.util.List;

/**
 * A statement's {@code Resource} or {@code NotResource}: ARN patterns, matched case-sensitively
 * and segment by segment, with policy variables substituted from the request. Immutable.
 */
public final class ResourceElement {
    private final boolean negated;
    private final List<String> patterns;
    private final List<JsonValue.Position> positions;
    private final Template[] templates;
    private final boolean everything;

    ResourceElement(boolean negated, List<String> patterns, List<JsonValue.Position> positions, boolean variables) {
        this.negated = negated;
        this.patterns = List.copyOf(patterns);
        this.positions = List.copyOf(positions);
        this.templates = new Template[patterns.size()];
        boolean all = false;
        for (int i = 0; i < templates.length; i++) {
            templates[i] = Template.parse(patterns.get(i), variables);
            all |= patterns.get(i).equals("*");
        }
        this.everything = all;
    }

    /** True for {@code NotResource}. */
    public boolean negated() {
        return negated;
    }

    public List<String> patterns() {
        return patterns;
    }

    public List<JsonValue.Position> positions() {
        return positions;
    }

    /** Whether a pattern is {@code *}. */
    public boolean listsEverything() {
        return everything;
    }

    /** Whether one of the patterns matches {@code resource}; ignores {@link #negated}. */
    public boolean listed(String resource, RequestContext context) {
        if (everything) {
            return true;
        }
        for (Template template : templates) {
            if (template.cannotMatch(resource)) {
                continue;
            }
            String marked = template.resolve(context);
            if (marked != null && ArnMatcher.matches(marked, resource)) {
                return true;
            }
        }
        return false;
    }

    /** Whether one pattern, as written (no variables resolved), matches {@code resource}. */
    public boolean listedLiterally(String resource) {
        if (everything) {
            return true;
        }
        for (Template template : templates) {
            if (template.isConstant() && ArnMatcher.matches(template.constant(), resource)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the statement applies to {@code resource}, honouring {@code NotResource}. */
    public boolean appliesTo(String resource, RequestContext context) {
        return listed(resource, context) != negated;
    }
}
