package dev.bulwark.iam.simulate;

import static java.util.Objects.requireNonNull;

import dev.bulwark.iam.json.JsonValue;
import dev.bulwark.iam.policy.PolicyIssue;

/** A problem in a simulation file or a policy it names, located in that file. */
public record SimulationIssue(String file, JsonValue.Position position, PolicyIssue.Level level, String message) {
    public SimulationIssue {
        requireNonNull(file, "file is null");
        requireNonNull(position, "position is null");
        requireNonNull(level, "level is null");
        requireNonNull(message, "message is null");
    }

    public boolean isError() {
        return level == PolicyIssue.Level.ERROR;
    }

    @Override
    public String toString() {
        String where = position.line() > 0 ? file + ":" + position : file;
        return where + ": " + level.label() + ": " + message;
    }
}
