package dev.bulwark.core.spi;

import dev.bulwark.core.ScanWarning;
import dev.bulwark.core.model.Resource;
import java.util.List;

/**
 * What an adapter made of one file: its resources, syntax errors (reported as parse findings)
 * and warnings (inputs skipped because a safety limit was hit).
 */
public record AdaptResult(List<Resource> resources, List<ParseProblem> problems, List<ScanWarning> warnings) {
    public AdaptResult {
        resources = List.copyOf(resources);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    public static AdaptResult of(List<Resource> resources) {
        return new AdaptResult(resources, List.of(), List.of());
    }
}
