package dev.bulwark.aws.model;

import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Resource;
import dev.bulwark.core.model.Unknown;
import dev.bulwark.core.model.ValuePath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scan-wide monitoring facts for rules that look across resources: CloudWatch metric filters and
 * the alarms on their metrics, which the CIS benchmark asks for per event type, and the account
 * level questions about trails (does any trail record S3 object events, management events, global
 * service events) and AWS Config recorders.
 *
 * <p>Everything is decided in three values: yes, no, and cannot tell. "Cannot tell" comes from an
 * unknown value (a filter pattern from a variable, a log group link that cannot be followed, an
 * alarm whose metric is computed) and never becomes a finding: a rule fires only on {@code missing}.
 *
 * <p>{@code inventory.monitoring} holds:
 * <ul>
 *   <li>{@code trails}: per trail address, {@code {logGroup, controls: {"4.1": status, ...},
 *       bucket, bucketLogging, managementEvents}}; a control's status is {@code covered},
 *       {@code missing} or {@code undecided}; {@code bucketLogging} is {@code enabled},
 *       {@code missing} or {@code undecided}; {@code managementEvents} is {@code all},
 *       {@code partial} or {@code undecided};</li>
 *   <li>{@code s3ObjectWrite}, {@code s3ObjectRead}, {@code managementEvents},
 *       {@code globalServiceEvents}, {@code globalResourcesRecorded}: {@code logged} (or
 *       {@code recorded}), {@code missing} or {@code undecided} for the whole scan;</li>
 *   <li>{@code auditLogGroupNames}: names of log groups that trails and flow logs write to;</li>
 *   <li>{@code filterMetrics}: the known metrics that metric filters publish, as {@code namespace/name}.</li>
 * </ul>
 *
 * <p>A CIS control counts as covered for a trail when a metric filter on the trail's log group
 * mentions every event the benchmark's pattern names (field and value compared without regard to
 * case, quoting, spacing or the order of OR terms) and an alarm with actions watches the filter's
 * metric (same name and namespace). The account is covered when any multi-region, logging trail
 * that sends to CloudWatch Logs is covered; then no trail is reported.
 */
public final class MonitoringFacts {
    private static final String TRAIL = "AWS::CloudTrail::Trail";
    private static final String LOG_GROUP = "AWS::Logs::LogGroup";
    private static final String METRIC_FILTER = "AWS::Logs::MetricFilter";
    private static final String ALARM = "AWS::CloudWatch::Alarm";
    private static final String BUCKET = "AWS::S3::Bucket";
    private static final String FLOW_LOG = "AWS::EC2::FlowLog";
    private static final String RECORDER = "AWS::Config::ConfigurationRecorder";

    private static final Pattern LOG_GROUP_ARN = Pattern.compile("^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(:\\*)?$");
    private static final Pattern TERM = Pattern.compile(
            "\\$\\.([A-Za-z0-9_.\\-\\[\\]]+)\\s*(!=|=)\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'|([^\\s()&|{}]+))");
    private static final Pattern IN_LIST = Pattern.compile("(?i)\\$\\.([A-Za-z0-9_.\\-\\[\\]]+)\\s+(not\\s+)?in\\s*\\[([^\\]]*)]");

    /** The CIS v3.0.0 monitoring controls: every group must be matched by one of its terms. */
    static final List<Control> CONTROLS = List.of(
            new Control("4.1", List.of(List.of(term("errorCode", "=", "*UnauthorizedOperation")),
                    List.of(term("errorCode", "=", "AccessDenied*")))),
            new Control("4.2", List.of(List.of(term("eventName", "=", "ConsoleLogin")),
                    List.of(term("additionalEventData.MFAUsed", "!=", "Yes"), term("additionalEventData.MFAUsed", "=", "No")))),
            new Control("4.3", List.of(List.of(term("userIdentity.type", "=", "Root")))),
            events("4.4", "DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy",
                    "PutUserPolicy", "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion",
                    "SetDefaultPolicyVersion", "AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy", "DetachUserPolicy",
                    "AttachGroupPolicy", "DetachGroupPolicy"),
            events("4.5", "CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"),
            new Control("4.6", List.of(List.of(term("eventName", "=", "ConsoleLogin")),
                    List.of(term("errorMessage", "=", "Failed authentication")))),
            events("4.7", "DisableKey", "ScheduleKeyDeletion"),
            events("4.8", "PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle", "PutBucketReplication",
                    "DeleteBucketPolicy", "DeleteBucketCors", "DeleteBucketLifecycle", "DeleteBucketReplication"),
            events("4.9", "StopConfigurationRecorder", "DeleteDeliveryChannel", "PutDeliveryChannel", "PutConfigurationRecorder"),
            events("4.10", "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress",
                    "RevokeSecurityGroupEgress", "CreateSecurityGroup", "DeleteSecurityGroup"),
            events("4.11", "CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl", "DeleteNetworkAclEntry",
                    "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation"),
            events("4.12", "CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway", "CreateInternetGateway",
                    "DeleteInternetGateway", "DetachInternetGateway"),
            events("4.13", "CreateRoute", "CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation", "DeleteRouteTable",
                    "DeleteRoute", "DisassociateRouteTable"),
            // The ClassicLink events of the benchmark's pattern are left out: EC2-Classic is retired.
            events("4.14", "CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AcceptVpcPeeringConnection",
                    "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection"),
            events("4.15", "AcceptHandshake", "AttachPolicy", "CreateAccount", "CreateOrganizationalUnit", "CreatePolicy",
                    "DeclineHandshake", "DeleteOrganization", "DeleteOrganizationalUnit", "DeletePolicy", "DetachPolicy",
                    "DisablePolicyType", "EnablePolicyType", "InviteAccountToOrganization", "LeaveOrganization", "MoveAccount",
                    "RemoveAccountFromOrganization", "UpdatePolicy", "UpdateOrganizationalUnit"));

    private MonitoringFacts() {}

    /** Entries added to the {@code inventory} scan variable. */
    public static Map<String, Object> inventory(List<Resource> resources) {
        List<Resource> trails = new ArrayList<>();
        List<Filter> filters = new ArrayList<>();
        List<Alarm> alarms = new ArrayList<>();
        List<Resource> recorders = new ArrayList<>();
        Map<String, List<KnownMap>> bucketsByName = new TreeMap<>();
        Set<String> auditGroups = new LinkedHashSet<>();
        for (Resource resource : resources) {
            KnownMap properties = properties(resource);
            if (properties == null) {
                continue;
            }
            switch (resource.kind()) {
                case TRAIL -> trails.add(resource);
                case METRIC_FILTER -> filters.add(Filter.of(resource, properties));
                case ALARM -> alarms.add(Alarm.of(properties));
                case RECORDER -> recorders.add(resource);
                case BUCKET -> {
                    if (properties.raw("BucketName") instanceof String name) {
                        bucketsByName.computeIfAbsent(name, key -> new ArrayList<>()).add(properties);
                    }
                }
                case FLOW_LOG -> {
                    addName(auditGroups, group(resource, properties, "LogGroupName", false));
                    addName(auditGroups, group(resource, properties, "LogDestination", true));
                }
                default -> {
                    // not a monitoring resource
                }
            }
        }

        List<Tri> alarmed = new ArrayList<>(filters.size());
        for (Filter filter : filters) {
            alarmed.add(filter.alarmed(alarms));
        }
        Map<Control, Tri> accountCovered = new LinkedHashMap<>();
        List<TrailFacts> trailFacts = new ArrayList<>();
        Tri s3Write = Tri.NO;
        Tri s3Read = Tri.NO;
        Tri management = Tri.NO;
        Tri globalEvents = Tri.NO;
        for (Resource trail : trails) {
            KnownMap properties = properties(trail);
            TrailFacts facts = new TrailFacts(trail, group(trail, properties, "CloudWatchLogsLogGroupArn", true));
            addName(auditGroups, facts.group);
            Tri logging = flag(properties.raw("IsLogging"), true);
            Tri multiRegion = flag(properties.raw("IsMultiRegionTrail"), false);
            Tri sendsToLogs = Tri.of(properties.containsKey("CloudWatchLogsLogGroupArn"));
            Tri applicable = multiRegion.and(logging).and(sendsToLogs);
            for (Control control : CONTROLS) {
                Tri covered = Tri.NO;
                for (int f = 0; f < filters.size(); f++) {
                    Filter filter = filters.get(f);
                    covered = covered.or(filter.matches(control).and(same(filter.group(), facts.group)).and(alarmed.get(f)));
                }
                facts.covered.put(control, covered);
                accountCovered.merge(control, applicable.and(covered), Tri::or);
            }
            s3Write = s3Write.or(logging.and(s3ObjectEvents(properties, false)));
            s3Read = s3Read.or(logging.and(s3ObjectEvents(properties, true)));
            facts.management = managementEvents(properties);
            management = management.or(multiRegion.and(logging).and(facts.management));
            globalEvents = globalEvents.or(logging.and(flag(properties.raw("IncludeGlobalServiceEvents"), true)));
            facts.bucketLogging = bucketLogging(trail, properties, bucketsByName, facts);
            trailFacts.add(facts);
        }

        Map<String, Map<String, Object>> byAddress = new TreeMap<>();
        for (TrailFacts facts : trailFacts) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("logGroup", facts.group.label());
            Map<String, Object> controls = new LinkedHashMap<>();
            for (Control control : CONTROLS) {
                Tri account = accountCovered.getOrDefault(control, Tri.NO);
                Tri covered = account == Tri.YES ? Tri.YES : facts.covered.get(control).or(account);
                controls.put(control.id(), covered.word("covered", "missing"));
            }
            entry.put("controls", controls);
            entry.put("bucket", facts.bucketLabel);
            entry.put("bucketLogging", facts.bucketLogging.word("enabled", "missing"));
            entry.put("managementEvents", facts.management.word("all", "partial"));
            byAddress.merge(facts.address, entry, MonitoringFacts::mergeEntries);
        }

        Tri globalRecorded = Tri.NO;
        for (Resource recorder : recorders) {
            Object group = properties(recorder).raw("RecordingGroup");
            Tri records = group == null ? Tri.NO
                    : group instanceof KnownMap known ? flag(known.raw("IncludeGlobalResourceTypes"), false) : Tri.MAYBE;
            globalRecorded = globalRecorded.or(records);
        }

        Map<String, Object> monitoring = new LinkedHashMap<>();
        monitoring.put("trails", byAddress);
        monitoring.put("s3ObjectWrite", s3Write.word("logged", "missing"));
        monitoring.put("s3ObjectRead", s3Read.word("logged", "missing"));
        monitoring.put("managementEvents", management.word("logged", "missing"));
        monitoring.put("globalServiceEvents", globalEvents.word("logged", "missing"));
        monitoring.put("globalResourcesRecorded", globalRecorded.word("recorded", "missing"));
        monitoring.put("auditLogGroupNames", new ArrayList<>(auditGroups));
        Set<String> filterMetrics = new LinkedHashSet<>();
        for (Filter filter : filters) {
            for (Metric metric : filter.metrics()) {
                filterMetrics.add(metric.namespace() + "/" + metric.name());
            }
        }
        monitoring.put("filterMetrics", new ArrayList<>(filterMetrics));
        Map<String, Object> inventory = new LinkedHashMap<>();
        inventory.put("monitoring", monitoring);
        return inventory;
    }

    // ---- three-valued logic ------------------------------------------------------------------

    enum Tri {
        YES, NO, MAYBE;

        static Tri of(boolean value) {
            return value ? YES : NO;
        }

        Tri and(Tri other) {
            if (this == NO || other == NO) {
                return NO;
            }
            return this == YES && other == YES ? YES : MAYBE;
        }

        Tri or(Tri other) {
            if (this == YES || other == YES) {
                return YES;
            }
            return this == NO && other == NO ? NO : MAYBE;
        }

        String word(String yes, String no) {
            return this == YES ? yes : this == NO ? no : "undecided";
        }
    }

    /** A boolean property: absent means {@code absent}; unknown or not a boolean cannot be told. */
    private static Tri flag(Object value, boolean absent) {
        if (value == null) {
            return Tri.of(absent);
        }
        if (value instanceof Boolean known) {
            return Tri.of(known);
        }
        if (value instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Tri.of(Boolean.parseBoolean(text));
        }
        return Tri.MAYBE;
    }

    /** Whether a string equals {@code expected}, ignoring case; unknown when it is not known. */
    private static Tri equalsText(Object value, String expected) {
        if (value == null) {
            return Tri.NO;
        }
        if (value instanceof String text) {
            return Tri.of(text.strip().equalsIgnoreCase(expected));
        }
        return Tri.MAYBE;
    }

    /** Whether a list (or single value) holds {@code expected}. */
    private static Tri containsText(Object value, String expected) {
        if (value == null) {
            return Tri.NO;
        }
        if (value instanceof KnownList list) {
            Tri found = Tri.NO;
            for (int i = 0; i < list.size(); i++) {
                found = found.or(equalsText(list.raw(i), expected));
            }
            return found;
        }
        return equalsText(value, expected);
    }

    private static KnownMap properties(Resource resource) {
        return resource.variables().get("properties") instanceof KnownMap map ? map : null;
    }

    private static Map<String, Object> mergeEntries(Map<String, Object> left, Map<String, Object> right) {
        // Two trails with one address (in different stacks): a status holds only when both agree.
        Map<String, Object> merged = new LinkedHashMap<>(left);
        for (Map.Entry<String, Object> entry : right.entrySet()) {
            Object mine = merged.get(entry.getKey());
            if (mine instanceof Map<?, ?> nested && entry.getValue() instanceof Map<?, ?> other) {
                Map<String, Object> combined = new LinkedHashMap<>();
                for (Map.Entry<?, ?> item : nested.entrySet()) {
                    Object theirs = other.get(item.getKey());
                    combined.put(String.valueOf(item.getKey()), item.getValue().equals(theirs) ? item.getValue() : "undecided");
                }
                merged.put(entry.getKey(), combined);
            } else if (!entry.getKey().equals("logGroup") && !entry.getKey().equals("bucket")
                    && !String.valueOf(mine).equals(String.valueOf(entry.getValue()))) {
                merged.put(entry.getKey(), "undecided");
            }
        }
        return merged;
    }

    // ---- log groups --------------------------------------------------------------------------

    /**
     * A log group as far as it can be told: its name, or the log group resource a reference points
     * at (whose name may be generated or unknown), or nothing at all.
     */
    record Group(boolean unknown, String name, Object resource, boolean nameUnknown, String label) {
        static final Group UNKNOWN = new Group(true, null, null, false, "the trail's log group");
    }

    /** The log group {@code property} names: a name or a log group ARN, or a reference to a log group of the stack. */
    private static Group group(Resource resource, KnownMap properties, String property, boolean arn) {
        Object value = properties.raw(property);
        if (value instanceof String text) {
            String name = arn ? nameFromArn(text) : text.strip();
            return name == null || name.isEmpty() ? Group.UNKNOWN : new Group(false, name, null, false, "log group " + name);
        }
        if (!(value instanceof Unknown)) {
            return Group.UNKNOWN;
        }
        List<Map<?, ?>> edges = edges(resource, ValuePath.child("Properties", property));
        if (edges.size() != 1 || !LOG_GROUP.equals(edges.get(0).get("type"))
                || !(edges.get(0).get("properties") instanceof KnownMap target)) {
            return Group.UNKNOWN;
        }
        String address = String.valueOf(edges.get(0).get("address"));
        Object name = target.raw("LogGroupName");
        if (name instanceof String text) {
            return new Group(false, text, target, false, "log group " + text);
        }
        return new Group(false, null, target, name != null, "log group " + address);
    }

    private static List<Map<?, ?>> edges(Resource resource, String path) {
        List<Map<?, ?>> found = new ArrayList<>();
        if (resource.variables().get("references") instanceof List<?> references) {
            for (Object reference : references) {
                if (reference instanceof Map<?, ?> edge && path.equals(edge.get("path"))) {
                    found.add(edge);
                }
            }
        }
        return found;
    }

    static String nameFromArn(String arn) {
        Matcher matcher = LOG_GROUP_ARN.matcher(arn.strip());
        return matcher.matches() ? matcher.group(1) : null;
    }

    private static void addName(Set<String> names, Group group) {
        if (!group.unknown() && group.name() != null) {
            names.add(group.name());
        }
    }

    /** Whether two log groups are the same one. */
    static Tri same(Group left, Group right) {
        if (left.unknown() || right.unknown()) {
            return Tri.MAYBE;
        }
        if (left.resource() != null && left.resource() == right.resource()) {
            return Tri.YES;
        }
        if (left.name() != null && right.name() != null) {
            return Tri.of(left.name().equals(right.name()));
        }
        if (left.nameUnknown() || right.nameUnknown()) {
            return Tri.MAYBE;
        }
        // A generated name belongs to its own log group only.
        return Tri.NO;
    }

    // ---- metric filters and alarms -----------------------------------------------------------

    record Term(String field, String operator, String value) {}

    record Control(String id, List<List<Term>> groups) {}

    private static Term term(String field, String operator, String value) {
        return new Term(field.toLowerCase(Locale.ROOT), operator, value.toLowerCase(Locale.ROOT));
    }

    private static Control events(String id, String... names) {
        List<List<Term>> groups = new ArrayList<>();
        for (String name : names) {
            groups.add(List.of(term("eventName", "=", name)));
        }
        return new Control(id, groups);
    }

    /** The comparisons a filter pattern makes, normalized: field and value in lower case, quotes removed. */
    static Set<Term> terms(String pattern) {
        Set<Term> terms = new HashSet<>();
        Matcher matcher = TERM.matcher(pattern);
        while (matcher.find()) {
            String value = matcher.group(4) != null ? matcher.group(4).replace("\\\"", "\"")
                    : matcher.group(5) != null ? matcher.group(5) : matcher.group(6);
            terms.add(term(matcher.group(1), matcher.group(2), value.strip()));
        }
        Matcher in = IN_LIST.matcher(pattern);
        while (in.find()) {
            String operator = in.group(2) == null ? "=" : "!=";
            for (String element : in.group(3).split(",")) {
                String value = element.strip();
                if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
                    value = value.substring(1, value.length() - 1);
                }
                if (!value.isEmpty()) {
                    terms.add(term(in.group(1), operator, value));
                }
            }
        }
        return terms;
    }

    record Metric(Object name, Object namespace) {}

    /** A metric filter: its pattern's terms (null when unknown), its log group, and the metrics it publishes. */
    record Filter(Set<Term> terms, Group group, List<Metric> metrics, boolean metricsUnknown) {
        static Filter of(Resource resource, KnownMap properties) {
            Object pattern = properties.raw("FilterPattern");
            Set<Term> terms = pattern instanceof String text ? MonitoringFacts.terms(text) : pattern == null ? Set.of() : null;
            List<Metric> metrics = new ArrayList<>();
            boolean metricsUnknown = false;
            Object transformations = properties.raw("MetricTransformations");
            if (transformations instanceof KnownList list) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.raw(i) instanceof KnownMap transformation) {
                        Object name = transformation.raw("MetricName");
                        Object namespace = transformation.raw("MetricNamespace");
                        if (name instanceof String && namespace instanceof String) {
                            metrics.add(new Metric(name, namespace));
                        } else {
                            metricsUnknown = true;
                        }
                    } else {
                        metricsUnknown = true;
                    }
                }
            } else if (transformations != null) {
                metricsUnknown = true;
            }
            return new Filter(terms, MonitoringFacts.group(resource, properties, "LogGroupName", false), metrics, metricsUnknown);
        }

        Tri matches(Control control) {
            if (terms == null) {
                return Tri.MAYBE;
            }
            for (List<Term> group : control.groups()) {
                boolean any = false;
                for (Term term : group) {
                    any |= terms.contains(term);
                }
                if (!any) {
                    return Tri.NO;
                }
            }
            return Tri.YES;
        }

        /** Whether an alarm with actions watches one of the filter's metrics. */
        Tri alarmed(List<Alarm> alarms) {
            Tri alarmed = Tri.NO;
            for (Alarm alarm : alarms) {
                Tri watches = metricsUnknown ? Tri.MAYBE : Tri.NO;
                for (Metric metric : metrics) {
                    watches = watches.or(alarm.watches((String) metric.name(), (String) metric.namespace()));
                }
                alarmed = alarmed.or(watches.and(alarm.notifies()));
            }
            return alarmed;
        }
    }

    /** An alarm: the metrics it watches (names possibly unknown) and whether it notifies anyone. */
    record Alarm(List<Metric> metrics, Tri notifies) {
        static Alarm of(KnownMap properties) {
            List<Metric> metrics = new ArrayList<>();
            if (properties.containsKey("MetricName") || properties.containsKey("Namespace")) {
                metrics.add(new Metric(properties.raw("MetricName"), properties.raw("Namespace")));
            }
            Object queries = properties.raw("Metrics");
            if (queries instanceof KnownList list) {
                for (int i = 0; i < list.size(); i++) {
                    Object query = list.raw(i);
                    if (!(query instanceof KnownMap known)) {
                        metrics.add(new Metric(Unknown.because("metric query"), Unknown.because("metric query")));
                        continue;
                    }
                    Object stat = known.raw("MetricStat");
                    if (stat instanceof KnownMap statMap) {
                        Object metric = statMap.raw("Metric");
                        if (metric instanceof KnownMap metricMap) {
                            metrics.add(new Metric(metricMap.raw("MetricName"), metricMap.raw("Namespace")));
                        } else if (metric != null) {
                            metrics.add(new Metric(metric, metric));
                        }
                    } else if (stat != null) {
                        metrics.add(new Metric(stat, stat));
                    }
                }
            } else if (queries != null) {
                metrics.add(new Metric(queries, queries));
            }
            Object actions = properties.raw("AlarmActions");
            Tri hasActions = actions == null ? Tri.NO
                    : actions instanceof KnownList list ? Tri.of(!list.isEmpty())
                    : actions instanceof String ? Tri.YES : Tri.MAYBE;
            return new Alarm(metrics, flag(properties.raw("ActionsEnabled"), true).and(hasActions));
        }

        Tri watches(String name, String namespace) {
            Tri watches = Tri.NO;
            for (Metric metric : metrics) {
                watches = watches.or(exact(metric.name(), name).and(exact(metric.namespace(), namespace)));
            }
            return watches;
        }

        private static Tri exact(Object value, String expected) {
            if (value == null) {
                return Tri.NO;
            }
            return value instanceof String text ? Tri.of(text.equals(expected)) : Tri.MAYBE;
        }
    }

    // ---- trails ------------------------------------------------------------------------------

    private static final class TrailFacts {
        final String address;
        final Group group;
        final Map<Control, Tri> covered = new LinkedHashMap<>();
        Tri management = Tri.MAYBE;
        Tri bucketLogging = Tri.MAYBE;
        String bucketLabel = "its bucket";

        TrailFacts(Resource trail, Group group) {
            this.address = String.valueOf(trail.variables().get("address"));
            this.group = group;
        }
    }

    /** The field selectors of an advanced event selector by field name (lower case); null when one cannot be read. */
    private static Map<String, KnownMap> fieldSelectors(Object selector) {
        if (!(selector instanceof KnownMap known) || !(known.raw("FieldSelectors") instanceof KnownList fields)) {
            return null;
        }
        Map<String, KnownMap> byField = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            if (!(fields.raw(i) instanceof KnownMap field) || !(field.raw("Field") instanceof String name)) {
                return null;
            }
            byField.put(name.toLowerCase(Locale.ROOT), field);
        }
        return byField;
    }

    /** Whether a readOnly field selector lets read (or write) events through. */
    private static Tri readOnlyAllows(KnownMap readOnly, boolean read) {
        if (readOnly == null) {
            return Tri.YES;
        }
        String wanted = read ? "true" : "false";
        String other = read ? "false" : "true";
        Tri allowed = Tri.NO;
        boolean constrained = false;
        if (readOnly.containsKey("Equals")) {
            allowed = allowed.or(containsText(readOnly.raw("Equals"), wanted));
            constrained = true;
        }
        if (readOnly.containsKey("NotEquals")) {
            allowed = allowed.or(containsText(readOnly.raw("NotEquals"), other));
            constrained = true;
        }
        return constrained ? allowed : Tri.MAYBE;
    }

    private static Tri readWriteAllows(Object type, boolean read) {
        if (type == null) {
            return Tri.YES;
        }
        return equalsText(type, "All").or(equalsText(type, read ? "ReadOnly" : "WriteOnly"));
    }

    /** Whether a trail's selectors record S3 object-level read (or write) data events. */
    static Tri s3ObjectEvents(KnownMap trail, boolean read) {
        Object advanced = trail.raw("AdvancedEventSelectors");
        if (advanced instanceof Unknown) {
            return Tri.MAYBE;
        }
        if (advanced instanceof KnownList selectors && !selectors.isEmpty()) {
            Tri found = Tri.NO;
            for (int i = 0; i < selectors.size(); i++) {
                Map<String, KnownMap> fields = fieldSelectors(selectors.raw(i));
                if (fields == null) {
                    found = found.or(Tri.MAYBE);
                    continue;
                }
                KnownMap category = fields.get("eventcategory");
                KnownMap type = fields.get("resources.type");
                Tri data = category == null ? Tri.NO : containsText(category.raw("Equals"), "Data");
                Tri objects = type == null ? Tri.NO : containsText(type.raw("Equals"), "AWS::S3::Object");
                found = found.or(data.and(objects).and(readOnlyAllows(fields.get("readonly"), read)));
            }
            return found;
        }
        Object basic = trail.raw("EventSelectors");
        if (basic instanceof Unknown) {
            return Tri.MAYBE;
        }
        Tri found = Tri.NO;
        if (basic instanceof KnownList selectors) {
            for (int i = 0; i < selectors.size(); i++) {
                if (!(selectors.raw(i) instanceof KnownMap selector)) {
                    found = found.or(Tri.MAYBE);
                    continue;
                }
                Object resources = selector.raw("DataResources");
                Tri objects = Tri.NO;
                if (resources instanceof KnownList list) {
                    for (int j = 0; j < list.size(); j++) {
                        objects = objects.or(list.raw(j) instanceof KnownMap resource
                                ? equalsText(resource.raw("Type"), "AWS::S3::Object") : Tri.MAYBE);
                    }
                } else if (resources != null) {
                    objects = Tri.MAYBE;
                }
                found = found.or(objects.and(readWriteAllows(selector.raw("ReadWriteType"), read)));
            }
        }
        return found;
    }

    /** Whether a trail records every management event, reads and writes, with no event source left out. */
    static Tri managementEvents(KnownMap trail) {
        Object advanced = trail.raw("AdvancedEventSelectors");
        if (advanced instanceof Unknown) {
            return Tri.MAYBE;
        }
        if (advanced instanceof KnownList selectors && !selectors.isEmpty()) {
            Tri reads = Tri.NO;
            Tri writes = Tri.NO;
            for (int i = 0; i < selectors.size(); i++) {
                Map<String, KnownMap> fields = fieldSelectors(selectors.raw(i));
                if (fields == null) {
                    reads = reads.or(Tri.MAYBE);
                    writes = writes.or(Tri.MAYBE);
                    continue;
                }
                KnownMap category = fields.get("eventcategory");
                Tri management = category == null ? Tri.NO : containsText(category.raw("Equals"), "Management");
                // An eventSource selector leaves sources out of (or narrows) the management events.
                Tri complete = management.and(Tri.of(!fields.containsKey("eventsource")));
                reads = reads.or(complete.and(readOnlyAllows(fields.get("readonly"), true)));
                writes = writes.or(complete.and(readOnlyAllows(fields.get("readonly"), false)));
            }
            return reads.and(writes);
        }
        Object basic = trail.raw("EventSelectors");
        if (basic instanceof Unknown) {
            return Tri.MAYBE;
        }
        if (!(basic instanceof KnownList selectors) || selectors.isEmpty()) {
            return Tri.YES;
        }
        Tri reads = Tri.NO;
        Tri writes = Tri.NO;
        for (int i = 0; i < selectors.size(); i++) {
            if (!(selectors.raw(i) instanceof KnownMap selector)) {
                reads = reads.or(Tri.MAYBE);
                writes = writes.or(Tri.MAYBE);
                continue;
            }
            Tri included = flag(selector.raw("IncludeManagementEvents"), true);
            Object excluded = selector.raw("ExcludeManagementEventSources");
            Tri nothingExcluded = excluded == null ? Tri.YES
                    : excluded instanceof KnownList list ? Tri.of(list.isEmpty()) : Tri.MAYBE;
            Tri complete = included.and(nothingExcluded);
            reads = reads.or(complete.and(readWriteAllows(selector.raw("ReadWriteType"), true)));
            writes = writes.or(complete.and(readWriteAllows(selector.raw("ReadWriteType"), false)));
        }
        return reads.and(writes);
    }

    /** Whether the bucket a trail writes to has server access logging, when that bucket is in the scan. */
    private static Tri bucketLogging(Resource trail, KnownMap properties, Map<String, List<KnownMap>> bucketsByName, TrailFacts facts) {
        Object name = properties.raw("S3BucketName");
        List<KnownMap> buckets = new ArrayList<>();
        if (name instanceof String text) {
            facts.bucketLabel = text;
            buckets.addAll(bucketsByName.getOrDefault(text, List.of()));
        } else if (name instanceof Unknown) {
            List<Map<?, ?>> edges = edges(trail, ValuePath.child("Properties", "S3BucketName"));
            if (edges.size() == 1 && BUCKET.equals(edges.get(0).get("type")) && edges.get(0).get("properties") instanceof KnownMap bucket) {
                buckets.add(bucket);
                facts.bucketLabel = bucket.raw("BucketName") instanceof String text ? text : String.valueOf(edges.get(0).get("address"));
            }
        }
        if (buckets.isEmpty()) {
            return Tri.MAYBE;
        }
        // The same bucket declared twice (in two stacks): a status holds only when both agree.
        Tri logged = null;
        for (KnownMap bucket : buckets) {
            Object logging = bucket.raw("LoggingConfiguration");
            Tri status = logging == null ? Tri.NO : logging instanceof KnownMap ? Tri.YES : Tri.MAYBE;
            logged = logged == null || logged == status ? status : Tri.MAYBE;
        }
        return logged;
    }
}
