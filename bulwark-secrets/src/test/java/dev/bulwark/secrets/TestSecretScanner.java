package dev.bulwark.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.Finding;
import dev.bulwark.core.FindingType;
import dev.bulwark.core.Severity;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestSecretScanner {
    private static final SecretScanner SCANNER = SecretScanner.builtin();
    private final TestingSecrets secrets = new TestingSecrets(42);

    private static List<Finding> scan(String text) {
        return SCANNER.scan("app/config.txt", text);
    }

    private static List<Finding> of(List<Finding> findings, String ruleId) {
        return findings.stream().filter(finding -> finding.ruleId().equals(ruleId)).toList();
    }

    @Test
    void githubTokenWithComputedChecksumIsFoundAndBrokenChecksumIsNot() {
        String entropy = secrets.random(TestingSecrets.BASE62, 30);
        String token = "ghp_" + entropy + Validators.base62Checksum(entropy);
        Finding finding = of(scan("export GITHUB_TOKEN=" + token + "\n"), "BW-SEC-018").get(0);
        assertThat(finding.type()).isEqualTo(FindingType.SECRET);
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.location().startLine()).isEqualTo(1);
        assertThat(finding.location().startColumn()).isEqualTo(21);
        assertThat(finding.message()).contains("gh…" + token.substring(38)).doesNotContain(token.substring(4, 20));
        assertThat(finding.snippet().lines()).containsExactly("export GITHUB_TOKEN=gh…" + token.substring(38));

        String broken = "ghp_" + entropy + "000000";
        assertThat(of(scan("GITHUB_TOKEN=" + broken), "BW-SEC-018")).isEmpty();
    }

    @Test
    void fingerprintIsTheSecretSaltedWithTheDetectorAndIgnoresLines() {
        String token = secrets.github("ghp_");
        Finding first = of(scan("GITHUB_TOKEN=" + token), "BW-SEC-018").get(0);
        Finding moved = of(SCANNER.scan("other/file.env", "\n\n# moved\nGITHUB_TOKEN=" + token), "BW-SEC-018").get(0);
        Finding another = of(scan("GITHUB_TOKEN=" + secrets.github("ghp_")), "BW-SEC-018").get(0);
        assertThat(moved.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(another.fingerprint()).isNotEqualTo(first.fingerprint());
        assertThat(first.fingerprint()).hasSize(32).doesNotContain(token.substring(4, 12));
    }

    @Test
    void awsKeyIdAndSecretNearEachOtherBecomeOneFinding() {
        String keyId = "AKIA" + secrets.random("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
        String secret = secrets.random(TestingSecrets.BASE62 + "+/", 40);
        List<Finding> findings = scan("[default]\naws_access_key_id = " + keyId + "\naws_secret_access_key = " + secret + "\n");
        assertThat(findings).hasSize(1);
        Finding pair = findings.get(0);
        assertThat(pair.ruleId()).isEqualTo("BW-SEC-002");
        assertThat(pair.message()).contains("paired with access key id AK…" + keyId.substring(18));
        assertThat(pair.location().startLine()).isEqualTo(3);
        String fields = pair.message() + pair.snippet().lines() + pair.fingerprint();
        assertThat(fields).doesNotContain(keyId).doesNotContain(secret);

        List<Finding> apart = scan("aws_access_key_id = " + keyId + "\n" + "\n".repeat(20) + "aws_secret_access_key = " + secret + "\n");
        assertThat(apart).extracting(Finding::ruleId).containsExactly("BW-SEC-001", "BW-SEC-002");
    }

    @Test
    void documentedAwsExampleKeysArePlaceholdersReportedAsInfo() {
        List<Finding> findings = scan("aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                + "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n");
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).severity()).isEqualTo(Severity.INFO);
        assertThat(findings.get(0).message()).contains("placeholder").doesNotContain("EXAMPLEKEY");
    }

    @Test
    void placeholdersAreInfoNotDropped() {
        for (String text : List.of("db_password = \"changeme\"", "password: <password>", "api_key = \"xxxxxxxxxxxxxxxx\"",
                "client_secret = \"your_client_secret_here\"", "STRIPE_KEY=sk_live_EXAMPLEEXAMPLEEXAMPLE0000")) {
            List<Finding> findings = scan(text);
            assertThat(findings).as(text).isNotEmpty().allSatisfy(finding -> assertThat(finding.severity()).isEqualTo(Severity.INFO));
        }
    }

    @Test
    void wellKnownWeakPasswordsAreFlaggedDespiteLowEntropy() {
        Finding finding = of(scan("spring.datasource.password=admin123\n"), "BW-SEC-157").get(0);
        assertThat(finding.severity()).isEqualTo(Severity.HIGH);
        assertThat(finding.message()).contains("weak password").doesNotContain("admin123");
        assertThat(of(scan("DATABASE_URL=postgresql://app:postgres@db:5432/app"), "BW-SEC-082")).hasSize(1);
    }

    @Test
    void referencesToSecretsHeldElsewhereAreNotSecrets() {
        String text = String.join("\n",
                "password = \"${var.db_password}\"",
                "db_password = var.db_password",
                "  password: {{ .Values.postgres.password }}",
                "  MasterUserPassword: !Ref DbPassword",
                "  MasterUserPassword: !Sub '{{resolve:secretsmanager:db:SecretString:password}}'",
                "password = os.getenv(\"DB_PASSWORD\")",
                "const token = process.env.API_TOKEN;",
                "api_key = os.environ[\"API_KEY\"]",
                "secret: ((concourse-secret))",
                "            - name: DB_PASSWORD",
                "              valueFrom:",
                "                secretKeyRef:",
                "                  name: db",
                "                  key: password",
                "password: ${DB_PASSWORD:-}",
                "token: ${{ secrets.GITHUB_TOKEN }}",
                "secret_key = settings.SECRET_KEY",
                "");
        assertThat(scan(text)).isEmpty();
    }

    @Test
    void settingsThatDescribeASecretAreNotSecrets() {
        String text = String.join("\n",
                "    Type: AWS::SecretsManager::RotationSchedule",
                "            Action: [secretsmanager:GetSecretValue, secretsmanager:GetRandomPassword]",
                "ENV POSTGRES_PASSWORD_FILE=/run/secrets/db_password",
                "TOKEN_URL=https://auth.corp.dev/oauth2/token",
                "API_TOKEN_PARAMETER = \"/org/app/api-token\"",
                "secret_arn  = aws_secretsmanager_secret.this[0].arn",
                "  password: ENC[AES256_GCM,data:Tr7o1xk=,iv:1Q3kVfYl0Rh2sJ0=,tag:0Zq1Yw==,type:str]",
                "case \"${MVNW_PASSWORD:+has-password}\" in",
                "");
        assertThat(scan(text)).isEmpty();
        assertThat(scan("  embedded password (scheme://user:password@host).")).singleElement()
                .satisfies(finding -> assertThat(finding.severity()).isEqualTo(Severity.INFO));
    }

    @Test
    void literalsInCodeYamlJsonEnvPropertiesAndTfvarsAreFound() {
        String value = secrets.random(TestingSecrets.BASE62, 18);
        for (String text : List.of("String password = \"" + value + "\";", "password: " + value, "{\"password\": \"" + value + "\"}",
                "DB_PASSWORD=" + value, "db.password=" + value, "db_password = \"" + value + "\"", "PASSWORD := \"" + value + "\"")) {
            assertThat(scan(text)).as(text).extracting(Finding::ruleId).contains("BW-SEC-157");
        }
    }

    @Test
    void kubernetesSecretDataIsDecodedAndPlacedOnTheValueLine() {
        String password = secrets.random(TestingSecrets.BASE62, 20);
        String token = secrets.github("ghp_");
        String manifest = String.join("\n",
                "apiVersion: v1",
                "kind: ConfigMap",
                "metadata: {name: plain}",
                "---",
                "apiVersion: v1",
                "kind: Secret",
                "metadata:",
                "  name: db",
                "type: Opaque",
                "data:",
                "  username: " + base64("app"),
                "  password: " + base64(password),
                "  github: " + base64(token),
                "stringData:",
                "  api_key: " + secrets.random(TestingSecrets.BASE62, 32),
                "");
        List<Finding> findings = scan(manifest);
        Finding decodedPassword = of(findings, "BW-SEC-157").stream().filter(finding -> finding.path().equals("data.password"))
                .findFirst().orElseThrow();
        assertThat(decodedPassword.location().startLine()).isEqualTo(12);
        assertThat(decodedPassword.message()).contains("decoded from data.password");
        Finding github = of(findings, "BW-SEC-018").get(0);
        assertThat(github.location().startLine()).isEqualTo(13);
        assertThat(github.path()).isEqualTo("data.github");
        assertThat(of(findings, "BW-SEC-160")).singleElement().satisfies(finding -> assertThat(finding.location().startLine()).isEqualTo(15));
        for (Finding finding : findings) {
            TestRedaction.assertNoLeak(finding, List.of(password, token, base64(password), base64(token)));
        }
        assertThat(findings).noneSatisfy(finding -> assertThat(finding.location().startLine()).isEqualTo(11));
    }

    @Test
    void jwtMessageReportsAlgorithmAndExpiry() {
        String jwt = TestingSecrets.jwt("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", "{\"sub\":\"svc\",\"exp\":1893456000}");
        Finding finding = of(scan("Authorization: Bearer " + jwt), "BW-SEC-081").get(0);
        assertThat(finding.message()).contains("alg RS256").contains("exp 2030-01-01T00:00:00Z");
        String unsigned = TestingSecrets.jwt("{\"alg\":\"none\"}", "{\"sub\":\"svc\",\"role\":\"admin\"}");
        assertThat(of(scan("token=" + unsigned), "BW-SEC-081").get(0).message()).contains("alg none (unsigned)").contains("no exp");
    }

    @Test
    void privateKeysMustParse() {
        String rsa = TestingSecrets.pem("RSA PRIVATE KEY", secrets.der("rsa1"));
        Finding finding = of(scan("# deploy key\n" + rsa), "BW-SEC-072").get(0);
        assertThat(finding.location().startLine()).isEqualTo(2);
        assertThat(finding.location().endLine()).isGreaterThan(5);
        assertThat(finding.message()).contains("RSA key");
        assertThat(finding.snippet().lines().get(0)).doesNotContain("MII");
        String truncated = rsa.substring(0, 200) + "\n-----END RSA PRIVATE KEY-----\n";
        assertThat(of(scan(truncated), "BW-SEC-072")).isEmpty();
    }

    @Test
    void binaryContentIsSkipped() {
        byte[] content = ("GITHUB_TOKEN=" + secrets.github("ghp_") + "\n\0\0binary").getBytes(StandardCharsets.UTF_8);
        assertThat(SecretScanner.isBinary(content)).isTrue();
        assertThat(SCANNER.scan("image.png", content)).isEmpty();
        byte[] text = ("GITHUB_TOKEN=" + secrets.github("ghp_") + "\n").getBytes(StandardCharsets.UTF_8);
        assertThat(SCANNER.scan("token.env", text)).hasSize(1);
    }

    @Test
    void hugeSingleLineIsScannedLinearlyAndFindingsAreBounded() {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            line.append("var a").append(i).append("={password:\"").append(secrets.random(TestingSecrets.BASE62, 16)).append("\",token:x};");
        }
        line.append("x".repeat(1_000_000));
        List<Finding> findings = new SecretScanner(DetectorCatalog.builtin(), 50).scan("bundle.min.js", line.toString());
        assertThat(findings).hasSize(50).allSatisfy(finding -> {
            assertThat(finding.location().startLine()).isEqualTo(1);
            assertThat(finding.snippet().lines().get(0).length()).isLessThanOrEqualTo(201);
        });
        assertThat(scan("password=\"" + "a".repeat(5_000_000))).hasSizeLessThanOrEqualTo(1)
                .allSatisfy(finding -> assertThat(finding.severity()).isEqualTo(Severity.INFO));
    }

    @Test
    void findingsAreInReportOrder() {
        String text = "b_token = \"" + secrets.random(TestingSecrets.BASE62, 24) + "\"\nGITHUB_TOKEN=" + secrets.github("ghp_") + "\n";
        List<Finding> findings = scan(text);
        assertThat(findings).isSortedAccordingTo(Finding.REPORT_ORDER);
        assertThat(findings).extracting(finding -> finding.location().startLine()).containsExactly(1, 2);
    }

    @Test
    void invalidCatalogsAreRefusedWithTheDetectorAndField() {
        assertThatThrownBy(() -> DetectorCatalog.parse("detectors:\n- id: BW-SEC-900\n  title: t\n  severity: high\n"
                + "  keywords: [Abc]\n  pattern: '(?P<secret>x)'\n  remediation: r\n  compliance: {nist-800-53-r5: [IA-5]}\n", "test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("test: detector BW-SEC-900: keyword 'Abc' must be lower-case");
        assertThatThrownBy(() -> DetectorCatalog.parse("detectors:\n- id: BW-SEC-900\n  title: t\n  severity: high\n"
                + "  keywords: [abc]\n  pattern: '(x'\n  remediation: r\n  compliance: {nist-800-53-r5: [IA-5]}\n", "test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("test: detector BW-SEC-900: invalid pattern");
        assertThatThrownBy(() -> DetectorCatalog.parse("detectors:\n- id: BW-SEC-900\n  title: t\n  severity: high\n"
                + "  keywords: [abc]\n  pattern: 'abc'\n  remediation: r\n  compliance: {nist-800-53-r5: [IA-5]}\n", "test"))
                .hasMessage("test: detector BW-SEC-900: pattern must have a (?P<secret>...) group");
        assertThatThrownBy(() -> DetectorCatalog.parse("detectors:\n- id: BW-SEC-900\n  title: t\n  severity: high\n  validator: md5\n"
                + "  keywords: [abc]\n  pattern: '(?P<secret>abc)'\n  remediation: r\n  compliance: {nist-800-53-r5: [IA-5]}\n", "test"))
                .hasMessageStartingWith("test: detector BW-SEC-900: unknown validator 'md5'");
    }

    @Test
    void corpusPlantsSecretsTheScannerFinds() {
        List<SecretCorpus.File> files = SecretCorpus.generate(20, 200, 25, 7);
        int planted = 0;
        int found = 0;
        for (SecretCorpus.File file : files) {
            planted += file.plantedSecrets();
            found += (int) SCANNER.scan(file.path(), file.text()).stream().filter(finding -> finding.severity() != Severity.INFO).count();
        }
        assertThat(planted).isGreaterThan(50);
        assertThat(found).isEqualTo(planted);
        assertThat(SecretCorpus.generate(2, 10, 3, 7)).isEqualTo(SecretCorpus.generate(2, 10, 3, 7));
    }

    @Test
    void randomTextAroundEveryKeywordNeverThrows() {
        java.util.Random random = new java.util.Random(3);
        String alphabet = TestingSecrets.BASE62 + "+/=_-.:;\"' \n\t{}[]$@\\";
        StringBuilder text = new StringBuilder();
        for (Detector detector : DetectorCatalog.builtin().detectors()) {
            for (String keyword : detector.keywords()) {
                for (int round = 0; round < 5; round++) {
                    text.setLength(0);
                    text.append(secrets.random(alphabet, random.nextInt(40))).append(keyword);
                    text.append(secrets.random(alphabet, random.nextInt(400)));
                    if (round == 4) {
                        text.append("-----END PRIVATE KEY-----");
                    }
                    assertThat(scan(text.toString())).allSatisfy(finding -> assertThat(finding.ruleId()).startsWith("BW-SEC-"));
                }
            }
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
