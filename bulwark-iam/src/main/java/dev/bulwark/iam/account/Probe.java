package dev.bulwark.iam.account;

import static java.util.Objects.requireNonNull;

import dev.bulwark.iam.policy.Policy;
import dev.bulwark.iam.policy.PolicySet;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One question put to the evaluator on behalf of a principal: {@code action} on {@code resource}
 * with extra condition keys (single values), and the resource policy that takes part (a role's
 * trust policy, a key policy). {@link #key()} identifies it in a principal's cache.
 */
record Probe(String action, String resource, Map<String, String> context, Optional<Policy> resourcePolicy,
             Optional<PolicySet.ResourcePolicyKind> resourcePolicyKind) {
    Probe {
        requireNonNull(action, "action is null");
        requireNonNull(resource, "resource is null");
        context = new TreeMap<>(context);
        requireNonNull(resourcePolicy, "resourcePolicy is null");
        requireNonNull(resourcePolicyKind, "resourcePolicyKind is null");
    }

    static Probe of(String action, String resource) {
        return new Probe(action, resource, Map.of(), Optional.empty(), Optional.empty());
    }

    static Probe of(String action, String resource, Map<String, String> context) {
        return new Probe(action, resource, context, Optional.empty(), Optional.empty());
    }

    Probe withResourcePolicy(Policy policy, PolicySet.ResourcePolicyKind kind) {
        return new Probe(action, resource, context, Optional.of(policy), Optional.of(kind));
    }

    String key() {
        StringBuilder key = new StringBuilder(action.length() + resource.length() + 16);
        key.append(action).append('\u0000').append(resource);
        for (Map.Entry<String, String> entry : context.entrySet()) {
            key.append('\u0000').append(entry.getKey()).append('=').append(entry.getValue());
        }
        resourcePolicy.ifPresent(policy -> key.append('\u0000').append(policy.name()));
        return key.toString();
    }

    /** {@code iam:PassRole on arn:...} for messages. */
    String describe() {
        return action + " on " + resource;
    }
}
