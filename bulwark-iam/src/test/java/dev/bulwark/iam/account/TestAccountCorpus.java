package dev.bulwark.iam.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The benchmark corpus: valid, deterministic, and a mix that every rule family sees. */
class TestAccountCorpus {
    @Test
    void corpusIsAReadableExportWithARealisticMix() {
        String json = AccountCorpus.generate(400, 800, 7);
        assertThat(AccountCorpus.generate(400, 800, 7)).isEqualTo(json);
        assertThat(AccountCorpus.generate(400, 800, 8)).isNotEqualTo(json);
        AccountExport export = new AccountExportReader().read(json, "corpus.json");
        assertThat(export.warnings()).allSatisfy(warning -> assertThat(warning.message()).contains("bundled summary"));
        assertThat(export.principals(PrincipalKind.USER)).hasSize(160);
        assertThat(export.principals(PrincipalKind.ROLE)).hasSize(240);
        assertThat(export.principals(PrincipalKind.GROUP)).hasSize(8);
        assertThat(export.policies()).hasSizeGreaterThanOrEqualTo(800);

        AccountAnalysis one = AccountAnalyzer.standard().analyze(export, AnalysisOptions.defaults().withThreads(1));
        AccountAnalysis many = AccountAnalyzer.standard().analyze(export, AnalysisOptions.defaults().withThreads(3));
        assertThat(TestingExport.keys(many)).isEqualTo(TestingExport.keys(one));
        Map<String, Integer> byRule = new TreeMap<>();
        one.findings().forEach(finding -> byRule.merge(finding.ruleId(), 1, Integer::sum));
        assertThat(byRule).containsKeys("BW-IAM-001", "BW-IAM-002", "BW-IAM-003", "BW-IAM-004", "BW-IAM-005", "BW-IAM-008",
                "BW-IAM-009", "BW-IAM-011");
    }

    @Test
    void emptyAndNegativeSizes() {
        AccountExport empty = new AccountExportReader().read(AccountCorpus.generate(0, 0, 1), "empty.json");
        assertThat(empty.principals()).isEmpty();
        assertThat(empty.warnings()).isEmpty();
        assertThatThrownBy(() -> AccountCorpus.generate(-1, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("counts must not be negative: -1 principals, 0 policies");
    }
}
