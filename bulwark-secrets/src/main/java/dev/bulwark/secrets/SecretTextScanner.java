package dev.bulwark.secrets;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.Finding;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.spi.TextScanner;
import java.util.ArrayList;
import java.util.List;

/**
 * The secrets engine as {@code bulwark scan} sees it: every text file goes through the
 * {@link SecretScanner}, whose detectors are the rules. Thread-safe.
 */
public final class SecretTextScanner implements TextScanner {
    /** The name {@code --scanners} selects this engine by. */
    public static final String NAME = "secret";

    private final SecretScanner scanner;
    private final List<RuleInfo> rules;

    public SecretTextScanner(SecretScanner scanner, DetectorCatalog catalog) {
        this.scanner = requireNonNull(scanner, "scanner is null");
        List<RuleInfo> infos = new ArrayList<>();
        for (Detector detector : catalog.detectors()) {
            infos.add(detector.info());
        }
        this.rules = List.copyOf(infos);
    }

    /** The built-in detectors. */
    public static SecretTextScanner builtin() {
        DetectorCatalog catalog = DetectorCatalog.builtin();
        return new SecretTextScanner(new SecretScanner(catalog, 200), catalog);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<RuleInfo> rules() {
        return rules;
    }

    @Override
    public List<Finding> scan(String displayPath, String text) {
        return scanner.scan(displayPath, text);
    }
}
