package dev.bulwark.detect.sigma;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What rule compilation needs besides the rules: the field mapping, the values of the
 * placeholders that {@code expand} replaces ({@code Servers → [srv-*, db-01]}, each value a Sigma
 * string with wildcards), and the input limits. Immutable.
 */
public record SigmaOptions(FieldMapping fieldMapping, Map<String, List<String>> placeholders, SigmaLimits limits) {
    public SigmaOptions {
        requireNonNull(fieldMapping, "fieldMapping is null");
        requireNonNull(placeholders, "placeholders is null");
        requireNonNull(limits, "limits is null");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        placeholders.forEach((name, values) -> copy.put(requireNonNull(name, "placeholder name is null"), List.copyOf(values)));
        placeholders = Map.copyOf(copy);
    }

    /** No field mapping, no placeholders, default limits. */
    public static SigmaOptions defaults() {
        return new SigmaOptions(FieldMapping.none(), Map.of(), SigmaLimits.defaults());
    }

    public SigmaOptions withFieldMapping(FieldMapping mapping) {
        return new SigmaOptions(mapping, placeholders, limits);
    }

    /** Placeholder name (without the {@code %}) → the values it stands for. */
    public SigmaOptions withPlaceholders(Map<String, List<String>> values) {
        return new SigmaOptions(fieldMapping, values, limits);
    }

    public SigmaOptions withLimits(SigmaLimits newLimits) {
        return new SigmaOptions(fieldMapping, placeholders, newLimits);
    }
}
