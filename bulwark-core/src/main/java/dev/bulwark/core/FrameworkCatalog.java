package dev.bulwark.core;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.yaml.YamlList;
import dev.bulwark.core.yaml.YamlMap;
import dev.bulwark.core.yaml.YamlReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every control of a compliance framework, so a report can list the controls no rule checks
 * (as manual) beside those that pass or fail. Read from a YAML file with {@code id},
 * {@code title} and {@code controls: [{id, title, manual}]}, {@code manual} giving the reason a
 * scan of code cannot decide the control.
 */
public record FrameworkCatalog(String id, String title, List<Control> controls) {
    public FrameworkCatalog {
        requireNonNull(id, "id is null");
        requireNonNull(title, "title is null");
        controls = List.copyOf(controls);
    }

    /** A control: its id, a short title, and why it is manual when no scan can check it. */
    public record Control(String id, String title, Optional<String> manualReason) {
        public Control {
            requireNonNull(id, "id is null");
            requireNonNull(title, "title is null");
            requireNonNull(manualReason, "manualReason is null");
        }
    }

    /** Reads a catalog; built-in catalogs are part of the build, so a malformed one is a bug. */
    public static FrameworkCatalog parse(String text, String name) {
        YamlReader.Result result = YamlReader.defaults().read(text, name);
        if (result.error().isPresent() || result.documents().size() != 1 || !(result.documents().get(0).root() instanceof YamlMap root)) {
            throw new IllegalArgumentException("framework catalog " + name + " is not a YAML mapping");
        }
        String id = String.valueOf(root.get("id"));
        String title = String.valueOf(root.get("title"));
        List<Control> controls = new ArrayList<>();
        if (root.get("controls") instanceof YamlList list) {
            for (Object element : list) {
                if (element instanceof YamlMap control && control.get("id") != null) {
                    Object manual = control.get("manual");
                    controls.add(new Control(String.valueOf(control.get("id")), String.valueOf(control.getOrDefault("title", "")),
                            manual == null ? Optional.empty() : Optional.of(String.valueOf(manual))));
                }
            }
        }
        return new FrameworkCatalog(id, title, controls);
    }
}
