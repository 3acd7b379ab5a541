package dev.bulwark.rules.iam;

import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Resource;
import dev.bulwark.core.model.Unknown;
import dev.bulwark.iam.account.AccountExport;
import dev.bulwark.iam.account.AttachedPolicy;
import dev.bulwark.iam.account.AwsManagedPolicies;
import dev.bulwark.iam.account.IamPrincipal;
import dev.bulwark.iam.account.ManagedPolicy;
import dev.bulwark.iam.account.PrincipalKind;
import dev.bulwark.iam.policy.Policy;
import dev.bulwark.iam.policy.PolicyParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The users, groups and roles of the AWS resources of a scan (Terraform and CloudFormation alike,
 * in the CloudFormation shape the AWS adapter gives them) as an account export the account
 * analysis reads. Only what is certain goes in (see {@link CertainPolicy}): an Allow that names an
 * unknown value or has a condition grants nothing here, a Deny with unknown parts covers
 * everything, and a principal whose permissions boundary or one of whose own policy documents
 * cannot be decided is left out of the analysis (it stays a possible target, never a source), so
 * a path found holds whatever the unknown values turn out to be.
 *
 * <p>Policies reach a principal from its own properties ({@code Policies}, {@code ManagedPolicyArns},
 * {@code PermissionsBoundary}, {@code Groups}) and from the resources that attach them
 * ({@code AWS::IAM::ManagedPolicy} and {@code AWS::IAM::Policy} with {@code Roles}/{@code Users}/
 * {@code Groups}, Terraform's {@code aws_iam_policy_attachment}, {@code AWS::IAM::UserToGroupAddition}),
 * by reference or by the name written in the principal. AWS managed policies are read from
 * Bulwark's bundled summaries; one that is not bundled is unknown and grants nothing.
 *
 * <p>ARNs are made up for the scan: one account (the 12-digit account most often written in the
 * policies' ARNs, else {@value #NO_ACCOUNT}) and each principal's name, or its address when the
 * name is not known. Not thread-safe; one instance per analysis.
 */
final class IacAccount {
    static final String NO_ACCOUNT = "000000000000";
    private static final Pattern ACCOUNT_IN_ARN = Pattern.compile("arn:aws[a-z-]*:[a-z0-9-]*:[a-z0-9-]*:(\\d{12}):");
    private static final Pattern NOT_NAME = Pattern.compile("[^\\w+=,.@-]");
    private static final Pattern INLINE_PATH = Pattern.compile("^Properties\\.Policies\\[(\\d+)]\\.PolicyDocument$");
    private static final String ROLE = "AWS::IAM::Role";
    private static final String USER = "AWS::IAM::User";
    private static final String GROUP = "AWS::IAM::Group";
    private static final String MANAGED_POLICY = "AWS::IAM::ManagedPolicy";
    private static final String POLICY = "AWS::IAM::Policy";
    private static final String ATTACHMENT = "Bulwark::IAM::PolicyAttachment";
    private static final String GROUP_ADDITION = "AWS::IAM::UserToGroupAddition";
    private static final String INSTANCE_PROFILE = "AWS::IAM::InstanceProfile";

    /** The export and, for each principal ARN, the resource it comes from. */
    record Built(AccountExport export, Map<String, Resource> resources) {}

    private final PolicyParser parser;
    private final AwsManagedPolicies awsManaged;
    private final Map<Object, Resource> byProperties = new IdentityHashMap<>();
    private final Map<Resource, Entry> entries = new LinkedHashMap<>();
    private final Map<String, Map<String, Entry>> byName = new HashMap<>();
    private final Map<String, Resource> managedByName = new HashMap<>();
    private String account = NO_ACCOUNT;
    /** Principals by address, null for an address two resources share (two Terraform roots). */
    private final Map<String, Entry> byAddress = new HashMap<>();
    private final PolicyJson.Resolver arns = this::arnOf;

    /** A principal being assembled. */
    private static final class Entry {
        final Resource resource;
        final PrincipalKind kind;
        String name;
        String arn;
        final List<AttachedPolicy> policies = new ArrayList<>();
        final Set<String> groups = new LinkedHashSet<>();
        Optional<AttachedPolicy> boundary = Optional.empty();
        Optional<String> undecided = Optional.empty();
        Optional<Policy> trust = Optional.empty();
        final List<String> instanceProfiles = new ArrayList<>();

        Entry(Resource resource, PrincipalKind kind) {
            this.resource = resource;
            this.kind = kind;
        }

        String display() {
            return kind.label() + "/" + name;
        }
    }

    IacAccount(PolicyParser parser, AwsManagedPolicies awsManaged) {
        this.parser = parser;
        this.awsManaged = awsManaged;
    }

    /** Whether {@code resources} hold a user or a role, without which there is nothing to analyze. */
    static boolean hasPrincipals(List<Resource> resources) {
        for (Resource resource : resources) {
            if (resource.kind().equals(ROLE) || resource.kind().equals(USER)) {
                return true;
            }
        }
        return false;
    }

    Built build(List<Resource> resources) {
        for (Resource resource : resources) {
            byProperties.put(resource.variables().get("properties"), resource);
        }
        account = mostFrequentAccount(resources);
        for (Resource resource : resources) {
            PrincipalKind kind = switch (resource.kind()) {
                case ROLE -> PrincipalKind.ROLE;
                case USER -> PrincipalKind.USER;
                case GROUP -> PrincipalKind.GROUP;
                default -> null;
            };
            if (kind != null) {
                entries.put(resource, new Entry(resource, kind));
            }
            if (resource.kind().equals(MANAGED_POLICY) && properties(resource).raw("ManagedPolicyName") instanceof String name) {
                managedByName.putIfAbsent(name, resource);
            }
        }
        name();
        for (Entry entry : entries.values()) {
            String address = address(entry.resource);
            byAddress.put(address, byAddress.containsKey(address) ? null : entry);
        }
        for (Entry entry : entries.values()) {
            ownPolicies(entry);
        }
        for (Resource resource : resources) {
            switch (resource.kind()) {
                case MANAGED_POLICY, POLICY, ATTACHMENT -> attacher(resource);
                case GROUP_ADDITION -> groupAddition(resource);
                case INSTANCE_PROFILE -> instanceProfile(resource);
                default -> { }
            }
        }
        List<IamPrincipal> principals = new ArrayList<>();
        Map<String, Resource> origins = new LinkedHashMap<>();
        for (Entry entry : entries.values()) {
            principals.add(new IamPrincipal(entry.kind, entry.name, entry.arn, "/", entry.resource.location().startLine(), entry.policies,
                    List.copyOf(entry.groups), entry.boundary, entry.undecided, entry.trust, Map.of(), Optional.empty(), Optional.empty(),
                    entry.instanceProfiles));
            origins.put(entry.arn, entry.resource);
        }
        Map<String, ManagedPolicy> none = Map.of();
        return new Built(new AccountExport("infrastructure code", account, principals, none, List.of()), origins);
    }

    /**
     * The made-up ARN of a principal of the scan that {@code unknown} is the ARN of
     * ({@code aws_iam_role.deploy.arn}, {@code !GetAtt DeployRole.Arn}), so that a policy granting on
     * that reference grants on the principal.
     */
    private Optional<String> arnOf(Unknown unknown) {
        if (unknown.reference().isEmpty() || !unknown.otherReferences().isEmpty()) {
            return Optional.empty();
        }
        String address = unknown.reference().get();
        String reason = unknown.reason();
        if (!reason.equals("computed attribute arn") && !reason.equals("Fn::GetAtt " + address + ".Arn")) {
            return Optional.empty();
        }
        Entry entry = byAddress.get(address);
        return entry == null ? Optional.empty() : Optional.of(entry.arn);
    }

    /** Names from RoleName/UserName/GroupName, else from the address; unique per kind. */
    private void name() {
        for (Entry entry : entries.values()) {
            Object written = properties(entry.resource).raw(nameKey(entry.kind));
            String base = written instanceof String text && !text.isBlank() ? text : fromAddress(entry.resource);
            Map<String, Entry> names = byName.computeIfAbsent(entry.kind.label(), ignored -> new HashMap<>());
            String name = base;
            for (int i = 2; names.containsKey(name); i++) {
                name = base + "-" + i;
            }
            entry.name = name;
            entry.arn = "arn:aws:iam::" + account + ":" + entry.kind.label() + "/" + name;
            names.put(name, entry);
        }
    }

    private static String nameKey(PrincipalKind kind) {
        return switch (kind) {
            case ROLE -> "RoleName";
            case USER -> "UserName";
            case GROUP -> "GroupName";
        };
    }

    private static String fromAddress(Resource resource) {
        Object address = resource.variables().get("address");
        String text = address instanceof String value ? value : resource.ref().address();
        String name = NOT_NAME.matcher(text).replaceAll("-");
        return name.length() > 64 ? name.substring(name.length() - 64) : name;
    }

    /** Inline policies, trust policy, boundary, managed policies and groups written in the principal itself. */
    private void ownPolicies(Entry entry) {
        KnownMap properties = properties(entry.resource);
        for (Map<?, ?> fact : facts(entry.resource)) {
            Object kind = fact.get("kind");
            String path = String.valueOf(fact.get("path"));
            if ("trust".equals(kind) && entry.kind == PrincipalKind.ROLE) {
                CertainPolicy trust = CertainPolicy.read(fact, parser, arns);
                if (trust.decided()) {
                    entry.trust = Optional.of(trust.policy().named("trust policy of " + entry.display()));
                }
            } else if ("identity".equals(kind)) {
                CertainPolicy policy = CertainPolicy.read(fact, parser, arns);
                String policyName = inlineName(properties, path);
                if (!policy.decided()) {
                    entry.undecided = Optional.of("inline policy " + policyName + " whose statements cannot be known before deployment");
                    continue;
                }
                String label = AttachedPolicy.label(AttachedPolicy.Origin.INLINE, policyName, entry.display(), false);
                entry.policies.add(new AttachedPolicy(AttachedPolicy.Origin.INLINE, policyName, entry.display(), policy.policy().named(label),
                        entry.resource.location().startLine()));
            }
        }
        if (properties.raw("ManagedPolicyArns") instanceof KnownList arns) {
            for (int i = 0; i < arns.size(); i++) {
                Object value = arns.raw(i);
                if (value instanceof String arn) {
                    managedByArn(entry, arn);
                } else {
                    referenced(entry.resource, "Properties.ManagedPolicyArns[" + i + "]").ifPresent(policy -> attachResource(entry, policy));
                }
            }
        }
        if (properties.containsKey("PermissionsBoundary")) {
            Object value = properties.raw("PermissionsBoundary");
            Optional<Policy> boundary = Optional.empty();
            String reference = value instanceof String arn ? arn : "a permissions boundary unknown before deployment";
            if (value instanceof String arn) {
                boundary = awsManaged.find(arn);
            } else {
                Optional<Resource> policy = referenced(entry.resource, "Properties.PermissionsBoundary");
                if (policy.isPresent()) {
                    reference = address(policy.get());
                    boundary = documentOf(policy.get());
                }
            }
            if (boundary.isPresent()) {
                String label = "permissions boundary " + reference;
                entry.boundary = Optional.of(new AttachedPolicy(AttachedPolicy.Origin.MANAGED, reference, entry.display(),
                        boundary.get().named(label), entry.resource.location().startLine()));
            } else {
                entry.undecided = Optional.of(reference);
            }
        }
        if (entry.kind == PrincipalKind.USER && properties.raw("Groups") instanceof KnownList groups) {
            for (int i = 0; i < groups.size(); i++) {
                Object value = groups.raw(i);
                if (value instanceof String group) {
                    entry.groups.add(group);
                } else {
                    referenced(entry.resource, "Properties.Groups[" + i + "]").map(entries::get).filter(group -> group != null)
                            .ifPresent(group -> entry.groups.add(group.name));
                }
            }
        }
    }

    private static String inlineName(KnownMap properties, String path) {
        // Properties.Policies[N].PolicyDocument: the entry's PolicyName when known.
        Matcher matcher = INLINE_PATH.matcher(path);
        if (matcher.matches() && properties.raw("Policies") instanceof KnownList list) {
            int index = Integer.parseInt(matcher.group(1));
            if (index < list.size() && list.raw(index) instanceof KnownMap entry && entry.raw("PolicyName") instanceof String name) {
                return name;
            }
            return "Policies[" + index + "]";
        }
        return path;
    }

    /** A managed policy named by ARN: bundled AWS managed, else one of the scan whose name the ARN ends with. */
    private void managedByArn(Entry entry, String arn) {
        Optional<Policy> bundled = awsManaged.find(arn);
        if (bundled.isEmpty() && arn.contains(":policy/")) {
            Resource declared = managedByName.get(arn.substring(arn.lastIndexOf('/') + 1));
            if (declared != null) {
                attachResource(entry, declared);
            }
            return;
        }
        if (bundled.isPresent()) {
            String label = AttachedPolicy.label(AttachedPolicy.Origin.MANAGED, arn, entry.display(), false);
            entry.policies.add(new AttachedPolicy(AttachedPolicy.Origin.MANAGED, arn, entry.display(), bundled.get().named(label),
                    entry.resource.location().startLine()));
        }
    }

    /** A policy resource of the scan attached to {@code entry}. */
    private void attachResource(Entry entry, Resource policy) {
        if (!policy.kind().equals(MANAGED_POLICY)) {
            return;
        }
        Optional<Policy> document = documentOf(policy);
        String reference = address(policy);
        if (document.isEmpty()) {
            if (hasDeny(policy)) {
                entry.undecided = Optional.of("managed policy " + reference + " whose statements cannot be known before deployment");
            }
            return;
        }
        for (AttachedPolicy existing : entry.policies) {
            if (existing.reference().equals(reference)) {
                return;
            }
        }
        String label = AttachedPolicy.label(AttachedPolicy.Origin.MANAGED, reference, entry.display(), false);
        entry.policies.add(new AttachedPolicy(AttachedPolicy.Origin.MANAGED, reference, entry.display(), document.get().named(label),
                entry.resource.location().startLine()));
    }

    /** AWS::IAM::ManagedPolicy, AWS::IAM::Policy and Bulwark::IAM::PolicyAttachment name the principals they apply to. */
    private void attacher(Resource resource) {
        KnownMap properties = properties(resource);
        for (String listKey : List.of("Roles", "Users", "Groups")) {
            PrincipalKind kind = switch (listKey) {
                case "Roles" -> PrincipalKind.ROLE;
                case "Users" -> PrincipalKind.USER;
                default -> PrincipalKind.GROUP;
            };
            if (!(properties.raw(listKey) instanceof KnownList list)) {
                continue;
            }
            for (int i = 0; i < list.size(); i++) {
                Entry target = principal(resource, kind, list.raw(i), "Properties." + listKey + "[" + i + "]");
                if (target == null) {
                    continue;
                }
                switch (resource.kind()) {
                    case MANAGED_POLICY -> attachResource(target, resource);
                    case POLICY -> inlineResource(target, resource);
                    default -> attachmentResource(target, resource);
                }
            }
        }
    }

    /** AWS::IAM::Policy: an inline policy written outside its principals. */
    private void inlineResource(Entry target, Resource policy) {
        Optional<Policy> document = documentOf(policy);
        Object written = properties(policy).raw("PolicyName");
        String name = written instanceof String text ? text : address(policy);
        if (document.isEmpty()) {
            target.undecided = Optional.of("inline policy " + name + " whose statements cannot be known before deployment");
            return;
        }
        String label = AttachedPolicy.label(AttachedPolicy.Origin.INLINE, name, target.display(), false);
        target.policies.add(new AttachedPolicy(AttachedPolicy.Origin.INLINE, name, target.display(), document.get().named(label),
                policy.location().startLine()));
    }

    /** Terraform's aws_iam_policy_attachment: PolicyArn by ARN or by reference. */
    private void attachmentResource(Entry target, Resource attachment) {
        Object arn = properties(attachment).raw("PolicyArn");
        if (arn instanceof String text) {
            managedByArn(target, text);
        } else {
            referenced(attachment, "Properties.PolicyArn").ifPresent(policy -> attachResource(target, policy));
        }
    }

    private void groupAddition(Resource resource) {
        KnownMap properties = properties(resource);
        Entry group = principal(resource, PrincipalKind.GROUP, properties.raw("GroupName"), "Properties.GroupName");
        if (group == null || !(properties.raw("Users") instanceof KnownList users)) {
            return;
        }
        for (int i = 0; i < users.size(); i++) {
            Entry user = principal(resource, PrincipalKind.USER, users.raw(i), "Properties.Users[" + i + "]");
            if (user != null) {
                user.groups.add(group.name);
            }
        }
    }

    private void instanceProfile(Resource resource) {
        if (!(properties(resource).raw("Roles") instanceof KnownList roles)) {
            return;
        }
        for (int i = 0; i < roles.size(); i++) {
            Entry role = principal(resource, PrincipalKind.ROLE, roles.raw(i), "Properties.Roles[" + i + "]");
            if (role != null) {
                role.instanceProfiles.add("arn:aws:iam::" + account + ":instance-profile/" + fromAddress(resource));
            }
        }
    }

    /** The principal a list entry names: by reference to a resource of the scan, else by its written name. */
    private Entry principal(Resource from, PrincipalKind kind, Object value, String path) {
        if (value instanceof String name) {
            // A role ARN or a name; attachments name roles and users by name.
            String plain = name.contains("/") ? name.substring(name.lastIndexOf('/') + 1) : name;
            Map<String, Entry> names = byName.getOrDefault(kind.label(), Map.of());
            return names.get(plain);
        }
        Optional<Resource> referenced = referenced(from, path);
        if (referenced.isEmpty()) {
            return null;
        }
        Entry entry = entries.get(referenced.get());
        return entry != null && entry.kind == kind ? entry : null;
    }

    /** The resource the value at {@code path} certainly refers to (not a possible relation). */
    private Optional<Resource> referenced(Resource from, String path) {
        if (!(from.variables().get("references") instanceof List<?> edges)) {
            return Optional.empty();
        }
        for (Object edge : edges) {
            if (edge instanceof Map<?, ?> map && path.equals(map.get("path")) && !Boolean.TRUE.equals(map.get("possible"))) {
                Resource target = byProperties.get(map.get("properties"));
                if (target != null) {
                    return Optional.of(target);
                }
            }
        }
        return Optional.empty();
    }

    /** The certain reading of a policy resource's PolicyDocument, when it can be decided. */
    private Optional<Policy> documentOf(Resource policy) {
        for (Map<?, ?> fact : facts(policy)) {
            if ("identity".equals(fact.get("kind")) && "Properties.PolicyDocument".equals(fact.get("path"))) {
                CertainPolicy certain = CertainPolicy.read(fact, parser, arns);
                return certain.decided() ? Optional.of(certain.policy()) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Whether an undecidable document may hold a Deny: its statement list is unknown or names one. */
    private static boolean hasDeny(Resource policy) {
        for (Map<?, ?> fact : facts(policy)) {
            if ("Properties.PolicyDocument".equals(fact.get("path"))) {
                Object statements = fact.get("statements");
                if (!(statements instanceof List<?> list) || !(fact.get("document") instanceof KnownMap document)
                        || !(document.raw("Statement") instanceof KnownList)) {
                    return true;
                }
                for (Object statement : list) {
                    if (statement instanceof Map<?, ?> map && !"Allow".equals(map.get("effect"))) {
                        return true;
                    }
                }
                return false;
            }
        }
        return true;
    }

    private static String address(Resource resource) {
        Object address = resource.variables().get("address");
        return address instanceof String text ? text : resource.ref().address();
    }

    private static KnownMap properties(Resource resource) {
        return resource.variables().get("properties") instanceof KnownMap map ? map : new KnownMap(resource.location(), 0);
    }

    private static List<Map<?, ?>> facts(Resource resource) {
        List<Map<?, ?>> facts = new ArrayList<>();
        if (resource.variables().get("policies") instanceof List<?> list) {
            for (Object fact : list) {
                if (fact instanceof Map<?, ?> map) {
                    facts.add(map);
                }
            }
        }
        return facts;
    }

    /** The 12-digit account most often written in ARNs of the scan's policy documents, else {@value #NO_ACCOUNT}. */
    private static String mostFrequentAccount(List<Resource> resources) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Resource resource : resources) {
            for (Map<?, ?> fact : facts(resource)) {
                collect(fact.get("document"), counts, 0);
            }
        }
        String best = NO_ACCOUNT;
        int most = 0;
        for (Map.Entry<String, Integer> count : counts.entrySet()) {
            if (count.getValue() > most) {
                best = count.getKey();
                most = count.getValue();
            }
        }
        return best;
    }

    private static void collect(Object value, Map<String, Integer> counts, int depth) {
        if (depth > 12) {
            return;
        }
        if (value instanceof String text) {
            Matcher matcher = ACCOUNT_IN_ARN.matcher(text);
            if (matcher.find()) {
                counts.merge(matcher.group(1), 1, Integer::sum);
            } else if (text.matches("\\d{12}")) {
                counts.merge(text, 1, Integer::sum);
            }
        } else if (value instanceof KnownMap map) {
            for (String key : map.keyList()) {
                collect(map.raw(key), counts, depth + 1);
            }
        } else if (value instanceof KnownList list) {
            for (int i = 0; i < list.size(); i++) {
                collect(list.raw(i), counts, depth + 1);
            }
        }
    }
}
