package dev.bulwark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.ScanWarning;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.Resource;
import dev.bulwark.core.source.FileWalker;
import dev.bulwark.core.source.SourceFile;
import dev.bulwark.core.source.SourceReader;
import dev.bulwark.core.spi.AdaptResult;
import dev.bulwark.core.spi.ParseProblem;
import dev.bulwark.core.spi.SourceAdapter;
import dev.bulwark.iam.rbac.Permission;
import dev.bulwark.iam.rbac.PolicyRule;
import dev.bulwark.iam.rbac.RbacModel;
import dev.bulwark.iam.rbac.RbacSubject;
import dev.bulwark.iam.rbac.RoleRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bulwark iam rbac PATH...}: the effective Kubernetes RBAC permissions of every subject
 * (users, groups, service accounts) that the manifests or {@code kubectl get ... -o yaml} exports
 * under PATH bind, with the binding, role and rule behind each. The risks among them are findings
 * of {@code bulwark scan}.
 */
@Command(name = "rbac", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Show the effective Kubernetes RBAC permissions of each subject, with the binding, role and rule that grant them.",
                "PATH is a manifest, a folder, or an export such as 'kubectl get clusterroles,clusterrolebindings,roles,rolebindings,"
                        + "serviceaccounts -A -o yaml'; '-' reads standard input. Risky permissions are reported by 'bulwark scan'."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:permissions listed", "2:usage or fatal error"})
final class IamRbacCommand implements Callable<Integer> {
    private final Platform platform;
    private final Terminal terminal;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or folders to read, or '-' for standard input.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--subject", paramLabel = "SUBJECT",
            description = "Only this subject: user:NAME, group:NAME or serviceaccount:NAMESPACE:NAME. Repeatable.")
    List<String> subjects = new ArrayList<>();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "table (default) or json.")
    String format = "table";

    @Option(names = "--include-system",
            description = "Also list Kubernetes components (subjects named system:...) and what default bindings grant.")
    boolean includeSystem;

    @Option(names = "--max-file-size", paramLabel = "SIZE", description = "Skip files larger than SIZE (e.g. 10MB, 512k). Default: 10MB.")
    String maxFileSize = "10MB";

    @Option(names = {"-q", "--quiet"}, description = "Do not print warnings to standard error.")
    boolean quiet;

    IamRbacCommand(Platform platform, Terminal terminal) {
        this.platform = platform;
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws IOException {
        if (!format.equals("table") && !format.equals("json")) {
            throw BulwarkException.userError("--format: expected table or json, not '" + format + "'");
        }
        List<RbacSubject> wanted = new ArrayList<>();
        for (String text : subjects) {
            try {
                wanted.add(RbacSubject.parse(text));
            } catch (IllegalArgumentException e) {
                throw BulwarkException.userError("--subject: " + e.getMessage());
            }
        }
        long maxBytes = ByteSize.maxFileSize(maxFileSize);
        for (String input : paths) {
            if (!input.equals("-") && !Files.exists(Path.of(input))) {
                throw BulwarkException.userError("path not found: " + input);
            }
        }
        List<ScanWarning> warnings = new ArrayList<>();
        RbacModel model = RbacModel.of(read(new SourceReader(maxBytes), warnings));
        warnings.addAll(model.warnings());
        if (!quiet) {
            Collections.sort(warnings);
            for (ScanWarning warning : warnings) {
                terminal.err().println("warning: " + warning);
            }
        }
        List<RbacSubject> shown = new ArrayList<>();
        for (RbacSubject subject : wanted.isEmpty() ? model.subjects() : wanted) {
            if (wanted.isEmpty() && !includeSystem && subject.isSystemComponent()) {
                continue;
            }
            shown.add(subject);
        }
        if (format.equals("json")) {
            printJson(model, shown);
        } else {
            printTable(model, shown);
        }
        return ExitCode.OK;
    }

    /** The Kubernetes resources of every manifest under the inputs; unreadable input becomes a warning. */
    private List<Resource> read(SourceReader reader, List<ScanWarning> warnings) {
        SourceAdapter adapter = kubernetesAdapter();
        List<Resource> resources = new ArrayList<>();
        FileWalker walker = new FileWalker(List.of());
        for (String input : paths) {
            if (input.equals("-")) {
                reader.read(terminal.in(), "-").file().ifPresent(file -> adapt(adapter, file, resources, warnings));
                continue;
            }
            Path root = Path.of(input);
            List<FileWalker.Entry> entries = walker.walk(root, path -> acceptsName(adapter, path), warnings::add);
            for (FileWalker.Entry entry : entries) {
                SourceReader.Outcome outcome = reader.read(entry.path(), entry.displayPath());
                outcome.skipped().ifPresent(reason -> warnings.add(new ScanWarning(entry.displayPath(), 0, reason)));
                outcome.file().ifPresent(file -> adapt(adapter, file, resources, warnings));
            }
        }
        return resources;
    }

    private SourceAdapter kubernetesAdapter() {
        for (SourceAdapter adapter : platform.adapters()) {
            if (adapter.target().equals("kubernetes")) {
                return adapter;
            }
        }
        throw new IllegalStateException("the platform has no Kubernetes adapter");
    }

    private static boolean acceptsName(SourceAdapter adapter, Path path) {
        Path name = path.getFileName();
        return name != null && adapter.acceptsName(name.toString().toLowerCase(Locale.ROOT));
    }

    private static void adapt(SourceAdapter adapter, SourceFile file, List<Resource> resources, List<ScanWarning> warnings) {
        AdaptResult result;
        try {
            result = adapter.adapt(file);
        } catch (RuntimeException | StackOverflowError e) {
            warnings.add(new ScanWarning(file.displayPath(), 0, "skipped: cannot read (" + e.getClass().getSimpleName() + ")"));
            return;
        }
        resources.addAll(result.resources());
        warnings.addAll(result.warnings());
        for (ParseProblem problem : result.problems()) {
            warnings.add(new ScanWarning(problem.file(), problem.line(), problem.message()));
        }
    }

    /** What {@code subject} holds, leaving out what default bindings grant unless asked for. */
    private List<Permission> permissions(RbacModel model, RbacSubject subject) {
        List<Permission> permissions = new ArrayList<>();
        for (Permission permission : model.permissionsOf(subject)) {
            if (includeSystem || !permission.grant().builtinBinding()) {
                permissions.add(permission);
            }
        }
        return permissions;
    }

    private void printTable(RbacModel model, List<RbacSubject> shown) {
        int listed = 0;
        for (RbacSubject subject : shown) {
            List<Permission> permissions = permissions(model, subject);
            if (listed++ > 0) {
                terminal.out().println();
            }
            terminal.out().println(subject.label() + (permissions.isEmpty() ? ": no permissions" : ""));
            if (permissions.isEmpty()) {
                continue;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"SCOPE", "PERMISSION", "GRANTED BY", "AT"});
            for (Permission permission : permissions) {
                rows.add(new String[] {permission.scope().label(), permission.rule().summary(), grantedBy(subject, permission),
                        at(permission.grant().subjectLocation())});
            }
            int[] widths = new int[3];
            for (String[] row : rows) {
                for (int column = 0; column < widths.length; column++) {
                    widths[column] = Math.max(widths[column], row[column].length());
                }
            }
            String line = "  %-" + widths[0] + "s  %-" + widths[1] + "s  %-" + widths[2] + "s  %s%n";
            for (String[] row : rows) {
                terminal.out().printf(Locale.ROOT, line, (Object[]) row);
            }
        }
        terminal.out().printf(Locale.ROOT, "%s%d subjects%n", listed > 0 ? System.lineSeparator() : "", listed);
    }

    /** {@code ClusterRoleBinding ci-admin -> ClusterRole cluster-admin}, with the group it is held through. */
    private static String grantedBy(RbacSubject subject, Permission permission) {
        StringBuilder text = new StringBuilder();
        if (!permission.holder().equals(subject)) {
            text.append("as ").append(permission.holder().label()).append(": ");
        }
        text.append(permission.grant().bindingLabel()).append(" -> ").append(permission.grant().role().label());
        for (RoleRef aggregated : permission.grant().aggregatedFrom()) {
            text.append(" (aggregates ").append(aggregated.label()).append(')');
        }
        return text.toString();
    }

    private static String at(SourceLocation location) {
        return location.file() + ":" + location.startLine();
    }

    private void printJson(RbacModel model, List<RbacSubject> shown) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("subjects");
        for (RbacSubject subject : shown) {
            ObjectNode entry = list.addObject();
            subject(entry.putObject("subject"), subject);
            ArrayNode permissions = entry.putArray("permissions");
            for (Permission permission : permissions(model, subject)) {
                ObjectNode item = permissions.addObject();
                item.put("scope", permission.scope().isCluster() ? "cluster" : "namespace");
                if (!permission.scope().isCluster()) {
                    item.put("namespace", permission.scope().namespace());
                }
                subject(item.putObject("heldAs"), permission.holder());
                PolicyRule rule = permission.rule();
                strings(item.putArray("apiGroups"), rule.apiGroups());
                strings(item.putArray("resources"), rule.resources());
                strings(item.putArray("verbs"), rule.verbs());
                strings(item.putArray("resourceNames"), rule.resourceNames());
                strings(item.putArray("nonResourceURLs"), rule.nonResourceURLs());
                ObjectNode binding = item.putObject("binding");
                binding.put("kind", permission.grant().bindingKind());
                if (!permission.grant().bindingNamespace().isEmpty()) {
                    binding.put("namespace", permission.grant().bindingNamespace());
                }
                binding.put("name", permission.grant().bindingName());
                binding.put("subject", permission.grant().subjectPath());
                location(binding, Optional.of(permission.grant().subjectLocation()));
                role(item.putObject("role"), permission.grant().role());
                ArrayNode aggregated = item.putArray("aggregatedFrom");
                for (RoleRef role : permission.grant().aggregatedFrom()) {
                    role(aggregated.addObject(), role);
                }
                ObjectNode ruleNode = item.putObject("rule");
                ruleNode.put("index", permission.grant().ruleIndex());
                location(ruleNode, permission.grant().ruleLocation());
            }
        }
        terminal.out().write(mapper.writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
        terminal.out().println();
    }

    private static void subject(ObjectNode node, RbacSubject subject) {
        node.put("kind", subject.kind().label());
        if (!subject.namespace().isEmpty()) {
            node.put("namespace", subject.namespace());
        }
        node.put("name", subject.name());
    }

    private static void role(ObjectNode node, RoleRef role) {
        node.put("kind", role.kind());
        if (!role.namespace().isEmpty()) {
            node.put("namespace", role.namespace());
        }
        node.put("name", role.name());
        if (role.location().isEmpty()) {
            node.put("default", true);
        }
        location(node, role.location());
    }

    private static void location(ObjectNode node, Optional<SourceLocation> location) {
        location.ifPresent(at -> {
            node.put("file", at.file());
            node.put("line", at.startLine());
        });
    }

    private static void strings(ArrayNode node, List<String> values) {
        values.forEach(node::add);
    }
}
