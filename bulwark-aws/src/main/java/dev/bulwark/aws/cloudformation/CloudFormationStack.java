package dev.bulwark.aws.cloudformation;

import dev.bulwark.aws.model.AwsResource;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;
import dev.bulwark.core.yaml.Span;
import dev.bulwark.core.yaml.YamlMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A template's resources as {@link AwsResource}s: intrinsics resolved, resources whose
 * {@code Condition} is false left out (an unknown condition keeps them), and SAM resources
 * expanded into the CloudFormation resources the transform would create, so one rule covers both.
 */
public final class CloudFormationStack {
    /** The resources and what could not be worked out (for warnings). */
    public record Result(List<AwsResource> resources, List<Problem> problems) {
        public Result {
            resources = List.copyOf(resources);
            problems = List.copyOf(problems);
        }
    }

    public record Problem(int line, String message) {}

    private CloudFormationStack() {}

    public static Result of(YamlMap template, String file, Map<String, String> parameters) {
        TemplateResolver resolver = new TemplateResolver(template, file, parameters);
        YamlMap section = (YamlMap) template.get("Resources");
        List<AwsResource> resources = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        boolean sam = isServerless(template.get("Transform"));
        KnownMap globals = null;
        if (sam && template.get("Globals") instanceof YamlMap globalSection) {
            Object resolved = resolver.resolve(globalSection, resolver.location(template.entrySpan("Globals"), resolver.rootLocation()), 0);
            globals = resolved instanceof KnownMap map ? map : null;
        }
        ServerlessTransform.Events events = new ServerlessTransform.Events();
        Map<String, KnownMap> samApis = new java.util.HashMap<>();
        for (String logicalId : section.keySet()) {
            Span span = section.entrySpan(logicalId);
            SourceLocation location = headerLocation(file, span);
            if (!(section.get(logicalId) instanceof YamlMap definition)) {
                problems.add(new Problem(location.startLine(), "resource " + logicalId + " must be a mapping with a Type"));
                continue;
            }
            if (!(definition.get("Type") instanceof String type)) {
                problems.add(new Problem(location.startLine(), "resource " + logicalId + " has no Type"));
                continue;
            }
            if (definition.get("Condition") instanceof String condition && Boolean.FALSE.equals(resolver.condition(condition))) {
                continue;
            }
            Object properties = definition.containsKey("Properties")
                    ? resolver.resolve(definition.get("Properties"), resolver.location(definition.entrySpan("Properties"), location), 0)
                    : new KnownMap(location);
            if (!(properties instanceof KnownMap propertyMap)) {
                if (properties instanceof Unknown) {
                    properties = new KnownMap(location);
                } else {
                    problems.add(new Problem(location.startLine(), "the Properties of " + logicalId + " must be a mapping"));
                    continue;
                }
            }
            KnownMap propertyMap = (KnownMap) properties;
            if (sam && type.startsWith("AWS::Serverless::")) {
                if (type.equals("AWS::Serverless::Api") || type.equals("AWS::Serverless::HttpApi")) {
                    samApis.put(logicalId, propertyMap);
                }
                resources.addAll(ServerlessTransform.expand(logicalId, type, propertyMap, globals, location, events));
            } else {
                resources.add(new AwsResource(type, logicalId, logicalId, propertyMap, location, AwsResource.CLOUDFORMATION, type));
            }
        }
        if (sam) {
            resources.addAll(events.resources(samApis, globals));
        }
        for (String problem : resolver.problems()) {
            problems.add(new Problem(0, problem));
        }
        return new Result(resources, problems);
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
    static SourceLocation headerLocation(String file, Span span) {
        if (span == null || span.startLine() <= 0) {
            return SourceLocation.ofLine(file, 1);
        }
        return new SourceLocation(file, span.startLine(), span.startColumn(), span.startLine(), SourceLocation.END_OF_LINE);
    }

}
