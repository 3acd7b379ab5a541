package dev.bulwark.aws.cloudformation;

import dev.bulwark.core.yaml.Span;
import dev.bulwark.core.yaml.TaggedValue;
import dev.bulwark.core.yaml.YamlDocument;
import dev.bulwark.core.yaml.YamlException;
import dev.bulwark.core.yaml.YamlMap;
import dev.bulwark.core.yaml.YamlReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads CloudFormation and SAM templates, YAML or JSON, keeping positions. Short-form intrinsic
 * tags ({@code !Ref x}, {@code !Sub ...}, {@code !GetAtt a.b}) are read into their long form
 * ({@code {Ref: x}}, {@code {Fn::Sub: ...}}), so the resolver sees one form.
 */
public final class CloudFormationReader {
    private static final Pattern RESOURCE_TYPE = Pattern.compile("(?m)^\\s*\"?Type\"?\\s*:\\s*[\"']?AWS::");
    /** A JSON resource type anywhere on a line: minified templates put the whole template on one. */
    private static final Pattern JSON_RESOURCE_TYPE = Pattern.compile("\"Type\"\\s*:\\s*\"AWS::");

    /** Tags to long-form keys: everything but Ref and Condition takes the Fn:: prefix. */
    static final TaggedValue INTRINSICS = (tag, value) -> {
        String name = tag.substring(1);
        String key = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
        Map<String, Object> intrinsic = new LinkedHashMap<>();
        intrinsic.put(key, value == null ? "" : value);
        return intrinsic;
    };

    private static final YamlReader READER = YamlReader.defaults().withTags(INTRINSICS).withMaxDepth(100).withMaxAliases(200);

    private CloudFormationReader() {}

    /** Whether {@code content} looks like a CloudFormation or SAM template. */
    public static boolean looksLikeTemplate(String content) {
        if (content.contains("AWSTemplateFormatVersion")) {
            return true;
        }
        return content.contains("Resources")
                && (RESOURCE_TYPE.matcher(content).find() || JSON_RESOURCE_TYPE.matcher(content).find());
    }

    /**
     * The template's root mapping, or why it is not one: a syntax error or limit in {@code error},
     * or a document that is not a template (its reason in {@code notATemplate}, and in
     * {@code error} too, located at the line concerned).
     */
    public record Read(Optional<YamlMap> root, Optional<YamlException> error, String notATemplate) {}

    private static Read notATemplate(String reason, int line) {
        return new Read(Optional.empty(), Optional.of(new YamlException("not a CloudFormation template: " + reason, line, 1, false)), reason);
    }

    public static Read read(String content, String name) {
        YamlReader.Result result = READER.read(content, name);
        if (result.error().isPresent()) {
            return new Read(Optional.empty(), result.error(), "");
        }
        // An empty document (a stray --- at the end) is not a second template.
        List<YamlDocument> documents = result.documents().stream().filter(document -> document.root() != null).toList();
        if (documents.size() != 1) {
            int line = documents.size() > 1 ? Math.max(documents.get(1).span().startLine(), 1) : 1;
            return notATemplate("a CloudFormation template is one YAML or JSON document, not " + documents.size(), line);
        }
        Object root = documents.get(0).root();
        if (!(root instanceof YamlMap map)) {
            return notATemplate("a CloudFormation template is a mapping with a Resources section", 1);
        }
        if (!(map.get("Resources") instanceof YamlMap)) {
            if (map.containsKey("Resources")) {
                Span span = map.entrySpan("Resources");
                return notATemplate("the Resources section must map logical ids to resources",
                        span == null ? 1 : Math.max(span.startLine(), 1));
            }
            return notATemplate("the template has no Resources section", 1);
        }
        return new Read(Optional.of(map), Optional.empty(), "");
    }
}
