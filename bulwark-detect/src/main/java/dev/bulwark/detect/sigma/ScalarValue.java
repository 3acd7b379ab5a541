package dev.bulwark.detect.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * One scalar of an event as the value tests read it, its text, case fold and number each computed
 * at most once: a field item with twenty values folds the field once, not twenty times. Lives for
 * one test of one item; never shared between threads.
 */
final class ScalarValue {
    private final JsonNode node;
    private String text;
    private boolean textRead;
    private String folded;
    private BigDecimal number;
    private boolean numberRead;

    ScalarValue(JsonNode node) {
        this.node = node;
    }

    JsonNode node() {
        return node;
    }

    /** The text ({@link Scalars#text}), or null for a value without one. */
    String text() {
        if (!textRead) {
            text = Scalars.text(node);
            textRead = true;
        }
        return text;
    }

    /** The case fold of the text, or null. */
    String folded() {
        if (folded == null) {
            String raw = text();
            folded = raw == null ? null : CaseFold.fold(raw);
        }
        return folded;
    }

    /** The number the value holds or spells ({@link Scalars#number}), or null. */
    BigDecimal number() {
        if (!numberRead) {
            number = Scalars.number(node);
            numberRead = true;
        }
        return number;
    }
}
