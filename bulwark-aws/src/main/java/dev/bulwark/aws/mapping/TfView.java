package dev.bulwark.aws.mapping;

import dev.bulwark.aws.terraform.EncodedJson;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;
import dev.bulwark.core.yaml.YamlList;
import dev.bulwark.core.yaml.YamlMap;
import dev.bulwark.core.yaml.YamlReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Read access to a Terraform resource's evaluated arguments (or one of its nested blocks) for
 * mappings: raw values (unknowns included), where each was written, nested blocks whether written
 * as blocks, as an object or as a list of objects (the JSON syntax cannot tell them apart), and
 * the conversions mappings need, all of which keep unknowns unknown.
 */
public final class TfView {
    private final KnownMap map;
    private final SourceLocation location;

    public TfView(KnownMap map, SourceLocation location) {
        this.map = map;
        this.location = location;
    }

    public KnownMap map() {
        return map;
    }

    public SourceLocation location() {
        return location;
    }

    /** The value of {@code name} as evaluated: null when not set, possibly {@link Unknown}. */
    public Object raw(String name) {
        return map.raw(name);
    }

    public boolean has(String name) {
        return map.containsKey(name);
    }

    /** Where {@code name} was written, or where this block is when it was not. */
    public SourceLocation at(String name) {
        SourceLocation entry = map.entryLocation(name);
        return entry != null ? entry : location;
    }

    /** The nested blocks {@code name}; an unknown set of blocks is one {@link Optional#empty()} marker via {@link #blocksUnknown}. */
    public List<TfView> blocks(String name) {
        Object value = map.raw(name);
        List<TfView> views = new ArrayList<>();
        if (value instanceof KnownMap single) {
            views.add(new TfView(single, at(name)));
        } else if (value instanceof KnownList list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.raw(i) instanceof KnownMap element) {
                    SourceLocation elementLocation = list.elementLocation(i);
                    views.add(new TfView(element, elementLocation != null ? elementLocation : at(name)));
                }
            }
        }
        return views;
    }

    /** Whether the blocks {@code name} come from a dynamic block with an unknown for_each. */
    public boolean blocksUnknown(String name) {
        return map.raw(name) instanceof Unknown;
    }

    public Optional<TfView> block(String name) {
        List<TfView> views = blocks(name);
        return views.isEmpty() ? Optional.empty() : Optional.of(views.get(0));
    }

    /** A bool, converting "true"/"false"; unknowns stay unknown; null when not set. */
    public Object bool(String name) {
        return bool(raw(name));
    }

    public static Object bool(Object value) {
        if (value instanceof String text) {
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.equals("true") || lower.equals("false")) {
                return Boolean.valueOf(lower);
            }
        }
        return value;
    }

    /** A whole number, converting numeric strings; unknowns stay unknown; null when not set. */
    public Object number(String name) {
        return number(raw(name));
    }

    public static Object number(Object value) {
        if (value instanceof String text) {
            try {
                return Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                return value;
            }
        }
        if (value instanceof Double number && number == Math.rint(number)) {
            return number.longValue();
        }
        return value;
    }

    /** {@code value} mapped through {@code transform} unless it is null or unknown. */
    public static Object map(Object value, java.util.function.Function<Object, Object> transform) {
        if (value == null || value instanceof Unknown) {
            return value;
        }
        return transform.apply(value);
    }

    /** A policy document: the structure of jsonencode or a policy data source, or parsed JSON text. */
    public Object policy(String name) {
        return policy(raw(name), at(name));
    }

    public static Object policy(Object value, SourceLocation location) {
        if (value instanceof EncodedJson json) {
            return json.structure();
        }
        if (value instanceof String text) {
            return parseJson(text, location);
        }
        return value;
    }

    /** JSON text as a located model value (every part at {@code location}), or unknown when it is not JSON. */
    public static Object parseJson(String text, SourceLocation location) {
        YamlReader.Result result = YamlReader.defaults().withMaxDepth(64).read(text, "policy");
        if (result.error().isPresent() || result.documents().size() != 1) {
            return Unknown.because("not valid JSON");
        }
        return fromYaml(result.documents().get(0).root(), location, 0);
    }

    private static Object fromYaml(Object value, SourceLocation location, int depth) {
        if (depth > 64) {
            return Unknown.because("nested too deeply");
        }
        if (value instanceof YamlMap yaml) {
            KnownMap known = new KnownMap(location, yaml.size());
            for (Map.Entry<String, Object> entry : yaml.entrySet()) {
                known.put(entry.getKey(), fromYaml(entry.getValue(), location, depth + 1), location);
            }
            return known;
        }
        if (value instanceof YamlList list) {
            KnownList known = new KnownList(location, list.size());
            for (Object element : list) {
                known.append(fromYaml(element, location, depth + 1), location);
            }
            return known;
        }
        return value;
    }

    /** Terraform tags (a map) as CloudFormation tags: a list of {Key, Value}. */
    public Object tags(String name) {
        Object value = raw(name);
        if (value instanceof Unknown || value == null) {
            return value;
        }
        if (!(value instanceof KnownMap tags)) {
            return null;
        }
        KnownList list = new KnownList(at(name));
        for (String key : tags.keyList()) {
            KnownMap tag = new KnownMap(at(name));
            tag.put("Key", key, tags.entryLocation(key));
            tag.put("Value", tags.raw(key), tags.entryLocation(key));
            list.append(tag, tags.entryLocation(key) != null ? tags.entryLocation(key) : at(name));
        }
        return list;
    }

    /** A list value, or a single value as a one-element list; unknowns and nulls as they are. */
    public Object list(String name) {
        Object value = raw(name);
        if (value == null || value instanceof Unknown || value instanceof KnownList) {
            return value;
        }
        KnownList list = new KnownList(at(name));
        list.append(value, at(name));
        return list;
    }

    /** Copies a nested block's attributes into a new map, renaming with {@code names} (tf name, CFN name pairs). */
    public Object object(String... names) {
        KnownMap result = new KnownMap(location);
        for (int i = 0; i + 1 < names.length; i += 2) {
            if (has(names[i])) {
                result.put(names[i + 1], raw(names[i]), at(names[i]));
            }
        }
        return result;
    }
}
