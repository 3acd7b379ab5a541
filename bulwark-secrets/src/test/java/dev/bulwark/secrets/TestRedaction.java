package dev.bulwark.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestRedaction {
    /** No generated secret (8 characters or more) appears in any text field of {@code finding}. */
    static void assertNoLeak(Finding finding, List<String> secrets) {
        String fields = String.join("\n", finding.message(), finding.title(), finding.path(), finding.fingerprint(),
                finding.remediation(), finding.fix(), finding.resource().address(), String.join("\n", finding.snippet().lines()));
        for (String secret : secrets) {
            for (String part : secret.split("\n")) {
                if (part.length() >= 8 && !part.startsWith("-----")) {
                    assertThat(fields).as("finding " + finding.ruleId() + " leaks a secret").doesNotContain(part);
                }
            }
        }
    }

    @Test
    void showsAtMostTwoCharactersAtEachEnd() {
        assertThat(Redaction.redact("ghp_0123456789abcdefXY9Q")).isEqualTo("gh…9Q");
        assertThat(Redaction.redact("hunter22")).isEqualTo("h…2");
        assertThat(Redaction.redact("abc")).isEqualTo("…");
    }
}
