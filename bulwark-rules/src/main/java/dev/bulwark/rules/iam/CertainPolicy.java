package dev.bulwark.rules.iam;

import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.ValuePath;
import dev.bulwark.iam.json.JsonValue;
import dev.bulwark.iam.json.JsonValue.JsonArray;
import dev.bulwark.iam.json.JsonValue.JsonObject;
import dev.bulwark.iam.json.JsonValue.JsonString;
import dev.bulwark.iam.json.JsonValue.JsonUnknown;
import dev.bulwark.iam.json.JsonValue.Member;
import dev.bulwark.iam.policy.Effect;
import dev.bulwark.iam.policy.Policy;
import dev.bulwark.iam.policy.PolicyKind;
import dev.bulwark.iam.policy.PolicyParser;
import dev.bulwark.iam.policy.PolicySet;
import dev.bulwark.iam.policy.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The certain part of one policy document of the resource model, parsed by the IAM engine: what
 * the document grants whatever the request context and whatever its unknown values turn out to
 * be. Built by rewriting the document's JSON before {@link PolicyParser} reads it (which itself
 * reads unknown values on the safe side):
 *
 * <ul>
 *   <li><b>identity and trust policies</b> ({@link Reading#GRANT}): an Allow with a
 *       {@code Condition} is left out, since a condition can only narrow a grant and a finding
 *       must hold for every request; a Deny's condition is read as holding (the Deny applies
 *       always), so no finding is ever one a Deny might prevent. The one context fact assumed is
 *       that the request uses TLS, so a Deny that only tests {@code aws:SecureTransport} is
 *       evaluated (a "deny plain HTTP" statement does not block). A policy variable in a Deny's
 *       resource is read as unknown, so the Deny covers everything.</li>
 *   <li><b>resource policies</b> ({@link Reading#OUTSIDER}): the question is whether an outsider
 *       (anonymous, or a principal of an unrelated account) gets in, so conditions are evaluated
 *       against concrete outsider requests (see {@link Probes}). An Allow whose condition tests a
 *       key every real request carries but the probes do not model ({@code aws:CurrentTime},
 *       {@code aws:RequestedRegion}, ...) is left out; a Deny whose condition tests a key the
 *       probes do not model is read as unconditional. {@code Resource} and {@code NotResource}
 *       become {@code "*"}: a resource policy can only grant on the resource it is attached to,
 *       and its Resource element (often a reference unknown before deployment) only picks parts
 *       of it, so "an outsider can call the action on this resource" holds whatever it names;
 *       for a Deny, {@code "*"} is the safe side. Tests of keys the caller picks itself
 *       ({@code kms:ViaService}, {@code s3:prefix}, ...) are dropped from an Allow.</li>
 * </ul>
 *
 * <p>The document is undecided (every question answers "nothing certain") when a statement or the
 * statement list is unknown, when a Deny statement could not be parsed (AWS would refuse the
 * document, but had it been accepted the Deny might have blocked), or when it has more than
 * {@link #MAX_STATEMENTS} statements: no deployable policy comes near that (the largest, an S3
 * bucket policy, is limited to 20 KB), and the bound keeps a hostile file from costing more.
 *
 * <p>Immutable apart from a bounded memo of decisions; thread-safe.
 */
final class CertainPolicy {
    static final int MAX_STATEMENTS = 1000;
    private static final int MAX_HOLDER_ACCOUNTS = 8;
    private static final java.util.regex.Pattern ACCOUNT_ID = java.util.regex.Pattern.compile("\\d{12}");
    private static final int MAX_MEMO = 4096;
    private static final int MAX_ANSWERS = 256;

    /** How the document is read: for what it grants its holder, or for whether outsiders get in. */
    enum Reading { GRANT, OUTSIDER }

    /** Condition keys whose value a probe request of the grant reading fixes (lower case). */
    static final Set<String> GRANT_MODELED_KEYS = Set.of("aws:securetransport");

    /** Keys every real request carries that the outsider probes do not set: an Allow testing one is not certain. */
    static final Set<String> ALWAYS_PRESENT_KEYS = Set.of("aws:currenttime", "aws:epochtime", "aws:requestedregion",
            "aws:userid", "aws:tokenissuetime");

    /**
     * Keys whose value the caller picks (which service it calls through, which prefix it lists,
     * which referer or user agent it sends): an outsider can satisfy any one test of them, so
     * an Allow's tests of these keys do not keep outsiders out.
     */
    static final Set<String> CALLER_CHOSEN_KEYS = Set.of("kms:viaservice", "s3:prefix", "s3:delimiter", "aws:referer",
            "aws:useragent");

    static final CertainPolicy NONE = new CertainPolicy(null, null, Optional.empty(), List.of(), false);

    private final PolicyKind kind;
    private final Reading reading;
    private final Optional<Policy> policy;
    /** The model path of each parsed statement, by its index in the parsed policy. */
    private final List<String> paths;
    private final boolean decided;
    private final Map<Object, Outcome> memo = new ConcurrentHashMap<>();
    private final Map<String, Object> answers = new ConcurrentHashMap<>();
    private final List<String> holderAccounts;
    private final PolicySet identitySet;

    private CertainPolicy(PolicyKind kind, Reading reading, Optional<Policy> policy, List<String> paths, boolean decided) {
        this.kind = kind;
        this.reading = reading;
        this.policy = policy;
        this.paths = List.copyOf(paths);
        this.decided = decided;
        this.holderAccounts = holderAccounts(policy);
        this.identitySet = policy.map(parsed -> PolicySet.builder().identity(parsed)
                .resourcePolicyKind(PolicySet.ResourcePolicyKind.STANDARD).build()).orElse(null);
    }

    /** The probe account, then every 12-digit account the Allow statements name in a resource ARN, in order. */
    private static List<String> holderAccounts(Optional<Policy> policy) {
        List<String> accounts = new ArrayList<>();
        accounts.add(Probes.HOLDER_ACCOUNT);
        for (Statement statement : policy.map(Policy::statements).orElse(List.of())) {
            if (statement.effect() != Effect.ALLOW || statement.resource().isEmpty() || statement.resource().get().negated()) {
                continue;
            }
            for (String pattern : statement.resource().get().patterns()) {
                String[] segments = pattern.split(":", 6);
                if (segments.length == 6 && segments[0].equals("arn") && ACCOUNT_ID.matcher(segments[4]).matches()
                        && !accounts.contains(segments[4]) && accounts.size() < MAX_HOLDER_ACCOUNTS) {
                    accounts.add(segments[4]);
                }
            }
        }
        return List.copyOf(accounts);
    }

    /** The accounts the holder of an identity policy may be in (see {@code IacPolicies}). */
    List<String> holderAccounts() {
        return holderAccounts;
    }

    /** The policy set of the holder: this document as its only identity policy. */
    PolicySet identitySet() {
        return identitySet;
    }

    /** What a decision found: whether the probe request is allowed and which statements of this document allow it. */
    record Outcome(boolean allowed, int[] statements) {
        static final Outcome DENIED = new Outcome(false, new int[0]);
    }

    /**
     * Reads a policy fact ({@code {path, kind, document}} as {@code PolicyFacts} builds them).
     * Facts of another kind (attached managed policies) and facts without a document read as
     * {@link #NONE}.
     */
    static CertainPolicy read(Map<?, ?> fact, PolicyParser parser) {
        return read(fact, parser, PolicyJson.Resolver.NONE);
    }

    /** The same, with the unknowns {@code resolver} knows read as their values. */
    static CertainPolicy read(Map<?, ?> fact, PolicyParser parser, PolicyJson.Resolver resolver) {
        Object kindValue = fact.get("kind");
        Object pathValue = fact.get("path");
        Object document = fact.get("document");
        String path = pathValue instanceof String text ? text : "";
        PolicyKind kind;
        Reading reading;
        if ("identity".equals(kindValue)) {
            kind = PolicyKind.IDENTITY;
            reading = Reading.GRANT;
        } else if ("trust".equals(kindValue)) {
            kind = PolicyKind.TRUST;
            reading = Reading.GRANT;
        } else if ("resource".equals(kindValue)) {
            kind = PolicyKind.RESOURCE;
            reading = Reading.OUTSIDER;
        } else {
            return NONE;
        }
        if (!(document instanceof Map<?, ?> map)) {
            return NONE;
        }
        Object statementValue = raw(map, "Statement");
        List<Object> statements = new ArrayList<>();
        List<String> statementPaths = new ArrayList<>();
        String statementPath = ValuePath.child(path, "Statement");
        if (statementValue instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                statements.add(list instanceof KnownList known ? known.raw(i) : list.get(i));
                statementPaths.add(ValuePath.index(statementPath, i));
            }
        } else if (statementValue instanceof Map<?, ?>) {
            statements.add(statementValue);
            statementPaths.add(statementPath);
        } else {
            return undecided(kind, reading);
        }
        if (statements.size() > MAX_STATEMENTS) {
            return undecided(kind, reading);
        }
        SourceLocation where = document instanceof KnownMap known ? known.location() : null;
        List<JsonValue> kept = new ArrayList<>(statements.size());
        List<String> keptPaths = new ArrayList<>(statements.size());
        int denies = 0;
        for (int i = 0; i < statements.size(); i++) {
            Object statement = statements.get(i);
            if (!(statement instanceof Map<?, ?>)) {
                // An unknown statement may be a Deny of anything.
                return undecided(kind, reading);
            }
            if (!(PolicyJson.of(statement, where, resolver) instanceof JsonObject object)) {
                return undecided(kind, reading);
            }
            JsonValue effect = object.get("Effect");
            boolean allow = effect instanceof JsonString text && text.value().equals("Allow");
            if (effect instanceof JsonUnknown || effect instanceof JsonString text && text.value().equals("Deny")) {
                denies++;
            }
            JsonObject rewritten = reading == Reading.GRANT ? forGrant(object, allow) : forOutsider(object, allow);
            if (rewritten != null) {
                kept.add(rewritten);
                keptPaths.add(statementPaths.get(i));
            }
        }
        List<Member> members = new ArrayList<>();
        for (Object key : map.keySet()) {
            String name = String.valueOf(key);
            if (!name.equals("Statement")) {
                members.add(new Member(name, JsonValue.Position.NONE, PolicyJson.of(raw(map, name), where, resolver)));
            }
        }
        members.add(new Member("Statement", JsonValue.Position.NONE, new JsonArray(kept, PolicyJson.position(where))));
        PolicyParser.Parsed parsed = parser.parse(new JsonObject(members, PolicyJson.position(where)), path, kind);
        if (parsed.policy().isEmpty()) {
            return undecided(kind, reading);
        }
        int parsedDenies = 0;
        for (Statement statement : parsed.policy().get().statements()) {
            if (statement.effect() == Effect.DENY) {
                parsedDenies++;
            }
        }
        if (parsedDenies < denies) {
            return undecided(kind, reading);
        }
        return new CertainPolicy(kind, reading, parsed.policy(), keptPaths, true);
    }

    private static CertainPolicy undecided(PolicyKind kind, Reading reading) {
        return new CertainPolicy(kind, reading, Optional.empty(), List.of(), false);
    }

    private static Object raw(Map<?, ?> map, String key) {
        return map instanceof KnownMap known ? known.raw(key) : map.get(key);
    }

    /** The grant reading of one statement; null to leave it out. */
    private static JsonObject forGrant(JsonObject statement, boolean allow) {
        JsonValue condition = statement.get("Condition");
        if (allow) {
            return condition == null ? statement : null;
        }
        List<Member> members = new ArrayList<>(statement.members().size());
        boolean keepCondition = condition != null && testsOnly(condition, GRANT_MODELED_KEYS);
        for (Member member : statement.members()) {
            if (member.key().equals("Condition") && !keepCondition) {
                continue;
            }
            if (member.key().equals("Resource") || member.key().equals("NotResource")) {
                members.add(new Member(member.key(), member.keyPosition(), withoutVariables(member.value())));
            } else {
                members.add(member);
            }
        }
        return new JsonObject(members, statement.position());
    }

    /** The outsider reading of one statement; null to leave it out. */
    private static JsonObject forOutsider(JsonObject statement, boolean allow) {
        JsonValue condition = statement.get("Condition");
        if (allow && condition != null && testsAny(condition, ALWAYS_PRESENT_KEYS)) {
            return null;
        }
        boolean keepCondition = condition != null && (allow || testsOnly(condition, Probes.OUTSIDER_MODELED_KEYS));
        List<Member> members = new ArrayList<>(statement.members().size() + 1);
        for (Member member : statement.members()) {
            String key = member.key();
            if (key.equals("Resource") || key.equals("NotResource") || (key.equals("Condition") && !keepCondition)) {
                continue;
            }
            if (key.equals("Condition") && allow && member.value() instanceof JsonObject operators) {
                JsonObject chosen = withoutCallerChosen(operators);
                if (!chosen.members().isEmpty()) {
                    members.add(new Member(key, member.keyPosition(), chosen));
                }
                continue;
            }
            members.add(member);
        }
        members.add(new Member("Resource", statement.position(), new JsonString("*", statement.position())));
        return new JsonObject(members, statement.position());
    }

    /** An Allow's condition without its tests of {@link #CALLER_CHOSEN_KEYS}, and without operators left empty. */
    private static JsonObject withoutCallerChosen(JsonObject operators) {
        List<Member> kept = new ArrayList<>(operators.members().size());
        for (Member operator : operators.members()) {
            if (!(operator.value() instanceof JsonObject tested)) {
                kept.add(operator);
                continue;
            }
            List<Member> keys = new ArrayList<>(tested.members().size());
            for (Member key : tested.members()) {
                if (!CALLER_CHOSEN_KEYS.contains(key.key().toLowerCase(Locale.ROOT))) {
                    keys.add(key);
                }
            }
            if (keys.size() == tested.members().size()) {
                kept.add(operator);
            } else if (!keys.isEmpty()) {
                kept.add(new Member(operator.key(), operator.keyPosition(), new JsonObject(keys, tested.position())));
            }
        }
        return new JsonObject(kept, operators.position());
    }

    /** Whether every key the condition tests is in {@code keys} (lower case) and the condition is known enough to tell. */
    private static boolean testsOnly(JsonValue condition, Set<String> keys) {
        if (!(condition instanceof JsonObject operators) || operators.members().isEmpty()) {
            return false;
        }
        for (Member operator : operators.members()) {
            if (!(operator.value() instanceof JsonObject tested)) {
                return false;
            }
            for (Member key : tested.members()) {
                if (!keys.contains(key.key().toLowerCase(Locale.ROOT))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether the condition tests one of {@code keys} (lower case). */
    private static boolean testsAny(JsonValue condition, Set<String> keys) {
        if (!(condition instanceof JsonObject operators)) {
            return false;
        }
        for (Member operator : operators.members()) {
            if (operator.value() instanceof JsonObject tested) {
                for (Member key : tested.members()) {
                    if (keys.contains(key.key().toLowerCase(Locale.ROOT))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A Deny's resource with every value holding a policy variable made unknown, so the Deny covers what the variable might name. */
    private static JsonValue withoutVariables(JsonValue value) {
        if (value instanceof JsonString text && text.value().contains("${")) {
            return new JsonUnknown("policy variable in a Deny", text.position());
        }
        if (value instanceof JsonArray array) {
            List<JsonValue> elements = new ArrayList<>(array.elements().size());
            for (JsonValue element : array.elements()) {
                elements.add(withoutVariables(element));
            }
            return new JsonArray(elements, array.position());
        }
        return value;
    }

    PolicyKind kind() {
        return kind;
    }

    Reading reading() {
        return reading;
    }

    /** Whether the document can be decided at all (see the class comment). */
    boolean decided() {
        return decided && policy.isPresent();
    }

    Policy policy() {
        return policy.orElseThrow();
    }

    /** The model path of parsed statement {@code index}. */
    String path(int index) {
        return paths.get(index);
    }

    /** The parsed statements, in document order. */
    List<Statement> statements() {
        return policy.map(Policy::statements).orElse(List.of());
    }

    /** A memoized decision, or null. */
    Outcome memo(Object key) {
        return memo.get(key);
    }

    void remember(Object key, Outcome outcome) {
        if (memo.size() < MAX_MEMO) {
            memo.put(key, outcome);
        }
    }

    /**
     * The answer to a question about this document (an immutable list), computed once: several
     * rules ask the same ({@code iamAdmin}, every IAM action). Bounded like the memo; a question
     * beyond the bound is computed each time.
     */
    @SuppressWarnings("unchecked")
    <T> T answer(String question, java.util.function.Supplier<T> compute) {
        Object known = answers.get(question);
        if (known == null) {
            known = compute.get();
            if (answers.size() < MAX_ANSWERS) {
                answers.put(question, known);
            }
        }
        return (T) known;
    }
}
