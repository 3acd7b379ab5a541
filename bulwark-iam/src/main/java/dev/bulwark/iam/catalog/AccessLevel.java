package dev.bulwark.iam.catalog;

import java.util.Locale;
import java.util.Optional;

/**
 * The access level AWS assigns to an action in the Service Authorization Reference. The reference
 * writes the two special levels as {@code "Permissions management, Write"} and
 * {@code "Tagging, Write"}; here they are levels of their own, since a permissions-management
 * action is what identity analysis looks for first.
 */
public enum AccessLevel {
    LIST("List"),
    READ("Read"),
    WRITE("Write"),
    PERMISSIONS_MANAGEMENT("Permissions management"),
    TAGGING("Tagging");

    private final String label;

    AccessLevel(String label) {
        this.label = label;
    }

    /** The name AWS shows, for example {@code "Permissions management"}; never null. */
    public String label() {
        return label;
    }

    /**
     * The level for a label as AWS writes it, case-insensitively: a {@link #label()} or the
     * reference's {@code "Permissions management, Write"} and {@code "Tagging, Write"}.
     *
     * @return the level, or empty when the label is none of these
     * @throws NullPointerException if {@code label} is null
     */
    public static Optional<AccessLevel> fromLabel(String label) {
        String lower = label.trim().toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "list" -> Optional.of(LIST);
            case "read" -> Optional.of(READ);
            case "write" -> Optional.of(WRITE);
            case "permissions management", "permissions management, write" -> Optional.of(PERMISSIONS_MANAGEMENT);
            case "tagging", "tagging, write" -> Optional.of(TAGGING);
            default -> Optional.empty();
        };
    }
}
