package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigLoader;
import org.junit.jupiter.api.Test;

class TestConfigLoader {
    @Test
    void readsEverySetting() {
        BulwarkConfig config = ConfigLoader.parse("""
                rules: [./policies]
                disable: [bw-k8s-001]
                exclude: ["vendor/**"]
                severity:
                  BW-K8S-002: low
                fail-on: high
                frameworks: [cis-kubernetes]
                ignore:
                  - rule: BW-K8S-003
                    paths: ["legacy/**"]
                    reason: migrating
                    until: 2027-06-30
                """, ".bulwark.yaml");
        assertThat(config.ruleFolders()).containsExactly("./policies");
        assertThat(config.disabledRules()).containsExactly("BW-K8S-001");
        assertThat(config.severityOverrides()).containsEntry("BW-K8S-002", Severity.LOW);
        assertThat(config.failOn()).contains(Severity.HIGH);
        assertThat(config.ignores().get(0).paths()).containsExactly("legacy/**");
        assertThat(config.ignores().get(0).line()).isEqualTo(9);
    }

    @Test
    void typosAndBadValuesAreLocatedErrors() {
        assertThatThrownBy(() -> ConfigLoader.parse("fail-on: high\nexlude: []\n", ".bulwark.yaml"))
                .isInstanceOf(BulwarkException.class)
                .hasMessageContaining(".bulwark.yaml:2")
                .hasMessageContaining("unknown setting 'exlude'");
        assertThatThrownBy(() -> ConfigLoader.parse("fail-on: urgent\n", "c.yaml"))
                .hasMessageContaining("unknown severity 'urgent'");
        assertThatThrownBy(() -> ConfigLoader.parse("ignore:\n  - rule: X\n    until: someday\n", "c.yaml"))
                .hasMessageContaining("bad date 'someday'");
    }
}
