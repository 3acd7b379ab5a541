package dev.bulwark.core.yaml;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads a YAML (or JSON) stream into plain values that remember their source positions.
 *
 * <p>Design: snakeyaml-engine's composer builds its node tree recursively and has no nesting
 * limit, so a hostile file of ten thousand open brackets would overflow the stack. We consume the
 * parser's event stream instead and build the values with an explicit stack, which lets us refuse
 * deep nesting and alias bombs (too many aliases per document) with a located message, in one
 * pass, without a second tree. Aliases share the anchored value by reference, so memory stays
 * bounded by the text. Null map entries are omitted (as Kubernetes treats them); null list
 * elements become {@code nullElement}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class YamlReader {
    private static final ScalarResolver RESOLVER = new CoreScalarResolver(true);

    private final int maxDepth;
    private final int maxAliases;
    private final int maxCodePoints;
    private final TaggedValue tags;
    private final Object nullElement;
    private final boolean yaml11Booleans;
    /** Stands for a null map value; null drops such entries (the default). */
    private final Object nullValue;
    /** Built once: settings are immutable, and building them per file showed in profiles. */
    private final LoadSettings settings;

    private YamlReader(int maxDepth, int maxAliases, int maxCodePoints, TaggedValue tags, Object nullElement,
                       boolean yaml11Booleans, Object nullValue) {
        this.maxDepth = maxDepth;
        this.maxAliases = maxAliases;
        this.maxCodePoints = maxCodePoints;
        this.tags = tags;
        this.nullElement = nullElement;
        this.yaml11Booleans = yaml11Booleans;
        this.nullValue = nullValue;
        this.settings = LoadSettings.builder()
                .setCodePointLimit(Math.max(maxCodePoints, 1024))
                .setMaxAliasesForCollections(maxAliases)
                .setAllowDuplicateKeys(true)
                .setUseMarks(true)
                .build();
    }

    /** Defaults: nesting 100, 100 aliases per document, 64 Mi code points, tags dropped, null elements as "". */
    public static YamlReader defaults() {
        return new YamlReader(100, 100, 64 * 1024 * 1024, TaggedValue.IGNORE, "", false, null);
    }

    /**
     * Also reads the YAML 1.1 booleans {@code yes/no/on/off/y/n} (plain, any of the usual cases) as
     * booleans, as Kubernetes does (its YAML library follows 1.1), so {@code privileged: yes} is
     * not mistaken for a string.
     */
    public YamlReader withYaml11Booleans() {
        return new YamlReader(maxDepth, maxAliases, maxCodePoints, tags, nullElement, true, nullValue);
    }

    public YamlReader withMaxDepth(int depth) {
        return new YamlReader(depth, maxAliases, maxCodePoints, tags, nullElement, yaml11Booleans, nullValue);
    }

    public YamlReader withMaxAliases(int aliases) {
        return new YamlReader(maxDepth, aliases, maxCodePoints, tags, nullElement, yaml11Booleans, nullValue);
    }

    public YamlReader withTags(TaggedValue tagHandler) {
        return new YamlReader(maxDepth, maxAliases, maxCodePoints, tagHandler, nullElement, yaml11Booleans, nullValue);
    }

    /**
     * Keeps map entries whose value is null, with {@code value} in their place (by default they are
     * dropped), for formats where {@code key: null} means something (Sigma: the field is absent).
     */
    public YamlReader withNullValue(Object value) {
        return new YamlReader(maxDepth, maxAliases, maxCodePoints, tags, nullElement, yaml11Booleans, value);
    }

    public YamlReader withNullElement(Object value) {
        return new YamlReader(maxDepth, maxAliases, maxCodePoints, tags, value, yaml11Booleans, nullValue);
    }

    /**
     * Reads every document of {@code text}. On a syntax error or a limit, the documents read
     * before it are in {@link Result#documents()} and the problem in {@link Result#error()}.
     */
    public Result read(String text, String name) {
        List<YamlDocument> documents = new ArrayList<>();
        try {
            ParserImpl parser = new ParserImpl(settings, new StreamReader(settings, text));
            new Builder(parser, documents).run();
            return new Result(documents, Optional.empty());
        } catch (YamlException e) {
            return new Result(documents, Optional.of(e));
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            String message = e.getProblem() == null ? e.getMessage() : describe(e);
            return new Result(documents, Optional.of(new YamlException(message,
                    mark.map(m -> m.getLine() + 1).orElse(0), mark.map(m -> m.getColumn() + 1).orElse(0), false)));
        } catch (YamlEngineException e) {
            return new Result(documents, Optional.of(new YamlException(firstLine(e.getMessage()), 0, 0, false)));
        } catch (StackOverflowError e) {
            return new Result(documents, Optional.of(new YamlException("document nested too deeply", 0, 0, true)));
        }
    }

    private static String describe(MarkedYamlEngineException e) {
        String context = e.getContext();
        String problem = e.getProblem();
        if (context == null || context.isBlank()) {
            return problem;
        }
        return context + ": " + problem;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid YAML";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** The documents read and, when reading stopped early, why. */
    public record Result(List<YamlDocument> documents, Optional<YamlException> error) {
        public Result {
            documents = List.copyOf(documents);
        }
    }

    private static int line(Optional<Mark> mark) {
        return mark.map(m -> m.getLine() + 1).orElse(0);
    }

    private static int column(Optional<Mark> mark) {
        return mark.map(m -> m.getColumn() + 1).orElse(0);
    }

    private static Span span(Event start, Event end) {
        return new Span(line(start.getStartMark()), column(start.getStartMark()),
                line(end.getEndMark()), column(end.getEndMark()));
    }

    /** One open collection on the explicit stack. */
    private static final class Frame {
        final CollectionStartEvent start;
        final Optional<String> tag;
        final boolean mapping;
        final List<Object> items = new ArrayList<>();
        final List<Span> spans = new ArrayList<>();
        // For mappings: the pending key and where it began.
        Object pendingKey;
        Event pendingKeyStart;
        boolean expectingKey = true;

        Frame(CollectionStartEvent start, boolean mapping) {
            this.start = start;
            this.mapping = mapping;
            this.tag = start.getTag();
        }
    }

    private final class Builder {
        private final ParserImpl parser;
        private final List<YamlDocument> documents;
        private final Deque<Frame> stack = new ArrayDeque<>();
        private final Map<String, Object> anchors = new HashMap<>();
        private int aliases;
        private Event documentStart;
        private Object documentRoot;
        private boolean documentHasRoot;

        Builder(ParserImpl parser, List<YamlDocument> documents) {
            this.parser = parser;
            this.documents = documents;
        }

        void run() throws YamlException {
            while (parser.hasNext()) {
                Event event = parser.next();
                switch (event.getEventId()) {
                    case DocumentStart -> {
                        documentStart = event;
                        documentRoot = null;
                        documentHasRoot = false;
                        anchors.clear();
                        aliases = 0;
                    }
                    case DocumentEnd -> {
                        Span span = documentStart == null ? new Span(0, 0, 0, 0) : span(documentStart, event);
                        documents.add(new YamlDocument(documentHasRoot ? documentRoot : null, span, documents.size()));
                    }
                    case MappingStart, SequenceStart -> {
                        if (stack.size() >= maxDepth) {
                            throw new YamlException("nesting deeper than " + maxDepth + " levels",
                                    line(event.getStartMark()), column(event.getStartMark()), true);
                        }
                        CollectionStartEvent start = (CollectionStartEvent) event;
                        stack.push(new Frame(start, event.getEventId() == Event.ID.MappingStart));
                    }
                    case MappingEnd -> closeMapping(event);
                    case SequenceEnd -> closeSequence(event);
                    case Scalar -> {
                        ScalarEvent scalar = (ScalarEvent) event;
                        Object value = scalarValue(scalar);
                        remember(scalar, value);
                        accept(value, event, event);
                    }
                    case Alias -> {
                        aliases++;
                        if (aliases > maxAliases) {
                            throw new YamlException("more than " + maxAliases
                                    + " aliases in one document (possible alias bomb)",
                                    line(event.getStartMark()), column(event.getStartMark()), true);
                        }
                        Anchor anchor = ((AliasEvent) event).getAlias();
                        String anchorName = anchor.getValue();
                        if (!anchors.containsKey(anchorName)) {
                            throw new YamlException("unknown alias *" + anchorName,
                                    line(event.getStartMark()), column(event.getStartMark()), false);
                        }
                        accept(anchors.get(anchorName), event, event);
                    }
                    default -> {
                        // StreamStart, StreamEnd, Comment carry no values.
                    }
                }
            }
        }

        private void remember(NodeEvent event, Object value) {
            event.getAnchor().ifPresent(anchor -> anchors.put(anchor.getValue(), value));
        }

        private void closeMapping(Event end) {
            Frame frame = stack.pop();
            YamlMap map = new YamlMap(span(frame.start, end), frame.items.size() / 2);
            for (int i = 0; i < frame.items.size(); i += 2) {
                Object key = frame.items.get(i);
                Object value = frame.items.get(i + 1);
                Span entrySpan = frame.spans.get(i / 2);
                if ("<<".equals(key) && value instanceof Map<?, ?> merged) {
                    mergeInto(map, merged, entrySpan);
                } else if ("<<".equals(key) && value instanceof List<?> mergedList) {
                    for (Object element : mergedList) {
                        if (element instanceof Map<?, ?> merged) {
                            mergeInto(map, merged, entrySpan);
                        }
                    }
                } else if (value != null) {
                    map.putWithSpan(keyText(key), value, entrySpan);
                } else if (nullValue != null) {
                    map.putWithSpan(keyText(key), nullValue, entrySpan);
                } else {
                    map.removeKey(keyText(key));
                }
            }
            Object value = applyTag(frame.tag, map);
            remember(frame.start, value);
            accept(value, frame.start, end);
        }

        private void mergeInto(YamlMap map, Map<?, ?> merged, Span entrySpan) {
            for (Map.Entry<?, ?> entry : merged.entrySet()) {
                String key = keyText(entry.getKey());
                if (!map.containsKey(key)) {
                    map.putWithSpan(key, entry.getValue(), entrySpan);
                }
            }
        }

        private void closeSequence(Event end) {
            Frame frame = stack.pop();
            YamlList list = new YamlList(span(frame.start, end), frame.items.size());
            for (int i = 0; i < frame.items.size(); i++) {
                Object element = frame.items.get(i);
                list.addWithSpan(element == null ? nullElement : element, frame.spans.get(i));
            }
            Object value = applyTag(frame.tag, list);
            remember(frame.start, value);
            accept(value, frame.start, end);
        }

        private Object applyTag(Optional<String> tag, Object value) {
            if (tag.isPresent() && tag.get().startsWith("!") && !tag.get().startsWith("!!")) {
                return tags.convert(tag.get(), value);
            }
            return value;
        }

        private void accept(Object value, Event start, Event end) {
            Frame parent = stack.peek();
            if (parent == null) {
                documentRoot = value;
                documentHasRoot = true;
                return;
            }
            if (parent.mapping) {
                if (parent.expectingKey) {
                    parent.pendingKey = value;
                    parent.pendingKeyStart = start;
                    parent.expectingKey = false;
                } else {
                    parent.items.add(parent.pendingKey);
                    parent.items.add(value);
                    parent.spans.add(span(parent.pendingKeyStart, end));
                    parent.expectingKey = true;
                }
            } else {
                parent.items.add(value);
                parent.spans.add(span(start, end));
            }
        }

        private Object scalarValue(ScalarEvent event) {
            String text = event.getValue();
            Optional<String> tag = event.getTag();
            if (tag.isPresent() && tag.get().startsWith("!") && !tag.get().startsWith("!!")) {
                return tags.convert(tag.get(), text);
            }
            Tag resolved;
            if (tag.isPresent() && !tag.get().equals("!")) {
                resolved = new Tag(tag.get());
            } else if (event.isPlain()) {
                if (yaml11Booleans) {
                    Boolean legacy = yaml11Boolean(text);
                    if (legacy != null) {
                        return legacy;
                    }
                }
                if (isPlainString(text)) {
                    return text;
                }
                resolved = RESOLVER.resolve(text, true);
            } else {
                resolved = Tag.STR;
            }
            if (resolved.equals(Tag.NULL)) {
                return null;
            }
            if (resolved.equals(Tag.BOOL)) {
                return Boolean.valueOf(text.toLowerCase(java.util.Locale.ROOT));
            }
            if (resolved.equals(Tag.INT)) {
                return parseInteger(text);
            }
            if (resolved.equals(Tag.FLOAT)) {
                return parseFloat(text);
            }
            return text;
        }
    }

    /**
     * True when a plain scalar can only be a string under the core schema, decided from its first
     * character, which spares the resolver's regular expressions for most values of a manifest.
     */
    private static boolean isPlainString(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        if ((first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.' || first == '~' || first == '<') {
            return false;
        }
        return switch (first) {
            case 't', 'T', 'f', 'F', 'n', 'N' -> false;
            default -> true;
        };
    }

    private static Boolean yaml11Boolean(String text) {
        return switch (text) {
            case "yes", "Yes", "YES", "on", "On", "ON", "y", "Y" -> Boolean.TRUE;
            case "no", "No", "NO", "off", "Off", "OFF", "n", "N" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static Object parseInteger(String text) {
        try {
            String clean = text.replace("_", "");
            BigInteger value;
            if (clean.startsWith("0x") || clean.startsWith("0X")) {
                value = new BigInteger(clean.substring(2), 16);
            } else if (clean.startsWith("0o")) {
                value = new BigInteger(clean.substring(2), 8);
            } else {
                value = new BigInteger(clean.startsWith("+") ? clean.substring(1) : clean);
            }
            return value.bitLength() < 64 ? (Object) value.longValue() : text;
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private static Object parseFloat(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return switch (lower) {
            case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
            case "-.inf" -> Double.NEGATIVE_INFINITY;
            case ".nan" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    yield text;
                }
            }
        };
    }

    private static String keyText(Object key) {
        if (key == null) {
            return "null";
        }
        return key instanceof String text ? text : String.valueOf(key);
    }
}
