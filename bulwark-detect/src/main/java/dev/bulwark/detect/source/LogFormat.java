package dev.bulwark.detect.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.detect.event.LogSource;
import java.time.Instant;
import java.util.Optional;

/**
 * The formats a {@link LogReader} understands. Each input is read in one format, detected from its
 * content or given by a {@code --logsource} hint (see {@link #forSource}).
 */
public enum LogFormat {
    /** AWS CloudTrail: S3 delivery files, JSON lines, EventBridge events, CloudTrail Lake results. */
    CLOUDTRAIL,
    /** Kubernetes audit events ({@code audit.k8s.io/v1} {@code Event}, {@code EventList}). */
    KUBERNETES_AUDIT,
    /** Amazon VPC flow logs in their text format, default or custom (header line). */
    VPC_FLOW,
    /** Any other JSON: one event per line or per element of a top-level array. */
    JSON;

    /**
     * The format to read events of a log source in: {@code aws/cloudtrail}, {@code kubernetes/audit}
     * and {@code aws/vpcflowlogs} (whatever their category) have their own, anything else is
     * {@link #JSON}.
     */
    public static LogFormat forSource(LogSource source) {
        if (same(source, LogSource.CLOUDTRAIL)) {
            return CLOUDTRAIL;
        }
        if (same(source, LogSource.KUBERNETES_AUDIT)) {
            return KUBERNETES_AUDIT;
        }
        if (same(source, LogSource.VPC_FLOW)) {
            return VPC_FLOW;
        }
        return JSON;
    }

    /** The log source events of this format are tagged with when no hint names one; empty for {@link #JSON}. */
    public LogSource defaultSource() {
        return switch (this) {
            case CLOUDTRAIL -> LogSource.CLOUDTRAIL;
            case KUBERNETES_AUDIT -> LogSource.KUBERNETES_AUDIT;
            case VPC_FLOW -> LogSource.VPC_FLOW;
            case JSON -> new LogSource(Optional.empty(), Optional.empty(), Optional.empty());
        };
    }

    /**
     * The time of an event of this format as the readers take it ({@code eventTime};
     * {@code stageTimestamp} then {@code requestReceivedTimestamp}; a flow's {@code start}; for
     * other JSON {@code eventTime}, {@code @timestamp}, {@code timestamp} or {@code time}), for
     * events built elsewhere (the sample events of rules). Empty when there is none.
     */
    public Optional<Instant> timeOf(JsonNode event) {
        for (String field : timeFields()) {
            Optional<Instant> time = Timestamps.parse(event.get(field));
            if (time.isPresent()) {
                return time;
            }
        }
        return Optional.empty();
    }

    /** The field an event of this format gives its time in (a flow's {@code start} in epoch seconds, others as text). */
    public String timeField() {
        return timeFields()[0];
    }

    private String[] timeFields() {
        return switch (this) {
            case CLOUDTRAIL -> new String[] {"eventTime"};
            case KUBERNETES_AUDIT -> new String[] {"stageTimestamp", "requestReceivedTimestamp"};
            case VPC_FLOW -> new String[] {"start"};
            case JSON -> new String[] {"eventTime", "@timestamp", "timestamp", "time"};
        };
    }

    private static boolean same(LogSource source, LogSource known) {
        return source.product().equals(known.product()) && source.service().equals(known.service());
    }
}
