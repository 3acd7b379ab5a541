package dev.bulwark.aws.mapping;

import dev.bulwark.aws.model.AwsResource;
import dev.bulwark.aws.model.PropertyWriter;
import dev.bulwark.aws.terraform.TerraformEvaluator.ResourceInstance;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns evaluated Terraform resources into {@link AwsResource}s of the CloudFormation shape, one
 * registered mapping per {@code aws_*} type.
 *
 * <p>Design: Terraform splits some CloudFormation resources (the S3 bucket's versioning,
 * encryption, logging and public access block; an IAM role's inline policies; a KMS key's
 * policy) into separate resources. Those are <i>child</i> mappings: after every resource is
 * mapped, each child is merged into the parent its reference names, found by address (from the
 * unknown {@code .id} it reads) or by name (a literal bucket name). A child whose parent cannot be
 * told (its reference is an unknown variable) might belong to any parent of its type, so each
 * property it would set becomes unknown on every such parent that does not set it: the scan then
 * cannot report "bucket has no encryption" for a bucket that is in fact encrypted elsewhere.
 */
public final class TerraformMapper {
    private final Mappings mappings;

    public TerraformMapper(Mappings mappings) {
        this.mappings = mappings;
    }

    public static TerraformMapper standard() {
        return new TerraformMapper(Mappings.standard());
    }

    public List<AwsResource> map(List<ResourceInstance> instances) {
        List<AwsResource> resources = new ArrayList<>();
        Map<String, List<AwsResource>> byAddress = new HashMap<>();
        Map<String, List<AwsResource>> byType = new HashMap<>();
        List<ResourceInstance> children = new ArrayList<>();
        for (ResourceInstance instance : instances) {
            if (instance.data()) {
                continue;
            }
            Mappings.Mapping mapping = mappings.get(instance.type());
            if (mapping == null) {
                continue;
            }
            if (mapping.parent().isPresent()) {
                children.add(instance);
                continue;
            }
            TfView view = new TfView(instance.arguments(), instance.location());
            Mappings.Output output = new Mappings.Output(instance, resources);
            KnownMap properties = new KnownMap(instance.location());
            if (mapping.cloudFormationType() == null) {
                // The mapping decides the type and emits the resource itself.
                mapping.mapper().map(view, new PropertyWriter(properties), output);
            } else {
                AwsResource resource = new AwsResource(mapping.cloudFormationType(), instance.address(), instance.name(), properties,
                        instance.location(), AwsResource.TERRAFORM, instance.type());
                resources.add(resource);
                index(resource, byAddress, byType);
                mapping.mapper().map(view, new PropertyWriter(properties), output);
            }
            for (AwsResource added : output.added()) {
                index(added, byAddress, byType);
            }
        }
        // Keyed by identity: instances hold model maps whose hash would read unknown values.
        Map<ResourceInstance, List<AwsResource>> unattributed = new java.util.IdentityHashMap<>();
        List<ResourceInstance> unattributedOrder = new ArrayList<>();
        for (ResourceInstance child : children) {
            Mappings.Mapping mapping = mappings.get(child.type());
            Mappings.Parent parent = mapping.parent().orElseThrow();
            Object reference = child.arguments().raw(parent.referenceAttribute());
            List<AwsResource> targets = parents(reference, parent, byAddress, byType);
            if (targets == null) {
                unattributed.put(child, candidates(reference, parent, byType));
                unattributedOrder.add(child);
                continue;
            }
            for (AwsResource target : targets) {
                TfView view = new TfView(child.arguments(), child.location());
                mapping.mapper().map(view, new PropertyWriter(target.properties()), new Mappings.Output(child, resources));
            }
        }
        for (ResourceInstance child : unattributedOrder) {
            Mappings.Mapping mapping = mappings.get(child.type());
            Mappings.Parent parent = mapping.parent().orElseThrow();
            KnownMap scratch = new KnownMap(child.location());
            mapping.mapper().map(new TfView(child.arguments(), child.location()), new PropertyWriter(scratch),
                    new Mappings.Output(child, new ArrayList<>()));
            Set<String> keys = new LinkedHashSet<>(scratch.keyList());
            for (AwsResource candidate : unattributed.get(child)) {
                for (String key : keys) {
                    if (!candidate.properties().containsKey(key)) {
                        candidate.properties().put(key, Unknown.because(child.address() + " may set it (its "
                                + parent.referenceAttribute() + " is unknown)"), child.location());
                    }
                }
            }
        }
        return resources;
    }

    /**
     * The parents a child whose parent cannot be told may belong to: the instances its reference
     * names without a key, or, when it names nothing, every parent of its type.
     */
    private static List<AwsResource> candidates(Object reference, Mappings.Parent parent, Map<String, List<AwsResource>> byType) {
        List<AwsResource> all = byType.getOrDefault(parent.cloudFormationType(), List.of());
        if (reference instanceof Unknown unknown && unknown.reference().isPresent()) {
            List<AwsResource> instances = new ArrayList<>();
            for (AwsResource candidate : all) {
                if (candidate.address().startsWith(unknown.reference().get() + "[")) {
                    instances.add(candidate);
                }
            }
            return instances;
        }
        return all;
    }

    private static void index(AwsResource resource, Map<String, List<AwsResource>> byAddress, Map<String, List<AwsResource>> byType) {
        byAddress.computeIfAbsent(resource.address(), key -> new ArrayList<>()).add(resource);
        byType.computeIfAbsent(resource.type(), key -> new ArrayList<>()).add(resource);
    }

    /**
     * The parents a child's reference names: by address for an unknown with a reference, by name
     * for a string; an empty list when the parent is not in the scan; null when it cannot be told.
     */
    private static List<AwsResource> parents(Object reference, Mappings.Parent parent, Map<String, List<AwsResource>> byAddress,
                                             Map<String, List<AwsResource>> byType) {
        if (reference instanceof Unknown unknown) {
            Optional<String> address = unknown.reference();
            if (address.isEmpty()) {
                return null;
            }
            List<AwsResource> found = new ArrayList<>();
            for (AwsResource candidate : byAddress.getOrDefault(address.get(), List.of())) {
                if (candidate.type().equals(parent.cloudFormationType())) {
                    found.add(candidate);
                }
            }
            if (found.isEmpty()) {
                // A reference without the instance key (a plan's configuration) names one of the
                // instances: certain when there is one, otherwise it cannot be told which.
                List<AwsResource> instances = new ArrayList<>();
                for (AwsResource candidate : byType.getOrDefault(parent.cloudFormationType(), List.of())) {
                    if (candidate.address().startsWith(address.get() + "[")) {
                        instances.add(candidate);
                    }
                }
                if (instances.size() > 1) {
                    return null;
                }
                found.addAll(instances);
            }
            return found;
        }
        if (reference instanceof String name) {
            List<AwsResource> found = new ArrayList<>();
            for (AwsResource candidate : byType.getOrDefault(parent.cloudFormationType(), List.of())) {
                for (String property : parent.nameProperties()) {
                    Object value = candidate.properties().raw(property);
                    if (name.equals(value)) {
                        found.add(candidate);
                        break;
                    }
                }
            }
            return found;
        }
        return List.of();
    }

}
