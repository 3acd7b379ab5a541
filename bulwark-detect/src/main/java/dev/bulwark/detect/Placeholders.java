package dev.bulwark.detect;

import dev.bulwark.core.yaml.YamlList;
import dev.bulwark.core.yaml.YamlMap;
import dev.bulwark.core.yaml.YamlReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of {@code |expand} placeholders, from a YAML map of name to a value or a list of
 * values ({@code admins: [alice, bob]}), as {@code bulwark detect --placeholders} reads them.
 */
public final class Placeholders {
    static final int MAX_VALUES = 10_000;

    private Placeholders() {}

    /**
     * Reads the file's text.
     *
     * @throws IllegalArgumentException with a located reason when the text is not such a map
     */
    public static Map<String, List<String>> load(String text, String file) {
        YamlReader.Result read = YamlReader.defaults().withMaxDepth(4).read(text, file);
        if (read.error().isPresent()) {
            throw new IllegalArgumentException(file + ":" + read.error().get().line() + ": " + read.error().get().getMessage());
        }
        if (read.documents().size() != 1 || !(read.documents().get(0).root() instanceof YamlMap root)) {
            throw new IllegalArgumentException(file + ":1: placeholders are one YAML map of name to values");
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        int count = 0;
        for (Map.Entry<String, Object> entry : root.entrySet()) {
            List<String> list = new ArrayList<>();
            if (entry.getValue() instanceof YamlList elements) {
                for (int i = 0; i < elements.size(); i++) {
                    Object element = elements.get(i);
                    if (element instanceof YamlMap || element instanceof YamlList || element == null) {
                        throw new IllegalArgumentException(file + ":" + root.entrySpan(entry.getKey()).startLine() + ": the values of '"
                                + entry.getKey() + "' must be plain values");
                    }
                    list.add(String.valueOf(element));
                }
            } else if (entry.getValue() != null && !(entry.getValue() instanceof YamlMap)) {
                list.add(String.valueOf(entry.getValue()));
            } else {
                throw new IllegalArgumentException(file + ":" + root.entrySpan(entry.getKey()).startLine() + ": '" + entry.getKey()
                        + "' needs a value or a list of values");
            }
            count += list.size();
            if (count > MAX_VALUES) {
                throw new IllegalArgumentException(file + ": more than " + MAX_VALUES + " placeholder values");
            }
            values.put(entry.getKey(), List.copyOf(list));
        }
        return values;
    }
}
