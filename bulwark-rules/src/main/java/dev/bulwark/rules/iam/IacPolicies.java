package dev.bulwark.rules.iam;

import static java.util.Objects.requireNonNull;

import dev.bulwark.iam.catalog.ActionInfo;
import dev.bulwark.iam.catalog.IamCatalog;
import dev.bulwark.iam.policy.AuthorizationRequest;
import dev.bulwark.iam.policy.Effect;
import dev.bulwark.iam.policy.EvaluationResult;
import dev.bulwark.iam.policy.Policy;
import dev.bulwark.iam.policy.PolicyEvaluator;
import dev.bulwark.iam.policy.PolicyParser;
import dev.bulwark.iam.policy.PolicySet;
import dev.bulwark.iam.policy.PrincipalElement;
import dev.bulwark.iam.policy.RequestContext;
import dev.bulwark.iam.policy.RequestPrincipal;
import dev.bulwark.iam.policy.Statement;
import dev.bulwark.iam.policy.StatementRef;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * IAM questions about the policy documents of infrastructure code, answered by the IAM engine
 * ({@link PolicyParser}, {@link PolicyEvaluator}, {@link IamCatalog}) instead of by matching
 * strings: the functions rules call as {@code iamAllows}, {@code iamAdmin}, {@code iamGrants},
 * {@code iamAllowedActions}, {@code iamActions}, {@code iamPublicAccess} and {@code iamTrust}.
 *
 * <p>Each question is about a policy fact of the AWS model ({@code {path, kind, document, ...}},
 * one entry of {@code policies}) and is asked of the document's <em>certain part</em> (see
 * {@link CertainPolicy}): an answer holds whatever the unknown values turn out to be and whatever
 * the request context, so a rule built on these functions never fires on an unknown value nor on
 * a grant a condition or a Deny might take back. Answers are statement paths of the fact
 * ({@code Properties.PolicyDocument.Statement[1]}), so a finding lands on the statement.
 *
 * <p>How the document reaches Java: CEL-java passes a Java {@code Map} value to a function as
 * the same object (no copy, no conversion), so the fact map arrives as built by the adapter and
 * its {@code document} is the model tree itself, unknown values included; it is read with
 * {@code raw()}, which never throws. The parsed document is cached by the fact's identity: facts
 * are built once per resource and every rule on the resource gets the same map, so one parse
 * serves all of them. The cache holds at most {@value #MAX_DOCUMENTS} documents through weak
 * references, so it neither grows without bound nor keeps models alive; catalog expansions and
 * probe ARNs are cached the same way (bounded), and decisions are memoized per document by which
 * statements an action touches, so asking about all 826 EC2 actions costs a few evaluations.
 *
 * <p>Thread-safe; one instance serves every rule of a CEL environment.
 */
public final class IacPolicies {
    static final int MAX_DOCUMENTS = 2048;
    static final int MAX_EXPANSIONS = 512;
    static final int MAX_PROBED_ACTIONS = 16_384;
    /** Masks of statements an action touches are exact up to this many statements; longer documents are decided per action. */
    private static final int MASKED_STATEMENTS = 64;

    /**
     * Actions that together stand for administrator access: full control of IAM and STS, and of
     * data and compute in S3, EC2, KMS, Organizations, Lambda, Secrets Manager, DynamoDB, RDS,
     * Systems Manager and CloudFormation. Each acts on resources, so a grant on {@code *} or on
     * {@code arn:aws:*:*:*:*} covers them all. Logging and detection services are left out on
     * purpose: "everything except CloudTrail" is still administrator access.
     */
    static final List<String> ADMIN_ACTIONS = List.of(
            "iam:CreateRole", "iam:DeleteRole", "iam:AttachRolePolicy", "iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy",
            "iam:CreateUser", "iam:AttachUserPolicy", "iam:CreateAccessKey", "iam:CreatePolicyVersion", "iam:PassRole",
            "sts:AssumeRole", "s3:GetObject", "s3:PutObject", "s3:PutBucketPolicy", "s3:DeleteBucket",
            "ec2:TerminateInstances", "ec2:AuthorizeSecurityGroupIngress", "kms:Decrypt", "kms:PutKeyPolicy",
            "kms:ScheduleKeyDeletion", "organizations:DeletePolicy", "lambda:CreateFunction", "lambda:UpdateFunctionCode",
            "lambda:InvokeFunction", "secretsmanager:GetSecretValue", "secretsmanager:DeleteSecret", "dynamodb:DeleteTable",
            "rds:DeleteDBInstance", "ssm:GetParameter", "cloudformation:CreateStack");

    private static final Pattern ACCOUNT = Pattern.compile("(\\d{12})|arn:aws[a-z-]*:iam::(\\d{12}):root");

    private final Supplier<IamCatalog> catalogSource;
    private volatile IamCatalog catalog;
    private final PolicyParser parser = new PolicyParser();
    private final PolicyEvaluator evaluator = new PolicyEvaluator();
    private final Policy allowAll;
    private final Map<DocumentKey, CertainPolicy> documents = new ConcurrentHashMap<>();
    private final Map<String, List<ActionInfo>> expansions = new ConcurrentHashMap<>();
    private final Map<String, Names> namesByPattern = new ConcurrentHashMap<>();

    /** Expanded action names, sorted, with their lower-case forms (computed once, not per document). */
    private record Names(List<String> names, List<String> lower) {}
    private final Map<String, List<String>> everyResource = new ConcurrentHashMap<>();
    private final AtomicInteger parses = new AtomicInteger();

    public IacPolicies(IamCatalog catalog) {
        this(supplied(requireNonNull(catalog, "catalog is null")));
    }

    /** With a catalog loaded on first use (so building a CEL environment does not parse the catalog). */
    public IacPolicies(Supplier<IamCatalog> catalog) {
        this.catalogSource = requireNonNull(catalog, "catalog is null");
        this.allowAll = parser.parse("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\","
                + " \"Resource\": \"*\"}]}", "bulwark-probe-identity", null).policy().orElseThrow();
    }

    /** With the catalog bundled with Bulwark, read when a function first needs it. */
    public static IacPolicies bundled() {
        return new IacPolicies(IamCatalog::bundled);
    }

    private static Supplier<IamCatalog> supplied(IamCatalog catalog) {
        return () -> catalog;
    }

    private IamCatalog catalog() {
        IamCatalog loaded = catalog;
        if (loaded == null) {
            loaded = requireNonNull(catalogSource.get(), "catalog supplier returned null");
            catalog = loaded;
        }
        return loaded;
    }

    // ------------------------------------------------------------------ identity policies

    /**
     * {@code iamAllows(doc, action, resource)}: the paths of the Allow statements of an identity
     * policy that grant {@code action} on {@code resource} (an ARN, or {@code *} for every resource
     * the action acts on) with certainty; empty when the grant is not certain, when a Deny may
     * block it, and for documents that are not identity policies.
     *
     * @throws IllegalArgumentException if {@code fact} is not a policy fact
     */
    public List<String> allows(Object fact, String action, String resource) {
        CertainPolicy policy = identity(fact);
        if (policy == null) {
            return List.of();
        }
        return paths(policy, grantedBy(policy, action, resource));
    }

    /**
     * {@code iamAdmin(doc)}: when the document grants every action of {@link #ADMIN_ACTIONS} on
     * every resource with certainty, the paths of the Allow statements that grant all of them by
     * themselves or, when none does alone, of every statement taking part; empty when the
     * document is not administrator-equivalent.
     */
    public List<String> admin(Object fact) {
        CertainPolicy policy = identity(fact);
        if (policy == null) {
            return List.of();
        }
        return policy.answer("admin", () -> adminPaths(policy));
    }

    private List<String> adminPaths(CertainPolicy policy) {
        BitSet all = new BitSet();
        BitSet everyTime = null;
        for (String action : ADMIN_ACTIONS) {
            BitSet granted = grantedBy(policy, action, "*");
            if (granted.isEmpty()) {
                return List.of();
            }
            all.or(granted);
            if (everyTime == null) {
                everyTime = (BitSet) granted.clone();
            } else {
                everyTime.and(granted);
            }
        }
        // The statements that are administrator access by themselves; all that take part when none is.
        return paths(policy, everyTime != null && !everyTime.isEmpty() ? everyTime : all);
    }

    /**
     * {@code iamAllowedActions(doc, actions, resource)}: the catalog actions matching
     * {@code actions} (a pattern such as {@code iam:*} or a list of patterns and names) that the
     * identity policy grants with certainty on {@code resource}, sorted by name.
     */
    public List<String> allowedActions(Object fact, Object actions, String resource) {
        CertainPolicy policy = identity(fact);
        if (policy == null) {
            return List.of();
        }
        requireNonNull(resource, "resource is null");
        return policy.answer("allowed|" + resource + "|" + actions, () -> allowedActions(policy, actions, resource));
    }

    private List<String> allowedActions(CertainPolicy policy, Object actions, String resource) {
        // The names are sorted already.
        Names names = names(actions);
        List<String> allowed = new ArrayList<>();
        for (int i = 0; i < names.names().size(); i++) {
            if (!grantedBy(policy, names.names().get(i), names.lower().get(i), resource).isEmpty()) {
                allowed.add(names.names().get(i));
            }
        }
        return List.copyOf(allowed);
    }

    /**
     * {@code iamGrants(doc, actions, resource)}: for each Allow statement that takes part in a
     * certain grant of an action matching {@code actions} on {@code resource}, a map
     * {@code {path, actions}} with those actions sorted; in statement order.
     */
    public List<Map<String, Object>> grants(Object fact, Object actions, String resource) {
        CertainPolicy policy = identity(fact);
        if (policy == null) {
            return List.of();
        }
        requireNonNull(resource, "resource is null");
        return policy.answer("grants|" + resource + "|" + actions, () -> grants(policy, actions, resource));
    }

    private List<Map<String, Object>> grants(CertainPolicy policy, Object actions, String resource) {
        Map<Integer, List<String>> byStatement = new TreeMap<>();
        Names names = names(actions);
        for (int i = 0; i < names.names().size(); i++) {
            String action = names.names().get(i);
            BitSet granted = grantedBy(policy, action, names.lower().get(i), resource);
            for (int index = granted.nextSetBit(0); index >= 0; index = granted.nextSetBit(index + 1)) {
                byStatement.computeIfAbsent(index, key -> new ArrayList<>()).add(action);
            }
        }
        List<Map<String, Object>> result = new ArrayList<>(byStatement.size());
        for (Map.Entry<Integer, List<String>> entry : byStatement.entrySet()) {
            Map<String, Object> grant = new LinkedHashMap<>();
            grant.put("path", policy.path(entry.getKey()));
            grant.put("actions", List.copyOf(entry.getValue()));
            result.add(Collections.unmodifiableMap(grant));
        }
        // Shared by every rule asking the same: immutable.
        return List.copyOf(result);
    }

    /** {@code iamActions(actions)}: the catalog actions matching a pattern or a list of patterns, sorted by name. */
    public List<String> actions(Object actions) {
        return actionNames(actions);
    }

    // ------------------------------------------------------------------ resource policies

    /**
     * {@code iamPublicAccess(doc, actions)}: the paths of the Allow statements of a resource
     * policy through which an outsider (an anonymous caller, or any principal of an unrelated
     * account, see {@link Probes}) can call an action matching {@code actions} on the resource,
     * from anywhere on the internet; empty for other documents.
     */
    public List<String> publicAccess(Object fact, Object actions) {
        CertainPolicy policy = read(fact);
        if (policy == null || policy.reading() != CertainPolicy.Reading.OUTSIDER) {
            return List.of();
        }
        PolicySet anonymous = PolicySet.builder().resource(policy.policy()).build();
        PolicySet withIdentity = PolicySet.builder().identity(allowAll).resource(policy.policy()).build();
        BitSet all = new BitSet();
        Names names = names(actions);
        for (int n = 0; n < names.names().size(); n++) {
            String action = names.names().get(n);
            Touch touch = touch(policy, action, names.lower().get(n));
            if (!touch.anyAllow()) {
                continue;
            }
            for (Probes.Outsider outsider : Probes.OUTSIDERS) {
                PolicySet set = outsider.hasIdentityPolicies() ? withIdentity : anonymous;
                BitSet granted = null;
                for (int i = 0; i < outsider.contexts().size(); i++) {
                    String key = outsider.principal().arn() + "|" + i;
                    BitSet allowedBy = decide(policy, touch, outsider.principal(), action, "*", Probes.HOLDER_ACCOUNT,
                            outsider.contexts().get(i), set, key);
                    if (allowedBy.isEmpty()) {
                        granted = null;
                        break;
                    }
                    if (granted == null) {
                        granted = allowedBy;
                    } else {
                        granted.or(allowedBy);
                    }
                }
                if (granted != null) {
                    all.or(granted);
                }
            }
        }
        return paths(policy, all);
    }

    // ------------------------------------------------------------------ trust policies

    /**
     * {@code iamTrust(doc)}: who can certainly assume the role of a trust policy, as maps
     * {@code {path, kind, principal}} in statement order: {@code kind} {@code any} (any AWS
     * principal, {@code principal} {@code *}: a wildcard or NotPrincipal), {@code account} (every
     * principal of the 12-digit account {@code principal} the statement names), {@code service}
     * or {@code federated} (the service or identity provider it names).
     */
    public List<Map<String, Object>> trust(Object fact) {
        CertainPolicy policy = read(fact);
        if (policy == null || policy.kind() != dev.bulwark.iam.policy.PolicyKind.TRUST) {
            return List.of();
        }
        PolicySet withIdentity = PolicySet.builder().identity(allowAll).resource(policy.policy())
                .resourcePolicyKind(PolicySet.ResourcePolicyKind.ROLE_TRUST).build();
        PolicySet alone = PolicySet.builder().resource(policy.policy())
                .resourcePolicyKind(PolicySet.ResourcePolicyKind.ROLE_TRUST).build();
        List<TrustEntry> entries = new ArrayList<>();
        BitSet anyone = assume(policy, Probes.OUTSIDER, "sts:AssumeRole", withIdentity, "trust|any");
        for (int index = anyone.nextSetBit(0); index >= 0; index = anyone.nextSetBit(index + 1)) {
            PrincipalElement element = principal(policy, index);
            if (element != null && (element.everyone() || element.negated())) {
                entries.add(new TrustEntry(index, "any", "*"));
            }
        }
        for (Statement statement : policy.statements()) {
            if (statement.effect() != Effect.ALLOW || statement.principal().isEmpty() || statement.principal().get().negated()
                    || statement.principal().get().everyone()) {
                continue;
            }
            PrincipalElement element = statement.principal().get();
            for (String value : element.aws()) {
                var matcher = ACCOUNT.matcher(value);
                if (matcher.matches()) {
                    String account = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
                    RequestPrincipal user = RequestPrincipal.parse("arn:aws:iam::" + account + ":user/" + Probes.FILLER);
                    if (assume(policy, user, "sts:AssumeRole", withIdentity, "trust|" + account).get(statement.index())) {
                        entries.add(new TrustEntry(statement.index(), "account", account));
                    }
                }
            }
            for (String service : element.service()) {
                String name = service.toLowerCase(Locale.ROOT);
                RequestPrincipal principal = new RequestPrincipal(RequestPrincipal.Type.SERVICE, name, "", "", false, name);
                if (assume(policy, principal, "sts:AssumeRole", alone, "trust|" + name).get(statement.index())) {
                    entries.add(new TrustEntry(statement.index(), "service", service));
                }
            }
            for (String provider : element.federated()) {
                String action = provider.contains(":saml-provider/") ? "sts:AssumeRoleWithSAML" : "sts:AssumeRoleWithWebIdentity";
                if (assume(policy, RequestPrincipal.identityProvider(provider), action, alone, "trust|" + provider)
                        .get(statement.index())) {
                    entries.add(new TrustEntry(statement.index(), "federated", provider));
                }
            }
        }
        entries.sort((left, right) -> Integer.compare(left.index(), right.index()));
        List<Map<String, Object>> result = new ArrayList<>(entries.size());
        for (TrustEntry entry : entries) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("path", policy.path(entry.index()));
            map.put("kind", entry.kind());
            map.put("principal", entry.principal());
            result.add(map);
        }
        return result;
    }

    private record TrustEntry(int index, String kind, String principal) {}

    private BitSet assume(CertainPolicy policy, RequestPrincipal principal, String action, PolicySet set, String key) {
        return decide(policy, touch(policy, action), principal, action, Probes.TRUSTING_ROLE, Probes.HOLDER_ACCOUNT,
                Probes.HOLDER_CONTEXT, set, key);
    }

    private static PrincipalElement principal(CertainPolicy policy, int index) {
        for (Statement statement : policy.statements()) {
            if (statement.index() == index) {
                return statement.principal().orElse(null);
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ evaluation

    /**
     * The statements granting {@code action} on {@code resource} (every probe ARN for {@code *}) to
     * the holder; empty unless all are granted. The holder's account is not known before
     * deployment: it is the probe account, or one of the accounts the document's Allow
     * statements name in their resources (a policy granting {@code arn:aws:iam::123456789012:role/*}
     * is written for account 123456789012), with the probes' account replaced by it.
     */
    private BitSet grantedBy(CertainPolicy policy, String action, String resource) {
        requireNonNull(action, "action is null");
        return grantedBy(policy, action, action.toLowerCase(Locale.ROOT), resource);
    }

    private BitSet grantedBy(CertainPolicy policy, String action, String actionLower, String resource) {
        requireNonNull(resource, "resource is null");
        Touch touch = touch(policy, action, actionLower);
        if (!touch.anyAllow()) {
            return new BitSet();
        }
        PolicySet set = policy.identitySet();
        List<String> probes = resource.equals("*") ? everyResource(action) : List.of(resource);
        for (String account : policy.holderAccounts()) {
            RequestPrincipal holder = account.equals(Probes.HOLDER_ACCOUNT) ? Probes.HOLDER : Probes.holder(account);
            BitSet all = new BitSet();
            for (String probe : probes) {
                String arn = account.equals(Probes.HOLDER_ACCOUNT) ? probe
                        : probe.replace(":" + Probes.HOLDER_ACCOUNT + ":", ":" + account + ":");
                BitSet granted = decide(policy, touch, holder, action, arn, account, Probes.HOLDER_CONTEXT, set, arn);
                if (granted.isEmpty()) {
                    all = null;
                    break;
                }
                all.or(granted);
            }
            if (all != null) {
                return all;
            }
        }
        return new BitSet();
    }

    /** Which statements of a document an action touches: computed once per action, shared by its probes. */
    private record Touch(String actionLower, boolean anyAllow, long mask) {}

    private static Touch touch(CertainPolicy policy, String action) {
        return touch(policy, action, action.toLowerCase(Locale.ROOT));
    }

    private static Touch touch(CertainPolicy policy, String action, String actionLower) {
        List<Statement> statements = policy.statements();
        boolean anyAllow = false;
        long mask = 0;
        for (int i = 0; i < statements.size(); i++) {
            Statement statement = statements.get(i);
            if (statement.action().appliesTo(actionLower)) {
                anyAllow |= statement.effect() == Effect.ALLOW;
                if (i < MASKED_STATEMENTS) {
                    mask |= 1L << i;
                }
            }
        }
        return new Touch(actionLower, anyAllow, mask);
    }

    /** A memoized decision: the probe (principal, resource, context) and what of the document the action touches. */
    private record Memo(String probe, String family, long mask) {}

    /**
     * The statements of {@code policy} that allow the request; empty when it is not allowed.
     * The decision depends on the action only through which statements' Action elements cover it
     * (the probes carry the same context for every action, and the resource policy kind is
     * chosen per service family), so it is memoized under that set, and the request is built only
     * when the memo does not know the answer.
     */
    private BitSet decide(CertainPolicy policy, Touch touch, RequestPrincipal principal, String action, String resource,
                          String resourceAccount, RequestContext context, PolicySet set, String probeKey) {
        if (!touch.anyAllow()) {
            // No Allow of this document covers the action: none of its statements can allow it.
            return new BitSet();
        }
        Memo memoKey = null;
        if (policy.statements().size() <= MASKED_STATEMENTS) {
            memoKey = new Memo(probeKey, family(touch.actionLower()), touch.mask());
            CertainPolicy.Outcome known = policy.memo(memoKey);
            if (known != null) {
                return toBitSet(known);
            }
        }
        AuthorizationRequest request = new AuthorizationRequest(principal, action, resource, resourceAccount, context);
        EvaluationResult result = evaluator.evaluate(request, set);
        CertainPolicy.Outcome outcome = CertainPolicy.Outcome.DENIED;
        if (result.allowed()) {
            List<Integer> indexes = new ArrayList<>();
            for (StatementRef ref : result.decidingStatements()) {
                if (ref.effect() == Effect.ALLOW && ref.policy().equals(policy.policy().name()) && !indexes.contains(ref.index())) {
                    indexes.add(ref.index());
                }
            }
            int[] array = new int[indexes.size()];
            for (int i = 0; i < array.length; i++) {
                array[i] = indexes.get(i);
            }
            outcome = new CertainPolicy.Outcome(array.length > 0, array);
        }
        if (memoKey != null) {
            policy.remember(memoKey, outcome);
        }
        return toBitSet(outcome);
    }

    /** What, beyond the statements, makes the evaluator treat actions differently: the kind of resource policy it picks. */
    private static String family(String actionLower) {
        if (actionLower.startsWith("sts:assumerole")) {
            return "trust";
        }
        if (actionLower.startsWith("kms:")) {
            return "key";
        }
        return "standard";
    }

    private static BitSet toBitSet(CertainPolicy.Outcome outcome) {
        BitSet bits = new BitSet();
        if (outcome.allowed()) {
            for (int index : outcome.statements()) {
                bits.set(index);
            }
        }
        return bits;
    }

    private static List<String> paths(CertainPolicy policy, BitSet statements) {
        List<String> paths = new ArrayList<>(statements.cardinality());
        for (int index = statements.nextSetBit(0); index >= 0; index = statements.nextSetBit(index + 1)) {
            paths.add(policy.path(index));
        }
        return List.copyOf(paths);
    }

    // ------------------------------------------------------------------ caches

    private CertainPolicy identity(Object fact) {
        CertainPolicy policy = read(fact);
        return policy != null && policy.kind() == dev.bulwark.iam.policy.PolicyKind.IDENTITY ? policy : null;
    }

    /** The certain part of a fact's document, parsed once per fact; null when there is nothing to decide on. */
    private CertainPolicy read(Object fact) {
        if (!(fact instanceof Map<?, ?> map) || !map.containsKey("kind") || !map.containsKey("path")) {
            throw new IllegalArgumentException("expected a policy fact (an element of policies), not " + describe(fact));
        }
        DocumentKey key = new DocumentKey(fact);
        CertainPolicy policy = documents.get(key);
        if (policy == null) {
            policy = CertainPolicy.read(map, parser);
            parses.incrementAndGet();
            if (documents.size() >= MAX_DOCUMENTS) {
                documents.keySet().removeIf(DocumentKey::cleared);
                if (documents.size() >= MAX_DOCUMENTS) {
                    documents.clear();
                }
            }
            documents.put(key, policy);
        }
        return policy.decided() ? policy : null;
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }

    /** Catalog names for a pattern or list of patterns; a name without wildcards that the catalog lacks is kept as written. */
    private List<String> actionNames(Object actions) {
        return names(actions).names();
    }

    private Names names(Object actions) {
        String key = String.valueOf(actions);
        Names names = namesByPattern.get(key);
        if (names == null) {
            List<String> expanded = expandNames(actions);
            List<String> lower = new ArrayList<>(expanded.size());
            for (String name : expanded) {
                lower.add(name.toLowerCase(Locale.ROOT));
            }
            names = new Names(expanded, List.copyOf(lower));
            if (namesByPattern.size() >= MAX_EXPANSIONS) {
                namesByPattern.clear();
            }
            namesByPattern.put(key, names);
        }
        return names;
    }

    private List<String> expandNames(Object actions) {
        List<String> patterns = new ArrayList<>();
        if (actions instanceof String text) {
            patterns.add(text);
        } else if (actions instanceof List<?> list) {
            for (Object element : list) {
                if (!(element instanceof String text)) {
                    throw new IllegalArgumentException("actions must be strings, not " + describe(element));
                }
                patterns.add(text);
            }
        } else {
            throw new IllegalArgumentException("actions must be a string or a list of strings, not " + describe(actions));
        }
        TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String pattern : patterns) {
            List<ActionInfo> expanded = expand(pattern);
            if (expanded.isEmpty() && !pattern.contains("*") && !pattern.contains("?")) {
                names.add(pattern);
            }
            for (ActionInfo action : expanded) {
                names.add(action.fullName());
            }
        }
        return List.copyOf(names);
    }

    private List<ActionInfo> expand(String pattern) {
        List<ActionInfo> expanded = expansions.get(pattern);
        if (expanded == null) {
            expanded = catalog().expand(pattern);
            if (expansions.size() >= MAX_EXPANSIONS) {
                expansions.clear();
            }
            expansions.put(pattern, expanded);
        }
        return expanded;
    }

    private List<String> everyResource(String action) {
        List<String> probes = everyResource.get(action);
        if (probes == null) {
            IamCatalog loaded = catalog();
            probes = loaded.action(action).map(info -> Probes.everyResource(loaded, info)).orElse(List.of("*"));
            if (everyResource.size() >= MAX_PROBED_ACTIONS) {
                everyResource.clear();
            }
            everyResource.put(action, probes);
        }
        return probes;
    }

    /** How many policy documents were read and parsed so far: a diagnostic, and how tests see the cache work. */
    public int documentsRead() {
        return parses.get();
    }

    /** A fact by identity, weakly held: a fact map's equals and hash would read the model. */
    private static final class DocumentKey {
        private final WeakReference<Object> fact;
        private final int hash;

        DocumentKey(Object fact) {
            this.fact = new WeakReference<>(fact);
            this.hash = System.identityHashCode(fact);
        }

        boolean cleared() {
            return fact.get() == null;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof DocumentKey key)) {
                return false;
            }
            Object mine = fact.get();
            return mine != null && mine == key.fact.get();
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
