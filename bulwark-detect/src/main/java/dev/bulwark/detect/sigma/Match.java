package dev.bulwark.detect.sigma;

import static java.util.Objects.requireNonNull;

import dev.bulwark.detect.event.LogEvent;
import java.util.List;
import java.util.Optional;

/** A rule that matched an event. */
public record Match(SigmaRule rule, LogEvent event) {
    public Match {
        requireNonNull(rule, "rule is null");
        requireNonNull(event, "event is null");
    }

    public Optional<String> id() {
        return rule.id();
    }

    public String title() {
        return rule.title();
    }

    public Optional<String> level() {
        return rule.level();
    }

    public List<String> tags() {
        return rule.tags();
    }
}
