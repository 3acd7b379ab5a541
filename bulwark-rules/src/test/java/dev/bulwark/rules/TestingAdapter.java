package dev.bulwark.rules;

import dev.bulwark.core.ResourceRef;
import dev.bulwark.core.model.Resource;
import dev.bulwark.core.source.SourceFile;
import dev.bulwark.core.spi.AdaptResult;
import dev.bulwark.core.spi.ParseProblem;
import dev.bulwark.core.spi.SourceAdapter;
import dev.bulwark.core.yaml.YamlDocument;
import dev.bulwark.core.yaml.YamlLocationIndex;
import dev.bulwark.core.yaml.YamlMap;
import dev.bulwark.core.yaml.YamlReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A small real adapter for engine tests: every YAML document with a {@code name} is a resource of target {@code test}. */
final class TestingAdapter implements SourceAdapter {
    @Override
    public String target() {
        return "test";
    }

    @Override
    public Map<String, String> variables() {
        return Map.of("doc", "the document");
    }

    @Override
    public Map<String, List<String>> kindGroups() {
        return Map.of("things", List.of("Thing", "Gadget"));
    }

    @Override
    public String builtinRulesFolder() {
        return "none";
    }

    @Override
    public boolean acceptsName(String fileName) {
        return fileName.endsWith(".yaml");
    }

    @Override
    public boolean acceptsContent(String content) {
        return true;
    }

    @Override
    public AdaptResult adapt(SourceFile file) {
        YamlReader.Result result = YamlReader.defaults().read(file.content(), file.displayPath());
        List<Resource> resources = new ArrayList<>();
        for (YamlDocument document : result.documents()) {
            if (document.root() instanceof YamlMap map && map.get("name") instanceof String name) {
                String kind = map.get("kind") instanceof String text ? text : "Thing";
                YamlLocationIndex index = new YamlLocationIndex(file.displayPath(), map, map.span());
                resources.add(new Resource("test", kind, new ResourceRef(kind, kind + "/" + name, name), index.locate(""),
                        Map.of("doc", map), index, Map.of()));
            }
        }
        List<ParseProblem> problems = result.error()
                .map(error -> List.of(new ParseProblem(file.displayPath(), error.line(), error.column(), error.getMessage())))
                .orElse(List.of());
        return new AdaptResult(resources, problems, List.of());
    }
}
