package dev.bulwark.iam.account;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bulwark.core.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Builds small account exports for tests, in the shape the AWS CLI prints, and analyzes them. */
final class TestingExport {
    static final String ACCOUNT = "111122223333";
    static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";

    private final List<Map<String, Object>> users = new ArrayList<>();
    private final List<Map<String, Object>> groups = new ArrayList<>();
    private final List<Map<String, Object>> roles = new ArrayList<>();
    private final List<Map<String, Object>> policies = new ArrayList<>();

    /** One principal's details. */
    static final class Principal {
        final Map<String, Object> entry;

        Principal(Map<String, Object> entry) {
            this.entry = entry;
        }

        Principal inline(String name, Map<String, Object> document) {
            String key = entry.containsKey("UserName") ? "UserPolicyList" : entry.containsKey("RoleName") ? "RolePolicyList" : "GroupPolicyList";
            list(key).add(Map.of("PolicyName", name, "PolicyDocument", document));
            return this;
        }

        Principal managed(String arn) {
            list("AttachedManagedPolicies").add(Map.of("PolicyName", arn.substring(arn.lastIndexOf('/') + 1), "PolicyArn", arn));
            return this;
        }

        Principal group(String name) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) entry.computeIfAbsent("GroupList", key -> new ArrayList<>());
            list.add(name);
            return this;
        }

        Principal boundary(String arn) {
            entry.put("PermissionsBoundary", Map.of("PermissionsBoundaryType", "Policy", "PermissionsBoundaryArn", arn));
            return this;
        }

        Principal tag(String key, String value) {
            list("Tags").add(Map.of("Key", key, "Value", value));
            return this;
        }

        Principal instanceProfile() {
            String name = (String) entry.get("RoleName");
            list("InstanceProfileList").add(Map.of("Path", "/", "InstanceProfileName", name, "Arn",
                    "arn:aws:iam::" + ACCOUNT + ":instance-profile/" + name));
            return this;
        }

        @SuppressWarnings("unchecked")
        private List<Object> list(String key) {
            return (List<Object>) entry.computeIfAbsent(key, ignored -> new ArrayList<>());
        }
    }

    TestingExport user(String name, Consumer<Principal> details) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("Path", "/");
        entry.put("UserName", name);
        entry.put("Arn", "arn:aws:iam::" + ACCOUNT + ":user/" + name);
        details.accept(new Principal(entry));
        users.add(entry);
        return this;
    }

    TestingExport group(String name, Consumer<Principal> details) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("Path", "/");
        entry.put("GroupName", name);
        entry.put("Arn", "arn:aws:iam::" + ACCOUNT + ":group/" + name);
        details.accept(new Principal(entry));
        groups.add(entry);
        return this;
    }

    TestingExport role(String name, Map<String, Object> trust, Consumer<Principal> details) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("Path", "/");
        entry.put("RoleName", name);
        entry.put("Arn", "arn:aws:iam::" + ACCOUNT + ":role/" + name);
        entry.put("AssumeRolePolicyDocument", trust);
        details.accept(new Principal(entry));
        roles.add(entry);
        return this;
    }

    /** A managed policy; the first document is the default version, the others older ones. */
    @SafeVarargs
    final TestingExport policy(String arn, Map<String, Object>... versions) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < versions.length; i++) {
            list.add(Map.of("VersionId", "v" + (i + 1), "IsDefaultVersion", i == 0, "Document", versions[i]));
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("PolicyName", arn.substring(arn.lastIndexOf('/') + 1));
        entry.put("Arn", arn);
        entry.put("DefaultVersionId", "v1");
        entry.put("PolicyVersionList", list);
        policies.add(entry);
        return this;
    }

    String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("UserDetailList", users);
        root.put("GroupDetailList", groups);
        root.put("RoleDetailList", roles);
        root.put("Policies", policies);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    AccountExport read() {
        return new AccountExportReader().read(json(), "test.json");
    }

    AccountAnalysis analyze() {
        return analyze(AnalysisOptions.defaults().withThreads(1));
    }

    AccountAnalysis analyze(AnalysisOptions options) {
        return AccountAnalyzer.standard().analyze(read(), options);
    }

    /** {@code RULE display key}, e.g. {@code BW-IAM-002 user/dev lambda-create-invoke}, of each finding. */
    static List<String> keys(AccountAnalysis analysis) {
        List<String> keys = new ArrayList<>();
        for (Finding finding : analysis.findings()) {
            keys.add(finding.ruleId() + " " + display(finding) + " " + key(finding));
        }
        return keys;
    }

    static String display(Finding finding) {
        String arn = finding.resource().address();
        return arn.substring(arn.indexOf(':', arn.indexOf(":iam::") + 6) + 1);
    }

    /** The technique id or other key a finding's message names in brackets, else the rule's own key word. */
    static String key(Finding finding) {
        String message = finding.message();
        int open = message.indexOf(" [");
        int close = open < 0 ? -1 : message.indexOf(']', open);
        return open >= 0 && close > open ? message.substring(open + 2, close) : "-";
    }

    static List<Finding> findings(AccountAnalysis analysis, String rule, String principal) {
        List<Finding> found = new ArrayList<>();
        for (Finding finding : analysis.findings()) {
            if (finding.ruleId().equals(rule) && display(finding).equals(principal)) {
                found.add(finding);
            }
        }
        return found;
    }

    static Map<String, Object> doc(Map<?, ?>... statements) {
        return Map.of("Version", "2012-10-17", "Statement", List.of(statements));
    }

    static Map<String, Object> allow(Object actions, Object resources) {
        return statement("Allow", null, actions, resources, null);
    }

    static Map<String, Object> allow(String sid, Object actions, Object resources) {
        return statement("Allow", sid, actions, resources, null);
    }

    static Map<String, Object> allow(String sid, Object actions, Object resources, Map<String, Object> condition) {
        return statement("Allow", sid, actions, resources, condition);
    }

    static Map<String, Object> deny(String sid, Object actions, Object resources) {
        return statement("Deny", sid, actions, resources, null);
    }

    static Map<String, Object> statement(String effect, String sid, Object actions, Object resources, Map<String, Object> condition) {
        Map<String, Object> statement = new LinkedHashMap<>();
        if (sid != null) {
            statement.put("Sid", sid);
        }
        statement.put("Effect", effect);
        statement.put("Action", actions);
        statement.put("Resource", resources);
        if (condition != null) {
            statement.put("Condition", condition);
        }
        return statement;
    }

    /** A trust policy letting {@code principal} (e.g. {@code {"Service": "lambda.amazonaws.com"}}) assume the role. */
    static Map<String, Object> trust(Map<String, Object> principal) {
        return trust(principal, "sts:AssumeRole", null);
    }

    static Map<String, Object> trust(Map<String, Object> principal, String action, Map<String, Object> condition) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Sid", "Trust");
        statement.put("Effect", "Allow");
        statement.put("Principal", principal);
        statement.put("Action", action);
        if (condition != null) {
            statement.put("Condition", condition);
        }
        return Map.of("Version", "2012-10-17", "Statement", List.of(statement));
    }

    static Map<String, Object> account() {
        return Map.of("AWS", "arn:aws:iam::" + ACCOUNT + ":root");
    }

    static Map<String, Object> service(String service) {
        return Map.of("Service", service);
    }

    static String arn(String kindAndName) {
        return "arn:aws:iam::" + ACCOUNT + ":" + kindAndName;
    }
}
