package dev.bulwark.iam.policy;

import static java.util.Objects.requireNonNull;

import dev.bulwark.iam.json.JsonReader;
import dev.bulwark.iam.json.JsonSyntaxException;
import dev.bulwark.iam.json.JsonValue;
import dev.bulwark.iam.json.JsonValue.JsonArray;
import dev.bulwark.iam.json.JsonValue.JsonBoolean;
import dev.bulwark.iam.json.JsonValue.JsonNumber;
import dev.bulwark.iam.json.JsonValue.JsonObject;
import dev.bulwark.iam.json.JsonValue.JsonString;
import dev.bulwark.iam.json.JsonValue.JsonUnknown;
import dev.bulwark.iam.json.JsonValue.Member;
import dev.bulwark.iam.json.JsonValue.Position;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads policy documents exactly as the IAM policy grammar defines them: element names are
 * case-sensitive, single values and lists are both accepted, {@code Version} decides policy
 * variables, and everything AWS would reject is an error at its position. Statements with an
 * error are left out of the policy (AWS would refuse the whole document; analysis goes on with
 * what is well formed and says so).
 *
 * <p>Policies from infrastructure code may hold values unknown before deployment. The parser
 * then builds the policy that grants <em>at most what is certain</em>: an unknown part of an
 * {@code Allow} statement removes what it might grant, an unknown part of a {@code Deny}
 * statement makes it deny as much as it might. A finding on such a policy ("grants
 * {@code iam:PassRole} on {@code *}") is then true whatever the unknowns turn out to be.
 * Each approximation is reported as a warning with code {@code unknown-value}.
 *
 * <p>Stateless and thread-safe.
 */
public final class PolicyParser {
    private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_KEYS = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action",
            "NotAction", "Resource", "NotResource", "Condition");
    private static final Set<String> PRINCIPAL_KEYS = Set.of("AWS", "Service", "Federated", "CanonicalUser");
    // Wildcards may stand in the service part too ("*:*", "*:Describe*"), as the catalog expands them.
    private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9*?-]+:[A-Za-z0-9*?_-]+");
    private static final String UNKNOWN = "unknown-value";

    /** The result of a parse: the policy, when the document is a policy at all, and every issue found. */
    public record Parsed(Optional<Policy> policy, List<PolicyIssue> issues) {
        public Parsed {
            requireNonNull(policy, "policy is null");
            issues = issues.stream().sorted(PolicyIssue.ORDER).toList();
        }

        public boolean hasErrors() {
            return issues.stream().anyMatch(PolicyIssue::isError);
        }
    }

    private final JsonReader reader;

    public PolicyParser() {
        this(JsonReader.standard());
    }

    public PolicyParser(JsonReader reader) {
        this.reader = requireNonNull(reader, "reader is null");
    }

    /** Parses policy text; a JSON syntax error is an issue, not an exception. {@code kind} may be null when unknown. */
    public Parsed parse(String text, String name, PolicyKind kind) {
        JsonValue root;
        try {
            root = reader.read(text);
        } catch (JsonSyntaxException e) {
            return new Parsed(Optional.empty(), List.of(PolicyIssue.error(new Position(e.line(), e.column()), "invalid-json",
                    e.getMessage())));
        }
        return parse(root, name, kind);
    }

    /** Parses a policy already read as JSON (from an account export, or converted from infrastructure code). */
    public Parsed parse(JsonValue root, String name, PolicyKind kind) {
        return new Run(name, kind).policy(root);
    }

    /** One parse; collects issues. */
    private static final class Run {
        private final String name;
        private final PolicyKind kind;
        private final List<PolicyIssue> issues = new ArrayList<>();
        private boolean variables = true;

        Run(String name, PolicyKind kind) {
            this.name = name;
            this.kind = kind;
        }

        Parsed policy(JsonValue root) {
            if (root instanceof JsonString string && looksLikeJson(string.value())) {
                issues.add(PolicyIssue.error(root.position(), "policy-is-string",
                        "the policy is a JSON string holding JSON; decode it first (URL-decode an export's policy document)"));
                return new Parsed(Optional.empty(), issues);
            }
            if (!(root instanceof JsonObject document)) {
                issues.add(PolicyIssue.error(root.position(), "not-an-object",
                        "a policy document is a JSON object with Version and Statement, not a " + root.typeName()));
                return new Parsed(Optional.empty(), issues);
            }
            duplicates(document);
            for (Member member : document.members()) {
                if (!TOP_LEVEL.contains(member.key())) {
                    issues.add(PolicyIssue.error(member.keyPosition(), "unknown-element", "unknown policy element '"
                            + member.key() + "'" + suggestion(member.key(), TOP_LEVEL) + "; a policy has Version, Id and Statement"));
                }
            }
            Policy.Version version = version(document);
            variables = version.variables();
            String id = "";
            JsonValue idValue = document.get("Id");
            if (idValue instanceof JsonString string) {
                id = string.value();
            } else if (idValue != null) {
                issues.add(PolicyIssue.error(idValue.position(), "invalid-type", "Id must be a string, not a " + idValue.typeName()));
            }
            List<Statement> statements = new ArrayList<>();
            JsonValue statementValue = document.get("Statement");
            if (statementValue == null) {
                issues.add(PolicyIssue.error(document.position(), "missing-statement", "the policy has no Statement"));
            } else if (statementValue instanceof JsonObject single) {
                statement(single, 0, statements);
            } else if (statementValue instanceof JsonArray list) {
                if (list.elements().isEmpty()) {
                    issues.add(PolicyIssue.warning(list.position(), "no-statements", "the Statement list is empty: the policy grants nothing"));
                }
                for (int i = 0; i < list.elements().size(); i++) {
                    JsonValue element = list.elements().get(i);
                    if (element instanceof JsonObject object) {
                        statement(object, i, statements);
                    } else {
                        issues.add(PolicyIssue.error(element.position(), "invalid-type",
                                "each statement must be a JSON object, not a " + element.typeName()));
                    }
                }
            } else {
                issues.add(PolicyIssue.error(statementValue.position(), "invalid-type",
                        "Statement must be an object or a list of objects, not a " + statementValue.typeName()));
            }
            Set<String> sids = new HashSet<>();
            for (Statement statement : statements) {
                if (!statement.sid().isEmpty() && !sids.add(statement.sid())) {
                    issues.add(PolicyIssue.error(statement.position(), "duplicate-sid", "Sid '" + statement.sid()
                            + "' is used by more than one statement; Sids must be unique within a policy"));
                }
            }
            return new Parsed(Optional.of(new Policy(name, version, id, statements, document.position())), issues);
        }

        private Policy.Version version(JsonObject document) {
            JsonValue value = document.get("Version");
            if (value == null) {
                issues.add(PolicyIssue.warning(document.position(), "missing-version",
                        "no Version: AWS applies 2008-10-17, where ${...} policy variables are plain text; add \"Version\": \"2012-10-17\""));
                return Policy.Version.V2008_10_17;
            }
            if (value instanceof JsonString string) {
                for (Policy.Version version : Policy.Version.values()) {
                    if (version.text().equals(string.value())) {
                        if (version == Policy.Version.V2008_10_17) {
                            issues.add(PolicyIssue.warning(value.position(), "old-version",
                                    "Version 2008-10-17 treats ${...} policy variables as plain text; use 2012-10-17"));
                        }
                        return version;
                    }
                }
            }
            issues.add(PolicyIssue.error(value.position(), "invalid-version", "Version must be \"2012-10-17\" or \"2008-10-17\", not "
                    + describe(value)));
            return Policy.Version.V2012_10_17;
        }

        private void statement(JsonObject object, int index, List<Statement> statements) {
            int errorsBefore = errorCount();
            duplicates(object);
            for (Member member : object.members()) {
                if (!STATEMENT_KEYS.contains(member.key())) {
                    issues.add(PolicyIssue.error(member.keyPosition(), "unknown-element", "unknown statement element '"
                            + member.key() + "'" + suggestion(member.key(), STATEMENT_KEYS)));
                }
            }
            String sid = "";
            JsonValue sidValue = object.get("Sid");
            if (sidValue instanceof JsonString string) {
                sid = string.value();
            } else if (sidValue != null && !(sidValue instanceof JsonUnknown)) {
                issues.add(PolicyIssue.error(sidValue.position(), "invalid-type", "Sid must be a string, not a " + sidValue.typeName()));
            }
            Effect effect = effect(object);
            if (effect == null) {
                return;
            }
            boolean deny = effect == Effect.DENY;

            Member action = object.member("Action");
            Member notAction = object.member("NotAction");
            if (action != null && notAction != null) {
                issues.add(PolicyIssue.error(notAction.keyPosition(), "conflicting-elements", "a statement has Action or NotAction, not both"));
            } else if (action == null && notAction == null) {
                issues.add(PolicyIssue.error(object.position(), "missing-action", "the statement has neither Action nor NotAction"));
            }
            Member resource = object.member("Resource");
            Member notResource = object.member("NotResource");
            if (resource != null && notResource != null) {
                issues.add(PolicyIssue.error(notResource.keyPosition(), "conflicting-elements", "a statement has Resource or NotResource, not both"));
            } else if (resource == null && notResource == null && kind != null && kind != PolicyKind.TRUST
                    && kind != PolicyKind.SCP) {
                issues.add(PolicyIssue.error(object.position(), "missing-resource",
                        "the statement has neither Resource nor NotResource; " + article(kind.label()) + " statement needs one"));
            }
            Member principal = object.member("Principal");
            Member notPrincipal = object.member("NotPrincipal");
            if (principal != null && notPrincipal != null) {
                issues.add(PolicyIssue.error(notPrincipal.keyPosition(), "conflicting-elements", "a statement has Principal or NotPrincipal, not both"));
            }
            if (kind != null && kind.principalLess()) {
                Member present = principal != null ? principal : notPrincipal;
                if (present != null) {
                    issues.add(PolicyIssue.error(present.keyPosition(), "principal-not-allowed", article(kind.label())
                            + " cannot name a principal: it applies to the identity it is attached to"));
                }
            } else if (kind != null && principal == null && notPrincipal == null) {
                issues.add(PolicyIssue.error(object.position(), "missing-principal", article(kind.label())
                        + " statement must name its principals with Principal or NotPrincipal"));
            }
            if (errorCount() > errorsBefore) {
                return;
            }

            Member actionMember = action != null ? action : notAction;
            ActionElement actionElement = actions(actionMember, notAction != null && action == null, deny);
            Optional<ResourceElement> resourceElement = Optional.empty();
            if (resource != null || notResource != null) {
                Member resourceMember = resource != null ? resource : notResource;
                resourceElement = Optional.ofNullable(resources(resourceMember, resource == null, deny));
            }
            Optional<PrincipalElement> principalElement = Optional.empty();
            if (principal != null || notPrincipal != null) {
                Member principalMember = principal != null ? principal : notPrincipal;
                principalElement = Optional.ofNullable(principals(principalMember, principal == null, deny));
                if (principalElement.isEmpty() && errorCount() == errorsBefore && !deny) {
                    return;
                }
            }
            List<Condition> conditions = new ArrayList<>();
            boolean conditionsCertain = conditions(object.get("Condition"), deny, conditions);
            if (errorCount() > errorsBefore || actionElement == null || (resourceElement.isEmpty()
                    && (resource != null || notResource != null)) || !conditionsCertain) {
                return;
            }
            if (principalElement.isEmpty() && (principal != null || notPrincipal != null)) {
                return;
            }
            statements.add(new Statement(index, sid, effect, principalElement, actionElement, resourceElement, conditions,
                    object.position()));
        }

        private Effect effect(JsonObject object) {
            JsonValue value = object.get("Effect");
            if (value == null) {
                issues.add(PolicyIssue.error(object.position(), "missing-effect", "the statement has no Effect (Allow or Deny)"));
                return null;
            }
            if (value instanceof JsonUnknown unknown) {
                issues.add(PolicyIssue.warning(value.position(), UNKNOWN, "Effect is not known (" + unknown.reason()
                        + "); the statement is read as a Deny"));
                return Effect.DENY;
            }
            if (value instanceof JsonString string) {
                for (Effect effect : Effect.values()) {
                    if (effect.text().equals(string.value())) {
                        return effect;
                    }
                }
                if (string.value().equalsIgnoreCase("allow") || string.value().equalsIgnoreCase("deny")) {
                    issues.add(PolicyIssue.error(value.position(), "invalid-effect", "Effect is case-sensitive: write \""
                            + (string.value().equalsIgnoreCase("allow") ? "Allow" : "Deny") + "\", not \"" + string.value() + "\""));
                    return null;
                }
            }
            issues.add(PolicyIssue.error(value.position(), "invalid-effect", "Effect must be \"Allow\" or \"Deny\", not " + describe(value)));
            return null;
        }

        /** Values of an element that takes a string or a list of strings; unknown ones are null. */
        private List<JsonValue> stringList(Member member) {
            JsonValue value = member.value();
            List<JsonValue> result = new ArrayList<>();
            if (value instanceof JsonString || value instanceof JsonUnknown) {
                result.add(value);
            } else if (value instanceof JsonArray array) {
                if (array.elements().isEmpty()) {
                    issues.add(PolicyIssue.error(array.position(), "empty-list", member.key() + " is an empty list: the statement can never apply"));
                }
                for (JsonValue element : array.elements()) {
                    if (element instanceof JsonString || element instanceof JsonUnknown) {
                        result.add(element);
                    } else {
                        issues.add(PolicyIssue.error(element.position(), "invalid-type", member.key()
                                + " values must be strings, not a " + element.typeName()));
                    }
                }
            } else {
                issues.add(PolicyIssue.error(value.position(), "invalid-type", member.key()
                        + " must be a string or a list of strings, not a " + value.typeName()));
            }
            return result;
        }

        /**
         * Known values of a list element, with unknown ones approximated: dropped from an Allow's
         * list, "*" in a Deny's, dropped from any Not* list of a Deny. Returns null when the
         * statement must be left out (an Allow that may grant nothing certain).
         */
        private Values certainValues(Member member, boolean negated, boolean deny) {
            List<String> texts = new ArrayList<>();
            List<Position> positions = new ArrayList<>();
            boolean unknown = false;
            for (JsonValue value : stringList(member)) {
                if (value instanceof JsonUnknown) {
                    unknown = true;
                    if (deny && !negated) {
                        texts.add("*");
                        positions.add(value.position());
                    }
                    continue;
                }
                String text = ((JsonString) value).value();
                if (text.isEmpty()) {
                    issues.add(PolicyIssue.error(value.position(), "empty-value", member.key() + " has an empty string"));
                    continue;
                }
                texts.add(text);
                positions.add(value.position());
            }
            if (unknown) {
                issues.add(PolicyIssue.warning(member.value().position(), UNKNOWN, member.key() + " has a value not known before deployment; "
                        + (deny ? "the Deny is read as covering it" : "the Allow is read without it")));
                if (!deny && (negated || texts.isEmpty())) {
                    return null;
                }
            }
            return new Values(texts, positions, negated && deny && texts.isEmpty());
        }

        private record Values(List<String> texts, List<Position> positions, boolean negatedNothing) {}

        private ActionElement actions(Member member, boolean negated, boolean deny) {
            Values values = certainValues(member, negated, deny);
            if (values == null) {
                return null;
            }
            if (values.negatedNothing()) {
                return new ActionElement(false, List.of("*"), List.of(member.value().position()));
            }
            for (int i = 0; i < values.texts().size(); i++) {
                String text = values.texts().get(i);
                if (!text.equals("*") && !ACTION.matcher(text).matches()) {
                    issues.add(PolicyIssue.error(values.positions().get(i), "invalid-action", "'" + text
                            + "' is not an action: write service:Action, e.g. s3:GetObject, or \"*\""));
                }
            }
            return new ActionElement(negated, values.texts(), values.positions());
        }

        private ResourceElement resources(Member member, boolean negated, boolean deny) {
            Values values = certainValues(member, negated, deny);
            if (values == null) {
                return null;
            }
            if (values.negatedNothing()) {
                return new ResourceElement(false, List.of("*"), List.of(member.value().position()), variables);
            }
            for (int i = 0; i < values.texts().size(); i++) {
                String text = values.texts().get(i);
                if (!text.equals("*") && !text.startsWith("arn:")) {
                    issues.add(PolicyIssue.error(values.positions().get(i), "invalid-arn", "'" + text
                            + "' is not an ARN: resources are written arn:partition:service:region:account:resource, or \"*\""));
                } else if (text.startsWith("arn:") && text.split(":", 6).length < 6) {
                    issues.add(PolicyIssue.error(values.positions().get(i), "invalid-arn", "'" + text
                            + "' has fewer than six ARN segments (arn:partition:service:region:account:resource)"));
                }
            }
            return new ResourceElement(negated, values.texts(), values.positions(), variables);
        }

        private PrincipalElement principals(Member member, boolean negated, boolean deny) {
            JsonValue value = member.value();
            if (value instanceof JsonUnknown) {
                issues.add(PolicyIssue.warning(value.position(), UNKNOWN, member.key() + " is not known before deployment; "
                        + (deny ? "the Deny is read as covering everyone" : "the Allow is read as granting no one")));
                if (deny && !negated) {
                    return new PrincipalElement(false, true, List.of(), List.of(), List.of(), List.of(), value.position());
                }
                return null;
            }
            if (value instanceof JsonString string) {
                if (string.value().equals("*")) {
                    return new PrincipalElement(negated, true, List.of(), List.of(), List.of(), List.of(), value.position());
                }
                issues.add(PolicyIssue.error(value.position(), "invalid-principal", member.key() + " must be \"*\" or an object such as "
                        + "{\"AWS\": \"arn:aws:iam::111122223333:root\"}, not the string '" + string.value() + "'"));
                return null;
            }
            if (!(value instanceof JsonObject object)) {
                issues.add(PolicyIssue.error(value.position(), "invalid-principal", member.key()
                        + " must be \"*\" or an object, not a " + value.typeName()));
                return null;
            }
            duplicates(object);
            List<List<String>> lists = new ArrayList<>();
            boolean everyone = false;
            boolean unknown = false;
            for (String key : List.of("AWS", "Service", "Federated", "CanonicalUser")) {
                List<String> texts = new ArrayList<>();
                Member entry = object.member(key);
                if (entry != null) {
                    for (JsonValue element : stringList(entry)) {
                        if (element instanceof JsonUnknown) {
                            unknown = true;
                        } else {
                            String text = ((JsonString) element).value();
                            if (key.equals("AWS") && text.equals("*")) {
                                everyone = true;
                            } else if (text.contains("*") && !key.equals("Service")) {
                                issues.add(PolicyIssue.error(element.position(), "wildcard-principal", "principal '" + text
                                        + "' has a wildcard; only \"*\" on its own is allowed (use a condition on aws:PrincipalArn to match patterns)"));
                            }
                            texts.add(text);
                        }
                    }
                }
                lists.add(texts);
            }
            for (Member entry : object.members()) {
                if (!PRINCIPAL_KEYS.contains(entry.key())) {
                    issues.add(PolicyIssue.error(entry.keyPosition(), "invalid-principal", "unknown principal type '" + entry.key()
                            + "'" + suggestion(entry.key(), PRINCIPAL_KEYS) + "; use AWS, Service, Federated or CanonicalUser"));
                }
            }
            if (object.members().isEmpty()) {
                issues.add(PolicyIssue.error(object.position(), "invalid-principal", member.key() + " is an empty object: it names no one"));
            }
            if (unknown) {
                issues.add(PolicyIssue.warning(value.position(), UNKNOWN, member.key() + " has a value not known before deployment; "
                        + (deny ? "the Deny is read as covering everyone" : "the Allow is read without it")));
                if (deny && !negated) {
                    everyone = true;
                } else if (!deny && negated) {
                    return null;
                }
            }
            boolean any = everyone;
            if (!any && lists.stream().allMatch(List::isEmpty)) {
                return deny && negated ? new PrincipalElement(false, true, List.of(), List.of(), List.of(), List.of(), value.position())
                        : null;
            }
            return new PrincipalElement(negated, any, lists.get(0), lists.get(1), lists.get(2), lists.get(3), value.position());
        }

        /** Adds the statement's conditions; false when the statement must be left out (an Allow with an unknown condition). */
        private boolean conditions(JsonValue value, boolean deny, List<Condition> conditions) {
            if (value == null) {
                return true;
            }
            if (value instanceof JsonUnknown) {
                issues.add(PolicyIssue.warning(value.position(), UNKNOWN, "the Condition is not known before deployment; "
                        + (deny ? "the Deny is read as unconditional" : "the Allow is read as never applying")));
                return deny;
            }
            if (!(value instanceof JsonObject operators)) {
                issues.add(PolicyIssue.error(value.position(), "invalid-type", "Condition must be an object, not a " + value.typeName()));
                return true;
            }
            duplicates(operators);
            for (Member operatorMember : operators.members()) {
                Optional<QualifiedOperator> operator = operator(operatorMember);
                if (operator.isEmpty()) {
                    continue;
                }
                if (operatorMember.value() instanceof JsonUnknown) {
                    issues.add(PolicyIssue.warning(operatorMember.value().position(), UNKNOWN, operatorMember.key()
                            + " is not known before deployment; " + (deny ? "the Deny is read without it" : "the Allow is read as never applying")));
                    if (!deny) {
                        return false;
                    }
                    continue;
                }
                if (!(operatorMember.value() instanceof JsonObject keys)) {
                    issues.add(PolicyIssue.error(operatorMember.value().position(), "invalid-type", operatorMember.key()
                            + " must map condition keys to values, not be a " + operatorMember.value().typeName()));
                    continue;
                }
                duplicates(keys);
                if (keys.members().isEmpty()) {
                    issues.add(PolicyIssue.warning(keys.position(), "empty-condition", operatorMember.key() + " has no condition keys"));
                }
                for (Member keyMember : keys.members()) {
                    List<String> texts = new ArrayList<>();
                    List<Position> positions = new ArrayList<>();
                    boolean unknown = conditionValues(keyMember, texts, positions);
                    if (unknown) {
                        issues.add(PolicyIssue.warning(keyMember.value().position(), UNKNOWN, "the values of " + keyMember.key()
                                + " are not known before deployment; " + (deny ? "the Deny is read without this test"
                                : "the Allow is read as never applying")));
                        if (!deny) {
                            return false;
                        }
                        continue;
                    }
                    QualifiedOperator parsed = operator.get();
                    Condition condition = new Condition(parsed.operator(), parsed.qualifier(), parsed.ifExists(),
                            operatorMember.key(), keyMember.key(), texts, operatorMember.keyPosition(), keyMember.keyPosition(),
                            positions, variables);
                    int invalid = condition.firstInvalidValue();
                    if (invalid >= 0) {
                        issues.add(PolicyIssue.error(positions.get(invalid), "invalid-condition-value", parsed.operator().text()
                                + " " + expected(parsed.operator()) + "; '" + texts.get(invalid) + "' is not one"));
                        continue;
                    }
                    conditions.add(condition);
                }
            }
            return true;
        }

        /** Reads a condition key's values as strings; true when one of them is unknown. */
        private boolean conditionValues(Member keyMember, List<String> texts, List<Position> positions) {
            JsonValue value = keyMember.value();
            List<JsonValue> values = value instanceof JsonArray array ? array.elements() : List.of(value);
            if (value instanceof JsonArray array && array.elements().isEmpty()) {
                issues.add(PolicyIssue.error(value.position(), "empty-list", keyMember.key() + " has an empty list of values"));
            }
            boolean unknown = false;
            for (JsonValue element : values) {
                if (element instanceof JsonString string) {
                    texts.add(string.value());
                    positions.add(element.position());
                } else if (element instanceof JsonNumber number) {
                    texts.add(number.text());
                    positions.add(element.position());
                } else if (element instanceof JsonBoolean bool) {
                    texts.add(Boolean.toString(bool.value()));
                    positions.add(element.position());
                } else if (element instanceof JsonUnknown) {
                    unknown = true;
                } else {
                    issues.add(PolicyIssue.error(element.position(), "invalid-type", "condition values must be strings, numbers or "
                            + "booleans, not a " + element.typeName()));
                }
            }
            return unknown;
        }

        private Optional<QualifiedOperator> operator(Member member) {
            String text = member.key();
            Optional<QualifiedOperator> operator = QualifiedOperator.parse(text);
            if (operator.isEmpty()) {
                QualifiedOperator.Problem problem = QualifiedOperator.problem(text);
                issues.add(PolicyIssue.error(member.keyPosition(), problem.code(), problem.message()));
                return Optional.empty();
            }
            String canonical = operator.get().canonical();
            if (!canonical.equals(text)) {
                issues.add(PolicyIssue.warning(member.keyPosition(), "operator-case", "write the operator as '" + canonical
                        + "', not '" + text + "'"));
            }
            return operator;
        }

        private static String expected(ConditionOperator operator) {
            return switch (operator.family()) {
                case NUMERIC -> "compares numbers";
                case DATE -> "compares dates (ISO 8601 or epoch seconds)";
                case BOOL, NULL -> "takes true or false";
                case BINARY -> "compares base64-encoded values";
                case IP -> "takes IPv4 or IPv6 addresses or CIDR blocks";
                case STRING, ARN -> "takes strings";
            };
        }

        private void duplicates(JsonObject object) {
            Set<String> seen = new HashSet<>();
            for (Member member : object.members()) {
                if (!seen.add(member.key())) {
                    issues.add(PolicyIssue.error(member.keyPosition(), "duplicate-key", "'" + member.key()
                            + "' appears twice in the same object; JSON readers keep only one of them"));
                }
            }
        }

        private int errorCount() {
            int count = 0;
            for (PolicyIssue issue : issues) {
                if (issue.isError()) {
                    count++;
                }
            }
            return count;
        }

        private static String article(String noun) {
            return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
        }

        private static String describe(JsonValue value) {
            return value instanceof JsonString string ? "\"" + string.value() + "\"" : "a " + value.typeName();
        }

        private static String suggestion(String key, Set<String> known) {
            for (String candidate : known) {
                if (candidate.equalsIgnoreCase(key)) {
                    return " (element names are case-sensitive: write " + candidate + ")";
                }
            }
            return "";
        }

        private static boolean looksLikeJson(String text) {
            String trimmed = text.strip();
            return trimmed.startsWith("{") || trimmed.startsWith("%7B") || trimmed.startsWith("%7b");
        }
    }
}
