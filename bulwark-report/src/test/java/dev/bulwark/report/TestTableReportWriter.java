package dev.bulwark.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.ScanReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestTableReportWriter {
    private final ScanReport report = TestingReports.report();

    @Test
    void plainOutputHasNoEscapeSequencesAtAll() {
        String table = TestingReports.write("table", report, ReportOptions.defaults().withColor(false));

        assertThat(table).doesNotContain("\u001b").doesNotContain("\u0007");
    }

    @Test
    void colouredOutputHasColoursButNotTheEscapeSequenceFromTheScannedFile() {
        String table = TestingReports.write("table", report, ReportOptions.defaults().withColor(true));

        assertThat(table).contains("\u001b[1;97;41mCRITICAL").contains("\u001b[0m");
        assertThat(table).doesNotContain("\u001b]0;pwned").doesNotContain("\u0007");
    }

    @Test
    void groupsActiveFindingsByFileOneLineEach() {
        String table = TestingReports.write("table", report);

        assertThat(table).contains("deploy/api.yaml (3 findings)\n"
                + "  CRITICAL  BW-K8S-001    L21  Container runs privileged: Container 'api' runs privileged "
                + "<script>alert(1)</script>\uFFFD]0;pwned\uFFFD & more  [apps/Deployment/payments/api]\n"
                + "  HIGH      BW-K8S-002    L22  Container may gain more privileges than its parent: Container 'api' "
                + "allows privilege escalation  [apps/Deployment/payments/api]\n"
                + "  CRITICAL  BW-K8S-001    L40  ");
        assertThat(table).contains("(standard input) (1 finding)\n");
        assertThat(table).contains("broken.yaml (1 finding)\n  MEDIUM    BW-PARSE-001   L3  File could not be parsed: "
                + "mapping values are not allowed here  [broken.yaml]\n");
        assertThat(table).doesNotContain("BW-K8S-010").doesNotContain("BW-K8S-020");
    }

    @Test
    void countsSuppressedFindingsAndSummarizesBySeverity() {
        String table = TestingReports.write("table", report);

        assertThat(table).contains("2 suppressed findings not shown (1 baseline, 1 inline comment)\n");
        assertThat(table).contains("Findings: 4 critical, 3 high, 1 medium, 0 low, 0 info (8 total, 2 suppressed) "
                + "in 6 of 6 files scanned; 5 resources, 7 rules, 1.2 s\n");
    }

    @Test
    void listsWarningsLast() {
        String table = TestingReports.write("table", report);

        assertThat(table).endsWith("Warnings (2):\n  bin/tool.yaml: skipped: binary file\n  huge.yaml: skipped: larger than 10 MiB\n");
    }

    @Test
    void showsNoComplianceTableUnlessFrameworksWereSelected() {
        assertThat(TestingReports.write("table", report)).doesNotContain("Compliance:");
    }

    @Test
    void showsPassFailPerControlOfSelectedFrameworks() {
        String table = TestingReports.write("table", TestingReports.report(List.of("cis-kubernetes")));

        assertThat(table).contains("Compliance: cis-kubernetes (2 failed, 1 passed, 1 not evaluated)\n"
                + "  CONTROL  STATUS         FINDINGS  RULES\n"
                + "  5.2.2    fail           4         BW-K8S-001\n"
                + "  5.2.5    pass           0         BW-K8S-030\n"
                + "  5.2.6    fail           2         BW-K8S-002\n"
                + "  5.7.2    not evaluated  0         BW-K8S-040\n");
        assertThat(table).doesNotContain("Compliance: pss-baseline");
    }

    @Test
    void saysSoWhenThereAreNoFindings() {
        String table = TestingReports.write("table", TestingReports.cleanReport());

        assertThat(table).startsWith("No findings.\n").contains("Findings: 0 critical, 0 high, 0 medium, 0 low, 0 info (0 total)");
    }
}
