package dev.bulwark.detect.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dedup and throttling before alerts reach people. An alert whose fingerprint (rule and group, or
 * rule and event) was let through less than {@code dedupWindow} ago is a duplicate; and at most
 * {@code perRule} alerts of one rule pass per {@code period}. Time is the alerts' own (event
 * time), so replaying a day of logs throttles as the day did. State is bounded: fingerprints
 * older than the dedup window are forgotten, and at most {@value #MAX_FINGERPRINTS} are held.
 * Not thread-safe: one per alert stream.
 */
public final class AlertThrottle {
    static final int MAX_FINGERPRINTS = 100_000;

    private final Duration dedupWindow;
    private final int perRule;
    private final Duration period;
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();
    private final Map<String, Deque<Instant>> passed = new HashMap<>();
    private long duplicates;
    private long throttled;

    public AlertThrottle(Duration dedupWindow, int perRule, Duration period) {
        if (dedupWindow.isNegative() || perRule < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("dedup window >= 0, at least one alert per rule and a positive period");
        }
        this.dedupWindow = dedupWindow;
        this.perRule = perRule;
        this.period = period;
    }

    /** No dedup, no limit. */
    public static AlertThrottle none() {
        return new AlertThrottle(Duration.ZERO, Integer.MAX_VALUE, Duration.ofDays(1));
    }

    /** Whether the alert goes on; a false answer is counted as a duplicate or as throttled. */
    public boolean admit(Alert alert) {
        Instant now = alert.time();
        forget(now);
        Instant last = seen.get(alert.fingerprint());
        if (last != null && !dedupWindow.isZero() && now.isBefore(last.plus(dedupWindow))) {
            duplicates++;
            return false;
        }
        if (perRule != Integer.MAX_VALUE) {
            Deque<Instant> times = passed.computeIfAbsent(alert.ruleId(), ignored -> new ArrayDeque<>());
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(period))) {
                times.removeFirst();
            }
            if (times.size() >= perRule) {
                throttled++;
                return false;
            }
            times.addLast(now);
        }
        if (!dedupWindow.isZero()) {
            seen.remove(alert.fingerprint());
            seen.put(alert.fingerprint(), now);
        }
        return true;
    }

    public long duplicates() {
        return duplicates;
    }

    public long throttled() {
        return throttled;
    }

    private void forget(Instant now) {
        Iterator<Map.Entry<String, Instant>> oldest = seen.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, Instant> entry = oldest.next();
            if (seen.size() > MAX_FINGERPRINTS || !now.isBefore(entry.getValue().plus(dedupWindow))) {
                oldest.remove();
            } else {
                break;
            }
        }
    }
}
