package dev.bulwark.iam.account;

import java.util.ArrayList;
import java.util.List;

/**
 * A user or role in the escalation graph. {@code level} is the number of steps from the principal
 * to administrator-equivalent access: 0 when it has it, 1 when one technique gets it there, up to
 * {@link EscalationSearch#MAX_DEPTH}; {@link #UNREACHED} otherwise. {@code via} and {@code next}
 * record the first step of its shortest path. The analysis fields are written by one thread per
 * iteration and read by others only after it.
 */
final class Node {
    static final int UNREACHED = Integer.MAX_VALUE;

    final IamPrincipal principal;
    final PrincipalPermissions permissions;
    /** Every policy that applies to it: its own, then its groups'. */
    final List<AttachedPolicy> attachments;

    AdminCheck.Result admin;
    boolean adminOnPaper;
    int level = UNREACHED;
    Attempt via;
    Node next;
    /** Techniques that reach administrator-equivalent access in one step. */
    final List<Attempt> escalations = new ArrayList<>();
    /** Techniques that would apply but something blocks. */
    final List<Attempt> blocked = new ArrayList<>();
    /** Found during the current iteration; committed when it ends. */
    int pendingLevel = UNREACHED;
    Attempt pendingVia;
    Node pendingNext;

    /** Roles whose trust policy admits this principal, decided once per role. */
    final java.util.concurrent.ConcurrentHashMap<Node, Boolean> admittedBy = new java.util.concurrent.ConcurrentHashMap<>();
    /** For a role: the services its trust policy lets in, decided once per service. */
    final java.util.concurrent.ConcurrentHashMap<String, Boolean> trustedServices = new java.util.concurrent.ConcurrentHashMap<>();
    /** For a role: whether its trust policy lets in every principal of the account, without conditions. */
    boolean trustsWholeAccount;
    /** Roles whose trust policy may admit this principal; computed on first use by the node's own thread. */
    List<Node> mayAssume;

    Node(IamPrincipal principal, PrincipalPermissions permissions, List<AttachedPolicy> attachments) {
        this.principal = principal;
        this.permissions = permissions;
        this.attachments = List.copyOf(attachments);
    }

    boolean privileged() {
        return level != UNREACHED;
    }

    @Override
    public String toString() {
        return principal.display();
    }
}
