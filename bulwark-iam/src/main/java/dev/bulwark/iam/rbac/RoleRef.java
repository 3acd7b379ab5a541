package dev.bulwark.iam.rbac;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.SourceLocation;
import java.util.Optional;

/**
 * A Role or ClusterRole as evidence names it. {@code location} is where it is defined, empty for
 * a Kubernetes default role that is not in the scanned files (its rules come from Bulwark's
 * summary of the defaults).
 *
 * @param namespace the Role's namespace; empty for a ClusterRole
 */
public record RoleRef(String kind, String namespace, String name, Optional<SourceLocation> location) {
    public RoleRef {
        requireNonNull(kind, "kind is null");
        requireNonNull(namespace, "namespace is null");
        requireNonNull(name, "name is null");
        requireNonNull(location, "location is null");
    }

    /** {@code ClusterRole edit} or {@code Role payments/deployer}. */
    public String label() {
        return kind + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
    }

    /** {@code file:line}, or a note that the role is a Kubernetes default not in the scan. */
    public String where() {
        return location.map(at -> at.file() + ":" + at.startLine()).orElse("Kubernetes default role, not in the scanned files");
    }
}
