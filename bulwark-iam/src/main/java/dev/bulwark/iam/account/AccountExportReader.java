package dev.bulwark.iam.account;

import dev.bulwark.core.ScanWarning;
import dev.bulwark.iam.json.JsonReader;
import dev.bulwark.iam.json.JsonSyntaxException;
import dev.bulwark.iam.json.JsonValue;
import dev.bulwark.iam.json.JsonValue.JsonArray;
import dev.bulwark.iam.json.JsonValue.JsonBoolean;
import dev.bulwark.iam.json.JsonValue.JsonNumber;
import dev.bulwark.iam.json.JsonValue.JsonObject;
import dev.bulwark.iam.json.JsonValue.JsonString;
import dev.bulwark.iam.json.JsonValue.Member;
import dev.bulwark.iam.json.JsonValue.Position;
import dev.bulwark.iam.policy.Effect;
import dev.bulwark.iam.policy.Policy;
import dev.bulwark.iam.policy.PolicyIssue;
import dev.bulwark.iam.policy.PolicyKind;
import dev.bulwark.iam.policy.PolicyParser;
import dev.bulwark.iam.policy.Statement;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the output of {@code aws iam get-account-authorization-details} ({@code UserDetailList},
 * {@code GroupDetailList}, {@code RoleDetailList}, {@code Policies}) and service control policy
 * files. Nothing here throws for bad input: every problem is a {@link ScanWarning} naming the
 * file, the line and the element, and the rest of the export is read.
 *
 * <ul>
 *   <li>Policy documents may be JSON objects (as the AWS CLI prints them) or strings holding
 *       URL-encoded JSON (as the API returns them); strings are decoded, and problems inside them
 *       are reported at the string's line with the position inside the decoded text.</li>
 *   <li>A managed policy's content is its default version: the one with
 *       {@code IsDefaultVersion: true}, else the one {@code DefaultVersionId} names.</li>
 *   <li>A managed policy attached but not in {@code Policies}: a well-known AWS managed policy is
 *       taken from Bulwark's bundled summary (with a warning); any other is unknown, grants
 *       nothing in the analysis, and is reported. An unknown permissions boundary leaves its
 *       principal out of the analysis, since nothing about its permissions can be decided.</li>
 *   <li>A truncated or malformed file: what was read before the error is kept, the entry the
 *       error cuts through is left out and named. Values nested deeper than the reader's limit are
 *       skipped (policies holding them lose the statements they are in).</li>
 *   <li>Documents over AWS's size quotas (which AWS would have refused, so the file was edited) are
 *       reported and still analyzed.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class AccountExportReader {
    /** AWS quotas, in characters without white space. */
    static final int MANAGED_POLICY_LIMIT = 6_144;
    static final int USER_INLINE_LIMIT = 2_048;
    static final int GROUP_INLINE_LIMIT = 5_120;
    static final int ROLE_INLINE_LIMIT = 10_240;
    /** The trust policy quota is 2,048 by default and can be raised to 4,096. */
    static final int TRUST_POLICY_LIMIT = 4_096;

    private static final Pattern ACCOUNT_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):.*");

    private final JsonReader json;
    private final PolicyParser parser;
    private final AwsManagedPolicies bundled;

    public AccountExportReader() {
        this(JsonReader.standard());
    }

    public AccountExportReader(JsonReader json) {
        this.json = json;
        this.parser = new PolicyParser(json);
        this.bundled = AwsManagedPolicies.bundled();
    }

    /** One {@code --scp} file: the policies of one SCP level, and the problems found. */
    public record ScpLevel(String file, List<Policy> policies, List<ScanWarning> warnings) {
        public ScpLevel {
            policies = List.copyOf(policies);
            warnings = List.copyOf(warnings);
        }
    }

    /** Reads an export; {@code file} is the name warnings and findings show. */
    public AccountExport read(String text, String file) {
        return new Run(file).export(text);
    }

    /**
     * Reads a service control policy file: one policy document, or a JSON list of documents, all
     * applied at one level of the organization (every level must allow an action).
     */
    public ScpLevel readServiceControlPolicies(String text, String file) {
        Run run = new Run(file);
        List<Policy> policies = new ArrayList<>();
        JsonValue root;
        try {
            root = json.read(text);
        } catch (JsonSyntaxException e) {
            run.warn(new Position(e.line(), e.column()), "service control policy", e.getMessage() + "; the file is not used");
            return new ScpLevel(file, policies, run.warnings);
        }
        if (root instanceof JsonArray list) {
            for (int i = 0; i < list.elements().size(); i++) {
                run.document(list.elements().get(i), "[" + i + "]", PolicyKind.SCP, file + "[" + i + "]", 0).ifPresent(policies::add);
            }
        } else {
            run.document(root, "service control policy", PolicyKind.SCP, file, 0).ifPresent(policies::add);
        }
        boolean allows = false;
        for (Policy policy : policies) {
            for (Statement statement : policy.statements()) {
                allows |= statement.effect() == Effect.ALLOW;
            }
        }
        if (!policies.isEmpty() && !allows) {
            run.warn(root.position(), "service control policy", "no statement allows anything, so this level denies every action "
                    + "(AWS attaches FullAWSAccess at every level unless it is replaced; add it to the file if this level has it)");
        }
        return new ScpLevel(file, policies, run.warnings);
    }

    /** One read of one file. */
    private final class Run {
        private final String file;
        private final List<ScanWarning> warnings = new ArrayList<>();
        private JsonReader.Partial partial;

        Run(String file) {
            this.file = file;
        }

        void warn(Position position, String element, String message) {
            warnings.add(new ScanWarning(file, position.line(), element + ": " + message));
        }

        AccountExport export(String text) {
            partial = json.readPartial(text);
            if (partial.error().isPresent()) {
                JsonSyntaxException error = partial.error().get();
                warn(new Position(error.line(), error.column()), "export", error.getMessage()
                        + (partial.value().isPresent() ? "; what comes before this point is analyzed, the entry it cuts through is left out"
                        : "; nothing could be read"));
            }
            for (JsonSyntaxException skipped : partial.skipped()) {
                warn(new Position(skipped.line(), skipped.column()), "export", skipped.getMessage() + "; the value is left out");
            }
            if (partial.value().isEmpty()) {
                return new AccountExport(file, "", List.of(), Map.of(), warnings);
            }
            if (!(partial.value().get() instanceof JsonObject root)) {
                warn(partial.value().get().position(), "export", "expected the JSON object that 'aws iam get-account-authorization-details' "
                        + "prints, not " + a(partial.value().get().typeName()));
                return new AccountExport(file, "", List.of(), Map.of(), warnings);
            }
            if (root.get("UserDetailList") == null && root.get("GroupDetailList") == null && root.get("RoleDetailList") == null
                    && root.get("Policies") == null) {
                warn(root.position(), "export", "none of UserDetailList, GroupDetailList, RoleDetailList or Policies is present; "
                        + "is this the output of 'aws iam get-account-authorization-details'?");
            }
            if (root.get("IsTruncated") instanceof JsonBoolean truncated && truncated.value()) {
                warn(truncated.position(), "IsTruncated", "the export is one page of several; run the command without --max-items "
                        + "(the AWS CLI then fetches every page) so that nothing is missing");
            }
            String accountId = accountId(root);

            Map<String, RawPolicy> policies = new LinkedHashMap<>();
            for (Entry entry : entries(root, "Policies")) {
                managedPolicy(entry).ifPresent(policy -> {
                    if (policies.putIfAbsent(policy.arn, policy) != null) {
                        warn(entry.object.position(), entry.element, "policy " + policy.arn + " appears twice; the first is used");
                    }
                });
            }
            List<RawPrincipal> raw = new ArrayList<>();
            for (Entry entry : entries(root, "UserDetailList")) {
                principal(entry, PrincipalKind.USER, accountId).ifPresent(raw::add);
            }
            for (Entry entry : entries(root, "GroupDetailList")) {
                principal(entry, PrincipalKind.GROUP, accountId).ifPresent(raw::add);
            }
            for (Entry entry : entries(root, "RoleDetailList")) {
                principal(entry, PrincipalKind.ROLE, accountId).ifPresent(raw::add);
            }
            return resolve(accountId, policies, raw);
        }

        /** The account the ARNs name: the most frequent one, with a warning when several appear. */
        private String accountId(JsonObject root) {
            Map<String, Integer> counts = new TreeMap<>();
            for (String list : List.of("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies")) {
                if (root.get(list) instanceof JsonArray array) {
                    for (JsonValue element : array.elements()) {
                        if (element instanceof JsonObject object && object.get("Arn") instanceof JsonString arn) {
                            Matcher matcher = ACCOUNT_ARN.matcher(arn.value());
                            if (matcher.matches()) {
                                counts.merge(matcher.group(1), 1, Integer::sum);
                            }
                        }
                    }
                }
            }
            String best = "";
            int bestCount = 0;
            for (Map.Entry<String, Integer> count : counts.entrySet()) {
                if (count.getValue() > bestCount) {
                    best = count.getKey();
                    bestCount = count.getValue();
                }
            }
            if (counts.size() > 1) {
                warn(root.position(), "export", "ARNs name several accounts (" + String.join(", ", counts.keySet())
                        + "); the export is analyzed as account " + best);
            }
            return best;
        }

        private record Entry(JsonObject object, String element) {}

        /** The complete objects of a top-level list; cut-off and non-object entries are reported. */
        private List<Entry> entries(JsonObject root, String list) {
            JsonValue value = root.get(list);
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof JsonArray array)) {
                warn(value.position(), list, "expected a list, not " + a(value.typeName()) + "; it is ignored");
                return List.of();
            }
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < array.elements().size(); i++) {
                JsonValue element = array.elements().get(i);
                String name = list + "[" + i + "]";
                if (!(element instanceof JsonObject object)) {
                    warn(element.position(), name, "expected an object, not " + a(element.typeName()) + "; it is ignored");
                    continue;
                }
                String label = name + nameSuffix(object);
                if (partial.isCutOff(object)) {
                    warn(object.position(), label, "the entry is cut off by the error in the file; it is left out");
                    continue;
                }
                entries.add(new Entry(object, label));
            }
            return entries;
        }

        private String nameSuffix(JsonObject object) {
            for (String key : List.of("UserName", "RoleName", "GroupName", "PolicyName")) {
                if (object.get(key) instanceof JsonString name) {
                    return " (" + name.value() + ")";
                }
            }
            return "";
        }

        private Optional<RawPolicy> managedPolicy(Entry entry) {
            JsonObject object = entry.object;
            Optional<String> arn = string(object, "Arn", entry.element, true);
            if (arn.isEmpty()) {
                return Optional.empty();
            }
            String name = string(object, "PolicyName", entry.element, false).orElse(arn.get().substring(arn.get().lastIndexOf('/') + 1));
            Optional<String> defaultVersionId = string(object, "DefaultVersionId", entry.element, false);
            List<ManagedPolicy.Version> versions = new ArrayList<>();
            JsonValue list = object.get("PolicyVersionList");
            if (list == null) {
                warn(object.position(), entry.element, "no PolicyVersionList: the policy's content is unknown");
            } else if (!(list instanceof JsonArray array)) {
                warn(list.position(), entry.element + ".PolicyVersionList", "expected a list, not " + a(list.typeName())
                        + ": the policy's content is unknown");
            } else {
                for (int i = 0; i < array.elements().size(); i++) {
                    String element = entry.element + ".PolicyVersionList[" + i + "]";
                    if (!(array.elements().get(i) instanceof JsonObject version)) {
                        warn(array.elements().get(i).position(), element, "expected an object, not " + a(array.elements().get(i).typeName()));
                        continue;
                    }
                    String versionId = string(version, "VersionId", element, false).orElse("v?" + i);
                    boolean isDefault = bool(version, "IsDefaultVersion", element);
                    JsonValue document = version.get("Document");
                    if (document == null) {
                        warn(version.position(), element, "the version has no Document");
                        continue;
                    }
                    document(document, element + ".Document", PolicyKind.IDENTITY, arn.get(), MANAGED_POLICY_LIMIT)
                            .ifPresent(policy -> versions.add(new ManagedPolicy.Version(versionId, isDefault, policy,
                                    version.position().line())));
                }
            }
            ManagedPolicy.Version chosen = null;
            int flagged = 0;
            for (ManagedPolicy.Version version : versions) {
                if (version.isDefault()) {
                    flagged++;
                    if (chosen == null) {
                        chosen = version;
                    }
                }
            }
            if (flagged > 1) {
                warn(object.position(), entry.element, flagged + " versions say IsDefaultVersion: true; "
                        + defaultVersionId.map(id -> "the one DefaultVersionId names (" + id + ")").orElse("the first") + " is used");
                if (defaultVersionId.isPresent()) {
                    for (ManagedPolicy.Version version : versions) {
                        if (version.isDefault() && version.versionId().equals(defaultVersionId.get())) {
                            chosen = version;
                        }
                    }
                }
            }
            if (chosen == null && defaultVersionId.isPresent()) {
                for (ManagedPolicy.Version version : versions) {
                    if (version.versionId().equals(defaultVersionId.get())) {
                        chosen = version;
                    }
                }
            }
            if (chosen == null && list instanceof JsonArray) {
                warn(object.position(), entry.element, "no version of the policy is the default one"
                        + (versions.isEmpty() ? "" : " (none says IsDefaultVersion: true or matches DefaultVersionId)")
                        + ": the policy's content is unknown");
            }
            return Optional.of(new RawPolicy(arn.get(), name, object.position().line(),
                    Optional.ofNullable(chosen).map(ManagedPolicy.Version::document), versions));
        }

        private Optional<RawPrincipal> principal(Entry entry, PrincipalKind kind, String accountId) {
            JsonObject object = entry.object;
            String nameKey = switch (kind) {
                case USER -> "UserName";
                case ROLE -> "RoleName";
                case GROUP -> "GroupName";
            };
            Member nameMember = object.member(nameKey);
            if (nameMember == null || !(nameMember.value() instanceof JsonString nameValue) || nameValue.value().isBlank()) {
                warn(object.position(), entry.element, nameMember == null ? "no " + nameKey + "; the entry is left out"
                        : nameKey + " must be a non-empty string; the entry is left out");
                return Optional.empty();
            }
            String name = nameValue.value();
            String path = string(object, "Path", entry.element, false).orElse("/");
            Optional<String> arn = string(object, "Arn", entry.element, false);
            String principalArn;
            if (arn.isPresent()) {
                principalArn = arn.get();
            } else if (!accountId.isEmpty()) {
                principalArn = "arn:aws:iam::" + accountId + ":" + kind.label() + path + name;
                warn(object.position(), entry.element, "no Arn; analyzed as " + principalArn);
            } else {
                warn(object.position(), entry.element, "no Arn, and no other ARN tells the account; the entry is left out");
                return Optional.empty();
            }
            if (!principalArn.matches("arn:aws[a-z-]*:iam::\\d{12}:" + kind.label() + "/.+")) {
                warn(object.get("Arn") == null ? object.position() : object.get("Arn").position(), entry.element,
                        "'" + principalArn + "' is not an IAM " + kind.label() + " ARN; the entry is left out");
                return Optional.empty();
            }
            RawPrincipal principal = new RawPrincipal(kind, name, principalArn, path, nameMember.keyPosition().line(), entry.element);
            String owner = kind.label() + "/" + name;

            principal.attachments.addAll(attachments(object, entry.element));
            String inlineKey = switch (kind) {
                case USER -> "UserPolicyList";
                case ROLE -> "RolePolicyList";
                case GROUP -> "GroupPolicyList";
            };
            int inlineLimit = switch (kind) {
                case USER -> USER_INLINE_LIMIT;
                case ROLE -> ROLE_INLINE_LIMIT;
                case GROUP -> GROUP_INLINE_LIMIT;
            };
            int inlineTotal = 0;
            for (Element inline : list(object, inlineKey, entry.element)) {
                Optional<String> policyName = string(inline.object, "PolicyName", inline.element, true);
                JsonValue document = inline.object.get("PolicyDocument");
                if (policyName.isEmpty()) {
                    continue;
                }
                if (document == null) {
                    warn(inline.object.position(), inline.element, "no PolicyDocument; the inline policy is left out");
                    continue;
                }
                inlineTotal += size(document);
                String label = AttachedPolicy.label(AttachedPolicy.Origin.INLINE, policyName.get(), owner, false);
                int line = inline.object.position().line();
                document(document, inline.element + ".PolicyDocument", PolicyKind.IDENTITY, label, inlineLimit)
                        .ifPresent(policy -> principal.inline.add(new AttachedPolicy(AttachedPolicy.Origin.INLINE, policyName.get(),
                                owner, policy, line)));
            }
            if (inlineTotal > inlineLimit) {
                warn(object.position(), entry.element, "its inline policies hold " + inlineTotal + " characters together, over AWS's "
                        + inlineLimit + " for " + a(kind.label()) + "; AWS would have refused them, so the export was edited (analyzed as written)");
            }
            if (kind == PrincipalKind.USER) {
                for (JsonValue group : array(object, "GroupList", entry.element)) {
                    if (group instanceof JsonString groupName) {
                        principal.groups.add(new Reference(groupName.value(), group.position().line()));
                    } else {
                        warn(group.position(), entry.element + ".GroupList", "group names are strings, not " + a(group.typeName()));
                    }
                }
            }
            if (kind != PrincipalKind.GROUP) {
                JsonValue boundary = object.get("PermissionsBoundary");
                if (boundary instanceof JsonObject boundaryObject) {
                    string(boundaryObject, "PermissionsBoundaryArn", entry.element + ".PermissionsBoundary", true)
                            .ifPresent(boundaryArn -> principal.boundary = new Reference(boundaryArn,
                                    boundaryObject.get("PermissionsBoundaryArn").position().line()));
                } else if (boundary != null) {
                    warn(boundary.position(), entry.element + ".PermissionsBoundary", "expected an object with PermissionsBoundaryArn, not "
                            + a(boundary.typeName()) + "; the boundary is unknown, so the " + kind.label() + " is not analyzed");
                    principal.boundary = new Reference("(unreadable)", boundary.position().line());
                }
                for (Element tag : list(object, "Tags", entry.element)) {
                    Optional<String> key = string(tag.object, "Key", tag.element, true);
                    Optional<String> value = string(tag.object, "Value", tag.element, false);
                    key.ifPresent(text -> principal.tags.put(text, value.orElse("")));
                }
            }
            principal.createDate = string(object, "CreateDate", entry.element, false);
            if (kind == PrincipalKind.ROLE) {
                JsonValue trust = object.get("AssumeRolePolicyDocument");
                if (trust == null) {
                    warn(object.position(), entry.element, "no AssumeRolePolicyDocument; nobody is taken to be able to assume the role");
                } else {
                    principal.trust = document(trust, entry.element + ".AssumeRolePolicyDocument", PolicyKind.TRUST,
                            "trust policy of " + owner, TRUST_POLICY_LIMIT);
                }
                if (object.get("RoleLastUsed") instanceof JsonObject lastUsed) {
                    principal.lastUsed = string(lastUsed, "LastUsedDate", entry.element + ".RoleLastUsed", false);
                }
                for (Element profile : list(object, "InstanceProfileList", entry.element)) {
                    Optional<String> profileArn = string(profile.object, "Arn", profile.element, false);
                    Optional<String> profileName = string(profile.object, "InstanceProfileName", profile.element, false);
                    if (profileArn.isPresent() || profileName.isPresent()) {
                        principal.instanceProfiles.add(profileArn.orElseGet(profileName::get));
                    }
                }
            }
            return Optional.of(principal);
        }

        private List<Reference> attachments(JsonObject object, String element) {
            List<Reference> references = new ArrayList<>();
            for (Element attachment : list(object, "AttachedManagedPolicies", element)) {
                string(attachment.object, "PolicyArn", attachment.element, true)
                        .ifPresent(arn -> references.add(new Reference(arn, attachment.object.get("PolicyArn").position().line())));
            }
            return references;
        }

        private record Element(JsonObject object, String element) {}

        /** The object elements of a list member; other elements and a non-list value are reported. */
        private List<Element> list(JsonObject object, String key, String element) {
            List<Element> elements = new ArrayList<>();
            List<JsonValue> values = array(object, key, element);
            for (int i = 0; i < values.size(); i++) {
                String name = element + "." + key + "[" + i + "]";
                if (values.get(i) instanceof JsonObject child) {
                    elements.add(new Element(child, name));
                } else {
                    warn(values.get(i).position(), name, "expected an object, not " + a(values.get(i).typeName()) + "; it is ignored");
                }
            }
            return elements;
        }

        private List<JsonValue> array(JsonObject object, String key, String element) {
            JsonValue value = object.get(key);
            if (value == null || value instanceof JsonValue.JsonNull) {
                return List.of();
            }
            if (value instanceof JsonArray array) {
                return array.elements();
            }
            warn(value.position(), element + "." + key, "expected a list, not " + a(value.typeName()) + "; it is ignored");
            return List.of();
        }

        private Optional<String> string(JsonObject object, String key, String element, boolean required) {
            JsonValue value = object.get(key);
            if (value == null) {
                if (required) {
                    warn(object.position(), element, "no " + key + "; the element is left out");
                }
                return Optional.empty();
            }
            if (value instanceof JsonString string) {
                return Optional.of(string.value());
            }
            warn(value.position(), element + "." + key, "expected a string, not " + a(value.typeName())
                    + (required ? "; the element is left out" : "; it is ignored"));
            return Optional.empty();
        }

        private boolean bool(JsonObject object, String key, String element) {
            JsonValue value = object.get(key);
            if (value == null) {
                return false;
            }
            if (value instanceof JsonBoolean bool) {
                return bool.value();
            }
            if (value instanceof JsonString string && (string.value().equalsIgnoreCase("true") || string.value().equalsIgnoreCase("false"))) {
                return Boolean.parseBoolean(string.value());
            }
            warn(value.position(), element + "." + key, "expected true or false, not " + a(value.typeName()) + "; read as false");
            return false;
        }

        /**
         * A policy document: a JSON object, or a string holding (URL-encoded) JSON. Parse errors
         * drop the statements they are in (the parser's rule); {@code limit} is the AWS size quota
         * (0: none checked).
         */
        Optional<Policy> document(JsonValue value, String element, PolicyKind kind, String name, int limit) {
            JsonValue root = value;
            boolean decoded = false;
            if (value instanceof JsonString string) {
                String text = string.value().strip();
                if (text.startsWith("%")) {
                    try {
                        // Keep '+': AWS encodes a plus sign as %2B, and a literal '+' is not a space here.
                        text = URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException e) {
                        warn(value.position(), element, "the URL-encoded document cannot be decoded (" + e.getMessage()
                                + "); the policy is left out");
                        return Optional.empty();
                    }
                }
                try {
                    root = json.read(text);
                } catch (JsonSyntaxException e) {
                    warn(value.position(), element, "the document is not valid JSON (at " + e.line() + ":" + e.column()
                            + " of the decoded text: " + e.getMessage() + "); the policy is left out");
                    return Optional.empty();
                }
                decoded = true;
                if (limit > 0 && nonWhitespace(text) > limit) {
                    warn(value.position(), element, tooLarge(nonWhitespace(text), limit, kind));
                }
            } else if (!(value instanceof JsonObject)) {
                warn(value.position(), element, "a policy document is a JSON object or a string holding one, not " + a(value.typeName())
                        + "; the policy is left out");
                return Optional.empty();
            } else if (limit > 0 && size(value) > limit) {
                warn(value.position(), element, tooLarge(size(value), limit, kind));
            }
            PolicyParser.Parsed parsed = parser.parse(root, name, kind);
            boolean errors = false;
            for (PolicyIssue issue : parsed.issues()) {
                if (issue.isError()) {
                    errors = true;
                    String where = decoded ? value.position() + " (at " + issue.position() + " of the decoded text)" : issue.position().toString();
                    warn(decoded ? value.position() : issue.position(), element, "policy error at " + where + ": " + issue.message()
                            + " [" + issue.code() + "]; an Allow statement with an error is left out, a Deny is read without "
                            + "what cannot be read");
                }
            }
            if (errors) {
                return parser.parse(saferDenies(root, name, kind), name, kind).policy();
            }
            return parsed.policy();
        }

        /**
         * The document with each Deny statement the parser would drop made wider instead: without
         * its condition, or, when that does not help, as a Deny of everything. AWS refuses such a
         * document, so the export was edited; leaving the Deny out could report a path it blocks.
         */
        private JsonValue saferDenies(JsonValue root, String name, PolicyKind kind) {
            if (!(root instanceof JsonObject object)) {
                return root;
            }
            JsonValue statements = object.get("Statement");
            List<JsonValue> list = statements instanceof JsonArray array ? array.elements()
                    : statements instanceof JsonObject single ? List.of(single) : List.of();
            List<JsonValue> safer = new ArrayList<>(list.size());
            for (JsonValue statement : list) {
                safer.add(statement instanceof JsonObject deny && deny.get("Effect") instanceof JsonString effect
                        && effect.value().equals("Deny") && !readable(object, deny, name, kind) ? widen(object, deny, name, kind) : statement);
            }
            List<Member> members = new ArrayList<>();
            for (Member member : object.members()) {
                members.add(member.key().equals("Statement")
                        ? new Member("Statement", member.keyPosition(), new JsonArray(safer, member.value().position())) : member);
            }
            return new JsonObject(members, object.position());
        }

        private JsonObject widen(JsonObject document, JsonObject deny, String name, PolicyKind kind) {
            List<Member> kept = new ArrayList<>();
            for (Member member : deny.members()) {
                if (!member.key().equals("Condition")) {
                    kept.add(member);
                }
            }
            JsonObject unconditional = new JsonObject(kept, deny.position());
            if (readable(document, unconditional, name, kind)) {
                return unconditional;
            }
            Position at = deny.position();
            List<Member> everything = new ArrayList<>();
            if (deny.get("Sid") instanceof JsonString sid) {
                everything.add(new Member("Sid", at, sid));
            }
            everything.add(new Member("Effect", at, new JsonString("Deny", at)));
            everything.add(new Member("Action", at, new JsonString("*", at)));
            everything.add(new Member("Resource", at, new JsonString("*", at)));
            return new JsonObject(everything, at);
        }

        /** Whether {@code statement} alone, in {@code document}'s version, parses without errors. */
        private boolean readable(JsonObject document, JsonObject statement, String name, PolicyKind kind) {
            List<Member> members = new ArrayList<>();
            for (Member member : document.members()) {
                if (!member.key().equals("Statement")) {
                    members.add(member);
                }
            }
            members.add(new Member("Statement", statement.position(), new JsonArray(List.of(statement), statement.position())));
            return !parser.parse(new JsonObject(members, document.position()), name, kind).hasErrors();
        }

        private String tooLarge(int size, int limit, PolicyKind kind) {
            return "the document holds " + size + " characters, over AWS's limit of " + limit + " for " + a(kind.label())
                    + "; AWS would have refused it, so the export was edited (analyzed as written)";
        }

        /** Resolves attachments, groups and boundaries; builds the export. */
        private AccountExport resolve(String accountId, Map<String, RawPolicy> rawPolicies, List<RawPrincipal> raw) {
            Map<String, ManagedPolicy> policies = new TreeMap<>();
            for (RawPolicy policy : rawPolicies.values()) {
                policies.put(policy.arn, new ManagedPolicy(policy.arn, policy.name, policy.line, policy.document, policy.versions,
                        ManagedPolicy.Source.EXPORT));
            }
            Map<String, Integer> unknownReferences = new TreeMap<>();
            Map<String, Integer> unknownFirstLine = new HashMap<>();
            Map<String, Integer> bundledUsed = new TreeMap<>();
            Map<String, IamPrincipal> groups = new HashMap<>();
            List<IamPrincipal> principals = new ArrayList<>();
            Map<String, Boolean> seen = new HashMap<>();
            for (RawPrincipal principal : raw) {
                String key = principal.kind + "/" + principal.name;
                if (seen.putIfAbsent(key, Boolean.TRUE) != null) {
                    warn(new Position(principal.line, 1), principal.element, principal.kind.label() + " " + principal.name
                            + " appears twice; the first entry is used");
                    continue;
                }
                String owner = principal.kind.label() + "/" + principal.name;
                List<AttachedPolicy> attached = new ArrayList<>();
                for (Reference reference : principal.attachments) {
                    Optional<Policy> document = managed(reference.text, policies, bundledUsed, reference.line);
                    if (document.isEmpty()) {
                        unknownReferences.merge(reference.text, 1, Integer::sum);
                        unknownFirstLine.putIfAbsent(reference.text, reference.line);
                        continue;
                    }
                    String label = AttachedPolicy.label(AttachedPolicy.Origin.MANAGED, reference.text, owner,
                            principal.kind == PrincipalKind.GROUP);
                    attached.add(new AttachedPolicy(AttachedPolicy.Origin.MANAGED, reference.text, owner, document.get().named(label),
                            reference.line));
                }
                attached.addAll(principal.inline);
                Optional<AttachedPolicy> boundary = Optional.empty();
                Optional<String> unresolvedBoundary = Optional.empty();
                if (principal.boundary != null) {
                    Optional<Policy> document = principal.boundary.text.startsWith("(")
                            ? Optional.empty() : managed(principal.boundary.text, policies, bundledUsed, principal.boundary.line);
                    if (document.isPresent()) {
                        boundary = Optional.of(new AttachedPolicy(AttachedPolicy.Origin.MANAGED, principal.boundary.text, owner,
                                document.get().named("permissions boundary " + principal.boundary.text), principal.boundary.line));
                    } else {
                        unresolvedBoundary = Optional.of(principal.boundary.text);
                        if (!principal.boundary.text.startsWith("(")) {
                            warn(new Position(principal.boundary.line, 1), principal.element + ".PermissionsBoundary", "the boundary "
                                    + principal.boundary.text + " is not in the export's Policies; without it the " + principal.kind.label()
                                    + "'s permissions cannot be decided, so it is not analyzed");
                        }
                    }
                }
                List<String> groupNames = new ArrayList<>();
                for (Reference group : principal.groups) {
                    groupNames.add(group.text);
                }
                IamPrincipal resolved = new IamPrincipal(principal.kind, principal.name, principal.arn, principal.path, principal.line,
                        attached, groupNames, boundary, unresolvedBoundary, principal.trust, principal.tags, principal.createDate,
                        principal.lastUsed, principal.instanceProfiles);
                principals.add(resolved);
                if (principal.kind == PrincipalKind.GROUP) {
                    groups.put(principal.name, resolved);
                }
            }
            for (RawPrincipal principal : raw) {
                for (Reference group : principal.groups) {
                    if (!groups.containsKey(group.text)) {
                        warn(new Position(group.line, 1), principal.element + ".GroupList", "group " + group.text
                                + " is not in GroupDetailList; its policies are unknown and not counted");
                    }
                }
            }
            for (Map.Entry<String, Integer> unknown : unknownReferences.entrySet()) {
                warn(new Position(unknownFirstLine.get(unknown.getKey()), 1), "AttachedManagedPolicies", "policy " + unknown.getKey()
                        + " is not in the export's Policies" + (unknown.getValue() > 1 ? " (attached " + unknown.getValue() + " times)" : "")
                        + " and is not one Bulwark knows; it is analyzed as granting nothing, so what it grants is missing from the results");
            }
            for (Map.Entry<String, Integer> used : bundledUsed.entrySet()) {
                String arn = used.getKey();
                warn(new Position(used.getValue(), 1), "AttachedManagedPolicies", "AWS managed policy " + arn + " is attached but not in the export's "
                        + "Policies; Bulwark's bundled summary of it is used");
            }
            Collections.sort(warnings);
            return new AccountExport(file, accountId, principals, policies, warnings);
        }

        /** A managed policy's default document: from the export, else bundled; empty when unknown. */
        private Optional<Policy> managed(String arn, Map<String, ManagedPolicy> policies, Map<String, Integer> bundledUsed, int line) {
            ManagedPolicy policy = policies.get(arn);
            if (policy != null) {
                if (policy.source() == ManagedPolicy.Source.BUNDLED) {
                    bundledUsed.merge(arn, line, Math::min);
                }
                return policy.document();
            }
            Optional<Policy> known = bundled.find(arn);
            if (known.isPresent()) {
                bundledUsed.merge(arn, line, Math::min);
                policies.put(arn, new ManagedPolicy(arn, arn.substring(arn.lastIndexOf('/') + 1), 0, known, List.of(),
                        ManagedPolicy.Source.BUNDLED));
            }
            return known;
        }
    }

    /** {@code a object} is {@code an object}. */
    private static String a(String noun) {
        boolean vowelSound = "aeio".indexOf(noun.charAt(0)) >= 0 || noun.startsWith("un");
        return (vowelSound ? "an " : "a ") + noun;
    }

    /** Characters without white space, as AWS counts policy sizes. */
    private static int nonWhitespace(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                count++;
            }
        }
        return count;
    }

    /** The size of a JSON value written compactly (strings without their white space), close to how AWS counts. */
    static int size(JsonValue value) {
        if (value instanceof JsonObject object) {
            int total = 2;
            for (Member member : object.members()) {
                total += nonWhitespace(member.key()) + 3 + size(member.value()) + 1;
            }
            return total;
        }
        if (value instanceof JsonArray array) {
            int total = 2;
            for (JsonValue element : array.elements()) {
                total += size(element) + 1;
            }
            return total;
        }
        if (value instanceof JsonString string) {
            return nonWhitespace(string.value()) + 2;
        }
        if (value instanceof JsonNumber number) {
            return number.text().length();
        }
        if (value instanceof JsonBoolean bool) {
            return bool.value() ? 4 : 5;
        }
        return 4;
    }

    private record Reference(String text, int line) {}

    private record RawPolicy(String arn, String name, int line, Optional<Policy> document, List<ManagedPolicy.Version> versions) {}

    /** A principal as read, before its managed policies and groups are resolved. */
    private static final class RawPrincipal {
        final PrincipalKind kind;
        final String name;
        final String arn;
        final String path;
        final int line;
        final String element;
        final List<Reference> attachments = new ArrayList<>();
        final List<AttachedPolicy> inline = new ArrayList<>();
        final List<Reference> groups = new ArrayList<>();
        final Map<String, String> tags = new LinkedHashMap<>();
        final List<String> instanceProfiles = new ArrayList<>();
        Reference boundary;
        Optional<Policy> trust = Optional.empty();
        Optional<String> createDate = Optional.empty();
        Optional<String> lastUsed = Optional.empty();

        RawPrincipal(PrincipalKind kind, String name, String arn, String path, int line, String element) {
            this.kind = kind;
            this.name = name;
            this.arn = arn;
            this.path = path;
            this.line = line;
            this.element = element;
        }
    }
}
