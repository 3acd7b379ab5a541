package dev.bulwark.core.spi;

import dev.bulwark.core.Finding;
import dev.bulwark.core.RuleInfo;
import java.util.List;

/**
 * An engine that reads every text file of a scan, whatever its format: the secrets detectors run
 * over source code, configuration, Terraform and manifests alike. Its findings go through the same
 * severity overrides, suppressions and baselines as rule findings; unlike rule findings they come
 * with their own snippet (the secret in it already redacted), which the scanner keeps.
 * Implementations are stateless and thread-safe.
 */
public interface TextScanner {
    /** The name users select it by with {@code --scanners}, e.g. {@code secret}. */
    String name();

    /** Every rule (detector) this scanner can report; ids are unique across Bulwark. */
    List<RuleInfo> rules();

    /**
     * Scans the text of one file. Never throws for bad input.
     *
     * @param displayPath the path findings name
     * @return findings with the rules' default severities, in report order, never null
     */
    List<Finding> scan(String displayPath, String text);
}
