package dev.bulwark.aws.cloudformation;

import dev.bulwark.aws.model.AwsResource;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;
import dev.bulwark.core.yaml.Span;
import dev.bulwark.core.yaml.YamlMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A template's resources as {@link AwsResource}s: {@code Fn::ForEach} loops expanded, intrinsics
 * resolved, resources whose {@code Condition} is false left out (an unknown condition keeps them),
 * and SAM resources expanded into the CloudFormation resources the transform would create, so one
 * rule covers both. The resource attributes ({@code DependsOn}, {@code DeletionPolicy},
 * {@code Metadata}, ...) are not properties and are not read.
 *
 * <p>A resource whose {@code Properties} as a whole cannot be known before deployment (included
 * with {@code AWS::Include}, or a {@code Ref}) is left out with a warning: read as "nothing set",
 * it would be reported for settings it may well have. Resources added by a section-level
 * {@code Fn::Transform} are not scanned either, with a warning.
 */
public final class CloudFormationStack {
    /** The resources and what could not be worked out (for warnings). */
    public record Result(List<AwsResource> resources, List<Problem> problems) {
        public Result {
            resources = List.copyOf(resources);
            problems = List.copyOf(problems);
        }
    }

    /** Something that could not be worked out, at its line (0 when it has none). */
    public record Problem(int line, String message) {}

    private CloudFormationStack() {}

    public static Result of(YamlMap template, String file, Map<String, String> parameters) {
        TemplateResolver resolver = new TemplateResolver(template, file, parameters);
        List<AwsResource> resources = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        boolean sam = isServerless(template.get("Transform"));
        for (String macro : macros(template.get("Transform"))) {
            problems.add(new Problem(line(template.entrySpan("Transform")), "the template is rewritten by the macro " + macro
                    + " at deploy time; it is scanned as written"));
        }
        if (sam) {
            Set<String> samIds = new HashSet<>();
            if (template.get("Resources") instanceof YamlMap raw) {
                for (String id : raw.keySet()) {
                    if (raw.get(id) instanceof Map<?, ?> definition && definition.get("Type") instanceof String type
                            && type.startsWith("AWS::Serverless::")) {
                        samIds.add(id);
                    }
                }
            }
            resolver.generatedResources(name -> ServerlessTransform.generates(name, samIds));
        }
        ServerlessTransform.Globals globals = null;
        if (sam && template.get("Globals") instanceof YamlMap globalSection) {
            Object resolved = resolver.resolveTop(globalSection, resolver.location(template.entrySpan("Globals"), resolver.rootLocation()));
            globals = new ServerlessTransform.Globals(resolved instanceof KnownMap map ? map : null, globalSection);
        }
        ServerlessTransform transform = new ServerlessTransform(globals, resolver.partitionName());
        for (TemplateResolver.Entry entry : resolver.resources()) {
            String logicalId = entry.key();
            SourceLocation location = headerLocation(file, entry.location());
            if (logicalId.equals("Fn::Transform")) {
                problems.add(new Problem(location.startLine(), "resources that Fn::Transform (AWS::Include) adds at deploy time are not scanned"));
                continue;
            }
            if (!(entry.value() instanceof YamlMap definition)) {
                problems.add(new Problem(location.startLine(), "resource " + logicalId + " must be a mapping with a Type"));
                continue;
            }
            resolver.withBindings(entry.bindings(), () -> {
                resource(resolver, logicalId, definition, location, sam, transform, resources, problems);
                return null;
            });
        }
        if (sam) {
            resources.addAll(transform.finish());
        }
        problems.addAll(resolver.locatedProblems());
        problems.sort(Comparator.comparingInt(Problem::line));
        return new Result(resources, problems);
    }

    private static void resource(TemplateResolver resolver, String logicalId, YamlMap definition, SourceLocation location, boolean sam,
                                 ServerlessTransform transform, List<AwsResource> resources, List<Problem> problems) {
        Object typeValue = resolver.resolveTop(definition.get("Type"), location);
        if (!(typeValue instanceof String type) || type.isBlank()) {
            problems.add(new Problem(location.startLine(), "resource " + logicalId + " has no Type"));
            return;
        }
        if (definition.get("Condition") != null) {
            SourceLocation conditionAt = resolver.location(definition.entrySpan("Condition"), location);
            Object name = resolver.resolveTop(definition.get("Condition"), conditionAt);
            if (name instanceof String condition && Boolean.FALSE.equals(resolver.condition(condition, conditionAt))) {
                return;
            }
        }
        KnownMap properties;
        if (!definition.containsKey("Properties")) {
            properties = new KnownMap(location);
        } else {
            SourceLocation propertiesAt = resolver.location(definition.entrySpan("Properties"), location);
            Object resolved = resolver.resolveProperties(definition.get("Properties"), propertiesAt);
            if (resolved instanceof Unknown unknown) {
                problems.add(new Problem(propertiesAt.startLine(), "the Properties of " + logicalId + " are known only at deploy time ("
                        + unknown.reason() + "); " + logicalId + " is not checked"));
                return;
            }
            if (resolved == TemplateResolver.NO_VALUE) {
                properties = new KnownMap(location);
            } else if (resolved instanceof KnownMap map) {
                properties = map;
            } else {
                problems.add(new Problem(propertiesAt.startLine(), "the Properties of " + logicalId + " must be a mapping"));
                return;
            }
        }
        if (sam && type.startsWith("AWS::Serverless::")) {
            Object raw = definition.get("Properties");
            resources.addAll(transform.expand(logicalId, type, properties, raw instanceof YamlMap map ? map : null, location));
        } else {
            resources.add(new AwsResource(type, logicalId, logicalId, properties, location, AwsResource.CLOUDFORMATION, type));
        }
    }

    /** Top-level transforms that are not AWS's own: macros that may change anything. */
    private static List<String> macros(Object transform) {
        List<String> macros = new ArrayList<>();
        List<?> names = transform instanceof List<?> list ? list : transform == null ? List.of() : List.of(transform);
        for (Object name : names) {
            if (name instanceof String text && !text.startsWith("AWS::")) {
                macros.add(text);
            }
        }
        return macros;
    }

    private static int line(Span span) {
        return span == null ? 0 : Math.max(span.startLine(), 0);
    }

    private static boolean isServerless(Object transform) {
        if (transform instanceof String text) {
            return text.startsWith("AWS::Serverless");
        }
        if (transform instanceof List<?> list) {
            for (Object element : list) {
                if (element instanceof String text && text.startsWith("AWS::Serverless")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The logical id's line: where findings about the resource as a whole point. */
    private static SourceLocation headerLocation(String file, SourceLocation entry) {
        if (entry == null || entry.startLine() <= 0) {
            return SourceLocation.ofLine(file, 1);
        }
        return new SourceLocation(file, entry.startLine(), entry.startColumn(), entry.startLine(), SourceLocation.END_OF_LINE);
    }
}
