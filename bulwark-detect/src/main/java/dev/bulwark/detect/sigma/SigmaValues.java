package dev.bulwark.detect.sigma;

import dev.bulwark.core.yaml.YamlList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How rule attributes that are strings or lists of strings ({@code tags}, {@code references}, ...) are read, for rules and correlations alike. */
public final class SigmaValues {
    private SigmaValues() {}

    /**
     * A string as a one-element list, a list of scalars as their texts; empty when the value is
     * neither (a map, or a list holding one), which the caller reports.
     */
    public static Optional<List<String>> strings(Object value) {
        if (value instanceof String single) {
            return Optional.of(List.of(single));
        }
        if (!(value instanceof YamlList list)) {
            return Optional.empty();
        }
        List<String> result = new ArrayList<>();
        for (Object element : list) {
            if (element instanceof String text) {
                result.add(text);
            } else if (element instanceof Long || element instanceof Double || element instanceof Boolean) {
                result.add(element.toString());
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(result);
    }
}
