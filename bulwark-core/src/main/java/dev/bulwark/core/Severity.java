package dev.bulwark.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How bad a finding is. Ordered from least to most severe, so {@code compareTo} answers
 * "at or above the fail threshold".
 */
public enum Severity {
    INFO(1, 0.0, "note"),
    LOW(2, 3.0, "note"),
    MEDIUM(3, 5.5, "warning"),
    HIGH(4, 8.0, "error"),
    CRITICAL(5, 9.5, "error");

    private final int ocsfId;
    private final double securitySeverity;
    private final String sarifLevel;

    Severity(int ocsfId, double securitySeverity, String sarifLevel) {
        this.ocsfId = ocsfId;
        this.securitySeverity = securitySeverity;
        this.sarifLevel = sarifLevel;
    }

    /** The OCSF {@code severity_id} (1 informational .. 5 critical). */
    public int ocsfId() {
        return ocsfId;
    }

    /** The CVSS-like score GitHub code scanning reads from the SARIF {@code security-severity} property. */
    public double securitySeverity() {
        return securitySeverity;
    }

    /** The SARIF {@code level} of a result at this severity. */
    public String sarifLevel() {
        return sarifLevel;
    }

    /** The lowercase name used in rule files, flags and reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** OCSF severity caption ("Informational", "Low", ...). */
    public String ocsfCaption() {
        return switch (this) {
            case INFO -> "Informational";
            case LOW -> "Low";
            case MEDIUM -> "Medium";
            case HIGH -> "High";
            case CRITICAL -> "Critical";
        };
    }

    public boolean isAtLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /**
     * Parses a severity name, case-insensitively ({@code informational} is accepted for {@code info}).
     *
     * @throws IllegalArgumentException naming the accepted values when {@code text} is not one
     */
    public static Severity parse(String text) {
        String normalized = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        if (normalized.equals("INFORMATIONAL")) {
            return INFO;
        }
        for (Severity severity : values()) {
            if (severity.name().equals(normalized)) {
                return severity;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + text + "' (expected one of "
                + Arrays.stream(values()).map(Severity::label).collect(Collectors.joining(", ")) + ")");
    }
}
