package dev.bulwark.iam.rbac;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Who a binding grants permissions to: a user, a group or a service account, as the Kubernetes
 * RBAC authorizer identifies them. {@code namespace} is set for service accounts only.
 *
 * <p>A User subject named {@code system:serviceaccount:NS:NAME} is the service account NS/NAME
 * (that is the user name the API server gives it), so {@link #of} turns it into one.
 */
public record RbacSubject(Kind kind, String namespace, String name) implements Comparable<RbacSubject> {
    /** User name of unauthenticated requests when anonymous authentication is on. */
    public static final String ANONYMOUS_USER = "system:anonymous";
    /** Group of every unauthenticated request. */
    public static final String UNAUTHENTICATED_GROUP = "system:unauthenticated";
    /** Group of every authenticated user and service account. */
    public static final String AUTHENTICATED_GROUP = "system:authenticated";
    /** Group of every service account; {@code system:serviceaccounts:NS} holds those of namespace NS. */
    public static final String SERVICE_ACCOUNTS_GROUP = "system:serviceaccounts";
    /** Group the API server lets do anything, whatever RBAC says. */
    public static final String MASTERS_GROUP = "system:masters";

    private static final String SERVICE_ACCOUNT_USER_PREFIX = "system:serviceaccount:";
    private static final Comparator<RbacSubject> ORDER = Comparator.comparing(RbacSubject::kind)
            .thenComparing(RbacSubject::namespace)
            .thenComparing(RbacSubject::name);

    /** The subject kinds of RBAC, as bindings spell them. */
    public enum Kind {
        USER("User"),
        GROUP("Group"),
        SERVICE_ACCOUNT("ServiceAccount");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The kind as bindings write it: {@code User}, {@code Group}, {@code ServiceAccount}. */
        public String label() {
            return label;
        }
    }

    public RbacSubject {
        requireNonNull(kind, "kind is null");
        requireNonNull(namespace, "namespace is null");
        requireNonNull(name, "name is null");
        if (kind != Kind.SERVICE_ACCOUNT && !namespace.isEmpty()) {
            throw new IllegalArgumentException(kind.label() + " subjects have no namespace: " + namespace);
        }
    }

    public static RbacSubject user(String name) {
        return of(Kind.USER, "", name);
    }

    public static RbacSubject group(String name) {
        return new RbacSubject(Kind.GROUP, "", name);
    }

    public static RbacSubject serviceAccount(String namespace, String name) {
        return new RbacSubject(Kind.SERVICE_ACCOUNT, namespace, name);
    }

    /** A subject, with service account user names turned into service accounts; namespace is ignored for users and groups. */
    public static RbacSubject of(Kind kind, String namespace, String name) {
        if (kind == Kind.USER && name.startsWith(SERVICE_ACCOUNT_USER_PREFIX)) {
            String rest = name.substring(SERVICE_ACCOUNT_USER_PREFIX.length());
            int colon = rest.indexOf(':');
            if (colon > 0 && colon < rest.length() - 1 && rest.indexOf(':', colon + 1) < 0) {
                return serviceAccount(rest.substring(0, colon), rest.substring(colon + 1));
            }
        }
        return new RbacSubject(kind, kind == Kind.SERVICE_ACCOUNT ? namespace : "", name);
    }

    /**
     * Parses {@code user:NAME}, {@code group:NAME} or {@code serviceaccount:NAMESPACE:NAME} (kind
     * case-insensitive; {@code sa} for short).
     *
     * @throws IllegalArgumentException naming the accepted forms when {@code text} is none of them
     */
    public static RbacSubject parse(String text) {
        int colon = text.indexOf(':');
        String kind = colon < 0 ? "" : text.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = colon < 0 ? "" : text.substring(colon + 1);
        switch (kind) {
            case "user":
                if (!rest.isEmpty()) {
                    return user(rest);
                }
                break;
            case "group":
                if (!rest.isEmpty()) {
                    return group(rest);
                }
                break;
            case "serviceaccount", "sa":
                int second = rest.indexOf(':');
                if (second > 0 && second < rest.length() - 1) {
                    return serviceAccount(rest.substring(0, second), rest.substring(second + 1));
                }
                break;
            default:
                break;
        }
        throw new IllegalArgumentException("'" + text + "' is not a subject (expected user:NAME, group:NAME or serviceaccount:NAMESPACE:NAME)");
    }

    /** Reads like {@code ServiceAccount payments/api}, {@code User alice}, {@code Group devs}. */
    public String label() {
        return kind.label() + " " + (kind == Kind.SERVICE_ACCOUNT ? namespace + "/" + name : name);
    }

    /** The finding resource address: {@code rbac/ServiceAccount/payments/api}, {@code rbac/User/alice}. */
    public String address() {
        return "rbac/" + kind.label() + "/" + (kind == Kind.SERVICE_ACCOUNT ? namespace + "/" + name : name);
    }

    /**
     * The subjects whose grants this one holds too: itself, and the groups Kubernetes puts it in
     * (every service account is in {@code system:serviceaccounts}, {@code system:serviceaccounts:NS}
     * and {@code system:authenticated}; every user other than {@code system:anonymous} and every
     * member of a group is in {@code system:authenticated}; anonymous requests are in
     * {@code system:unauthenticated}).
     */
    public List<RbacSubject> memberships() {
        List<RbacSubject> subjects = new ArrayList<>(4);
        subjects.add(this);
        switch (kind) {
            case SERVICE_ACCOUNT -> {
                subjects.add(group(SERVICE_ACCOUNTS_GROUP));
                subjects.add(group(SERVICE_ACCOUNTS_GROUP + ":" + namespace));
                subjects.add(group(AUTHENTICATED_GROUP));
            }
            case USER -> subjects.add(group(name.equals(ANONYMOUS_USER) ? UNAUTHENTICATED_GROUP : AUTHENTICATED_GROUP));
            case GROUP -> {
                if (name.startsWith(SERVICE_ACCOUNTS_GROUP + ":")) {
                    subjects.add(group(SERVICE_ACCOUNTS_GROUP));
                }
                if (!name.equals(UNAUTHENTICATED_GROUP) && !name.equals(AUTHENTICATED_GROUP)) {
                    subjects.add(group(AUTHENTICATED_GROUP));
                }
            }
        }
        return subjects;
    }

    /** Whether this subject stands for every anonymous request. */
    public boolean isAnonymous() {
        return kind == Kind.USER && name.equals(ANONYMOUS_USER) || kind == Kind.GROUP && name.equals(UNAUTHENTICATED_GROUP);
    }

    /** Whether this is a group every authenticated user, or every service account (of a namespace), belongs to. */
    public boolean isEveryoneGroup() {
        return kind == Kind.GROUP && (name.equals(AUTHENTICATED_GROUP) || name.equals(SERVICE_ACCOUNTS_GROUP)
                || name.startsWith(SERVICE_ACCOUNTS_GROUP + ":"));
    }

    /**
     * Whether this is a Kubernetes component identity ({@code system:kube-scheduler},
     * {@code system:nodes}, ...) rather than a person, a workload or a group standing for many of
     * them; the anonymous, everyone and {@code system:masters} subjects are not components.
     */
    public boolean isSystemComponent() {
        return name.startsWith("system:") && !isAnonymous() && !isEveryoneGroup()
                && !(kind == Kind.GROUP && name.equals(MASTERS_GROUP));
    }

    @Override
    public int compareTo(RbacSubject other) {
        return ORDER.compare(this, other);
    }
}
