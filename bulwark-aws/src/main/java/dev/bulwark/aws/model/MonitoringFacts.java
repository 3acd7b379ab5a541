package dev.bulwark.aws.model;

import dev.bulwark.core.model.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scan-wide monitoring facts for rules that look across resources: CloudWatch metric filters and
 * the alarms on their metrics, which the CIS benchmark asks for per event type.
 */
public final class MonitoringFacts {
    private MonitoringFacts() {}

    /** Entries added to the {@code inventory} scan variable. */
    public static Map<String, Object> inventory(List<Resource> resources) {
        return new LinkedHashMap<>();
    }
}
