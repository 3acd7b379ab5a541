package dev.bulwark.iam.account;

import static java.util.Objects.requireNonNull;

import dev.bulwark.iam.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The policies that decide what a principal can do by itself: its identity policies (for a user,
 * its groups' too) and its permissions boundary. Techniques change these (a policy written, a
 * boundary removed, a group joined); the analysis then asks what the changed set allows.
 */
record Grants(List<Policy> identity, Optional<Policy> boundary) {
    Grants {
        identity = List.copyOf(identity);
        requireNonNull(boundary, "boundary is null");
    }

    Grants plus(Policy policy) {
        List<Policy> more = new ArrayList<>(identity);
        more.add(policy);
        return new Grants(more, boundary);
    }

    Grants plus(List<Policy> policies) {
        List<Policy> more = new ArrayList<>(identity);
        more.addAll(policies);
        return new Grants(more, boundary);
    }

    Grants without(List<Policy> policies) {
        List<Policy> fewer = new ArrayList<>(identity);
        fewer.removeAll(policies);
        return new Grants(fewer, boundary);
    }

    /** {@code replaced} swapped for {@code replacement} wherever it applies, boundary included. */
    Grants replacing(Policy replaced, Policy replacement) {
        List<Policy> changed = new ArrayList<>(identity.size());
        for (Policy policy : identity) {
            changed.add(policy == replaced ? replacement : policy);
        }
        Optional<Policy> newBoundary = boundary.map(policy -> policy == replaced ? replacement : policy);
        return new Grants(changed, newBoundary);
    }

    Grants withoutBoundary() {
        return new Grants(identity, Optional.empty());
    }
}
