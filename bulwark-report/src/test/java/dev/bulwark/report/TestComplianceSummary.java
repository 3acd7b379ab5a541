package dev.bulwark.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.FrameworkCatalog;
import dev.bulwark.core.ScanReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestComplianceSummary {
    private final ScanReport report = TestingReports.report();

    @Test
    void failsControlsWithActiveFindingsAndPassesControlsWhoseRulesRanClean() {
        ComplianceSummary.Framework nist = only(ComplianceSummary.of(report, List.of("nist-800-53-r5")));

        assertThat(nist.controls()).containsExactly(
                new ComplianceSummary.Control("AC-6", "", ComplianceSummary.Status.FAIL, List.of("BW-K8S-001", "BW-K8S-002"), 6, 0, ""),
                new ComplianceSummary.Control("CM-2", "", ComplianceSummary.Status.PASS, List.of("BW-K8S-010"), 0, 1, ""),
                new ComplianceSummary.Control("SC-6", "", ComplianceSummary.Status.PASS, List.of("BW-K8S-020"), 0, 1, ""));
    }

    @Test
    void controlWhoseRulesEvaluatedNothingIsNotEvaluated() {
        ComplianceSummary.Framework cis = only(ComplianceSummary.of(report, List.of("cis-kubernetes")));

        assertThat(cis.controls()).extracting(ComplianceSummary.Control::id, ComplianceSummary.Control::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("5.2.2", ComplianceSummary.Status.FAIL),
                        org.assertj.core.groups.Tuple.tuple("5.2.5", ComplianceSummary.Status.PASS),
                        org.assertj.core.groups.Tuple.tuple("5.2.6", ComplianceSummary.Status.FAIL),
                        org.assertj.core.groups.Tuple.tuple("5.7.2", ComplianceSummary.Status.NOT_EVALUATED));
    }

    @Test
    void selectedFrameworkWithoutMappedRulesHasNoControls() {
        ComplianceSummary.Framework soc2 = only(ComplianceSummary.of(report, List.of("soc2")));

        assertThat(soc2.id()).isEqualTo("soc2");
        assertThat(soc2.controls()).isEmpty();
    }

    @Test
    void relevantFrameworksAreTheSelectedOnesOrElseAllMapped() {
        assertThat(ComplianceSummary.ofRelevantFrameworks(report).frameworks())
                .extracting(ComplianceSummary.Framework::id)
                .containsExactly("cis-docker", "cis-kubernetes", "nist-800-53-r5", "pss-baseline");
        assertThat(ComplianceSummary.ofRelevantFrameworks(TestingReports.report(List.of("pss-baseline"))).frameworks())
                .extracting(ComplianceSummary.Framework::id)
                .containsExactly("pss-baseline");
        assertThat(ComplianceSummary.ofSelectedFrameworks(report).isEmpty()).isTrue();
    }

    @Test
    void catalogControlsWithoutRulesAreManualAndPrefixesFindVersionedFrameworks() {
        ScanReport base = TestingReports.report(List.of("cis-kub"));
        FrameworkCatalog catalog = new FrameworkCatalog("cis-kubernetes", "CIS Kubernetes", List.of(
                new FrameworkCatalog.Control("5.2.2", "Privileged containers are not admitted", Optional.empty()),
                new FrameworkCatalog.Control("1.1.1", "API server pod spec file permissions", Optional.of("a node file, not in manifests")),
                new FrameworkCatalog.Control("5.9.9", "Something no rule maps", Optional.empty())));
        ScanReport report = new ScanReport(base.toolVersion(), base.started(), base.elapsed(), base.findings(), base.warnings(),
                base.rules(), base.resources(), List.of("cis"), base.filesScanned(), List.of(catalog));

        List<ComplianceSummary.Framework> frameworks = ComplianceSummary.of(report, List.of("cis")).frameworks();

        assertThat(frameworks).extracting(ComplianceSummary.Framework::id).containsExactly("cis-docker", "cis-kubernetes");
        ComplianceSummary.Framework kubernetes = frameworks.get(1);
        assertThat(kubernetes.controls()).extracting(ComplianceSummary.Control::id, ComplianceSummary.Control::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("1.1.1", ComplianceSummary.Status.MANUAL),
                        org.assertj.core.groups.Tuple.tuple("5.2.2", ComplianceSummary.Status.FAIL),
                        org.assertj.core.groups.Tuple.tuple("5.2.5", ComplianceSummary.Status.PASS),
                        org.assertj.core.groups.Tuple.tuple("5.2.6", ComplianceSummary.Status.FAIL),
                        org.assertj.core.groups.Tuple.tuple("5.7.2", ComplianceSummary.Status.NOT_EVALUATED),
                        org.assertj.core.groups.Tuple.tuple("5.9.9", ComplianceSummary.Status.MANUAL));
        assertThat(kubernetes.controls().get(0).note()).isEqualTo("a node file, not in manifests");
        assertThat(kubernetes.controls().get(1).title()).isEqualTo("Privileged containers are not admitted");
        assertThat(kubernetes.count(ComplianceSummary.Status.MANUAL)).isEqualTo(2);
    }

    @Test
    void ordersControlIdsNaturally() {
        List<String> ids = new ArrayList<>(List.of("5.2.10", "AC-17", "5.2.2", "AC-6", "5.10", "5.9", "ac-2"));

        ids.sort(ComplianceSummary.CONTROL_ORDER);

        assertThat(ids).containsExactly("5.2.2", "5.2.10", "5.9", "5.10", "ac-2", "AC-6", "AC-17");
    }

    private static ComplianceSummary.Framework only(ComplianceSummary summary) {
        assertThat(summary.frameworks()).hasSize(1);
        return summary.frameworks().get(0);
    }
}
