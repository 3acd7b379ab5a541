package dev.bulwark.iam.account;

import java.util.List;

/**
 * Which actions the account analysis tests for two of its rules. This is the one place the
 * analysis depends on knowing actions by access level rather than by name, so that the IAM action
 * catalog ({@code dev.bulwark.iam.catalog.IamCatalog}) can supply it; until then
 * {@link #builtin()} is a hand-written list.
 *
 * <p>With the catalog, {@link #resourceExposureActions()} is every action whose access level is
 * <em>Permissions management</em> in the services whose resources carry their own policies, ACLs
 * or sharing settings (IAM itself excluded: changing identities is privilege escalation, tested
 * technique by technique), and {@link #dataReadActions()} stays a curated list, each entry checked
 * to exist and be a <em>Read</em> action, since the access level alone cannot tell reading a
 * secret's value from reading a bucket's tags.
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
