package dev.bulwark.detect.correlation;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.Severity;
import dev.bulwark.detect.alert.Alert;
import dev.bulwark.detect.alert.Playbook;
import dev.bulwark.detect.event.FieldPath;
import dev.bulwark.detect.event.LogEvent;
import dev.bulwark.detect.event.LogSource;
import dev.bulwark.detect.sigma.FieldMapping;
import dev.bulwark.detect.sigma.Match;
import dev.bulwark.detect.sigma.SigmaOptions;
import dev.bulwark.detect.sigma.SigmaRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Runs Sigma correlation rules over the matches of the Sigma engine, by event time, and emits an
 * {@link Alert} for each correlation that holds. No I/O and no global state: all group state is
 * in the {@link CorrelationState} given to the builder, so the engine can run inside a stream
 * operator. Not thread-safe: one engine per thread (or per stream partition).
 *
 * <pre>{@code
 * CorrelationEngine engine = CorrelationEngine.builder(set).allowedLateness(Duration.ofMinutes(5)).build();
 * for (LogEvent event : events) {
 *     engine.accept(sigma.evaluate(event), alerts::add);   // or accept(match, sink) one by one
 * }
 * engine.flush(alerts::add);                                // end of input: closes every window
 * }</pre>
 *
 * <p><b>Time.</b> An input counts at its event's time ({@link LogEvent#time()}, milliseconds);
 * an event without a time counts at the latest time seen. Inputs may arrive out of order by up to
 * {@code allowedLateness}: they are held in a time-ordered buffer and processed once the latest
 * time seen is {@code allowedLateness} past them (so alerts come that much later). An input older
 * than that is late: it is processed at the latest time already processed, and counted in
 * {@link CorrelationStatistics#late()}. With no lateness allowed (the default) inputs are
 * processed at once.
 *
 * <p><b>Windows.</b> A window holds the inputs of one group whose times are at most
 * {@code timespan} apart (both ends inclusive).
 * <ul>
 *   <li>When the condition has only lower bounds ({@code gt}, {@code gte}) and the measure can
 *       only grow as inputs are added (counts, sums, temporal), the window slides: each input
 *       looks back {@code timespan} from its own time, and as soon as the condition holds the
 *       engine alerts once, for the window from the oldest input counted to this one, and the
 *       group starts afresh. Only what the window needs is kept; an {@code event_count} never
 *       holds more inputs than its threshold.</li>
 *   <li>Otherwise ({@code lt}, {@code lte}, {@code eq}, {@code neq}, ranges, {@code value_avg},
 *       {@code value_percentile}) the condition can only be decided once no more input can come:
 *       the group's window opens at its first input, closes {@code timespan} later, and the
 *       condition is checked then (alert time: the window's end). The next input opens a new
 *       window. A group that had no input has no window: {@code lt} cannot report silence.</li>
 *   <li>{@code temporal}: every referenced rule (or, with a condition, that many of them) matched
 *       within the window; {@code temporal_ordered}: every referenced rule matched, each at or
 *       after the one before it in the list, the first and last at most {@code timespan}
 *       apart.</li>
 * </ul>
 *
 * <p><b>Groups.</b> A group is the text of each {@code group-by} field (read with
 * {@link FieldPath}; for a referenced rule named in an alias, the alias's field for that rule). A
 * number or boolean counts as its text; an array of one value as that value; a longer array or an
 * object as its JSON text (one group, not one per element). An input whose event lacks a group-by
 * field (or has it null) is not counted. Results of an inner correlation read group-by fields
 * from its own group first, then from its last event. Groups are pruned once their window has
 * passed, and capped per rule ({@code maxGroupsPerRule}, the oldest goes first, counted in
 * {@link CorrelationStatistics#evictedGroups()}), so memory depends on the windows and the number
 * of active groups, never on the length of the log.
 *
 * <p><b>Values.</b> {@code value_count} counts distinct texts of its field (each element of an
 * array); the value types read numbers (JSON numbers or numeric text; each element of an array)
 * and skip inputs with none. {@code value_percentile} uses the nearest-rank percentile of the
 * values in the window (kept up to {@code maxValuesPerGroup}, a uniform sample beyond).
 */
public final class CorrelationEngine {
    private final Compiled[] compiled;
    private final Map<String, Target[]> targetsByReference;
    private final Map<SigmaRule, Target[]> targetsByRule = new IdentityHashMap<>();
    private final CorrelationState state;
    private final long lateness;
    private final int maxGroups;
    private final int maxValues;
    private final int maxEvidence;
    private final int maxHeld;
    private final PriorityQueue<Pending> pending = new PriorityQueue<>();
    private long sequence;
    private long watermark = Long.MIN_VALUE;
    private long processed = Long.MIN_VALUE;
    private long expiredUpTo = Long.MIN_VALUE;
    private long inputs;
    private long late;
    private long withoutGroup;
    private long withoutValue;
    private long evicted;
    private long alerts;

    private CorrelationEngine(Builder builder) {
        this.state = builder.state == null ? new InMemoryCorrelationState() : builder.state;
        this.lateness = builder.lateness.toMillis();
        this.maxGroups = builder.maxGroups;
        this.maxValues = builder.maxValues;
        this.maxEvidence = builder.maxEvidence;
        this.maxHeld = builder.maxHeld;
        List<CorrelationRule> rules = builder.set.correlations();
        this.compiled = new Compiled[rules.size()];
        Map<CorrelationRule, Compiled> byRule = new IdentityHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            compiled[i] = new Compiled(i, rules.get(i), builder.set.targets(rules.get(i)), builder.set.alertsAlone(rules.get(i)),
                    builder.mapping == null ? FieldMapping.none() : builder.mapping);
            byRule.put(rules.get(i), compiled[i]);
        }
        Map<String, List<Target>> fromRules = new HashMap<>();
        for (Compiled correlation : compiled) {
            List<Object> targets = builder.set.targets(correlation.rule);
            Map<Object, List<Integer>> positions = new LinkedHashMap<>();
            for (int position = 0; position < targets.size(); position++) {
                positions.computeIfAbsent(targets.get(position), target -> new ArrayList<>()).add(position);
            }
            for (Map.Entry<Object, List<Integer>> entry : positions.entrySet()) {
                int[] at = entry.getValue().stream().mapToInt(Integer::intValue).toArray();
                Target target = new Target(correlation, at);
                if (entry.getKey() instanceof SigmaRule rule) {
                    fromRules.computeIfAbsent(rule.reference(), reference -> new ArrayList<>()).add(target);
                } else {
                    byRule.get((CorrelationRule) entry.getKey()).downstream.add(target);
                }
            }
        }
        this.targetsByReference = new HashMap<>();
        fromRules.forEach((reference, list) -> targetsByReference.put(reference, list.toArray(new Target[0])));
    }

    /** A builder for an engine over {@code set}'s correlations. */
    public static Builder builder(CorrelationSet set) {
        return new Builder(set);
    }

    /** Settings of an engine; each may be given once. */
    public static final class Builder {
        private final CorrelationSet set;
        private CorrelationState state;
        private Duration lateness = Duration.ZERO;
        private boolean latenessSet;
        private int maxGroups = 100_000;
        private boolean maxGroupsSet;
        private int maxValues = 10_000;
        private boolean maxValuesSet;
        private int maxEvidence = Alert.MAX_EVIDENCE;
        private boolean maxEvidenceSet;
        private int maxHeld = 1_000_000;
        private boolean maxHeldSet;
        private FieldMapping mapping;

        private Builder(CorrelationSet set) {
            this.set = requireNonNull(set, "set is null");
        }

        /**
         * The field mapping the detection rules were compiled with ({@link SigmaOptions#fieldMapping()}),
         * so that group-by and value fields name the same event fields as the rules; none unless given.
         */
        public Builder fieldMapping(FieldMapping newMapping) {
            if (mapping != null) {
                throw new IllegalStateException("fieldMapping is already set");
            }
            mapping = requireNonNull(newMapping, "fieldMapping is null");
            return this;
        }

        /** Where group state lives; an {@link InMemoryCorrelationState} unless given. */
        public Builder state(CorrelationState newState) {
            if (state != null) {
                throw new IllegalStateException("state is already set");
            }
            state = requireNonNull(newState, "state is null");
            return this;
        }

        /** How far out of order inputs may arrive (zero unless given). @throws IllegalArgumentException when negative */
        public Builder allowedLateness(Duration newLateness) {
            if (latenessSet) {
                throw new IllegalStateException("allowedLateness is already set to " + lateness);
            }
            if (newLateness.isNegative()) {
                throw new IllegalArgumentException("allowedLateness must not be negative: " + newLateness);
            }
            lateness = newLateness;
            latenessSet = true;
            return this;
        }

        /** Groups kept per correlation rule (100,000 unless given). @throws IllegalArgumentException when not positive */
        public Builder maxGroupsPerRule(int groups) {
            if (maxGroupsSet) {
                throw new IllegalStateException("maxGroupsPerRule is already set to " + maxGroups);
            }
            if (groups < 1) {
                throw new IllegalArgumentException("maxGroupsPerRule must be positive: " + groups);
            }
            maxGroups = groups;
            maxGroupsSet = true;
            return this;
        }

        /** Inputs, distinct values or samples kept per group (10,000 unless given). @throws IllegalArgumentException when below 2 */
        public Builder maxValuesPerGroup(int values) {
            if (maxValuesSet) {
                throw new IllegalStateException("maxValuesPerGroup is already set to " + maxValues);
            }
            if (values < 2) {
                throw new IllegalArgumentException("maxValuesPerGroup must be at least 2: " + values);
            }
            maxValues = values;
            maxValuesSet = true;
            return this;
        }

        /**
         * Events kept per group as evidence ({@link Alert#MAX_EVIDENCE} unless given). Each group
         * holds on to that many event trees, so this and {@code maxGroupsPerRule} bound the
         * memory evidence takes. @throws IllegalArgumentException when not from 1 to {@link Alert#MAX_EVIDENCE}
         */
        public Builder maxEvidencePerGroup(int events) {
            if (maxEvidenceSet) {
                throw new IllegalStateException("maxEvidencePerGroup is already set to " + maxEvidence);
            }
            if (events < 1 || events > Alert.MAX_EVIDENCE) {
                throw new IllegalArgumentException("maxEvidencePerGroup must be from 1 to " + Alert.MAX_EVIDENCE + ": " + events);
            }
            maxEvidence = events;
            maxEvidenceSet = true;
            return this;
        }

        /**
         * Inputs held for reordering at most (1,000,000 unless given); beyond it the oldest is
         * processed early. @throws IllegalArgumentException when not positive
         */
        public Builder maxHeldInputs(int inputs) {
            if (maxHeldSet) {
                throw new IllegalStateException("maxHeldInputs is already set to " + maxHeld);
            }
            if (inputs < 1) {
                throw new IllegalArgumentException("maxHeldInputs must be positive: " + inputs);
            }
            maxHeld = inputs;
            maxHeldSet = true;
            return this;
        }

        public CorrelationEngine build() {
            return new CorrelationEngine(this);
        }
    }

    /** Feeds the matches of one event. */
    public void accept(List<Match> matches, Consumer<Alert> sink) {
        for (int i = 0; i < matches.size(); i++) {
            accept(matches.get(i), sink);
        }
    }

    /** Feeds one match; alerts that result go to {@code sink}, on this thread, before this returns. */
    public void accept(Match match, Consumer<Alert> sink) {
        Target[] targets = targets(match.rule());
        if (targets == null) {
            return;
        }
        Optional<Instant> eventTime = match.event().time();
        long time = eventTime.isPresent() ? eventTime.get().toEpochMilli() : Math.max(watermark, 0);
        if (time > watermark) {
            watermark = time;
        }
        if (lateness == 0) {
            run(targets, time, match.event(), sink);
            return;
        }
        pending.add(new Pending(time, sequence++, targets, match.event()));
        while (pending.size() > maxHeld) {
            Pending oldest = pending.poll();
            run(oldest.targets, oldest.time, oldest.event, sink);
        }
        release(watermark - lateness, sink);
    }

    /**
     * Tells the engine that event time has reached {@code time} (for example from an event that
     * matched no rule), so windows that ended before it close.
     */
    public void advance(Instant time, Consumer<Alert> sink) {
        long at = time.toEpochMilli();
        if (at > watermark) {
            watermark = at;
        }
        long upTo = watermark - lateness;
        release(upTo, sink);
        if (upTo > processed) {
            processed = upTo;
        }
        expire(upTo, sink);
    }

    /** End of input: processes every held input and closes every window, in dependency order. */
    public void flush(Consumer<Alert> sink) {
        release(Long.MAX_VALUE, sink);
        for (Compiled correlation : compiled) {
            Window window;
            while ((window = (Window) state.oldest(correlation.index)) != null) {
                state.remove(correlation.index, window.key);
                if (!correlation.sliding) {
                    close(correlation, window, sink);
                }
            }
        }
    }

    /** Counters since the engine was built. */
    public CorrelationStatistics statistics() {
        return new CorrelationStatistics(inputs, late, withoutGroup, withoutValue, evicted, alerts);
    }

    private Target[] targets(SigmaRule rule) {
        Target[] targets = targetsByRule.get(rule);
        if (targets == null && !targetsByRule.containsKey(rule)) {
            targets = targetsByReference.get(rule.reference());
            if (targetsByRule.size() < 100_000) {
                targetsByRule.put(rule, targets);
            }
        }
        return targets;
    }

    private void release(long upTo, Consumer<Alert> sink) {
        while (!pending.isEmpty() && pending.peek().time <= upTo) {
            Pending next = pending.poll();
            run(next.targets, next.time, next.event, sink);
        }
    }

    private void run(Target[] targets, long time, LogEvent event, Consumer<Alert> sink) {
        if (time < processed) {
            late++;
            time = processed;
        }
        processed = time;
        expire(time, sink);
        for (Target target : targets) {
            process(target.correlation, target.positions, time, event, null, sink);
        }
    }

    /** Closes (or drops) the windows that ended before {@code time}, inner correlations first. */
    private void expire(long time, Consumer<Alert> sink) {
        if (time <= expiredUpTo) {
            return;
        }
        expiredUpTo = time;
        for (Compiled correlation : compiled) {
            Window window;
            while ((window = (Window) state.oldest(correlation.index)) != null && window.deadline < time) {
                state.remove(correlation.index, window.key);
                if (!correlation.sliding) {
                    close(correlation, window, sink);
                }
            }
        }
    }

    private void process(Compiled correlation, int[] positions, long time, LogEvent event, Alert inner, Consumer<Alert> sink) {
        inputs++;
        if (time < correlation.lastTime) {
            time = correlation.lastTime;
        }
        correlation.lastTime = time;
        int position = positions[0];
        List<String> key = correlation.groupKey(position, event, inner);
        if (key == null) {
            withoutGroup++;
            return;
        }
        double value = 0;
        List<String> texts = null;
        double[] numbers = null;
        switch (correlation.type) {
            case VALUE_COUNT -> {
                texts = correlation.texts(position, event, inner);
                if (texts.isEmpty()) {
                    withoutValue++;
                    return;
                }
            }
            case VALUE_SUM, VALUE_AVG, VALUE_PERCENTILE -> {
                numbers = correlation.numbers(position, event, inner);
                if (numbers.length == 0) {
                    withoutValue++;
                    return;
                }
                for (double number : numbers) {
                    value += number;
                }
            }
            case EVENT_COUNT, TEMPORAL, TEMPORAL_ORDERED -> {
            }
        }
        long weight = inner == null ? 1 : inner.eventCount();
        Window window = (Window) state.get(correlation.index, key);
        if (window != null && !correlation.sliding && time > window.deadline) {
            state.remove(correlation.index, key);
            close(correlation, window, sink);
            window = null;
        }
        if (window == null) {
            window = correlation.open(key, time, maxEvidence);
            state.put(correlation.index, window);
            window.queuedAt = time;
            while (state.size(correlation.index) > maxGroups) {
                Window oldest = (Window) state.oldest(correlation.index);
                state.remove(correlation.index, oldest.key);
                evicted++;
            }
        } else if (correlation.sliding && time - window.queuedAt > correlation.requeueAfter) {
            // Moving a group to the end of its rule's order costs a map operation; doing it every
            // span/16 keeps the order good enough for pruning (a stale group may wait that much longer).
            state.put(correlation.index, window);
            window.queuedAt = time;
        }
        if (inner == null) {
            window.evidence.add(event, time);
        } else {
            window.evidence.addAll(inner.events(), time);
        }
        if (correlation.sliding) {
            window.deadline = time + correlation.span;
            slide(correlation, window, positions, time, weight, value, texts, inner == null ? List.of(event) : inner.events(), sink);
        } else {
            window.inputs++;
            window.events += weight;
            gather(correlation, window, positions, value, texts, numbers);
        }
    }

    private void slide(Compiled correlation, Window window, int[] positions, long time, long weight, double value, List<String> texts,
                       List<LogEvent> events, Consumer<Alert> sink) {
        long from = time - correlation.span;
        if (correlation.type == CorrelationType.TEMPORAL_ORDERED) {
            order(correlation, window, positions, time, weight, events, sink);
            return;
        }
        window.entries.add(time, weight, value, maxValues);
        window.entries.dropBefore(from);
        double measured;
        long start;
        switch (correlation.type) {
            case VALUE_COUNT -> {
                for (String text : texts) {
                    window.distinctSeen.remove(text);
                    if (window.distinctSeen.size() < maxValues) {
                        window.distinctSeen.put(text, time);
                    }
                }
                Iterator<Long> seen = window.distinctSeen.values().iterator();
                while (seen.hasNext() && seen.next() < from) {
                    seen.remove();
                }
                measured = window.distinctSeen.size();
                start = window.entries.firstTime();
            }
            case TEMPORAL -> {
                for (int position : positions) {
                    window.lastSeen[position] = time;
                }
                int count = 0;
                start = time;
                for (long seen : window.lastSeen) {
                    if (!Window.isNever(seen) && seen >= from) {
                        count++;
                        start = Math.min(start, seen);
                    }
                }
                measured = count;
                window.entries.dropBefore(start);
            }
            case VALUE_SUM -> {
                measured = window.entries.value();
                start = window.entries.firstTime();
            }
            case EVENT_COUNT -> {
                measured = window.entries.inputs();
                start = window.entries.firstTime();
            }
            case VALUE_AVG, VALUE_PERCENTILE, TEMPORAL_ORDERED -> throw new IllegalStateException(correlation.type + " does not slide");
            default -> throw new IllegalStateException();
        }
        if (correlation.holds(measured)) {
            emit(correlation, window.key, start, time, window.evidence.since(start), window.entries.events(), sink);
            window.entries.clear();
            window.evidence.clear();
            if (window.distinctSeen != null) {
                window.distinctSeen.clear();
            }
            if (window.lastSeen != null) {
                Arrays.fill(window.lastSeen, Long.MIN_VALUE);
            }
        }
    }

    private void order(Compiled correlation, Window window, int[] positions, long time, long weight, List<LogEvent> events,
                       Consumer<Alert> sink) {
        int last = window.chainStart.length - 1;
        for (int i = positions.length - 1; i >= 0; i--) {
            int step = positions[i];
            if (step == 0) {
                window.chainStart[0] = time;
                window.chainEvents[0] = weight;
                window.chainEvidence.set(0, bounded(List.of(), events));
                continue;
            }
            long start = window.chainStart[step - 1];
            if (Window.isNever(start) || time - start > correlation.span) {
                continue;
            }
            window.chainStart[step] = start;
            window.chainEvents[step] = window.chainEvents[step - 1] + weight;
            window.chainEvidence.set(step, bounded(window.chainEvidence.get(step - 1), events));
            if (step == last) {
                emit(correlation, window.key, start, time, window.chainEvidence.get(last), window.chainEvents[last], sink);
                Arrays.fill(window.chainStart, Long.MIN_VALUE);
                Arrays.fill(window.chainEvents, 0);
                window.chainEvidence = Window.emptyChains(window.chainStart.length);
                window.evidence.clear();
                return;
            }
        }
    }

    private static List<LogEvent> bounded(List<LogEvent> before, List<LogEvent> more) {
        List<LogEvent> joined = new ArrayList<>(Math.min(before.size() + more.size(), Alert.MAX_EVIDENCE));
        for (LogEvent event : before) {
            if (joined.size() < Alert.MAX_EVIDENCE) {
                joined.add(event);
            }
        }
        for (LogEvent event : more) {
            if (joined.size() < Alert.MAX_EVIDENCE) {
                joined.add(event);
            }
        }
        return List.copyOf(joined);
    }

    private void gather(Compiled correlation, Window window, int[] positions, double value, List<String> texts, double[] numbers) {
        switch (correlation.type) {
            case VALUE_COUNT -> {
                for (String text : texts) {
                    if (window.distinct.size() < maxValues) {
                        window.distinct.put(text, Boolean.TRUE);
                    } else if (!window.distinct.containsKey(text)) {
                        window.distinctOverflow = true;
                    }
                }
            }
            case VALUE_SUM, VALUE_AVG -> {
                window.sum += value;
                window.numbers += numbers.length;
            }
            case VALUE_PERCENTILE -> {
                for (double number : numbers) {
                    sample(window, number);
                }
            }
            case TEMPORAL -> {
                for (int position : positions) {
                    window.seen[position] = true;
                }
            }
            case EVENT_COUNT, TEMPORAL_ORDERED -> {
            }
        }
    }

    /** Keeps a uniform sample of at most {@code maxValues} values (reservoir sampling with a fixed, reproducible sequence). */
    private void sample(Window window, double number) {
        window.sampled++;
        if (window.samples == null) {
            window.samples = new double[Math.min(16, maxValues)];
        }
        if (window.sampleCount < maxValues) {
            if (window.sampleCount == window.samples.length) {
                window.samples = Arrays.copyOf(window.samples, Math.min(maxValues, window.samples.length * 2));
            }
            window.samples[window.sampleCount++] = number;
            return;
        }
        long mixed = window.sampled * 0x9E3779B97F4A7C15L;
        mixed = (mixed ^ (mixed >>> 31)) * 0xBF58476D1CE4E5B9L;
        long slot = Long.remainderUnsigned(mixed ^ (mixed >>> 29), window.sampled);
        if (slot < maxValues) {
            window.samples[(int) slot] = number;
        }
    }

    private void close(Compiled correlation, Window window, Consumer<Alert> sink) {
        double measured;
        switch (correlation.type) {
            case EVENT_COUNT -> measured = window.inputs;
            case VALUE_COUNT -> measured = window.distinctOverflow ? maxValues + 1 : window.distinct.size();
            case VALUE_SUM -> measured = window.sum;
            case VALUE_AVG -> {
                if (window.numbers == 0) {
                    return;
                }
                measured = window.sum / window.numbers;
            }
            case VALUE_PERCENTILE -> {
                if (window.sampleCount == 0) {
                    return;
                }
                measured = percentile(window.samples, window.sampleCount, correlation.percentile);
            }
            case TEMPORAL -> {
                int count = 0;
                for (boolean seen : window.seen) {
                    if (seen) {
                        count++;
                    }
                }
                measured = count;
            }
            case TEMPORAL_ORDERED -> throw new IllegalStateException("temporal_ordered windows slide");
            default -> throw new IllegalStateException();
        }
        if (correlation.holds(measured)) {
            emit(correlation, window.key, window.start, window.deadline, window.evidence.since(Long.MIN_VALUE), window.events, sink);
        }
    }

    /** The nearest-rank percentile: the smallest value with at least {@code percentile} % of the values at or below it. */
    static double percentile(double[] values, int count, int percentile) {
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * count);
        return sorted[Math.max(rank, 1) - 1];
    }

    private void emit(Compiled correlation, List<String> key, long start, long end, List<LogEvent> events, long eventCount,
                      Consumer<Alert> sink) {
        Map<String, String> groupBy = new LinkedHashMap<>();
        for (int i = 0; i < correlation.groupNames.length; i++) {
            groupBy.put(correlation.groupNames[i], key.get(i));
        }
        Alert alert = Alert.correlated(correlation.rule.reference(), correlation.rule.title(), correlation.severity, correlation.rule.tags(),
                correlation.rule.description().orElse(""), correlation.type.text(),
                new Alert.Window(Instant.ofEpochMilli(start), Instant.ofEpochMilli(end)), groupBy, events, eventCount, correlation.playbook);
        alerts++;
        if (correlation.alertsAlone) {
            sink.accept(alert);
        }
        for (Target target : correlation.downstream) {
            process(target.correlation, target.positions, end, null, alert, sink);
        }
    }

    /** A correlation and the positions in its {@code rules} that one rule fills. */
    private record Target(Compiled correlation, int[] positions) {}

    private record Pending(long time, long sequence, Target[] targets, LogEvent event) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending other) {
            int byTime = Long.compare(time, other.time);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    /** One correlation rule prepared for the engine: field paths per referenced rule, how its windows work. */
    private final class Compiled {
        final int index;
        final CorrelationRule rule;
        final CorrelationType type;
        final long span;
        final Optional<CorrelationCondition> condition;
        final boolean sliding;
        final int percentile;
        final String[] groupNames;
        /** Per referenced rule and group-by field: the event fields to read, the first present winning. */
        final FieldPath[][][] groupPaths;
        final FieldPath[][] valuePaths;
        final boolean alertsAlone;
        final Severity severity;
        final Optional<Playbook> playbook;
        final List<Target> downstream = new ArrayList<>();
        final int positions;
        final long requeueAfter;
        long lastTime = Long.MIN_VALUE;

        Compiled(int index, CorrelationRule rule, List<Object> targets, boolean alertsAlone, FieldMapping mapping) {
            this.index = index;
            this.rule = rule;
            this.type = rule.type();
            this.span = rule.timespan().toMillis();
            this.requeueAfter = span / 16;
            this.condition = rule.condition();
            this.sliding = type == CorrelationType.TEMPORAL_ORDERED
                    || (type.growsWithMatches() && condition.map(CorrelationCondition::onlyLowerBounds).orElse(true));
            this.percentile = condition.map(CorrelationCondition::percentile).orElse(50);
            this.alertsAlone = alertsAlone;
            this.severity = Alert.severityOf(rule.level().orElse(null));
            this.playbook = Playbook.of(rule.custom().get("response"));
            this.positions = targets.size();
            this.groupNames = rule.groupBy().toArray(new String[0]);
            this.groupPaths = new FieldPath[targets.size()][groupNames.length][];
            this.valuePaths = new FieldPath[targets.size()][];
            for (int position = 0; position < targets.size(); position++) {
                Object target = targets.get(position);
                for (int field = 0; field < groupNames.length; field++) {
                    groupPaths[position][field] = paths(mapping, fieldFor(groupNames[field], position, target), target);
                }
                Optional<String> valueField = condition.flatMap(CorrelationCondition::field);
                if (valueField.isPresent()) {
                    valuePaths[position] = paths(mapping, fieldFor(valueField.get(), position, target), target);
                }
            }
        }

        /** The event field {@code name} stands for in the events of the rule at {@code position}: an alias's field, or the name itself. */
        private String fieldFor(String name, int position, Object target) {
            Map<String, String> alias = rule.aliases().get(name);
            if (alias == null) {
                return name;
            }
            String written = rule.rules().get(position);
            if (alias.containsKey(written)) {
                return alias.get(written);
            }
            for (Map.Entry<String, String> entry : alias.entrySet()) {
                if (names(target, entry.getKey())) {
                    return entry.getValue();
                }
            }
            return name;
        }

        /** The event fields a rule field maps to for the referenced rule's log source (any log source for a correlation). */
        private static FieldPath[] paths(FieldMapping mapping, String field, Object target) {
            LogSource source = target instanceof SigmaRule sigma ? sigma.logsource() : LogSource.of(null, null, null);
            List<String> names = mapping.resolve(field, source);
            FieldPath[] paths = new FieldPath[names.size()];
            for (int i = 0; i < paths.length; i++) {
                paths[i] = FieldPath.of(names.get(i));
            }
            return paths;
        }

        private boolean names(Object target, String reference) {
            if (target instanceof SigmaRule sigma) {
                return sigma.id().equals(Optional.of(reference)) || sigma.name().equals(Optional.of(reference));
            }
            CorrelationRule correlation = (CorrelationRule) target;
            return correlation.id().equals(Optional.of(reference)) || correlation.name().equals(Optional.of(reference));
        }

        boolean holds(double measured) {
            if (condition.isPresent()) {
                return condition.get().test(measured);
            }
            return measured >= distinctPositions();
        }

        /** How many different rules a temporal correlation without condition needs. */
        private int distinctPositions() {
            return positions;
        }

        Window open(List<String> key, long time, int evidence) {
            Window window = new Window(key, sliding, evidence);
            window.start = time;
            window.deadline = time + span;
            if (sliding) {
                switch (type) {
                    case TEMPORAL_ORDERED -> {
                        window.chainStart = Window.never(positions);
                        window.chainEvents = new long[positions];
                        window.chainEvidence = Window.emptyChains(positions);
                    }
                    case TEMPORAL -> {
                        window.entries = new Entries();
                        window.lastSeen = Window.never(positions);
                    }
                    case VALUE_COUNT -> {
                        window.entries = new Entries();
                        window.distinctSeen = new LinkedHashMap<>();
                    }
                    case EVENT_COUNT, VALUE_SUM, VALUE_AVG, VALUE_PERCENTILE -> window.entries = new Entries();
                }
            } else {
                switch (type) {
                    case VALUE_COUNT -> window.distinct = new LinkedHashMap<>();
                    case TEMPORAL -> window.seen = new boolean[positions];
                    case EVENT_COUNT, VALUE_SUM, VALUE_AVG, VALUE_PERCENTILE, TEMPORAL_ORDERED -> {
                    }
                }
            }
            return window;
        }

        /** The group-by values, or null when a field is missing. */
        List<String> groupKey(int position, LogEvent event, Alert inner) {
            int count = groupNames.length;
            if (count == 0) {
                return List.of();
            }
            if (count == 1) {
                String value = groupValue(0, position, event, inner);
                return value == null ? null : List.of(value);
            }
            String[] values = new String[count];
            for (int field = 0; field < count; field++) {
                values[field] = groupValue(field, position, event, inner);
                if (values[field] == null) {
                    return null;
                }
            }
            return List.of(values);
        }

        private String groupValue(int field, int position, LogEvent event, Alert inner) {
            if (inner != null) {
                String grouped = inner.groupBy().get(groupNames[field]);
                if (grouped != null) {
                    return grouped;
                }
                if (inner.events().isEmpty()) {
                    return null;
                }
                event = inner.events().get(inner.events().size() - 1);
            }
            return text(read(event, groupPaths[position][field]));
        }

        private JsonNode read(LogEvent event, FieldPath[] paths) {
            JsonNode value = event.field(paths[0]);
            for (int i = 1; i < paths.length && value.isMissingNode(); i++) {
                value = event.field(paths[i]);
            }
            return value;
        }

        private JsonNode valueNode(int position, LogEvent event, Alert inner) {
            if (inner != null) {
                if (inner.events().isEmpty()) {
                    return null;
                }
                event = inner.events().get(inner.events().size() - 1);
            }
            return read(event, valuePaths[position]);
        }

        List<String> texts(int position, LogEvent event, Alert inner) {
            JsonNode node = valueNode(position, event, inner);
            if (node == null || node.isMissingNode() || node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                return List.of(node.isValueNode() ? node.asText() : node.toString());
            }
            List<String> texts = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                if (!element.isNull()) {
                    texts.add(element.isValueNode() ? element.asText() : element.toString());
                }
            }
            return texts;
        }

        double[] numbers(int position, LogEvent event, Alert inner) {
            JsonNode node = valueNode(position, event, inner);
            if (node == null || node.isMissingNode() || node.isNull()) {
                return NO_NUMBERS;
            }
            if (!node.isArray()) {
                double number = number(node);
                return Double.isNaN(number) ? NO_NUMBERS : new double[] {number};
            }
            double[] numbers = new double[node.size()];
            int count = 0;
            for (JsonNode element : node) {
                double number = number(element);
                if (!Double.isNaN(number)) {
                    numbers[count++] = number;
                }
            }
            return count == numbers.length ? numbers : Arrays.copyOf(numbers, count);
        }
    }

    private static final double[] NO_NUMBERS = new double[0];

    private static double number(JsonNode node) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            try {
                double parsed = Double.parseDouble(node.textValue().trim());
                return Double.isFinite(parsed) ? parsed : Double.NaN;
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** A group-by value as text, or null when absent. */
    private static String text(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isArray() && node.size() == 1 && node.get(0).isValueNode()) {
            return text(node.get(0));
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        return node.toString();
    }
}
