package dev.bulwark.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.ScanReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestHtmlReportWriter {
    private final ScanReport report = TestingReports.report();

    @Test
    void escapesMarkupFromScannedFiles() {
        String html = TestingReports.write("html", report);

        assertThat(html)
                .contains("runs privileged &lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script")
                .contains("privileged: true # &lt;b&gt;not bold&lt;/b&gt;")
                .doesNotContain("<b>not bold</b>");
    }

    @Test
    void isSelfContained() {
        String html = TestingReports.write("html", report);

        assertThat(html).doesNotContain("<link").doesNotContain(" src=").doesNotContain("@import").doesNotContain("url(");
        assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';");
        // The only web addresses are rule references, written as plain links.
        String withoutReferenceLinks = html.replaceAll("<a href=\"https://[^\"]*\" rel=\"noopener noreferrer\">[^<]*</a>", "");
        assertThat(withoutReferenceLinks).doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void showsTotalsAndSeverities() {
        String html = TestingReports.write("html", report);

        assertThat(html)
                .contains("<title>Bulwark report: 8 findings</title>")
                .contains("<div class=\"value\">8</div><div class=\"label\">Findings</div>")
                .contains("<div class=\"value\">4</div><div class=\"label\">Critical</div>")
                .contains("<div class=\"value\">2</div><div class=\"label\">Suppressed</div>")
                .contains("aria-label=\"4 critical, 3 high, 1 medium, 0 low, 0 info\"");
    }

    @Test
    void groupsFindingsByFileWithHighlightedSnippetAndFix() {
        String html = TestingReports.write("html", report);

        assertThat(html).contains("<h3><code>deploy/api.yaml</code> <span class=\"count\">3 findings</span></h3>");
        assertThat(html).contains("<h3><code>(standard input)</code>");
        assertThat(html).contains("<div class=\"line hit\"><span class=\"ln\">21</span>");
        assertThat(html).contains("<div class=\"line\"><span class=\"ln\">20</span>");
        assertThat(html).contains("<pre class=\"fix\"><code>securityContext:\n  privileged: false</code></pre>");
        assertThat(html).contains("<dt>Value</dt><dd><code>spec.template.spec.containers[0].securityContext.privileged</code>");
        assertThat(html.indexOf("deploy/api.yaml</code> <span")).isLessThan(html.indexOf("deploy/db.yaml</code> <span"));
    }

    @Test
    void listsSuppressedFindingsCollapsedWithTheirReason() {
        String html = TestingReports.write("html", report);

        int suppressed = html.indexOf("<details class=\"suppressed\">");
        assertThat(suppressed).isPositive();
        String section = html.substring(suppressed, html.indexOf("</details>", suppressed));
        assertThat(section).contains("pinned by digest in prod overlay", "2027-01-31", "accepted in baseline", "BW-K8S-010");
        assertThat(section).doesNotContain("BW-K8S-002");
    }

    @Test
    void showsControlsOfEveryMappedFrameworkWhenNoneWasSelected() {
        String html = TestingReports.write("html", report);

        assertThat(html).contains("<span class=\"fw-name\">cis-docker</span>", "<span class=\"fw-name\">cis-kubernetes</span>",
                "<span class=\"fw-name\">nist-800-53-r5</span>", "<span class=\"fw-name\">pss-baseline</span>");
        assertThat(html).contains("<tr><td><code>5.2.5</code></td><td><span class=\"pill pass\">pass</span>");
        assertThat(html).contains("<tr><td><code>5.2.2</code></td><td><span class=\"pill fail\">fail</span>");
        assertThat(html).contains("<tr><td><code>5.7.2</code></td><td><span class=\"pill none\">not evaluated</span>");
    }

    @Test
    void showsOnlySelectedFrameworks() {
        String html = TestingReports.write("html", TestingReports.report(List.of("pss-baseline")));

        assertThat(html).contains("<span class=\"fw-name\">pss-baseline</span>").doesNotContain("fw-name\">cis-kubernetes");
    }

    @Test
    void listsWarnings() {
        String html = TestingReports.write("html", report);

        assertThat(html).contains("<li><code>huge.yaml</code> skipped: larger than 10 MiB</li>");
    }

    @Test
    void saysSoWhenThereIsNothingToFix() {
        String html = TestingReports.write("html", TestingReports.cleanReport());

        assertThat(html).contains("No active findings.").doesNotContain("<article");
    }
}
