package dev.bulwark.iam.account;

import static java.util.Objects.requireNonNull;

import dev.bulwark.iam.policy.Policy;
import java.util.List;
import java.util.Optional;

/**
 * A managed policy of the export's {@code Policies} list (or of Bulwark's bundled copies of
 * well-known AWS managed policies). {@code document} is the default version; {@code versions}
 * every version the export holds, default included.
 */
public record ManagedPolicy(String arn, String name, int line, Optional<Policy> document, List<Version> versions, Source source) {
    /** Where the policy's content comes from. */
    public enum Source {
        /** The export's {@code Policies} list. */
        EXPORT,
        /** Not in the export: Bulwark's bundled summary of a well-known AWS managed policy. */
        BUNDLED
    }

    /** One version of a managed policy. */
    public record Version(String versionId, boolean isDefault, Policy document, int line) {
        public Version {
            requireNonNull(versionId, "versionId is null");
            requireNonNull(document, "document is null");
        }
    }

    public ManagedPolicy {
        requireNonNull(arn, "arn is null");
        requireNonNull(name, "name is null");
        requireNonNull(document, "document is null");
        versions = List.copyOf(versions);
        requireNonNull(source, "source is null");
    }

    /** Whether AWS owns the policy ({@code arn:aws:iam::aws:policy/...}); nobody in the account can change it. */
    public boolean awsManaged() {
        return isAwsManaged(arn);
    }

    static boolean isAwsManaged(String arn) {
        return arn.startsWith("arn:") && arn.contains(":iam::aws:policy/");
    }
}
