package dev.bulwark.detect.event;

import java.io.Serial;
import java.io.Serializable;
import java.util.Locale;
import java.util.Optional;

/**
 * The Sigma {@code logsource} of an event or a rule: {@code product}, {@code service} and
 * {@code category}, each lower-case or absent. An event is tagged with the log source its reader
 * knows ({@code aws/cloudtrail}, {@code kubernetes/audit}, {@code aws/vpcflowlogs}); a rule sees
 * an event only when every field the rule names is equal to the event's (see {@link #covers}).
 * Immutable; serializable so that a stream job can ship it.
 */
public record LogSource(Optional<String> product, Optional<String> service, Optional<String> category) implements Serializable {
    public static final LogSource CLOUDTRAIL = of("aws", "cloudtrail", null);
    public static final LogSource KUBERNETES_AUDIT = of("kubernetes", "audit", null);
    public static final LogSource VPC_FLOW = of("aws", "vpcflowlogs", null);

    public LogSource {
        product = normalize(product);
        service = normalize(service);
        category = normalize(category);
    }

    /** A log source from nullable parts. */
    public static LogSource of(String product, String service, String category) {
        return new LogSource(Optional.ofNullable(product), Optional.ofNullable(service), Optional.ofNullable(category));
    }

    /**
     * Parses a {@code --logsource} hint: {@code product}, {@code product/service} or
     * {@code product/service/category}; an empty part is absent ({@code //process_creation}).
     *
     * @throws IllegalArgumentException when the hint has more than three parts or none
     */
    public static LogSource parse(String hint) {
        String[] parts = hint.split("/", -1);
        if (hint.isBlank() || parts.length > 3) {
            throw new IllegalArgumentException("a log source is product[/service[/category]], not '" + hint + "'");
        }
        return of(part(parts, 0), part(parts, 1), part(parts, 2));
    }

    /** Whether a rule of log source {@code this} applies to an event of log source {@code event}. */
    public boolean covers(LogSource event) {
        return matches(product, event.product) && matches(service, event.service) && matches(category, event.category);
    }

    private static boolean matches(Optional<String> rule, Optional<String> event) {
        return rule.isEmpty() || rule.equals(event);
    }

    private static String part(String[] parts, int index) {
        return index < parts.length && !parts[index].isBlank() ? parts[index].trim() : null;
    }

    private static Optional<String> normalize(Optional<String> value) {
        return value.map(text -> text.trim().toLowerCase(Locale.ROOT)).filter(text -> !text.isEmpty());
    }

    /** {@link Optional} is not serializable: the record travels as its nullable parts. */
    @Serial
    private Object writeReplace() {
        return new SerialForm(product.orElse(null), service.orElse(null), category.orElse(null));
    }

    private record SerialForm(String product, String service, String category) implements Serializable {
        @Serial
        private Object readResolve() {
            return LogSource.of(product, service, category);
        }
    }

    @Override
    public String toString() {
        return product.orElse("") + "/" + service.orElse("") + (category.isPresent() ? "/" + category.get() : "");
    }
}
