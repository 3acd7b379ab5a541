package dev.bulwark.iam.simulate;

import static java.util.Objects.requireNonNull;

import dev.bulwark.iam.policy.AuthorizationRequest;
import dev.bulwark.iam.policy.Decision;
import dev.bulwark.iam.policy.PolicySet;
import java.util.List;
import java.util.Optional;

/**
 * One request of a simulation file with the policies it is evaluated against. {@code name} is
 * the case's {@code name} or its position ({@code #2}); {@code expected} is its {@code expect};
 * {@code expectedDecidedBy} the labels (Sid, or {@code #index}) of the statements expected to
 * decide it, when the file says ({@code decidedBy}).
 */
public record Simulation(String name, AuthorizationRequest request, PolicySet policies, Optional<Decision> expected,
                         Optional<List<String>> expectedDecidedBy) {
    public Simulation {
        requireNonNull(expectedDecidedBy, "expectedDecidedBy is null");
        expectedDecidedBy = expectedDecidedBy.map(List::copyOf);
        requireNonNull(name, "name is null");
        requireNonNull(request, "request is null");
        requireNonNull(policies, "policies is null");
        requireNonNull(expected, "expected is null");
    }
}
