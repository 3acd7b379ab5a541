package dev.bulwark.detect.source;

import dev.bulwark.detect.event.LogSource;
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

    private static boolean same(LogSource source, LogSource known) {
        return source.product().equals(known.product()) && source.service().equals(known.service());
    }
}
