package dev.bulwark.iam;

import dev.bulwark.core.yaml.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML file bundled in the jar (rule metadata, default roles): part of the build, so a
 * missing or malformed one is a bug and fails loudly, naming the resource.
 */
public final class BundledYaml {
    private BundledYaml() {}

    /**
     * The list at {@code key} of the resource's single document, or the document itself when
     * {@code key} is null.
     */
    public static List<?> list(String resource, String key) {
        String text;
        try (InputStream input = BundledYaml.class.getClassLoader().getResourceAsStream(resource)) {
            if (input == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            text = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return list(text, resource, key);
    }

    static List<?> list(String text, String resource, String key) {
        YamlReader.Result result = YamlReader.defaults().read(text, resource);
        if (result.error().isPresent()) {
            throw new IllegalStateException(resource + ": " + result.error().get().getMessage());
        }
        if (result.documents().size() != 1) {
            throw new IllegalStateException(resource + ": expected one YAML document");
        }
        Object root = result.documents().get(0).root();
        Object value = key == null ? root : root instanceof Map<?, ?> map ? map.get(key) : null;
        if (!(value instanceof List<?> list)) {
            throw new IllegalStateException(resource + ": expected " + (key == null ? "a list" : "a mapping with a list '" + key + "'"));
        }
        return list;
    }
}
