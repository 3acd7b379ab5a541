package dev.bulwark.iam.catalog;

import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.ErrorCode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the catalog text (format in {@code bulwark-iam/CATALOG.md}) in one pass, line by line,
 * without a tree: each record becomes its value directly. Strings and whole lists that repeat
 * (the same condition keys on hundreds of actions) are shared, which keeps the loaded catalog
 * small. Every problem is reported with its line; the first one ends the parse.
 */
final class CatalogParser {
    static final String FORMAT_VERSION = "1";

    private static final Comparator<String> NAME_ORDER = String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

    private final String sourceName;
    private final Map<String, String> strings = new HashMap<>();
    private final Map<String, List<String>> lists = new HashMap<>();
    private final Map<String, String> header = new LinkedHashMap<>();
    private final List<ConditionKeyInfo> globalKeys = new ArrayList<>();
    private final Set<String> globalKeyNames = new HashSet<>();
    private final List<ServiceInfo> services = new ArrayList<>();
    private final Set<String> servicePrefixes = new HashSet<>();
    private ServiceBuilder service;
    private int lineNumber;

    private CatalogParser(String sourceName) {
        this.sourceName = sourceName;
    }

    static IamCatalog parse(Reader reader, String sourceName) {
        return new CatalogParser(sourceName).read(reader);
    }

    private IamCatalog read(Reader reader) {
        BufferedReader lines = new BufferedReader(reader, 1 << 16);
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                if (!line.isEmpty() && line.charAt(0) != '#') {
                    record(line);
                }
            }
        } catch (IOException e) {
            throw new BulwarkException(ErrorCode.RESOURCE_ERROR, sourceName + ": cannot read the IAM catalog: " + e.getMessage(), e);
        }
        finishService();
        for (String required : List.of("format", "source", "version", "updatedAt")) {
            if (!header.containsKey(required)) {
                throw new BulwarkException(ErrorCode.USER_ERROR, sourceName + ": not an IAM catalog, header '" + required + "' is missing");
            }
        }
        services.sort(Comparator.comparing(ServiceInfo::prefix, NAME_ORDER));
        globalKeys.sort(Comparator.comparing(ConditionKeyInfo::key, NAME_ORDER));
        return new IamCatalog(header, globalKeys, services);
    }

    private void record(String line) {
        char kind = line.charAt(0);
        if (line.length() < 2 || line.charAt(1) != '\t') {
            throw problem("unknown record '" + firstField(line) + "' (expected H, G, S, K, R or A)");
        }
        if (kind != 'H' && !header.containsKey("format")) {
            throw problem("the catalog must start with the header record 'H<tab>format<tab>" + FORMAT_VERSION + "'");
        }
        switch (kind) {
            case 'H' -> headerRecord(fields(line, 3));
            case 'G' -> globalKey(fields(line, 3));
            case 'S' -> serviceRecord(fields(line, 3));
            case 'K' -> currentService("K").conditionKey(fields(line, 3));
            case 'R' -> currentService("R").resourceType(fields(line, 4));
            case 'A' -> currentService("A").action(fields(line, 6));
            default -> throw problem("unknown record '" + firstField(line) + "' (expected H, G, S, K, R or A)");
        }
    }

    private void headerRecord(String[] fields) {
        String name = fields[1];
        String value = fields[2];
        if (header.isEmpty() && !name.equals("format")) {
            throw problem("the catalog must start with the header record 'H<tab>format<tab>" + FORMAT_VERSION + "'");
        }
        if (name.equals("format") && !value.equals(FORMAT_VERSION)) {
            throw problem("catalog format " + value + " is not supported (this version of Bulwark reads format " + FORMAT_VERSION + ")");
        }
        if (header.putIfAbsent(name, value) != null) {
            throw problem("header '" + name + "' is repeated");
        }
    }

    private void globalKey(String[] fields) {
        ConditionKeyInfo key = conditionKeyInfo(fields);
        if (!globalKeyNames.add(key.key().toLowerCase(Locale.ROOT))) {
            throw problem("global condition key " + key.key() + " is repeated");
        }
        globalKeys.add(key);
    }

    private void serviceRecord(String[] fields) {
        finishService();
        String prefix = name(fields[1], "service prefix");
        if (!servicePrefixes.add(prefix.toLowerCase(Locale.ROOT))) {
            throw problem("service " + prefix + " is repeated");
        }
        service = new ServiceBuilder(prefix, fields[2]);
    }

    private void finishService() {
        if (service != null) {
            services.add(service.build());
            service = null;
        }
    }

    private ServiceBuilder currentService(String record) {
        if (service == null) {
            throw problem(record + " record before the first S (service) record");
        }
        return service;
    }

    private ConditionKeyInfo conditionKeyInfo(String[] fields) {
        String key = name(fields[1], "condition key");
        ConditionKeyType type = ConditionKeyType.fromCatalogName(fields[2])
                .orElseThrow(() -> problem("unknown condition key type '" + fields[2] + "' of " + key + " (expected one of "
                        + Arrays.stream(ConditionKeyType.values()).map(ConditionKeyType::catalogName).toList() + ")"));
        return new ConditionKeyInfo(key, type);
    }

    private static AccessLevel accessLevel(String code) {
        return switch (code) {
            case "L" -> AccessLevel.LIST;
            case "R" -> AccessLevel.READ;
            case "W" -> AccessLevel.WRITE;
            case "P" -> AccessLevel.PERMISSIONS_MANAGEMENT;
            case "T" -> AccessLevel.TAGGING;
            default -> null;
        };
    }

    /** The line's tab-separated fields, which must be exactly {@code expected} many. */
    private String[] fields(String line, int expected) {
        String[] fields = new String[expected];
        int start = 0;
        for (int index = 0; index < expected; index++) {
            int tab = line.indexOf('\t', start);
            boolean last = index == expected - 1;
            if ((last && tab >= 0) || (!last && tab < 0)) {
                throw problem("record " + line.charAt(0) + " needs " + expected + " tab-separated fields, found "
                        + (line.chars().filter(character -> character == '\t').count() + 1));
            }
            int end = line.length();
            if (!last) {
                end = tab;
            }
            fields[index] = line.substring(start, end);
            start = end + 1;
        }
        return fields;
    }

    private static String firstField(String line) {
        int tab = line.indexOf('\t');
        if (tab < 0) {
            return line;
        }
        return line.substring(0, tab);
    }

    /** A non-empty name, shared with equal names read before. */
    private String name(String text, String what) {
        if (text.isEmpty() || text.equals("-")) {
            throw problem(what + " is empty");
        }
        return share(text);
    }

    private String share(String text) {
        String existing = strings.putIfAbsent(text, text);
        if (existing == null) {
            return text;
        }
        return existing;
    }

    /** A comma-separated list, {@code -} for none; equal lists are shared. */
    private List<String> list(String field, String what) {
        if (field.equals("-")) {
            return List.of();
        }
        List<String> existing = lists.get(field);
        if (existing != null) {
            return existing;
        }
        List<String> values = new ArrayList<>();
        int start = 0;
        while (start <= field.length()) {
            int comma = field.indexOf(',', start);
            if (comma < 0) {
                comma = field.length();
            }
            values.add(name(field.substring(start, comma), what));
            start = comma + 1;
        }
        List<String> list = List.copyOf(values);
        lists.put(share(field), list);
        return list;
    }

    private BulwarkException problem(String message) {
        return new BulwarkException(ErrorCode.USER_ERROR, sourceName + " line " + lineNumber + ": " + message);
    }

    /** The records of one service, checked as they come: names unique, resource types defined before use. */
    private final class ServiceBuilder {
        private final String prefix;
        private final String name;
        private final List<ConditionKeyInfo> conditionKeys = new ArrayList<>();
        private final Set<String> conditionKeyNames = new HashSet<>();
        private final List<ResourceTypeInfo> resourceTypes = new ArrayList<>();
        private final Map<String, String> resourceTypeNames = new HashMap<>();
        private final List<ActionInfo> actions = new ArrayList<>();
        private final Set<String> actionNames = new HashSet<>();

        ServiceBuilder(String prefix, String name) {
            this.prefix = prefix;
            this.name = name;
        }

        void conditionKey(String[] fields) {
            ConditionKeyInfo key = conditionKeyInfo(fields);
            if (!conditionKeyNames.add(key.key().toLowerCase(Locale.ROOT))) {
                throw problem("condition key " + key.key() + " of service " + prefix + " is repeated");
            }
            conditionKeys.add(key);
        }

        void resourceType(String[] fields) {
            String typeName = name(fields[1], "resource type name");
            if (resourceTypeNames.putIfAbsent(typeName.toLowerCase(Locale.ROOT), typeName) != null) {
                throw problem("resource type " + typeName + " of service " + prefix + " is repeated");
            }
            List<String> arnPatterns = new ArrayList<>();
            for (String pattern : fields[2].split(" ")) {
                if (!pattern.startsWith("arn:")) {
                    throw problem("ARN pattern '" + pattern + "' of resource type " + typeName + " does not start with 'arn:'");
                }
                arnPatterns.add(share(pattern));
            }
            resourceTypes.add(new ResourceTypeInfo(typeName, arnPatterns, list(fields[3], "condition key")));
        }

        void action(String[] fields) {
            String actionName = name(fields[1], "action name");
            if (!actionNames.add(actionName.toLowerCase(Locale.ROOT))) {
                throw problem("action " + prefix + ":" + actionName + " is repeated");
            }
            AccessLevel accessLevel = accessLevel(fields[2]);
            if (accessLevel == null) {
                throw problem("unknown access level '" + fields[2] + "' of action " + prefix + ":" + actionName + " (expected L, R, W, P or T)");
            }
            actions.add(new ActionInfo(prefix, actionName, accessLevel, resources(fields[3], actionName),
                    list(fields[4], "condition key"), list(fields[5], "dependent action")));
        }

        /** {@code -}, or {@code ;}-separated {@code name[*][=key,key...]}, {@code *} marking a required type. */
        private List<ActionResource> resources(String field, String actionName) {
            if (field.equals("-")) {
                return List.of();
            }
            List<ActionResource> resources = new ArrayList<>();
            int start = 0;
            while (start <= field.length()) {
                int semicolon = field.indexOf(';', start);
                if (semicolon < 0) {
                    semicolon = field.length();
                }
                String entry = field.substring(start, semicolon);
                List<String> keys = List.of();
                int equals = entry.indexOf('=');
                if (equals >= 0) {
                    keys = list(entry.substring(equals + 1), "condition key");
                    entry = entry.substring(0, equals);
                }
                boolean required = entry.endsWith("*");
                if (required) {
                    entry = entry.substring(0, entry.length() - 1);
                }
                String typeName = resourceTypeNames.get(entry.toLowerCase(Locale.ROOT));
                if (typeName == null) {
                    throw problem("action " + prefix + ":" + actionName + " names resource type '" + entry
                            + "', which service " + prefix + " does not define before it");
                }
                resources.add(new ActionResource(typeName, required, keys));
                start = semicolon + 1;
            }
            return resources;
        }

        ServiceInfo build() {
            conditionKeys.sort(Comparator.comparing(ConditionKeyInfo::key, NAME_ORDER));
            resourceTypes.sort(Comparator.comparing(ResourceTypeInfo::name, NAME_ORDER));
            actions.sort(Comparator.comparing(ActionInfo::name, NAME_ORDER));
            return new ServiceInfo(prefix, name, actions, resourceTypes, conditionKeys);
        }
    }
}
