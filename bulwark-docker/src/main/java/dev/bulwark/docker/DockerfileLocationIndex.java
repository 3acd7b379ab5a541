package dev.bulwark.docker;

import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.LocationIndex;
import dev.bulwark.core.model.ValuePath;
import dev.bulwark.docker.DockerfileModel.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Locates paths of the Dockerfile variable tree. Paths under {@code instructions[n]} (commands,
 * pairs, heredocs), under {@code stages[n]} and {@code finalStage}, and items of the flat
 * {@code commands}, {@code packages} and {@code images} lists all resolve to the instruction (or
 * the part of it) they come from; anything else falls back to the nearest located prefix, then the
 * whole file.
 *
 * <p>Stable keys name an instruction by its stage (name, or index when unnamed), keyword, a hash
 * of its arguments and its occurrence among identical instructions of that stage, so they survive
 * edits elsewhere in the file; list items below an instruction are named by their
 * {@code name}, {@code key} or {@code delimiter} when they have one. Immutable and thread-safe.
 */
final class DockerfileLocationIndex implements LocationIndex {
    private final String file;
    private final SourceLocation whole;
    private final Map<String, Range> ranges;
    private final Map<String, String> aliases;
    private final Map<String, String> stableKeys;
    private final Map<String, Object> variables;

    DockerfileLocationIndex(String file, SourceLocation whole, DockerfileModel.Built model) {
        this.file = file;
        this.whole = whole;
        this.ranges = Map.copyOf(model.ranges());
        this.aliases = Map.copyOf(model.aliases());
        this.stableKeys = Map.copyOf(model.stableKeys());
        this.variables = model.variables();
    }

    @Override
    public SourceLocation locate(String path) {
        List<Object> segments = canonical(path);
        for (int length = segments.size(); length > 0; length--) {
            Range range = ranges.get(render(segments, length));
            if (range != null) {
                return new SourceLocation(file, range.startLine(), range.startColumn(), range.endLine(), range.endColumn());
            }
        }
        return whole;
    }

    @Override
    public String stableKey(String path) {
        List<Object> segments = canonical(path);
        if (segments.size() >= 2 && segments.get(1) instanceof Integer) {
            String head = render(segments, 2);
            String key = stableKeys.get(head);
            if (key != null) {
                Object current = segments.get(0).equals("instructions") ? element(variables.get("instructions"), segments.get(1))
                        : element(variables.get("stages"), segments.get(1));
                return key + rest(current, segments.subList(2, segments.size()));
            }
        }
        return render(segments, segments.size());
    }

    /** The path with aliases ({@code finalStage}, {@code commands[n]}, {@code stages[s].instructions[i]}) replaced. */
    private List<Object> canonical(String path) {
        List<Object> segments = new ArrayList<>(ValuePath.parse(path));
        if (segments.isEmpty()) {
            return segments;
        }
        String alias = null;
        int replaced = 0;
        if (segments.get(0).equals("finalStage")) {
            alias = aliases.get("finalStage");
            replaced = 1;
        } else if (segments.size() >= 2 && segments.get(1) instanceof Integer) {
            alias = aliases.get(render(segments, 2));
            replaced = 2;
        }
        if (alias != null) {
            List<Object> rewritten = new ArrayList<>(ValuePath.parse(alias));
            rewritten.addAll(segments.subList(replaced, segments.size()));
            segments = rewritten;
        }
        if (segments.size() >= 4 && segments.get(0).equals("stages") && segments.get(2).equals("instructions")
                && element(element(variables.get("stages"), segments.get(1)), "instructions") instanceof List<?> list
                && element(list, segments.get(3)) instanceof Map<?, ?> instruction
                && instruction.get("path") instanceof String instructionPath) {
            List<Object> rewritten = new ArrayList<>(ValuePath.parse(instructionPath));
            rewritten.addAll(segments.subList(4, segments.size()));
            segments = rewritten;
        }
        return segments;
    }

    private static Object element(Object container, Object segment) {
        if (container instanceof List<?> list && segment instanceof Integer index && index >= 0 && index < list.size()) {
            return list.get(index);
        }
        if (container instanceof Map<?, ?> map) {
            return map.get(String.valueOf(segment));
        }
        return null;
    }

    private static String rest(Object start, List<Object> segments) {
        StringBuilder key = new StringBuilder();
        Object current = start;
        for (Object segment : segments) {
            Object child = element(current, segment);
            if (segment instanceof Integer index) {
                String name = child instanceof Map<?, ?> map ? itemName(map) : null;
                key.append(name == null ? "[" + index + "]" : "[" + name + "]");
            } else {
                key.append('.').append(segment);
            }
            current = child;
        }
        return key.toString();
    }

    private static String itemName(Map<?, ?> item) {
        for (String field : List.of("name", "key", "delimiter")) {
            if (item.get(field) instanceof String text && !text.isEmpty()) {
                return field + "=" + text;
            }
        }
        return null;
    }

    private static String render(List<Object> segments, int length) {
        String path = "";
        for (int i = 0; i < length; i++) {
            Object segment = segments.get(i);
            path = segment instanceof Integer index ? ValuePath.index(path, index) : ValuePath.child(path, String.valueOf(segment));
        }
        return path;
    }
}
