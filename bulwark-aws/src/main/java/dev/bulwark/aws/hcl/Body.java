package dev.bulwark.aws.hcl;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The content of an HCL file or block: attributes and nested blocks, in source order.
 *
 * @param range from the first to the last character of the body (for a block: its braces)
 */
public record Body(List<Attribute> attributes, List<Block> blocks, Range range) {
    public Body {
        attributes = List.copyOf(attributes);
        blocks = List.copyOf(blocks);
        requireNonNull(range, "range is null");
    }

    public Optional<Attribute> attribute(String name) {
        for (Attribute attribute : attributes) {
            if (attribute.name().equals(name)) {
                return Optional.of(attribute);
            }
        }
        return Optional.empty();
    }

    public List<Block> blocks(String type) {
        List<Block> found = new ArrayList<>();
        for (Block block : blocks) {
            if (block.type().equals(type)) {
                found.add(block);
            }
        }
        return found;
    }

    /** {@code name = expression}; {@code range} covers the whole line(s), {@code nameRange} the name. */
    public record Attribute(String name, Expression expression, Range range, Range nameRange) {
        public Attribute {
            requireNonNull(name, "name is null");
            requireNonNull(expression, "expression is null");
        }
    }

    /** {@code type "label" ... { body }}. */
    public record Block(String type, List<String> labels, Body body, Range range) {
        public Block {
            requireNonNull(type, "type is null");
            labels = List.copyOf(labels);
            requireNonNull(body, "body is null");
        }

        public String label(int index) {
            return index < labels.size() ? labels.get(index) : "";
        }
    }
}
