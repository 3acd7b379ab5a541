package dev.bulwark.detect.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a responder does about an alert: a one-line summary, the steps in order, and the AWS CLI or
 * kubectl commands that contain it. Built-in rules carry it in their {@code response} attribute;
 * nothing in Bulwark runs the commands. Immutable.
 */
public record Playbook(String summary, List<String> steps, List<String> commands) {
    public Playbook {
        summary = summary == null ? "" : summary;
        steps = List.copyOf(steps);
        commands = List.copyOf(commands);
    }

    /**
     * Reads a rule's {@code response} attribute ({@code {summary, steps: [...], commands: [...]}});
     * empty when the rule has none or it is not a map.
     */
    public static Optional<Playbook> of(Object response) {
        if (!(response instanceof Map<?, ?> map)) {
            return Optional.empty();
        }
        Object summary = map.get("summary");
        return Optional.of(new Playbook(summary == null ? "" : String.valueOf(summary), strings(map.get("steps")),
                strings(map.get("commands"))));
    }

    private static List<String> strings(Object value) {
        List<String> strings = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (element != null) {
                    strings.add(String.valueOf(element));
                }
            }
        } else if (value != null) {
            strings.add(String.valueOf(value));
        }
        return strings;
    }

    /** The playbook as lines for a terminal. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (!summary.isBlank()) {
            lines.add(summary);
        }
        for (int i = 0; i < steps.size(); i++) {
            lines.add((i + 1) + ". " + steps.get(i));
        }
        for (String command : commands) {
            lines.add("$ " + command);
        }
        return lines;
    }
}
