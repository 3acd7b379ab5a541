package dev.bulwark.iam.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.ScanWarning;
import dev.bulwark.iam.policy.Policy;
import dev.bulwark.iam.policy.Statement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading exports of get-account-authorization-details: the model, the positions, and every kind of bad input. */
class TestAccountExportReader {
    private static final String ACCOUNT = "210987654321";
    private final AccountExportReader reader = new AccountExportReader();

    private static String fixture(String name) throws IOException {
        try (InputStream in = TestAccountExportReader.class.getResourceAsStream("/account/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The 1-based line of the first occurrence of {@code marker}. */
    private static int lineOf(String text, String marker) {
        int index = text.indexOf(marker);
        assertThat(index).as(marker).isNotNegative();
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static IamPrincipal principal(AccountExport export, String display) {
        return export.principals().stream().filter(principal -> principal.display().equals(display)).findFirst().orElseThrow();
    }

    private static List<String> sids(Policy policy) {
        List<String> sids = new ArrayList<>();
        for (Statement statement : policy.statements()) {
            sids.add(statement.label());
        }
        return sids;
    }

    private static List<String> warnings(AccountExport export) {
        return export.warnings().stream().map(ScanWarning::toString).toList();
    }

    @Test
    void cliExportIsReadWithPositionsGroupsBoundariesAndProfiles() throws IOException {
        String text = fixture("cli-export.json");
        AccountExport export = reader.read(text, "cli-export.json");
        assertThat(export.accountId()).isEqualTo(ACCOUNT);
        assertThat(export.principals()).extracting(IamPrincipal::display)
                .containsExactly("user/mallory", "user/oscar", "user/peggy", "group/builders", "role/build-runner");

        IamPrincipal mallory = principal(export, "user/mallory");
        assertThat(mallory.line()).isEqualTo(lineOf(text, "\"UserName\": \"mallory\""));
        assertThat(mallory.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/engineering/mallory");
        assertThat(mallory.path()).isEqualTo("/engineering/");
        assertThat(mallory.groups()).containsExactly("builders");
        assertThat(mallory.tags()).containsExactly(Map.entry("cost-center", "4410"));
        assertThat(mallory.policies()).extracting(AttachedPolicy::label).containsExactly(
                "arn:aws:iam::aws:policy/ReadOnlyAccess", "inline SelfPasswords of user/mallory");
        assertThat(mallory.boundary()).hasValueSatisfying(boundary -> {
            assertThat(boundary.reference()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":policy/DeveloperBoundary");
            assertThat(sids(boundary.policy())).containsExactly("Ceiling");
        });

        IamPrincipal builders = principal(export, "group/builders");
        assertThat(builders.line()).isEqualTo(lineOf(text, "\"GroupName\": \"builders\""));
        assertThat(builders.policies()).extracting(AttachedPolicy::label).containsExactly(
                "arn:aws:iam::" + ACCOUNT + ":policy/BuildTools via group/builders", "inline Artifacts of group/builders");

        IamPrincipal runner = principal(export, "role/build-runner");
        assertThat(runner.line()).isEqualTo(lineOf(text, "\"RoleName\": \"build-runner\""));
        assertThat(runner.instanceProfiles()).containsExactly("arn:aws:iam::" + ACCOUNT + ":instance-profile/build-runner");
        assertThat(runner.roleLastUsed()).hasValue("2026-11-28T22:10:31+00:00");
        assertThat(runner.trustPolicy()).hasValueSatisfying(trust -> assertThat(trust.name())
                .isEqualTo("trust policy of role/build-runner"));
        assertThat(runner.tags()).containsEntry("team", "ci");
    }

    @Test
    void defaultVersionIsTheOneMarkedDefaultWhateverItsPlace() throws IOException {
        AccountExport export = reader.read(fixture("cli-export.json"), "cli-export.json");
        ManagedPolicy tools = export.policies().get("arn:aws:iam::" + ACCOUNT + ":policy/BuildTools");
        assertThat(tools.versions()).extracting(ManagedPolicy.Version::versionId).containsExactly("v3", "v2", "v1");
        assertThat(sids(tools.document().orElseThrow())).containsExactly("Builds");

        // Without IsDefaultVersion on any version, DefaultVersionId decides.
        String text = new TestingExport().policy("arn:aws:iam::111122223333:policy/P",
                TestingExport.doc(TestingExport.allow("First", "s3:ListBucket", "*")),
                TestingExport.doc(TestingExport.allow("Second", "s3:GetObject", "*"))).json()
                .replace("\"IsDefaultVersion\" : true", "\"IsDefaultVersion\" : false").replace("\"DefaultVersionId\" : \"v1\"",
                        "\"DefaultVersionId\" : \"v2\"");
        AccountExport byId = reader.read(text, "p.json");
        assertThat(sids(byId.policies().get("arn:aws:iam::111122223333:policy/P").document().orElseThrow())).containsExactly("Second");
        assertThat(byId.warnings()).isEmpty();
    }

    @Test
    void urlEncodedDocumentsReadLikeTheirJson() throws IOException {
        AccountExport cli = reader.read(fixture("cli-export.json"), "cli-export.json");
        AccountExport api = reader.read(fixture("api-export.json"), "api-export.json");
        assertThat(api.principals()).extracting(IamPrincipal::display).isEqualTo(cli.principals().stream().map(IamPrincipal::display).toList());
        for (IamPrincipal principal : cli.principals()) {
            IamPrincipal decoded = principal(api, principal.display());
            assertThat(decoded.policies()).extracting(attached -> attached.label() + " " + sids(attached.policy()))
                    .isEqualTo(principal.policies().stream().map(attached -> attached.label() + " " + sids(attached.policy())).toList());
            assertThat(decoded.trustPolicy().map(TestAccountExportReader::sids)).isEqualTo(principal.trustPolicy().map(TestAccountExportReader::sids));
        }
        assertThat(sids(api.policies().get("arn:aws:iam::" + ACCOUNT + ":policy/BuildTools").document().orElseThrow())).containsExactly("Builds");
        AccountAnalysis fromCli = AccountAnalyzer.standard().analyze(cli, AnalysisOptions.defaults().withThreads(1));
        AccountAnalysis fromApi = AccountAnalyzer.standard().analyze(api, AnalysisOptions.defaults().withThreads(1));
        assertThat(TestingExport.keys(fromApi)).isEqualTo(TestingExport.keys(fromCli))
                .contains("BW-IAM-001 role/service/build-runner -", "BW-IAM-004 user/engineering/mallory -");
    }

    @Test
    void attachedPoliciesMissingFromTheExportAreBundledOrUnknownAndSaidSo() throws IOException {
        String text = fixture("cli-export.json");
        AccountExport export = reader.read(text, "cli-export.json");
        assertThat(warnings(export)).containsExactly(
                "cli-export.json:" + lineOf(text, "\"PolicyArn\": \"arn:aws:iam::aws:policy/ReadOnlyAccess\"") + ": AttachedManagedPolicies: AWS managed policy "
                        + "arn:aws:iam::aws:policy/ReadOnlyAccess is attached but not in the export's Policies; Bulwark's bundled summary of it is used",
                "cli-export.json:" + lineOf(text, "\"PolicyArn\": \"arn:aws:iam::aws:policy/AWSSomethingRetired\"") + ": AttachedManagedPolicies: policy "
                        + "arn:aws:iam::aws:policy/AWSSomethingRetired is not in the export's Policies and is not one Bulwark knows; it is "
                        + "analyzed as granting nothing, so what it grants is missing from the results",
                "cli-export.json:" + lineOf(text, "\"PermissionsBoundaryArn\": \"arn:aws:iam::" + ACCOUNT + ":policy/MissingBoundary")
                        + ": UserDetailList[2] (peggy).PermissionsBoundary: the boundary arn:aws:iam::" + ACCOUNT
                        + ":policy/MissingBoundary is not in the export's Policies; without it the user's permissions cannot be decided, so it "
                        + "is not analyzed");
        assertThat(export.policies().get("arn:aws:iam::aws:policy/ReadOnlyAccess").source()).isEqualTo(ManagedPolicy.Source.BUNDLED);
        assertThat(EffectivePermissions.of(export, List.of()).principals()).doesNotContain("arn:aws:iam::" + ACCOUNT + ":user/peggy")
                .contains("arn:aws:iam::" + ACCOUNT + ":user/oscar");
    }

    @Test
    void bundledAdministratorAccessStandsInWhenTheExportLeavesItOut() {
        AccountExport export = new TestingExport().user("root-like", user -> user.managed(TestingExport.ADMIN)).read();
        assertThat(warnings(export)).singleElement().asString().contains("AWS managed policy arn:aws:iam::aws:policy/AdministratorAccess "
                + "is attached but not in the export's Policies; Bulwark's bundled summary of it is used");
        AccountAnalysis analysis = AccountAnalyzer.standard().analyze(export, AnalysisOptions.defaults().withThreads(1));
        assertThat(TestingExport.keys(analysis)).containsExactly("BW-IAM-001 user/root-like -");
    }

    @Test
    void truncatedExportKeepsEverythingBeforeTheCut() throws IOException {
        String text = fixture("truncated-export.json");
        AccountExport export = reader.read(text, "truncated-export.json");
        assertThat(export.principals()).extracting(IamPrincipal::display)
                .containsExactly("user/mallory", "user/oscar", "user/peggy", "group/builders");
        int lastLine = (int) text.lines().count();
        assertThat(warnings(export)).contains(
                "truncated-export.json:" + (lineOf(text, "\"RoleName\": \"build-runner\"") - 2)
                        + ": RoleDetailList[0] (build-runner): the entry is cut off by the error in the file; it is left out",
                "truncated-export.json:" + lastLine + ": export: invalid JSON: Unexpected end-of-input within/between Object entries; "
                        + "what comes before this point is analyzed, the entry it cuts through is left out");
        AccountAnalysis analysis = AccountAnalyzer.standard().analyze(export, AnalysisOptions.defaults().withThreads(1));
        assertThat(analysis.resources()).hasSize(4);
    }

    @Test
    void malformedEntriesAreReportedWhereTheyAreAndTheRestIsAnalyzed() throws IOException {
        String text = fixture("malformed-export.json");
        AccountExport export = reader.read(text, "malformed-export.json");
        String file = "malformed-export.json:";
        assertThat(warnings(export)).containsExactly(
                file + (lineOf(text, "AIDAEXAMPLENONAME001") - 2) + ": UserDetailList[0]: no UserName; the entry is left out",
                file + (lineOf(text, "\"UserName\": \"trent\"") - 2) + ": UserDetailList[1] (trent): its inline policies hold 8090 characters "
                        + "together, over AWS's 2048 for a user; AWS would have refused them, so the export was edited (analyzed as written)",
                file + lineOf(text, "\"GroupList\": \"admins\"") + ": UserDetailList[1] (trent).GroupList: expected a list, not a string; it is ignored",
                file + (lineOf(text, "\"PolicyName\": \"Huge\"") + 1) + ": UserDetailList[1] (trent).UserPolicyList[0].PolicyDocument: the "
                        + "document holds 7240 characters, over AWS's limit of 2048 for an identity policy; AWS would have refused it, so the "
                        + "export was edited (analyzed as written)",
                file + (lineOf(text, "\"PolicyName\": \"Broken\"") + 1) + ": UserDetailList[1] (trent).UserPolicyList[1].PolicyDocument: the "
                        + "document is not valid JSON (at 1:38 of the decoded text: invalid JSON: Unexpected end-of-input: expected close marker "
                        + "for Array); the policy is left out",
                file + lineOf(text, "\"nested\"") + ": UserDetailList[1] (trent).UserPolicyList[2].PolicyDocument: policy error at "
                        + lineOf(text, "\"nested\"") + ":19: unknown condition operator 'nested' [unknown-operator]; an Allow statement with an error is left out, a Deny is read "
                        + "without what cannot be read",
                file + (lineOf(text, "\"nested\"") + 55) + ": export: JSON nested deeper than 64 levels; the value is left out",
                file + (lineOf(text, "\"PolicyName\": \"NoArn\"") - 1) + ": UserDetailList[1] (trent).AttachedManagedPolicies[0]: no PolicyArn; the "
                        + "element is left out",
                file + lineOf(text, "\"not an object\"") + ": UserDetailList[3]: expected an object, not a string; it is ignored",
                file + lineOf(text, "\"GroupDetailList\"") + ": GroupDetailList: expected a list, not an object; it is ignored",
                file + (lineOf(text, "\"RoleName\": 42") - 2) + ": RoleDetailList[0]: RoleName must be a non-empty string; the entry is left out",
                file + lineOf(text, "\"AssumeRolePolicyDocument\": [") + ": RoleDetailList[1] (wendy).AssumeRolePolicyDocument: a policy "
                        + "document is a JSON object or a string holding one, not an array; the policy is left out",
                file + (lineOf(text, "\"PolicyName\": \"TwoDefaults\"") - 1) + ": Policies[0] (TwoDefaults): 2 versions say IsDefaultVersion: "
                        + "true; the one DefaultVersionId names (v2) is used",
                file + (lineOf(text, "\"PolicyName\": \"NoDefault\"") - 1) + ": Policies[1] (NoDefault): no version of the policy is the "
                        + "default one (none says IsDefaultVersion: true or matches DefaultVersionId): the policy's content is unknown");
        // What is well formed is analyzed: victor's inline admin policy, trent's size-limit policy.
        AccountAnalysis analysis = AccountAnalyzer.standard().analyze(export, AnalysisOptions.defaults().withThreads(1));
        assertThat(TestingExport.keys(analysis)).containsExactly("BW-IAM-001 user/victor -");
        assertThat(EffectivePermissions.of(export, List.of()).can("user/trent", "s3:GetObject",
                "arn:aws:s3:::bucket-with-a-rather-long-name-007/report.csv").allowed()).isTrue();
        assertThat(sids(export.policies().get("arn:aws:iam::" + ACCOUNT + ":policy/TwoDefaults").document().orElseThrow())).containsExactly("#0");
        assertThat(export.policies().get("arn:aws:iam::" + ACCOUNT + ":policy/NoDefault").document()).isEmpty();
        assertThat(principal(export, "role/wendy").trustPolicy()).isEmpty();
    }

    @Test
    void nothingReadableGivesOneWarningAndAnEmptyExport() {
        AccountExport notJson = reader.read("this is not JSON", "notes.txt");
        assertThat(warnings(notJson)).singleElement().asString().startsWith("notes.txt:1: export: invalid JSON: Unrecognized token 'this'");
        assertThat(notJson.principals()).isEmpty();
        AccountExport list = reader.read("[1, 2]", "list.json");
        assertThat(warnings(list)).containsExactly("list.json:1: export: expected the JSON object that 'aws iam "
                + "get-account-authorization-details' prints, not an array");
        AccountExport other = reader.read("{\"Resources\": {}}", "template.json");
        assertThat(warnings(other)).singleElement().asString().contains("none of UserDetailList, GroupDetailList, RoleDetailList or "
                + "Policies is present");
    }

    @Test
    void missingArnIsBuiltFromTheAccountAndDuplicatesKeepTheFirst() {
        String text = new TestingExport()
                .user("alice", user -> user.inline("A", TestingExport.doc(TestingExport.allow("s3:ListBucket", "*"))))
                .user("alice", user -> user.inline("B", TestingExport.doc(TestingExport.allow("*", "*"))))
                .user("bob", user -> { })
                .json().replace("\"Arn\" : \"arn:aws:iam::111122223333:user/bob\"", "\"UserId\" : \"AIDAEXAMPLEBOB\"");
        AccountExport export = reader.read(text, "e.json");
        assertThat(export.principals()).extracting(IamPrincipal::arn).containsExactly("arn:aws:iam::111122223333:user/alice",
                "arn:aws:iam::111122223333:user/bob");
        assertThat(warnings(export)).anySatisfy(warning -> assertThat(warning).contains("user alice appears twice; the first entry is used"))
                .anySatisfy(warning -> assertThat(warning).contains("UserDetailList[2] (bob): no Arn; analyzed as arn:aws:iam::111122223333:user/bob"));
    }

    @Test
    void serviceControlPolicyFilesAreOneLevelEach() {
        AccountExportReader.ScpLevel list = reader.readServiceControlPolicies("""
                [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]},
                 {"Version": "2012-10-17", "Statement": [{"Sid": "NoLeaving", "Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}]}]
                """, "org.json");
        assertThat(list.policies()).extracting(Policy::name).containsExactly("org.json[0]", "org.json[1]");
        assertThat(list.warnings()).isEmpty();

        AccountExportReader.ScpLevel denyOnly = reader.readServiceControlPolicies("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]}
                """, "deny.json");
        assertThat(denyOnly.policies()).hasSize(1);
        assertThat(denyOnly.warnings()).singleElement().asString().startsWith("deny.json:1: service control policy: no statement allows "
                + "anything, so this level denies every action");

        AccountExportReader.ScpLevel broken = reader.readServiceControlPolicies("{\"Version\": ", "broken.json");
        assertThat(broken.policies()).isEmpty();
        assertThat(broken.warnings()).singleElement().asString().startsWith("broken.json:1: service control policy: invalid JSON");
    }
    @Test
    void aDenyTheParserCannotReadIsWidenedNotDropped() {
        String text = """
                {"UserDetailList": [{"UserName": "u1", "Arn": "arn:aws:iam::210987654321:user/u1", "Path": "/", "GroupList": [],
                  "AttachedManagedPolicies": [], "UserPolicyList": [{"PolicyName": "Edit", "PolicyDocument": {
                    "Version": "2012-10-17", "Statement": [
                      {"Sid": "Edit", "Effect": "Allow", "Action": "iam:PutUserPolicy", "Resource": "*"},
                      {"Sid": "OddAllow", "Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringFooBar": {"aws:username": "x"}}},
                      {"Sid": "OddDeny", "Effect": "Deny", "Action": "iam:*", "Resource": "*", "Condition": {"StringFooBar": {"aws:username": "x"}}},
                      {"Sid": "BrokenDeny", "Effect": "Deny", "Action": 42, "Resource": "*"}]}}]}],
                 "GroupDetailList": [], "RoleDetailList": [], "Policies": []}
                """;
        AccountExport export = reader.read(text, "odd.json");
        Policy policy = principal(export, "user/u1").policies().get(0).policy();
        assertThat(sids(policy)).containsExactly("Edit", "OddDeny", "BrokenDeny");
        assertThat(policy.statements().get(1).conditions()).isEmpty();
        assertThat(warnings(export)).anySatisfy(warning -> assertThat(warning).contains("unknown condition operator 'StringFooBar'")
                .contains("a Deny is read without what cannot be read"));

        AccountAnalysis analysis = AccountAnalyzer.standard().analyze(export, AnalysisOptions.defaults());
        assertThat(analysis.findings()).extracting(finding -> finding.ruleId()).containsExactly("BW-IAM-011");
    }
}
