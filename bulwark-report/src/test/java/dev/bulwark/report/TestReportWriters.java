package dev.bulwark.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ScanReport;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TestReportWriters {
    @Test
    void rejectsAnUnknownFormatNamingTheAcceptedOnes() {
        assertThatThrownBy(() -> ReportWriters.create("xml", ReportOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown report format 'xml' (expected one of table, json, sarif, junit, html)");
    }

    @Test
    void acceptsFormatNamesInAnyCase() {
        assertThat(ReportWriters.create(" SARIF ", ReportOptions.defaults()).format()).isEqualTo("sarif");
    }

    @Test
    void everyFormatIsDeterministicUtf8AndLeavesTheStreamOpen() throws Exception {
        ScanReport report = TestingReports.report();
        Locale previous = Locale.getDefault();
        for (String format : ReportWriters.FORMATS) {
            ReportWriter writer = ReportWriters.create(format, ReportOptions.defaults());
            assertThat(writer.format()).isEqualTo(format);

            CloseTrackingStream first = new CloseTrackingStream();
            writer.write(report, first);
            byte[] second;
            try {
                // A German default locale would print "1,2 s" where the report must say "1.2 s".
                Locale.setDefault(Locale.GERMANY);
                second = TestingReports.writeBytes(format, report, ReportOptions.defaults());
            } finally {
                Locale.setDefault(previous);
            }

            assertThat(first.closed).as(format + " must not close the caller's stream").isFalse();
            assertThat(first.toByteArray()).as(format + " output is the same every time").isEqualTo(second);
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(second));
            assertThat(new String(second, StandardCharsets.UTF_8)).as(format).contains("deploy/api.yaml").doesNotContain("\r");
        }
    }

    private static final class CloseTrackingStream extends ByteArrayOutputStream {
        private boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }
}
