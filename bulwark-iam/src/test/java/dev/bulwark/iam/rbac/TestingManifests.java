package dev.bulwark.iam.rbac;

import dev.bulwark.core.ResourceRef;
import dev.bulwark.core.model.Resource;
import dev.bulwark.core.yaml.YamlDocument;
import dev.bulwark.core.yaml.YamlList;
import dev.bulwark.core.yaml.YamlLocationIndex;
import dev.bulwark.core.yaml.YamlMap;
import dev.bulwark.core.yaml.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Kubernetes manifests into resources shaped as the Kubernetes adapter makes them (target
 * {@code kubernetes}, the object bound as {@code object}, YAML locations, items of
 * {@code kind: List} split out, the {@code bulwark.dev/ignore} annotation read), so the analysis
 * is tested on real manifests without depending on the adapter module.
 */
final class TestingManifests {
    private TestingManifests() {}

    /** The resources of a test resource file, e.g. {@code rbac/aggregation.yaml}, shown under that path. */
    static List<Resource> load(String path) {
        return parse(path, text(path));
    }

    static String text(String path) {
        try (InputStream input = TestingManifests.class.getClassLoader().getResourceAsStream(path)) {
            if (input == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Resource> parse(String file, String text) {
        YamlReader.Result result = YamlReader.defaults().read(text, file);
        if (result.error().isPresent()) {
            throw new IllegalArgumentException(file + ": " + result.error().get().getMessage());
        }
        List<Resource> resources = new ArrayList<>();
        for (YamlDocument document : result.documents()) {
            if (document.root() instanceof YamlMap object) {
                add(file, object, resources);
            }
        }
        return resources;
    }

    private static void add(String file, YamlMap object, List<Resource> resources) {
        if (!(object.get("kind") instanceof String kind) || !(object.get("apiVersion") instanceof String)) {
            return;
        }
        if (kind.endsWith("List") && object.get("items") instanceof YamlList items) {
            for (Object item : items) {
                if (item instanceof YamlMap itemObject) {
                    add(file, itemObject, resources);
                }
            }
            return;
        }
        Map<?, ?> metadata = object.get("metadata") instanceof Map<?, ?> map ? map : Map.of();
        String name = metadata.get("name") instanceof String text ? text : "(unnamed)";
        String namespace = metadata.get("namespace") instanceof String text ? text + "/" : "";
        Map<String, String> ignored = new LinkedHashMap<>();
        if (metadata.get("annotations") instanceof Map<?, ?> annotations && annotations.get("bulwark.dev/ignore") instanceof String ids) {
            String reason = annotations.get("bulwark.dev/ignore-reason") instanceof String text ? text : "";
            for (String id : ids.split("[,\\s]+")) {
                ignored.put(id.strip().toUpperCase(Locale.ROOT), reason);
            }
        }
        YamlLocationIndex locations = new YamlLocationIndex(file, object, object.span());
        resources.add(new Resource("kubernetes", kind, new ResourceRef(kind, kind + "/" + namespace + name, name),
                locations.locate(""), Map.of("object", object), locations, ignored));
    }
}
