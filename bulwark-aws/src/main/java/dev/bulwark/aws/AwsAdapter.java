package dev.bulwark.aws;

import dev.bulwark.aws.cloudformation.CloudFormationReader;
import dev.bulwark.aws.cloudformation.CloudFormationStack;
import dev.bulwark.aws.model.AccountFacts;
import dev.bulwark.aws.model.AwsResource;
import dev.bulwark.aws.model.MonitoringFacts;
import dev.bulwark.aws.model.NetworkFacts;
import dev.bulwark.aws.model.PolicyFacts;
import dev.bulwark.aws.model.Relations;
import dev.bulwark.aws.model.SecurityGroupRules;
import dev.bulwark.aws.terraform.PlanReader;
import dev.bulwark.core.FrameworkCatalog;
import dev.bulwark.core.ResourceRef;
import dev.bulwark.core.ScanWarning;
import dev.bulwark.core.model.KnownLocationIndex;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Resource;
import dev.bulwark.core.model.Unknown;
import dev.bulwark.core.source.SourceFile;
import dev.bulwark.core.source.SourceReader;
import dev.bulwark.core.spi.AdaptOptions;
import dev.bulwark.core.spi.AdaptResult;
import dev.bulwark.core.spi.FileResult;
import dev.bulwark.core.spi.ParseProblem;
import dev.bulwark.core.spi.SourceAdapter;
import dev.bulwark.core.yaml.YamlException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * AWS infrastructure as code into resources of target {@code aws}: Terraform configurations
 * ({@code .tf}, {@code .tf.json}, evaluated per root module with their modules) and
 * CloudFormation or SAM templates ({@code .yaml}, {@code .yml}, {@code .json}, {@code .template}
 * whose content is a template), all in the shape of CloudFormation resource types, so one rule
 * covers both. Rules see the resource's {@code properties}, related resources, and facts computed
 * once per resource (network rules, policy statements).
 *
 * <p>Stateless and thread-safe.
 */
public final class AwsAdapter implements SourceAdapter {
    public static final String TARGET = "aws";

    @Override
    public String target() {
        return TARGET;
    }

    @Override
    public String format() {
        return "terraform";
    }

    @Override
    public String format(Resource resource) {
        Object format = resource.variables().get("format");
        return format instanceof String text ? text : format();
    }

    @Override
    public Map<String, String> variables() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("resource", "the resource as {Type, Properties}; violation paths start at it (Properties.BucketEncryption)");
        variables.put("properties", "the resource's Properties, in the shape of its CloudFormation type; reading an unknown value "
                + "(computed, unresolved) makes the rule undecided for the resource, so guard per element with has() where needed");
        variables.put("type", "the CloudFormation type, e.g. AWS::S3::Bucket (Bulwark::... for account settings CloudFormation lacks)");
        variables.put("address", "the Terraform address or CloudFormation logical id");
        variables.put("format", "terraform or cloudformation");
        variables.put("sourceType", "the type as written: aws_s3_bucket, AWS::Serverless::Function, ...");
        variables.put("related", "resources of the same stack whose properties refer to this one, as {type, address, path (in that "
                + "resource), possible, properties}: a bucket's policy, a key's alias, a trail's log group; possible is true when the "
                + "reference is unknown and may be this resource, and then properties is unknown");
        variables.put("references", "resources this one refers to, as {type, address, path (in this resource), properties}");
        variables.put("policies", "every IAM policy document in the properties, known parts only: {path, kind (identity, resource, "
                + "trust), statements: [{path, sid, effect, actions (lower case), notActions, resources, notResources, hasNotAction, "
                + "hasNotResource, principals: {any, aws, service, federated, canonical}, notPrincipal, conditioned, conditionKnown, "
                + "conditionKeys (lower case), conditions: [{operator, key (lower case), values}], condition}]}; and for each known ARN "
                + "of a role's, user's or group's ManagedPolicyArns an entry {path, kind: attached, arn, statements: []}");
        variables.put("network", "fully known security group rules and network ACL entries: {path (of the source), direction "
                + "(ingress, egress), protocol (tcp, udp, icmp, -1 for all), from, to, allPorts, source, ipv6, world "
                + "(0.0.0.0/0 or ::/0), action (allow, deny)}");
        variables.put("inventory", "scan-wide facts: {types: {type: count}, monitoring: {trails: {address: {logGroup, controls: "
                + "{'4.1': covered|missing|undecided, ...}, bucket, bucketLogging, managementEvents}}, s3ObjectWrite, s3ObjectRead, "
                + "managementEvents, globalServiceEvents, globalResourcesRecorded (logged|recorded, missing or undecided), "
                + "auditLogGroupNames, filterMetrics}, account: {ebsEncryptionByDefault (on, off, undecided, absent), "
                + "metadataDefaults (required, optional, undecided, absent)}} (see MonitoringFacts, AccountFacts)");
        return variables;
    }

    @Override
    public Map<String, List<String>> kindGroups() {
        return Map.of(
                "security-group", List.of("AWS::EC2::SecurityGroup", "Bulwark::EC2::DefaultSecurityGroup",
                        "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress"),
                "network-acl", List.of("AWS::EC2::NetworkAclEntry"));
    }

    @Override
    public String builtinRulesFolder() {
        return "bulwark/rules/aws";
    }

    @Override
    public boolean acceptsName(String fileName) {
        return isTerraform(fileName) || fileName.endsWith(".yaml") || fileName.endsWith(".yml") || fileName.endsWith(".json")
                || fileName.endsWith(".template");
    }

    private static boolean isTerraform(String fileName) {
        return fileName.endsWith(".tf") || fileName.endsWith(".tf.json");
    }

    @Override
    public boolean acceptsContent(String content) {
        return CloudFormationReader.looksLikeTemplate(content) || PlanReader.looksLikePlan(content);
    }

    @Override
    public boolean groupsFile(SourceFile file) {
        return isTerraform(file.fileName()) || isPlan(file);
    }

    private static boolean isPlan(SourceFile file) {
        return file.fileName().endsWith(".json") && PlanReader.looksLikePlan(file.content());
    }

    @Override
    public AdaptResult adapt(SourceFile file) {
        return adapt(file, AdaptOptions.none());
    }

    @Override
    public AdaptResult adapt(SourceFile file, AdaptOptions options) {
        if (isTerraform(file.fileName()) || isPlan(file)) {
            // A single Terraform file on its own (a rule fixture): one root module of one file.
            List<FileResult> results = adaptGroup(List.of(file), file.path().map(path -> List.of(path.toAbsolutePath().getParent()))
                    .orElse(List.of()), options);
            for (FileResult result : results) {
                if (result.file().displayPath().equals(file.displayPath())) {
                    return result.result();
                }
            }
            return AdaptResult.of(List.of());
        }
        return cloudFormation(file, options);
    }

    private AdaptResult cloudFormation(SourceFile file, AdaptOptions options) {
        CloudFormationReader.Read read = CloudFormationReader.read(file.content(), file.displayPath());
        if (read.error().isPresent()) {
            YamlException error = read.error().get();
            if (error.isLimit()) {
                return new AdaptResult(List.of(), List.of(), List.of(new ScanWarning(file.displayPath(), error.line(),
                        "skipped: " + error.getMessage())));
            }
            return new AdaptResult(List.of(), List.of(new ParseProblem(file.displayPath(), error.line(), error.column(),
                    error.getMessage())), List.of());
        }
        if (read.root().isEmpty()) {
            return new AdaptResult(List.of(), List.of(new ParseProblem(file.displayPath(), 1, 1,
                    "not a CloudFormation template: " + read.notATemplate())), List.of());
        }
        CloudFormationStack.Result stack = CloudFormationStack.of(read.root().get(), file.displayPath(), options.parameters());
        List<ScanWarning> warnings = new ArrayList<>();
        for (CloudFormationStack.Problem problem : stack.problems()) {
            warnings.add(new ScanWarning(file.displayPath(), problem.line(), problem.message()));
        }
        return new AdaptResult(resources(stack.resources(), Optional.empty()), List.of(), warnings);
    }

    @Override
    public List<FileResult> adaptGroup(List<SourceFile> files, List<Path> roots, AdaptOptions options) {
        List<SourceFile> terraform = new ArrayList<>();
        List<SourceFile> plans = new ArrayList<>();
        for (SourceFile file : files) {
            (isPlan(file) ? plans : terraform).add(file);
        }
        List<TerraformProject.Stack> stacks = TerraformProject.evaluate(terraform, plans, roots, options, SourceReader.DEFAULT_MAX_BYTES);
        Map<String, SourceFile> byDisplay = new TreeMap<>();
        for (SourceFile file : files) {
            byDisplay.put(file.displayPath(), file);
        }
        Map<String, List<Resource>> resourcesByFile = new HashMap<>();
        Map<String, List<ParseProblem>> problemsByFile = new HashMap<>();
        Map<String, List<ScanWarning>> warningsByFile = new HashMap<>();
        Map<String, ParseProblem> seenProblems = new HashMap<>();
        for (TerraformProject.Stack stack : stacks) {
            for (Resource resource : resources(stack.resources(), Optional.of(stack.root()))) {
                resourcesByFile.computeIfAbsent(resource.location().file(), key -> new ArrayList<>()).add(resource);
            }
            for (ParseProblem problem : stack.problems()) {
                String key = problem.file() + ":" + problem.line() + ":" + problem.message();
                if (seenProblems.putIfAbsent(key, problem) == null) {
                    problemsByFile.computeIfAbsent(problem.file(), file -> new ArrayList<>()).add(problem);
                }
            }
            for (ScanWarning warning : stack.warnings()) {
                List<ScanWarning> list = warningsByFile.computeIfAbsent(warning.file(), file -> new ArrayList<>());
                if (!list.contains(warning)) {
                    list.add(warning);
                }
            }
        }
        List<FileResult> results = new ArrayList<>();
        java.util.Set<String> names = new java.util.TreeSet<>(byDisplay.keySet());
        names.addAll(resourcesByFile.keySet());
        names.addAll(problemsByFile.keySet());
        for (String name : names) {
            SourceFile file = byDisplay.get(name);
            if (file == null) {
                file = readOutside(name);
                if (file == null) {
                    continue;
                }
            }
            results.add(new FileResult(file, new AdaptResult(resourcesByFile.getOrDefault(name, List.of()),
                    problemsByFile.getOrDefault(name, List.of()), warningsByFile.getOrDefault(name, List.of()))));
        }
        // Warnings about files that are not inputs (--var-file, modules.json) still reach the user.
        List<ScanWarning> orphans = new ArrayList<>();
        for (Map.Entry<String, List<ScanWarning>> entry : warningsByFile.entrySet()) {
            if (!names.contains(entry.getKey())) {
                orphans.addAll(entry.getValue());
            }
        }
        if (!orphans.isEmpty() && !results.isEmpty()) {
            FileResult first = results.get(0);
            List<ScanWarning> warnings = new ArrayList<>(first.result().warnings());
            warnings.addAll(orphans);
            results.set(0, new FileResult(first.file(), new AdaptResult(first.result().resources(), first.result().problems(), warnings)));
        }
        return results;
    }

    /** A module file outside the scanned files (a module in .terraform, a sibling folder), read for excerpts. */
    private static SourceFile readOutside(String displayPath) {
        Path path = Path.of(displayPath);
        SourceReader.Outcome outcome = new SourceReader(SourceReader.DEFAULT_MAX_BYTES).read(path, displayPath);
        return outcome.file().orElse(null);
    }

    /** Model resources into rule resources, with relations and facts. */
    List<Resource> resources(List<AwsResource> model, Optional<Path> terraformRoot) {
        List<AwsResource> stack = SecurityGroupRules.merge(model);
        Relations relations = Relations.of(stack);
        List<Resource> resources = new ArrayList<>(stack.size());
        for (AwsResource resource : stack) {
            KnownMap root = new KnownMap(resource.location(), 2);
            root.put("Type", resource.type(), resource.location());
            root.put("Properties", resource.properties(), resource.properties().location());
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("resource", root);
            variables.put("properties", resource.properties());
            variables.put("type", resource.type());
            variables.put("address", resource.address());
            variables.put("format", resource.format());
            variables.put("sourceType", resource.sourceType());
            variables.put("related", edges(relations.to(resource), true));
            variables.put("references", edges(relations.from(resource), false));
            variables.put("policies", PolicyFacts.of(resource.properties()));
            variables.put("network", NetworkFacts.of(resource.type(), resource.properties()));
            String address = address(resource, terraformRoot);
            resources.add(new Resource(TARGET, resource.type(), new ResourceRef(resource.type(), address, resource.name()),
                    resource.location(), variables, new KnownLocationIndex(root), Map.of()));
        }
        return resources;
    }

    /**
     * The address shown for a resource: its Terraform address, prefixed with its root module's
     * folder when the resource lives in a module outside that folder (a module shared by several
     * roots is reported once per root).
     */
    private static String address(AwsResource resource, Optional<Path> terraformRoot) {
        if (terraformRoot.isEmpty()) {
            return resource.address();
        }
        Path root = terraformRoot.get().toAbsolutePath().normalize();
        Path file = Path.of(resource.location().file()).toAbsolutePath().normalize();
        if (file.startsWith(root)) {
            return resource.address();
        }
        return TerraformProject.display(root) + ": " + resource.address();
    }

    private static List<Object> edges(List<Relations.Edge> edges, boolean inbound) {
        List<Object> result = new ArrayList<>(edges.size());
        for (Relations.Edge edge : edges) {
            AwsResource other = inbound ? edge.from() : edge.to();
            Map<String, Object> fact = new LinkedHashMap<>();
            fact.put("type", other.type());
            fact.put("address", other.address());
            fact.put("path", edge.path());
            fact.put("possible", edge.possible());
            // A possible relation's other side is not known to be this one: reading it is undecided.
            fact.put("properties", edge.possible() ? Unknown.because("may or may not refer to this resource") : other.properties());
            result.add(fact);
        }
        return result;
    }

    private static final List<FrameworkCatalog> FRAMEWORKS = List.of(catalog("cis-aws-foundations-3.0"));

    private static FrameworkCatalog catalog(String id) {
        String resource = "bulwark/frameworks/" + id + ".yaml";
        try (java.io.InputStream input = AwsAdapter.class.getClassLoader().getResourceAsStream(resource)) {
            if (input == null) {
                throw new IllegalStateException("framework catalog " + resource + " is missing");
            }
            return FrameworkCatalog.parse(new String(input.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), resource);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public List<FrameworkCatalog> frameworks() {
        return FRAMEWORKS;
    }

    @Override
    public Map<String, Object> scanVariables(List<Resource> resources) {
        Map<String, Long> types = new TreeMap<>();
        for (Resource resource : resources) {
            types.merge(resource.kind(), 1L, Long::sum);
        }
        Map<String, Object> inventory = new LinkedHashMap<>();
        inventory.put("types", types);
        inventory.putAll(MonitoringFacts.inventory(resources));
        inventory.put("account", AccountFacts.of(resources));
        return Map.of("inventory", inventory);
    }

}
