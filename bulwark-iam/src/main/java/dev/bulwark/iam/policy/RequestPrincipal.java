package dev.bulwark.iam.policy;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who makes a request. {@code arn} is the principal as a request carries it: the user ARN, the
 * assumed-role session ARN, the federated-user ARN, the account root ARN, the service name
 * ({@code lambda.amazonaws.com}) or {@code *} for anonymous callers. For a role session
 * {@code roleArn} is the role's ARN (with its path when known); {@code accountId} is empty for
 * services and anonymous callers.
 */
public record RequestPrincipal(Type type, String arn, String accountId, String roleArn, boolean rolePathKnown,
                               String name) {
    private static final Pattern IAM_ARN = Pattern.compile("arn:(aws[a-z-]*):(iam|sts)::(\\d{12}):(.+)");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    /** The kinds of principal the evaluation logic tells apart. */
    public enum Type {
        /** The account root user. */
        ROOT("Account"),
        /** An IAM user. */
        USER("User"),
        /** A session of an IAM role (assumed role). */
        ROLE_SESSION("AssumedRole"),
        /** A federated user session from sts:GetFederationToken. */
        FEDERATED_USER("FederatedUser"),
        /** An AWS service acting for itself ({@code cloudtrail.amazonaws.com}). */
        SERVICE("Service"),
        /**
         * An identity provider vouching for a web-identity or SAML caller, as the principal of
         * {@code sts:AssumeRoleWithWebIdentity} and {@code sts:AssumeRoleWithSAML} (matched by
         * {@code Federated} in a trust policy).
         */
        IDENTITY_PROVIDER("WebIdentityUser"),
        /** No credentials at all. */
        ANONYMOUS("Anonymous");

        private final String contextValue;

        Type(String contextValue) {
            this.contextValue = contextValue;
        }

        /** The value of {@code aws:PrincipalType} for this kind. */
        public String contextValue() {
            return contextValue;
        }
    }

    public RequestPrincipal {
        requireNonNull(type, "type is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(roleArn, "roleArn is null");
        requireNonNull(name, "name is null");
    }

    /**
     * Reads a principal: an IAM user, role, assumed-role or federated-user ARN, an account root
     * ARN or 12-digit account id, a service principal ({@code ec2.amazonaws.com}), or {@code *} /
     * {@code anonymous}. A role ARN stands for a session of that role.
     *
     * @throws IllegalArgumentException with a message saying what is accepted
     */
    public static RequestPrincipal parse(String text) {
        String value = text.strip();
        if (value.equals("*") || value.equalsIgnoreCase("anonymous")) {
            return new RequestPrincipal(Type.ANONYMOUS, "*", "", "", false, "anonymous");
        }
        if (ACCOUNT_ID.matcher(value).matches()) {
            return root(value, "aws");
        }
        if (!value.startsWith("arn:") && value.toLowerCase(Locale.ROOT).endsWith(".amazonaws.com")
                || value.toLowerCase(Locale.ROOT).endsWith(".amazonaws.com.cn")) {
            return new RequestPrincipal(Type.SERVICE, value.toLowerCase(Locale.ROOT), "", "", false, value.toLowerCase(Locale.ROOT));
        }
        Matcher matcher = IAM_ARN.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a principal: use an IAM user or role ARN, an assumed-role "
                    + "session ARN, an account id, a service principal such as lambda.amazonaws.com, or * for anonymous");
        }
        String partition = matcher.group(1);
        String service = matcher.group(2);
        String account = matcher.group(3);
        String resource = matcher.group(4);
        if (service.equals("iam") && resource.equals("root")) {
            return root(account, partition);
        }
        if (service.equals("iam") && resource.startsWith("user/")) {
            return new RequestPrincipal(Type.USER, value, account, "", false, lastSegment(resource));
        }
        if (service.equals("iam") && resource.startsWith("role/")) {
            String roleName = lastSegment(resource);
            String session = "arn:" + partition + ":sts::" + account + ":assumed-role/" + roleName + "/bulwark-simulation";
            return new RequestPrincipal(Type.ROLE_SESSION, session, account, value, true, roleName);
        }
        if (service.equals("sts") && resource.startsWith("assumed-role/")) {
            String[] parts = resource.split("/", 3);
            if (parts.length < 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
                throw new IllegalArgumentException("'" + text + "' is not an assumed-role ARN: "
                        + "arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION");
            }
            String roleArn = "arn:" + partition + ":iam::" + account + ":role/" + parts[1];
            return new RequestPrincipal(Type.ROLE_SESSION, value, account, roleArn, false, parts[1]);
        }
        if (service.equals("iam") && (resource.startsWith("saml-provider/") || resource.startsWith("oidc-provider/"))) {
            return new RequestPrincipal(Type.IDENTITY_PROVIDER, value, "", "", false, value);
        }
        if (service.equals("sts") && resource.startsWith("federated-user/")) {
            return new RequestPrincipal(Type.FEDERATED_USER, value, account, "", false, lastSegment(resource));
        }
        throw new IllegalArgumentException("'" + text + "' is not a principal ARN Bulwark can simulate (user, role, assumed-role, "
                + "federated-user or root)");
    }

    /** A web-identity or SAML provider (an ARN, or a name such as {@code cognito-identity.amazonaws.com}). */
    public static RequestPrincipal identityProvider(String provider) {
        return new RequestPrincipal(Type.IDENTITY_PROVIDER, provider.strip(), "", "", false, provider.strip());
    }

    /** A session of {@code roleArn} named {@code sessionName}, keeping the role's path. */
    public static RequestPrincipal roleSession(String roleArn, String sessionName) {
        Matcher matcher = IAM_ARN.matcher(roleArn);
        if (!matcher.matches() || !matcher.group(4).startsWith("role/")) {
            throw new IllegalArgumentException("'" + roleArn + "' is not a role ARN");
        }
        String roleName = lastSegment(matcher.group(4));
        String session = "arn:" + matcher.group(1) + ":sts::" + matcher.group(3) + ":assumed-role/" + roleName + "/" + sessionName;
        return new RequestPrincipal(Type.ROLE_SESSION, session, matcher.group(3), roleArn, true, roleName);
    }

    private static RequestPrincipal root(String account, String partition) {
        return new RequestPrincipal(Type.ROOT, "arn:" + partition + ":iam::" + account + ":root", account, "", false, "root");
    }

    private static String lastSegment(String resource) {
        int slash = resource.lastIndexOf('/');
        return slash < 0 ? resource : resource.substring(slash + 1);
    }

    /** The ARN that {@code aws:PrincipalArn} holds: the role for a session, the principal otherwise. */
    public String principalArn() {
        return type == Type.ROLE_SESSION ? roleArn : arn;
    }

    /** Whether AWS Organizations policies (SCPs) apply: not to services, anonymous callers or service-linked roles. */
    public boolean subjectToScps() {
        return type != Type.SERVICE && type != Type.ANONYMOUS && type != Type.IDENTITY_PROVIDER && !serviceLinked();
    }

    /** A service-linked role's session (role path {@code /aws-service-role/}). */
    public boolean serviceLinked() {
        return type == Type.ROLE_SESSION && roleArn.contains(":role/aws-service-role/");
    }

    /** Whether the principal is an IAM identity that has identity policies. */
    public boolean hasIdentityPolicies() {
        return type == Type.USER || type == Type.ROLE_SESSION || type == Type.FEDERATED_USER;
    }

    /** The account's root ARN in the principal's partition, or empty for services and anonymous callers. */
    public Optional<String> accountRootArn() {
        if (accountId.isEmpty()) {
            return Optional.empty();
        }
        String partition = arn.startsWith("arn:") ? arn.substring(4, arn.indexOf(':', 4)) : "aws";
        return Optional.of("arn:" + partition + ":iam::" + accountId + ":root");
    }
}
