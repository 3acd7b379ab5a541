package dev.bulwark.aws;

import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Resource;
import dev.bulwark.core.source.SourceFile;
import dev.bulwark.core.source.SourceReader;
import dev.bulwark.core.spi.AdaptOptions;
import dev.bulwark.core.spi.AdaptResult;
import dev.bulwark.core.spi.FileResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Runs the AWS adapter on real files, the way the scanner does. */
final class TestingAws {
    private TestingAws() {}

    static SourceFile read(Path file) {
        return new SourceReader(SourceReader.DEFAULT_MAX_BYTES).read(file, file.toString()).file().orElseThrow();
    }

    /** Every Terraform file and plan under {@code root}, adapted together. */
    static List<FileResult> group(Path root, AdaptOptions options) throws IOException {
        AwsAdapter adapter = new AwsAdapter();
        List<SourceFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
                if (path.toString().contains("/.terraform/")) {
                    continue;
                }
                SourceFile file = read(path);
                if (adapter.groupsFile(file)) {
                    files.add(file);
                }
            }
        }
        return adapter.adaptGroup(files, List.of(root), options);
    }

    static List<Resource> resources(List<FileResult> results) {
        List<Resource> resources = new ArrayList<>();
        for (FileResult result : results) {
            resources.addAll(result.result().resources());
        }
        return resources;
    }

    static AdaptResult template(String content, AdaptOptions options) {
        return new AwsAdapter().adapt(SourceFile.of("template.yaml", content), options);
    }

    static Resource named(List<Resource> resources, String address) {
        return resources.stream().filter(resource -> resource.ref().address().equals(address)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + address + " in "
                        + resources.stream().map(resource -> resource.ref().address()).toList()));
    }

    static KnownMap properties(Resource resource) {
        return (KnownMap) resource.variables().get("properties");
    }
}
