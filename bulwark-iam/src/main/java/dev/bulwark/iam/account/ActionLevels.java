package dev.bulwark.iam.account;

import java.util.List;

/**
 * Which actions the account analysis tests for two of its rules: the one place it knows actions
 * by what they do rather than by technique. {@link #builtin()} is a curated list rather than a
 * query of the IAM action catalog ({@code dev.bulwark.iam.catalog.IamCatalog}), because the
 * access level alone cannot tell reading a secret's value from reading a bucket's tags, nor
 * sharing a snapshot from renaming it; a test checks every listed action against the catalog
 * (it exists, AWS's spelling, the expected access level).
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface ActionLevels {
    /**
     * Actions that change who may use a resource: resource policies, ACLs, grants, snapshot
     * sharing, public access blocks. Granted on every resource, they let a principal expose any
     * resource of their kind to other accounts or to everyone. In AWS's casing, sorted.
     */
    List<String> resourceExposureActions();

    /**
     * Actions that return stored data or secrets (object contents, secret values, parameters,
     * decrypted plaintext, table items, queue messages, snapshot blocks). Granted on every
     * resource, they let a principal read every data store of their kind. In AWS's casing, sorted.
     */
    List<String> dataReadActions();

    /** Bulwark's hand-written lists; the actions are named as the Service Authorization Reference names them. */
    static ActionLevels builtin() {
        return BuiltinActionLevels.INSTANCE;
    }
}
