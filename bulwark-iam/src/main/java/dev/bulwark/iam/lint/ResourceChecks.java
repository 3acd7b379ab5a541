package dev.bulwark.iam.lint;

import dev.bulwark.iam.catalog.ActionInfo;
import dev.bulwark.iam.catalog.IamCatalog;
import dev.bulwark.iam.catalog.ResourceTypeInfo;
import dev.bulwark.iam.lint.StatementSyntax.Element;
import dev.bulwark.iam.lint.StatementSyntax.Located;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resource ARNs: their segments (partition, service, region, account), and whether they fit the
 * resource types of the statement's actions. A statement with several actions is judged as a
 * whole: a resource is reported only when it fits none of the actions, an action only when none
 * of the resources fits it (and some resource fits another action, else the resources were
 * reported already).
 */
final class ResourceChecks {
    /** Partitions as of 2026; {@code aws-eusc} is the AWS European Sovereign Cloud. */
    static final List<String> PARTITIONS = List.of("aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f",
            "aws-eusc");
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    /** Longer values are not ARNs AWS accepts; they are left to the size checks. */
    private static final int MAX_ARN_LENGTH = 4_096;
    private static final int LISTED_TYPES = 3;

    private ResourceChecks() {}

    static void check(StatementSyntax statement, LintRun run) {
        if (statement.resource().isEmpty()) {
            return;
        }
        Element resources = statement.resource().get();
        List<Located> judged = new ArrayList<>();
        boolean unjudged = false;
        for (Located value : resources.values()) {
            switch (checkArn(value, run)) {
                case FITTABLE -> judged.add(value);
                case EVERYTHING -> unjudged = true;
                case INVALID -> { }
            }
        }
        if (!resources.negated() && statement.action().isPresent() && !statement.action().get().negated()) {
            fit(statement.action().get(), judged, unjudged, run);
        }
    }

    private enum ArnState { FITTABLE, EVERYTHING, INVALID }

    private static ArnState checkArn(Located value, LintRun run) {
        String text = value.text();
        if (text.equals("*")) {
            return ArnState.EVERYTHING;
        }
        if (!text.startsWith("arn:") || text.split(":", 6).length < 6 || text.length() > MAX_ARN_LENGTH) {
            return ArnState.INVALID;
        }
        String[] segments = ArnPattern.segments(text);
        if (segments.length < ArnPattern.SEGMENTS) {
            return ArnState.EVERYTHING;
        }
        String partition = segments[1];
        String service = segments[2];
        String region = segments[3];
        String account = segments[4];
        boolean valid = true;
        if (!ArnPattern.isPattern(partition) && !PARTITIONS.contains(partition)) {
            Optional<String> closest = Suggestions.closest(partition, PARTITIONS);
            run.report(LintCheck.INVALID_PARTITION, value.position(), "'" + partition + "' in '" + text + "' is not an AWS partition; "
                    + closest.map(found -> "did you mean '" + found + "'? ").orElse("")
                    + "write aws, aws-cn (China), aws-us-gov (GovCloud US) or another AWS partition");
            valid = false;
        }
        if (ArnPattern.isPattern(service)) {
            return valid ? ArnState.EVERYTHING : ArnState.INVALID;
        }
        if (!run.index().isArnService(service)) {
            Optional<String> closest = Suggestions.closest(service, run.index().arnServices());
            run.report(LintCheck.UNKNOWN_ARN_SERVICE, value.position(), "no AWS resource has ARNs with the service '" + service + "' (in '"
                    + text + "')" + closest.map(found -> "; did you mean '" + found + "'?").orElse(""));
            return ArnState.INVALID;
        }
        if (!region.isEmpty() && !ArnPattern.isPattern(region) && run.index().regionless(service)) {
            run.report(LintCheck.REGION_NOT_ALLOWED, value.position(), service + " ARNs have no region, so '" + text
                    + "' names nothing; write '" + withSegment(segments, 3, "") + "'");
            valid = false;
        }
        if (!account.isEmpty() && !ArnPattern.isPattern(account) && !account.equals("aws") && !ACCOUNT.matcher(account).matches()) {
            run.report(LintCheck.INVALID_ACCOUNT, value.position(), "'" + account + "' in '" + text + "' is not an account id: write the"
                    + " 12 digits of the account (e.g. 111122223333), '*', or leave it empty where the service's ARNs have none");
            valid = false;
        }
        return valid ? ArnState.FITTABLE : ArnState.INVALID;
    }

    /** One action value of the statement with its catalog actions. */
    private record Listed(Located value, List<ActionInfo> actions) {}

    private static void fit(Element actionElement, List<Located> resources, boolean unjudged, LintRun run) {
        if (unjudged || resources.isEmpty()) {
            return;
        }
        List<Listed> listed = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Located value : actionElement.values()) {
            if (ActionPatterns.matchesEverything(value.text())) {
                return;
            }
            if (!ActionChecks.ACTION.matcher(value.text()).matches() || !seen.add(value.text().toLowerCase(Locale.ROOT))) {
                continue;
            }
            List<ActionInfo> actions = run.patterns().expand(value.text());
            if (!actions.isEmpty()) {
                listed.add(new Listed(value, actions));
            }
        }
        if (listed.isEmpty()) {
            return;
        }
        IamCatalog catalog = run.index().catalog();
        boolean[][] fits = new boolean[resources.size()][listed.size()];
        boolean anyFit = false;
        for (int r = 0; r < resources.size(); r++) {
            Located resource = resources.get(r);
            Set<ResourceTypeInfo> fitting = fittingTypes(resource.text(), run);
            for (int a = 0; a < listed.size(); a++) {
                List<ActionInfo> actions = listed.get(a).actions();
                if (!run.spend(actions.size(), resource.position(), "which resources fit which actions")) {
                    return;
                }
                fits[r][a] = fitsAny(actions, fitting, catalog);
                anyFit |= fits[r][a];
            }
        }
        for (int r = 0; r < resources.size(); r++) {
            boolean fitsSome = false;
            for (int a = 0; a < listed.size(); a++) {
                fitsSome |= fits[r][a];
            }
            if (!fitsSome) {
                run.report(LintCheck.RESOURCE_MISMATCH, resources.get(r).position(), resourceMessage(resources.get(r).text(), listed, run));
            }
        }
        if (!anyFit) {
            return;
        }
        for (int a = 0; a < listed.size(); a++) {
            boolean fitted = false;
            for (int r = 0; r < resources.size(); r++) {
                fitted |= fits[r][a];
            }
            if (!fitted) {
                run.report(LintCheck.ACTION_RESOURCE_MISMATCH, listed.get(a).value().position(),
                        actionMessage(listed.get(a), resources, run));
            }
        }
    }

    /** The resource types (by identity) whose ARN formats fit the ARN. */
    private static Set<ResourceTypeInfo> fittingTypes(String arn, LintRun run) {
        Set<ResourceTypeInfo> fitting = Collections.newSetFromMap(new IdentityHashMap<>());
        String[] segments = ArnPattern.segments(arn);
        if (segments.length < ArnPattern.SEGMENTS) {
            return fitting;
        }
        for (ResourceTypeInfo type : run.index().typesOfArnService(segments[2])) {
            if (type.matches(arn)) {
                fitting.add(type);
            }
        }
        return fitting;
    }

    private static boolean fitsAny(List<ActionInfo> actions, Set<ResourceTypeInfo> fitting, IamCatalog catalog) {
        if (fitting.isEmpty()) {
            return false;
        }
        for (ActionInfo action : actions) {
            for (ResourceTypeInfo type : catalog.resourceTypes(action)) {
                if (fitting.contains(type)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean fits(String arn, List<ActionInfo> actions, LintRun run) {
        return fitsAny(actions, fittingTypes(arn, run), run.index().catalog());
    }

    private static String resourceMessage(String arn, List<Listed> listed, LintRun run) {
        List<ActionInfo> actions = new ArrayList<>();
        for (Listed entry : listed) {
            actions.addAll(entry.actions());
        }
        String subject = listed.size() == 1 ? listed.get(0).value().text() : "any of the listed actions";
        if (onlyWildcard(actions)) {
            return "'" + arn + "' cannot be granted with " + subject + ", which acts on no specific resource; write \"Resource\": \"*\"";
        }
        return "'" + arn + "' fits no resource type of " + subject + ", which " + (listed.size() == 1 ? "acts" : "act") + " on "
                + typesLabel(actions, run.index().catalog()) + hint(arn, actions, run);
    }

    private static String actionMessage(Listed listed, List<Located> resources, LintRun run) {
        String name = listed.value().text();
        if (onlyWildcard(listed.actions())) {
            return "'" + name + "' acts on no specific resource, so none of the listed resources applies to it; move it to a statement"
                    + " with \"Resource\": \"*\"";
        }
        String advice = "; add its resource, or move it to a statement of its own";
        for (Located resource : resources) {
            Optional<String> variant = variant(resource.text(), listed.actions(), run);
            if (variant.isPresent()) {
                advice = "; add '" + variant.get() + "' to the resources";
                break;
            }
        }
        return "'" + name + "' acts on " + typesLabel(listed.actions(), run.index().catalog())
                + ", and none of the listed resources is one" + advice;
    }

    private static boolean onlyWildcard(List<ActionInfo> actions) {
        for (ActionInfo action : actions) {
            if (!action.acceptsOnlyWildcardResource()) {
                return false;
            }
        }
        return true;
    }

    /** "object (arn:...) and bucket (arn:...)", at most a few, simplest ARN format first, for messages. */
    private static String typesLabel(List<ActionInfo> actions, IamCatalog catalog) {
        Set<ResourceTypeInfo> distinct = new LinkedHashSet<>();
        for (ActionInfo action : actions) {
            distinct.addAll(catalog.resourceTypes(action));
        }
        List<ResourceTypeInfo> types = new ArrayList<>(distinct);
        types.sort(Comparator.comparingInt(ResourceChecks::shortestFormat)
                .thenComparing(ResourceTypeInfo::name));
        List<String> labels = new ArrayList<>();
        for (ResourceTypeInfo type : types) {
            if (labels.size() == LISTED_TYPES) {
                labels.add((types.size() - LISTED_TYPES) + " more types");
                break;
            }
            labels.add(type.name() + " (" + String.join(" or ", type.arnPatterns()) + ")");
        }
        if (labels.size() == 1) {
            return labels.get(0);
        }
        return String.join(", ", labels.subList(0, labels.size() - 1)) + " and " + labels.get(labels.size() - 1);
    }

    private static int shortestFormat(ResourceTypeInfo type) {
        int shortest = Integer.MAX_VALUE;
        for (String format : type.arnPatterns()) {
            shortest = Math.min(shortest, format.length());
        }
        return shortest;
    }

    /** What to write instead, when a small change of the ARN makes it fit. */
    private static String hint(String arn, List<ActionInfo> actions, LintRun run) {
        String[] segments = ArnPattern.segments(arn);
        if (!segments[3].isEmpty()) {
            String withoutRegion = withSegment(segments, 3, "");
            if (fits(withoutRegion, actions, run)) {
                return "; these ARNs have no region: write '" + withoutRegion + "'";
            }
        }
        if (!segments[4].isEmpty()) {
            String withoutAccount = withSegment(segments, 4, "");
            if (fits(withoutAccount, actions, run)) {
                return "; these ARNs have no account: write '" + withoutAccount + "'";
            }
        }
        return variant(arn, actions, run).map(found -> found.length() > arn.length()
                ? "; write '" + found + "' for the resources inside it"
                : "; write '" + found + "' for the container itself").orElse("");
    }

    /** The ARN with {@code /*} added, or with its last path part removed, when that fits the actions. */
    private static Optional<String> variant(String arn, List<ActionInfo> actions, LintRun run) {
        String inside = arn.endsWith("/") ? arn + "*" : arn + "/*";
        if (fits(inside, actions, run)) {
            return Optional.of(inside);
        }
        String[] segments = ArnPattern.segments(arn);
        int slash = segments[5].indexOf('/');
        if (slash > 0) {
            String container = withSegment(segments, 5, segments[5].substring(0, slash));
            if (fits(container, actions, run)) {
                return Optional.of(container);
            }
        }
        return Optional.empty();
    }

    private static String withSegment(String[] segments, int index, String replacement) {
        String[] copy = segments.clone();
        copy[index] = replacement;
        return String.join(":", copy);
    }
}
