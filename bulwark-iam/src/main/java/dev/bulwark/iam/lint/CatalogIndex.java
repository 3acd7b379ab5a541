package dev.bulwark.iam.lint;

import static java.util.Objects.requireNonNull;

import dev.bulwark.iam.catalog.ConditionKeyInfo;
import dev.bulwark.iam.catalog.IamCatalog;
import dev.bulwark.iam.catalog.ResourceTypeInfo;
import dev.bulwark.iam.catalog.ServiceInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the lint checks look up in the catalog beyond its own API, built once per linter: resource
 * types by the service segment of their ARN formats (which is not always the action prefix:
 * {@code s3-object-lambda} ARNs belong to {@code s3} actions), which ARN services have no region,
 * the global condition keys, and the condition keys of every service by name (for keys such as
 * {@code saml:aud} whose prefix names no service). Immutable.
 */
final class CatalogIndex {
    private final IamCatalog catalog;
    private final Map<String, List<ResourceTypeInfo>> typesByArnService;
    private final Set<String> regionlessArnServices;
    private final Set<ConditionKeyInfo> globalKeys;
    private final Map<String, ConditionKeyInfo> serviceKeysByLowerName;
    private final List<String> servicePrefixes;
    private final List<String> globalKeyNames;

    CatalogIndex(IamCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        Map<String, List<ResourceTypeInfo>> types = new TreeMap<>();
        Map<String, Boolean> regionless = new HashMap<>();
        Map<String, ConditionKeyInfo> keys = new HashMap<>();
        List<String> prefixes = new ArrayList<>();
        for (ServiceInfo service : catalog.services()) {
            prefixes.add(service.prefix());
            for (ResourceTypeInfo type : service.resourceTypes()) {
                for (String format : type.arnPatterns()) {
                    String[] segments = format.split(":", 6);
                    if (segments.length < 6) {
                        continue;
                    }
                    List<ResourceTypeInfo> list = types.computeIfAbsent(segments[2], name -> new ArrayList<>());
                    if (!list.contains(type)) {
                        list.add(type);
                    }
                    regionless.merge(segments[2], segments[3].isEmpty(), Boolean::logicalAnd);
                }
            }
            for (ConditionKeyInfo key : service.conditionKeys()) {
                if (!key.templated()) {
                    keys.putIfAbsent(key.key().toLowerCase(Locale.ROOT), key);
                }
            }
        }
        Map<String, List<ResourceTypeInfo>> frozen = new TreeMap<>();
        types.forEach((service, list) -> frozen.put(service, List.copyOf(list)));
        this.typesByArnService = Collections.unmodifiableMap(frozen);
        Set<String> noRegion = new java.util.TreeSet<>();
        regionless.forEach((service, none) -> {
            if (none) {
                noRegion.add(service);
            }
        });
        this.regionlessArnServices = Collections.unmodifiableSet(noRegion);
        Set<ConditionKeyInfo> global = Collections.newSetFromMap(new IdentityHashMap<>());
        global.addAll(catalog.globalConditionKeys());
        this.globalKeys = Collections.unmodifiableSet(global);
        this.serviceKeysByLowerName = Map.copyOf(keys);
        this.servicePrefixes = List.copyOf(prefixes);
        List<String> globalNames = new ArrayList<>();
        for (ConditionKeyInfo key : catalog.globalConditionKeys()) {
            if (!key.templated()) {
                globalNames.add(key.key());
            }
        }
        this.globalKeyNames = List.copyOf(globalNames);
    }

    IamCatalog catalog() {
        return catalog;
    }

    /** Resource types whose ARN formats have this service segment (exact, ARNs are case-sensitive); empty when none. */
    List<ResourceTypeInfo> typesOfArnService(String arnService) {
        return typesByArnService.getOrDefault(arnService, List.of());
    }

    boolean isArnService(String arnService) {
        return typesByArnService.containsKey(arnService);
    }

    /** The ARN service segments of every resource type, sorted. */
    Set<String> arnServices() {
        return typesByArnService.keySet();
    }

    /** Whether every ARN format with this service segment has an empty region ({@code iam}, {@code route53}). */
    boolean regionless(String arnService) {
        return regionlessArnServices.contains(arnService);
    }

    /** Every service prefix, sorted. */
    List<String> servicePrefixes() {
        return servicePrefixes;
    }

    /** The global condition keys without placeholders, for suggestions. */
    List<String> globalKeyNames() {
        return globalKeyNames;
    }

    boolean isGlobal(ConditionKeyInfo key) {
        return globalKeys.contains(key);
    }

    /**
     * The definition of a condition key as written: a global key, a key of the service its prefix
     * names (templates filled in), or a key some service lists under another prefix.
     */
    Optional<ConditionKeyInfo> conditionKey(String key) {
        Optional<ConditionKeyInfo> found = catalog.conditionKey(key);
        if (found.isPresent()) {
            return found;
        }
        return Optional.ofNullable(serviceKeysByLowerName.get(key.toLowerCase(Locale.ROOT)));
    }
}
