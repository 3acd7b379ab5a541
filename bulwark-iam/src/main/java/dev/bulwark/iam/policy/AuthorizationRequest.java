package dev.bulwark.iam.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * One request to evaluate: who ({@code principal}) does what ({@code action}, e.g.
 * {@code s3:GetObject}) to which resource (an ARN, or {@code *} for actions without resources),
 * with which condition keys. {@code resourceAccount} is the account owning the resource; empty
 * when unknown, in which case it is read from the resource ARN or, for ARNs without an account
 * (S3 buckets), taken to be the principal's.
 *
 * <p>The context the policies see is {@code context} plus the keys AWS sets for every request
 * and the caller did not: {@code aws:PrincipalArn}, {@code aws:PrincipalAccount},
 * {@code aws:PrincipalType}, {@code aws:username} (users), {@code aws:PrincipalIsAWSService},
 * {@code aws:PrincipalServiceName} (services) and {@code aws:ResourceAccount}. Time keys
 * ({@code aws:CurrentTime}) are never invented: a condition on them needs them in the request.
 * Immutable; build once, evaluate many times.
 */
public final class AuthorizationRequest {
    private final RequestPrincipal principal;
    private final String action;
    private final String actionLower;
    private final String resource;
    private final String resourceAccount;
    private final RequestContext context;

    public AuthorizationRequest(RequestPrincipal principal, String action, String resource, String resourceAccount,
                                RequestContext context) {
        this.principal = requireNonNull(principal, "principal is null");
        this.action = requireNonNull(action, "action is null");
        this.actionLower = action.toLowerCase(Locale.ROOT);
        this.resource = requireNonNull(resource, "resource is null");
        requireNonNull(resourceAccount, "resourceAccount is null");
        String owner = resourceAccount;
        if (owner.isEmpty()) {
            owner = accountOf(resource);
        }
        if (owner.isEmpty()) {
            owner = principal.accountId();
        }
        this.resourceAccount = owner;
        this.context = withImplicitKeys(requireNonNull(context, "context is null"), principal, owner);
    }

    public AuthorizationRequest(RequestPrincipal principal, String action, String resource) {
        this(principal, action, resource, "", RequestContext.empty());
    }

    private static RequestContext withImplicitKeys(RequestContext context, RequestPrincipal principal, String owner) {
        RequestContext result = context;
        if (!principal.accountId().isEmpty()) {
            result = result.withDefault("aws:PrincipalArn", List.of(principal.principalArn()))
                    .withDefault("aws:PrincipalAccount", List.of(principal.accountId()))
                    .withDefault("aws:PrincipalType", List.of(principal.type().contextValue()));
        }
        if (principal.type() == RequestPrincipal.Type.USER) {
            result = result.withDefault("aws:username", List.of(principal.name()));
        }
        boolean service = principal.type() == RequestPrincipal.Type.SERVICE;
        result = result.withDefault("aws:PrincipalIsAWSService", List.of(Boolean.toString(service)));
        if (service) {
            result = result.withDefault("aws:PrincipalServiceName", List.of(principal.name()));
        }
        if (!owner.isEmpty()) {
            result = result.withDefault("aws:ResourceAccount", List.of(owner));
        }
        return result;
    }

    /** The account segment of an ARN, or empty. */
    static String accountOf(String arn) {
        if (!arn.startsWith("arn:")) {
            return "";
        }
        String[] parts = arn.split(":", 6);
        return parts.length >= 5 ? parts[4] : "";
    }

    public RequestPrincipal principal() {
        return principal;
    }

    /** The action as given, e.g. {@code s3:GetObject}. */
    public String action() {
        return action;
    }

    String actionLower() {
        return actionLower;
    }

    /** The service prefix of the action, lower case. */
    public String service() {
        int colon = actionLower.indexOf(':');
        return colon < 0 ? actionLower : actionLower.substring(0, colon);
    }

    public String resource() {
        return resource;
    }

    /** The account that owns the resource (see the class comment); empty only when nothing tells. */
    public String resourceAccount() {
        return resourceAccount;
    }

    /** The context policies see, with the implicit keys added. */
    public RequestContext context() {
        return context;
    }

    /** Whether principal and resource are in the same account (services and anonymous callers are never). */
    public boolean sameAccount() {
        return !principal.accountId().isEmpty() && principal.accountId().equals(resourceAccount);
    }

    @Override
    public String toString() {
        return principal.arn() + " " + action + " " + resource;
    }
}
