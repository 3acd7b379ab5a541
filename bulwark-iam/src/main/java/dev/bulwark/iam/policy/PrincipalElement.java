package dev.bulwark.iam.policy;

import dev.bulwark.iam.json.JsonValue;
import java.util.List;

/**
 * A statement's {@code Principal} or {@code NotPrincipal}. {@code "*"} and {@code {"AWS": "*"}}
 * both mean everyone, anonymous callers included; {@code AWS} lists account ids, account root
 * ARNs, user, role, assumed-role session and federated-user ARNs; {@code Service},
 * {@code Federated} and {@code CanonicalUser} name service principals, identity providers and
 * S3 canonical user ids. Principal ARNs take no wildcards. Immutable.
 */
public record PrincipalElement(boolean negated, boolean everyone, List<String> aws, List<String> service,
                               List<String> federated, List<String> canonicalUser, JsonValue.Position position) {
    public PrincipalElement {
        aws = List.copyOf(aws);
        service = List.copyOf(service);
        federated = List.copyOf(federated);
        canonicalUser = List.copyOf(canonicalUser);
    }

    /** Every value of the element, in order: AWS, Service, Federated, CanonicalUser. */
    public List<String> all() {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(aws);
        all.addAll(service);
        all.addAll(federated);
        all.addAll(canonicalUser);
        return all;
    }
}
