package dev.bulwark.iam.simulate;

import dev.bulwark.iam.json.JsonReader;
import dev.bulwark.iam.json.JsonSyntaxException;
import dev.bulwark.iam.json.JsonValue;
import dev.bulwark.iam.json.JsonValue.JsonArray;
import dev.bulwark.iam.json.JsonValue.JsonBoolean;
import dev.bulwark.iam.json.JsonValue.JsonNumber;
import dev.bulwark.iam.json.JsonValue.JsonObject;
import dev.bulwark.iam.json.JsonValue.JsonString;
import dev.bulwark.iam.json.JsonValue.Member;
import dev.bulwark.iam.policy.AuthorizationRequest;
import dev.bulwark.iam.policy.Decision;
import dev.bulwark.iam.policy.Policy;
import dev.bulwark.iam.policy.PolicyIssue;
import dev.bulwark.iam.policy.PolicyKind;
import dev.bulwark.iam.policy.PolicyParser;
import dev.bulwark.iam.policy.PolicySet;
import dev.bulwark.iam.policy.RequestContext;
import dev.bulwark.iam.policy.RequestPrincipal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads simulation files: one request object, or a list of them. A request is
 * <pre>
 * {
 *   "name": "optional label",
 *   "principal": "arn:aws:iam::111122223333:user/alice",   // or {"arn": ..., "roleArn": ...} / {"federated": ...}
 *   "action": "s3:GetObject",
 *   "resource": "arn:aws:s3:::bucket/key",                 // default "*"
 *   "resourceAccount": "111122223333",                     // optional
 *   "context": {"aws:SourceIp": "203.0.113.7", "aws:TagKeys": ["team"]},
 *   "policies": {
 *     "identity": [POLICY, ...], "permissionsBoundary": POLICY, "session": [POLICY, ...],
 *     "resource": POLICY, "resourcePolicyKind": "standard" | "role-trust" | "kms-key",
 *     "scp": [[POLICY, ...], ...], "rcp": [[POLICY, ...], ...]
 *   },
 *   "expect": "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied",      // optional
 *   "decidedBy": ["Sid", ...]                                          // optional: the deciding statements
 * }
 * </pre>
 * A POLICY is a policy document, or {@code {"name": ..., "document": {...}}}, or
 * {@code {"name": ..., "file": "relative/path.json"}} (relative to the simulation file). In
 * {@code scp} and {@code rcp} each element is one level: a list of policies, or a single policy.
 * Every problem comes back located; nothing throws for bad input.
 */
public final class SimulationReader {
    private static final Set<String> REQUEST_KEYS = Set.of("name", "principal", "action", "resource", "resourceAccount",
            "context", "policies", "expect", "decidedBy", "description");
    private static final Set<String> POLICY_KEYS = Set.of("identity", "permissionsBoundary", "session", "resource",
            "resourcePolicyKind", "scp", "rcp");
    private static final long MAX_POLICY_FILE_BYTES = 1_000_000;

    private final JsonReader reader = JsonReader.standard();
    private final PolicyParser parser = new PolicyParser();

    /** What a file held: the simulations that could be built, and every problem found. */
    public record Result(List<Simulation> simulations, List<SimulationIssue> issues) {
        public Result {
            simulations = List.copyOf(simulations);
            issues = issues.stream().sorted(java.util.Comparator.comparing(SimulationIssue::file)
                    .thenComparingInt(issue -> issue.position().line())
                    .thenComparingInt(issue -> issue.position().column())).toList();
        }

        public boolean hasErrors() {
            return issues.stream().anyMatch(SimulationIssue::isError);
        }
    }

    public Result read(String text, String fileName, Path baseFolder) {
        List<SimulationIssue> issues = new ArrayList<>();
        List<Simulation> simulations = new ArrayList<>();
        JsonValue root;
        try {
            root = reader.read(text);
        } catch (JsonSyntaxException e) {
            issues.add(new SimulationIssue(fileName, new JsonValue.Position(e.line(), e.column()), PolicyIssue.Level.ERROR,
                    e.getMessage()));
            return new Result(simulations, issues);
        }
        Run run = new Run(fileName, baseFolder, issues);
        if (root instanceof JsonArray cases) {
            if (cases.elements().isEmpty()) {
                run.error(root.position(), "the file holds an empty list of requests");
            }
            for (int i = 0; i < cases.elements().size(); i++) {
                run.request(cases.elements().get(i), "#" + (i + 1)).ifPresent(simulations::add);
            }
        } else {
            run.request(root, "#1").ifPresent(simulations::add);
        }
        return new Result(simulations, issues);
    }

    private final class Run {
        private final String file;
        private final Path base;
        private final List<SimulationIssue> issues;

        Run(String file, Path base, List<SimulationIssue> issues) {
            this.file = file;
            this.base = base;
            this.issues = issues;
        }

        void error(JsonValue.Position position, String message) {
            issues.add(new SimulationIssue(file, position, PolicyIssue.Level.ERROR, message));
        }

        Optional<Simulation> request(JsonValue value, String defaultName) {
            if (!(value instanceof JsonObject object)) {
                error(value.position(), "a request is a JSON object with principal, action and policies, not a " + value.typeName());
                return Optional.empty();
            }
            int errors = errorCount();
            for (Member member : object.members()) {
                if (!REQUEST_KEYS.contains(member.key())) {
                    error(member.keyPosition(), "unknown request field '" + member.key() + "' (known: " + String.join(", ",
                            new java.util.TreeSet<>(REQUEST_KEYS)) + ")");
                }
            }
            String name = string(object, "name").orElse(defaultName);
            RequestPrincipal principal = principal(object);
            Optional<String> action = string(object, "action");
            if (action.isEmpty() && object.get("action") == null) {
                error(object.position(), "the request has no action (for example \"action\": \"s3:GetObject\")");
            } else if (action.isPresent() && !action.get().matches("[A-Za-z0-9-]+:[A-Za-z0-9_-]+")) {
                error(object.get("action").position(), "action '" + action.get()
                        + "' is not a single action such as s3:GetObject (wildcards are for policies, not requests)");
            }
            String resource = string(object, "resource").orElse("*");
            String resourceAccount = string(object, "resourceAccount").orElse("");
            RequestContext context = context(object.get("context"));
            PolicySet policies = policies(object.get("policies"), action.orElse(""));
            Optional<Decision> expected = Optional.empty();
            Optional<String> expect = string(object, "expect");
            if (expect.isPresent()) {
                try {
                    expected = Optional.of(Decision.parse(expect.get()));
                } catch (IllegalArgumentException e) {
                    error(object.get("expect").position(), e.getMessage());
                }
            }
            Optional<List<String>> decidedBy = Optional.empty();
            JsonValue decidedValue = object.get("decidedBy");
            if (decidedValue instanceof JsonArray labels) {
                List<String> texts = new ArrayList<>();
                for (JsonValue label : labels.elements()) {
                    if (label instanceof JsonString string) {
                        texts.add(string.value());
                    } else {
                        error(label.position(), "decidedBy lists statement labels (Sid or #index) as strings");
                    }
                }
                decidedBy = Optional.of(texts);
            } else if (decidedValue != null) {
                error(decidedValue.position(), "decidedBy is a list of statement labels (Sid or #index)");
            }
            if (errorCount() > errors || principal == null || action.isEmpty() || policies == null) {
                return Optional.empty();
            }
            AuthorizationRequest request = new AuthorizationRequest(principal, action.get(), resource, resourceAccount, context);
            return Optional.of(new Simulation(name, request, policies, expected, decidedBy));
        }

        private RequestPrincipal principal(JsonObject object) {
            JsonValue value = object.get("principal");
            if (value == null) {
                error(object.position(), "the request has no principal (an IAM user or role ARN, a service, or *)");
                return null;
            }
            try {
                if (value instanceof JsonString string) {
                    return RequestPrincipal.parse(string.value());
                }
                if (value instanceof JsonObject details) {
                    Optional<String> federated = string(details, "federated");
                    if (federated.isPresent()) {
                        return RequestPrincipal.identityProvider(federated.get());
                    }
                    Optional<String> arn = string(details, "arn");
                    Optional<String> roleArn = string(details, "roleArn");
                    if (roleArn.isPresent()) {
                        String session = arn.map(text -> text.substring(text.lastIndexOf('/') + 1)).orElse("bulwark-simulation");
                        return RequestPrincipal.roleSession(roleArn.get(), session);
                    }
                    if (arn.isPresent()) {
                        return RequestPrincipal.parse(arn.get());
                    }
                    error(value.position(), "principal needs \"arn\", \"roleArn\" or \"federated\"");
                    return null;
                }
                error(value.position(), "principal must be a string or an object, not a " + value.typeName());
            } catch (IllegalArgumentException e) {
                error(value.position(), "principal: " + e.getMessage());
            }
            return null;
        }

        private RequestContext context(JsonValue value) {
            if (value == null) {
                return RequestContext.empty();
            }
            if (!(value instanceof JsonObject object)) {
                error(value.position(), "context must map condition keys to values, not be a " + value.typeName());
                return RequestContext.empty();
            }
            Map<String, List<String>> entries = new LinkedHashMap<>();
            for (Member member : object.members()) {
                List<String> values = new ArrayList<>();
                JsonValue entry = member.value();
                if (entry instanceof JsonArray array) {
                    for (JsonValue element : array.elements()) {
                        scalar(element, member.key()).ifPresent(values::add);
                    }
                } else {
                    scalar(entry, member.key()).ifPresent(values::add);
                }
                entries.put(member.key(), values);
            }
            return RequestContext.of(entries);
        }

        private Optional<String> scalar(JsonValue value, String key) {
            if (value instanceof JsonString string) {
                return Optional.of(string.value());
            }
            if (value instanceof JsonNumber number) {
                return Optional.of(number.text());
            }
            if (value instanceof JsonBoolean bool) {
                return Optional.of(Boolean.toString(bool.value()));
            }
            error(value.position(), "context key " + key + " takes strings, numbers or booleans (or a list of them), not a "
                    + value.typeName());
            return Optional.empty();
        }

        private PolicySet policies(JsonValue value, String action) {
            PolicySet.Builder builder = PolicySet.builder();
            if (value == null) {
                return builder.build();
            }
            if (!(value instanceof JsonObject object)) {
                error(value.position(), "policies must be an object (identity, permissionsBoundary, session, resource, scp, rcp), not a "
                        + value.typeName());
                return null;
            }
            for (Member member : object.members()) {
                if (!POLICY_KEYS.contains(member.key())) {
                    error(member.keyPosition(), "unknown policy kind '" + member.key() + "' (known: identity, permissionsBoundary, "
                            + "session, resource, resourcePolicyKind, scp, rcp)");
                }
            }
            for (Policy policy : policyList(object.get("identity"), PolicyKind.IDENTITY, "identity")) {
                builder.identity(policy);
            }
            JsonValue boundary = object.get("permissionsBoundary");
            if (boundary != null) {
                policy(boundary, PolicyKind.PERMISSIONS_BOUNDARY, "permissions-boundary").ifPresent(builder::permissionsBoundary);
            }
            for (Policy policy : policyList(object.get("session"), PolicyKind.SESSION, "session")) {
                builder.session(policy);
            }
            Optional<String> kindText = string(object, "resourcePolicyKind");
            // A role's trust policy is read as one (no Resource needed) when the action assumes a role.
            PolicyKind resourceKind = action.toLowerCase(java.util.Locale.ROOT).startsWith("sts:assumerole")
                    ? PolicyKind.TRUST : PolicyKind.RESOURCE;
            if (kindText.isPresent()) {
                switch (kindText.get()) {
                    case "standard" -> {
                        builder.resourcePolicyKind(PolicySet.ResourcePolicyKind.STANDARD);
                        resourceKind = PolicyKind.RESOURCE;
                    }
                    case "role-trust" -> {
                        builder.resourcePolicyKind(PolicySet.ResourcePolicyKind.ROLE_TRUST);
                        resourceKind = PolicyKind.TRUST;
                    }
                    case "kms-key" -> {
                        builder.resourcePolicyKind(PolicySet.ResourcePolicyKind.KMS_KEY);
                        resourceKind = PolicyKind.RESOURCE;
                    }
                    default -> error(object.get("resourcePolicyKind").position(), "resourcePolicyKind is standard, role-trust or kms-key, not '"
                            + kindText.get() + "'");
                }
            }
            JsonValue resource = object.get("resource");
            if (resource != null) {
                policy(resource, resourceKind, "resource").ifPresent(builder::resource);
            }
            for (List<Policy> level : levels(object.get("scp"), PolicyKind.SCP, "scp")) {
                builder.scpLevel(level);
            }
            for (List<Policy> level : levels(object.get("rcp"), PolicyKind.RCP, "rcp")) {
                builder.rcpLevel(level);
            }
            return builder.build();
        }

        private List<Policy> policyList(JsonValue value, PolicyKind kind, String prefix) {
            List<Policy> policies = new ArrayList<>();
            if (value == null) {
                return policies;
            }
            if (value instanceof JsonArray array) {
                for (int i = 0; i < array.elements().size(); i++) {
                    policy(array.elements().get(i), kind, prefix + "-" + (i + 1)).ifPresent(policies::add);
                }
            } else {
                policy(value, kind, prefix + "-1").ifPresent(policies::add);
            }
            return policies;
        }

        private List<List<Policy>> levels(JsonValue value, PolicyKind kind, String prefix) {
            List<List<Policy>> levels = new ArrayList<>();
            if (value == null) {
                return levels;
            }
            if (!(value instanceof JsonArray array)) {
                error(value.position(), prefix + " is a list of levels (root, OUs, account), each a policy or a list of policies");
                return levels;
            }
            for (int i = 0; i < array.elements().size(); i++) {
                JsonValue level = array.elements().get(i);
                levels.add(policyList(level, kind, prefix + "-level" + (i + 1)));
            }
            return levels;
        }

        private Optional<Policy> policy(JsonValue value, PolicyKind kind, String defaultName) {
            JsonValue document = value;
            String name = defaultName;
            String policyFile = file;
            if (value instanceof JsonObject object && object.get("Statement") == null
                    && (object.get("document") != null || object.get("file") != null)) {
                name = string(object, "name").orElse(defaultName);
                if (object.get("document") != null) {
                    document = object.get("document");
                } else {
                    Optional<String> path = string(object, "file");
                    if (path.isEmpty()) {
                        return Optional.empty();
                    }
                    Path resolved = base.resolve(path.get()).normalize();
                    policyFile = resolved.toString();
                    try {
                        if (Files.size(resolved) > MAX_POLICY_FILE_BYTES) {
                            error(object.get("file").position(), "policy file " + path.get() + " is larger than 1 MB");
                            return Optional.empty();
                        }
                        String text = Files.readString(resolved, StandardCharsets.UTF_8);
                        document = reader.read(text);
                    } catch (IOException e) {
                        error(object.get("file").position(), "cannot read policy file " + path.get() + ": " + e.getMessage());
                        return Optional.empty();
                    } catch (JsonSyntaxException e) {
                        issues.add(new SimulationIssue(policyFile, new JsonValue.Position(e.line(), e.column()),
                                PolicyIssue.Level.ERROR, e.getMessage()));
                        return Optional.empty();
                    }
                }
            }
            PolicyParser.Parsed parsed = parser.parse(document, name, kind);
            for (PolicyIssue issue : parsed.issues()) {
                issues.add(new SimulationIssue(policyFile, issue.position(), issue.level(), kind.label() + " " + name + ": "
                        + issue.message()));
            }
            return parsed.policy();
        }

        private Optional<String> string(JsonObject object, String key) {
            JsonValue value = object.get(key);
            if (value == null) {
                return Optional.empty();
            }
            if (value instanceof JsonString string) {
                return Optional.of(string.value());
            }
            error(value.position(), key + " must be a string, not a " + value.typeName());
            return Optional.empty();
        }

        private int errorCount() {
            int count = 0;
            for (SimulationIssue issue : issues) {
                if (issue.isError()) {
                    count++;
                }
            }
            return count;
        }
    }
}
