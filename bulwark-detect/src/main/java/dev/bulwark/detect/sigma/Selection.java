package dev.bulwark.detect.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.detect.event.LogEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A compiled search identifier or one part of it. Immutable and thread-safe.
 */
sealed interface Selection {
    boolean matches(LogEvent event);

    Requirement requirement();

    /** A map: every item holds. */
    record AllOf(List<Selection> items) implements Selection {
        public AllOf {
            items = List.copyOf(items);
        }

        @Override
        public boolean matches(LogEvent event) {
            for (int i = 0; i < items.size(); i++) {
                if (!items.get(i).matches(event)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Requirement requirement() {
            Requirement result = Requirement.NONE;
            for (Selection item : items) {
                result = result.and(item.requirement());
            }
            return result;
        }
    }

    /** A list of maps: any of them holds. */
    record AnyOf(List<Selection> items) implements Selection {
        public AnyOf {
            items = List.copyOf(items);
        }

        @Override
        public boolean matches(LogEvent event) {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).matches(event)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public Requirement requirement() {
            Requirement result = items.get(0).requirement();
            for (int i = 1; i < items.size(); i++) {
                result = result.or(items.get(i).requirement());
            }
            return result;
        }
    }

    /**
     * {@code field|modifiers: values}. The values are OR-linked ({@code all}: AND-linked); a field
     * holding an array matches a value when any element does. A {@code null} value matches a
     * missing or null field. {@code negated} ({@code neq}): the field is present, not null, and
     * matches none of the values (with {@code fieldref}, the other field must be present too).
     */
    record FieldItem(FieldAccessor accessor, List<ScalarTest> values, boolean all, boolean matchesNull, boolean negated)
            implements Selection {
        public FieldItem {
            values = List.copyOf(values);
        }

        @Override
        public boolean matches(LogEvent event) {
            JsonNode value = accessor.read(event);
            boolean absent = value.isMissingNode() || value.isNull();
            if (negated) {
                return !absent && !referenceAbsent(event) && !matchesValues(value, event);
            }
            if (absent) {
                return matchesNull;
            }
            return matchesValues(value, event);
        }

        /** {@code fieldref|neq} compares two values: with the other field absent there is nothing to differ from. */
        private boolean referenceAbsent(LogEvent event) {
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) instanceof ScalarTest.FieldReference reference) {
                    JsonNode other = reference.other().read(event);
                    if (other.isMissingNode() || other.isNull()) {
                        return true;
                    }
                }
            }
            return false;
        }

        private boolean matchesValues(JsonNode value, LogEvent event) {
            if (!value.isArray()) {
                if (value.isContainerNode() || value.isNull()) {
                    return false;
                }
                ScalarValue scalar = new ScalarValue(value);
                for (int i = 0; i < values.size(); i++) {
                    boolean matched = values.get(i).test(scalar, event);
                    if (matched != all) {
                        return matched;
                    }
                }
                return all;
            }
            List<ScalarValue> elements = new ArrayList<>();
            collect(value, elements);
            for (int i = 0; i < values.size(); i++) {
                boolean matched = false;
                for (int j = 0; j < elements.size() && !matched; j++) {
                    matched = values.get(i).test(elements.get(j), event);
                }
                if (matched != all) {
                    return matched;
                }
            }
            return all;
        }

        /** The scalars of an array, at any depth; objects and nulls in it match nothing. */
        private static void collect(JsonNode array, List<ScalarValue> elements) {
            for (JsonNode element : array) {
                if (element.isArray()) {
                    collect(element, elements);
                } else if (!element.isContainerNode() && !element.isNull()) {
                    elements.add(new ScalarValue(element));
                }
            }
        }

        @Override
        public Requirement requirement() {
            if (negated || all || matchesNull || values.isEmpty()) {
                return Requirement.NONE;
            }
            Set<String> keys = new HashSet<>();
            for (ScalarTest value : values) {
                if (!(value instanceof ScalarTest.Text text)) {
                    return Requirement.NONE;
                }
                String exact = text.glob().exactText();
                if (exact == null || text.binary()) {
                    return Requirement.NONE;
                }
                // The text as written and, when it spells a number, the number: " 42" matches the text " 42" and the number 42.
                keys.add(Scalars.key(exact));
                if (text.number() != null) {
                    keys.add(Scalars.canonical(text.number()));
                }
            }
            return Requirement.of(accessor, keys);
        }
    }

    /** {@code field|exists: true/false}: presence only, a null value counts as present. */
    record Exists(FieldAccessor accessor, boolean expected) implements Selection {
        @Override
        public boolean matches(LogEvent event) {
            return !accessor.read(event).isMissingNode() == expected;
        }

        @Override
        public Requirement requirement() {
            return Requirement.NONE;
        }
    }

    /** Keywords: each value is looked for in every string value of the event, at any depth. */
    record Keywords(List<ScalarTest> values, boolean all) implements Selection {
        public Keywords {
            values = List.copyOf(values);
        }

        @Override
        public boolean matches(LogEvent event) {
            boolean[] found = new boolean[values.size()];
            int[] missing = {values.size()};
            return search(event.body(), event, found, missing) || (all && missing[0] == 0);
        }

        /**
         * Walks the event once, folding each string once; true as soon as the answer is yes
         * (any keyword found, or with {@code all} the last one found).
         */
        private boolean search(JsonNode node, LogEvent event, boolean[] found, int[] missing) {
            if (node.isTextual()) {
                ScalarValue scalar = new ScalarValue(node);
                for (int i = 0; i < values.size(); i++) {
                    if (!found[i] && values.get(i).test(scalar, event)) {
                        if (!all) {
                            return true;
                        }
                        found[i] = true;
                        if (--missing[0] == 0) {
                            return true;
                        }
                    }
                }
                return false;
            }
            if (node.isContainerNode()) {
                for (JsonNode child : node) {
                    if (search(child, event, found, missing)) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public Requirement requirement() {
            return Requirement.NONE;
        }
    }
}
