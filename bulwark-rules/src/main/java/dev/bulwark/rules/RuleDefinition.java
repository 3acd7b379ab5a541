package dev.bulwark.rules;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.RuleInfo;
import java.util.List;
import java.util.Optional;

/**
 * A rule file as read, before its check is compiled.
 *
 * @param check the CEL expression text
 * @param checkLine the 1-based line in the rule file where the expression text starts
 * @param checkColumn the 1-based column of the expression's first character on that line
 * @param folder the folder holding the rule file (fixtures are resolved against it); empty for
 *     rules read from the classpath without a folder
 */
public record RuleDefinition(
        RuleInfo info,
        String check,
        int checkLine,
        int checkColumn,
        List<FixtureCase> tests,
        Optional<java.nio.file.Path> folder) {
    public RuleDefinition {
        requireNonNull(info, "info is null");
        requireNonNull(check, "check is null");
        tests = List.copyOf(tests);
        requireNonNull(folder, "folder is null");
    }

    /**
     * A fixture: a file (relative to the rule file) and the lines where the rule must report.
     * An empty {@code expectedLines} means the file must pass.
     */
    public record FixtureCase(String file, List<Integer> expectedLines, int line) {
        public FixtureCase {
            expectedLines = List.copyOf(expectedLines);
        }
    }
}
