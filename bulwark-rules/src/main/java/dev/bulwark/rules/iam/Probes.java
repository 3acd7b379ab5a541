package dev.bulwark.rules.iam;

import dev.bulwark.iam.catalog.ActionInfo;
import dev.bulwark.iam.catalog.IamCatalog;
import dev.bulwark.iam.catalog.ResourceTypeInfo;
import dev.bulwark.iam.policy.RequestContext;
import dev.bulwark.iam.policy.RequestPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The requests the functions ask the evaluator about. A finding says "this request is allowed",
 * so each probe is a request that really can be made, and its context holds only what such a
 * request certainly carries.
 *
 * <ul>
 *   <li>The <b>holder</b> of an identity policy: a role session of account {@value #HOLDER_ACCOUNT},
 *       calling over TLS on resources of its own account.</li>
 *   <li><b>Outsiders</b>, for resource policies: an anonymous caller and a user of the unrelated
 *       account {@value #OUTSIDER_ACCOUNT}, calling over TLS from the internet, from an address in
 *       each quarter of the IPv4 space (a grant counts only when it holds for all four, so
 *       {@code IpAddress 0.0.0.0/0} is public and an office range is not). They come from no VPC
 *       or VPC endpoint, belong to no organization, and no AWS service calls on their behalf, so
 *       conditions on {@code aws:SourceVpce}, {@code aws:PrincipalOrgID}, {@code aws:SourceArn} or
 *       {@code aws:SourceAccount} find those keys absent, as AWS would.</li>
 *   <li><b>Resources</b>: a rule names an ARN ({@code arn:aws:iam::000000000000:role/bulwark-probe}
 *       for "any role": {@code *} and {@code arn:aws:iam::*:role/*} cover it, {@code role/app-*}
 *       does not), or {@code *} for "every resource the action acts on": one ARN per resource type
 *       of the action in the catalog, placeholders filled with {@code bulwark-probe} (and
 *       {@code *} itself for actions that take no resource).</li>
 * </ul>
 */
final class Probes {
    static final String HOLDER_ACCOUNT = "000000000000";
    static final String OUTSIDER_ACCOUNT = "999999999999";
    static final String FILLER = "bulwark-probe";

    static final RequestPrincipal HOLDER = RequestPrincipal.roleSession("arn:aws:iam::" + HOLDER_ACCOUNT + ":role/bulwark-holder",
            FILLER);
    static final RequestContext HOLDER_CONTEXT = RequestContext.of(Map.of("aws:SecureTransport", List.of("true")));

    /** The holder in another account. */
    static RequestPrincipal holder(String account) {
        return RequestPrincipal.roleSession("arn:aws:iam::" + account + ":role/bulwark-holder", FILLER);
    }

    /** The role a trust policy belongs to, in the holder's account. */
    static final String TRUSTING_ROLE = "arn:aws:iam::" + HOLDER_ACCOUNT + ":role/" + FILLER;

    static final RequestPrincipal ANONYMOUS = RequestPrincipal.parse("*");
    static final RequestPrincipal OUTSIDER = RequestPrincipal.parse("arn:aws:iam::" + OUTSIDER_ACCOUNT + ":user/" + FILLER);

    private static final List<String> ADDRESSES = List.of("3.4.5.6", "99.1.2.3", "150.1.2.3", "200.1.2.3");

    /**
     * The condition keys the outsider probes decide (lower case): those they set and those they
     * certainly lack. A Deny testing any other key is read as applying.
     */
    static final Set<String> OUTSIDER_MODELED_KEYS = Set.of("aws:securetransport", "aws:sourceip", "aws:viaawsservice",
            "aws:principalarn", "aws:principalaccount", "aws:principaltype", "aws:username", "aws:principalisawsservice",
            "aws:principalservicename", "aws:principalservicenameslist", "aws:resourceaccount", "aws:sourcevpc",
            "aws:sourcevpce", "aws:vpcsourceip", "aws:sourcearn", "aws:sourceaccount", "aws:sourceowner", "aws:sourceorgid",
            "aws:sourceorgpaths", "aws:principalorgid", "aws:principalorgpaths", "aws:calledvia", "aws:calledviafirst",
            "aws:calledvialast", "aws:multifactorauthpresent", "aws:multifactorauthage", "kms:calleraccount");

    /** One outsider's requests: the same principal from each address. */
    record Outsider(RequestPrincipal principal, boolean hasIdentityPolicies, List<RequestContext> contexts) {}

    static final List<Outsider> OUTSIDERS = List.of(
            new Outsider(ANONYMOUS, false, contexts(false)),
            new Outsider(OUTSIDER, true, contexts(true)));

    private Probes() {}

    private static List<RequestContext> contexts(boolean account) {
        List<RequestContext> contexts = new ArrayList<>(ADDRESSES.size());
        for (String address : ADDRESSES) {
            Map<String, List<String>> keys = new java.util.HashMap<>();
            keys.put("aws:SecureTransport", List.of("true"));
            keys.put("aws:SourceIp", List.of(address));
            keys.put("aws:ViaAWSService", List.of("false"));
            if (account) {
                keys.put("kms:CallerAccount", List.of(OUTSIDER_ACCOUNT));
            }
            contexts.add(RequestContext.of(keys));
        }
        return List.copyOf(contexts);
    }

    /** The probe ARNs standing for "every resource {@code action} acts on"; {@code *} for actions that take none. */
    static List<String> everyResource(IamCatalog catalog, ActionInfo action) {
        List<ResourceTypeInfo> types = catalog.resourceTypes(action);
        if (types.isEmpty()) {
            return List.of("*");
        }
        List<String> arns = new ArrayList<>(types.size());
        for (ResourceTypeInfo type : types) {
            for (String pattern : type.arnPatterns()) {
                String arn = fill(pattern);
                if (!arns.contains(arn)) {
                    arns.add(arn);
                }
            }
        }
        return List.copyOf(arns);
    }

    /** A catalog ARN format with its placeholders filled: the partition, a region, the holder's account, and {@value #FILLER}. */
    static String fill(String pattern) {
        StringBuilder arn = new StringBuilder(pattern.length() + 16);
        int i = 0;
        while (i < pattern.length()) {
            int open = pattern.indexOf("${", i);
            int close = open < 0 ? -1 : pattern.indexOf('}', open);
            if (open < 0 || close < 0) {
                arn.append(pattern, i, pattern.length());
                break;
            }
            arn.append(pattern, i, open);
            String name = pattern.substring(open + 2, close);
            if (name.equals("Partition")) {
                arn.append("aws");
            } else if (name.equals("Region")) {
                arn.append("us-east-1");
            } else if (name.equals("Account") || name.equals("AccountId")) {
                arn.append(HOLDER_ACCOUNT);
            } else {
                arn.append(FILLER);
            }
            i = close + 1;
        }
        return arn.toString();
    }
}
