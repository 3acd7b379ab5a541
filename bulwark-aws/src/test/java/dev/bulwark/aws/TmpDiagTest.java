package dev.bulwark.aws;

import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Resource;
import dev.bulwark.core.model.Unknown;
import dev.bulwark.core.source.SourceFile;
import dev.bulwark.core.spi.AdaptOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TmpDiagTest {
    @Test
    void dump() throws Exception {
        String root = System.getProperty("diag.root", "src/test/resources/hardened/terraform");
        Path path = Path.of(root);
        List<Resource> resources = new ArrayList<>();
        AwsAdapter adapter = new AwsAdapter();
        if (root.contains("terraform")) {
            resources.addAll(TestingAws.resources(TestingAws.group(path, AdaptOptions.none())));
        } else {
            try (var walk = Files.walk(path)) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    resources.addAll(adapter.adapt(TestingAws.read(file), AdaptOptions.none()).resources());
                }
            }
        }
        StringBuilder out = new StringBuilder();
        for (Resource resource : resources) {
            out.append("== ").append(resource.kind()).append(" ").append(resource.ref().address()).append(" @")
                    .append(resource.location().file()).append(":").append(resource.location().startLine()).append('\n');
            walk(resource.variables().get("properties"), "P", out);
            Object related = resource.variables().get("related");
            if (related instanceof List<?> list) {
                for (Object r : list) {
                    if (r instanceof Map<?, ?> m) {
                        out.append("   <- ").append(m.get("type")).append(" ").append(m.get("address")).append(" ").append(m.get("path"))
                                .append(Boolean.TRUE.equals(m.get("possible")) ? " (possible)" : "").append('\n');
                    }
                }
            }
        }
        out.append("INVENTORY ").append(adapter.scanVariables(resources).get("inventory")).append('\n');
        Files.writeString(Path.of(System.getProperty("diag.out", "/tmp/fpdiag/out.txt")), out.toString());
    }

    private static void walk(Object value, String path, StringBuilder out) {
        if (value instanceof Unknown unknown) {
            out.append("   ? ").append(path).append(" : ").append(unknown.reason()).append(" ").append(unknown.references()).append('\n');
        } else if (value instanceof KnownMap map) {
            for (String key : map.keyList()) {
                walk(map.raw(key), path + "." + key, out);
            }
        } else if (value instanceof KnownList list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.raw(i), path + "[" + i + "]", out);
            }
        } else {
            out.append("     ").append(path).append(" = ").append(String.valueOf(value).replace("\n", "\\n")).append('\n');
        }
    }
}
