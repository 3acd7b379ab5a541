package dev.bulwark.aws.mapping;

import static java.util.Objects.requireNonNull;

import dev.bulwark.aws.model.AwsResource;
import dev.bulwark.aws.model.PropertyWriter;
import dev.bulwark.aws.terraform.TerraformEvaluator.ResourceInstance;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.KnownMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry of Terraform type mappings. Each service registers its types in its own class
 * ({@link S3Mappings}, {@link Ec2Mappings}, ...); {@link #standard()} has them all.
 */
public final class Mappings {
    /** Writes a Terraform resource's arguments as CloudFormation properties. */
    @FunctionalInterface
    public interface Mapper {
        void map(TfView terraform, PropertyWriter properties, Output output);
    }

    /**
     * For a child mapping: the CloudFormation type of the parent it merges into, the argument
     * naming the parent ({@code bucket}), and the parent properties a literal name is matched
     * against ({@code BucketName}).
     */
    public record Parent(String cloudFormationType, String referenceAttribute, List<String> nameProperties) {
        public Parent {
            requireNonNull(cloudFormationType, "cloudFormationType is null");
            requireNonNull(referenceAttribute, "referenceAttribute is null");
            nameProperties = List.copyOf(nameProperties);
        }
    }

    public record Mapping(String terraformType, String cloudFormationType, Optional<Parent> parent, Mapper mapper) {}

    /** Lets a mapping emit further resources (a v3 inline bucket policy becomes an AWS::S3::BucketPolicy). */
    public static final class Output {
        private final ResourceInstance instance;
        private final List<AwsResource> resources;
        private final List<AwsResource> added = new ArrayList<>();

        Output(ResourceInstance instance, List<AwsResource> resources) {
            this.instance = instance;
            this.resources = resources;
        }

        /** Adds a resource at {@code location}, addressed as this one plus {@code suffix} (may be empty); returns its writer. */
        public PropertyWriter add(String cloudFormationType, String suffix, SourceLocation location) {
            KnownMap properties = new KnownMap(location);
            AwsResource resource = new AwsResource(cloudFormationType, instance.address() + suffix, instance.name() + suffix,
                    properties, location, AwsResource.TERRAFORM, instance.type());
            resources.add(resource);
            added.add(resource);
            return new PropertyWriter(properties);
        }

        /** The Terraform address of the resource being mapped. */
        public String address() {
            return instance.address();
        }

        List<AwsResource> added() {
            return added;
        }
    }

    private final Map<String, Mapping> byType = new TreeMap<>();

    /**
     * Registers a Terraform type that becomes a resource of {@code cloudFormationType}, or, when it
     * is null, whose mapper chooses the type and emits the resource with {@link Output#add}.
     */
    public Mappings resource(String terraformType, String cloudFormationType, Mapper mapper) {
        put(new Mapping(terraformType, cloudFormationType, Optional.empty(), mapper));
        return this;
    }

    /** Registers a Terraform type that merges into a parent resource. */
    public Mappings child(String terraformType, Parent parent, Mapper mapper) {
        put(new Mapping(terraformType, parent.cloudFormationType(), Optional.of(parent), mapper));
        return this;
    }

    private void put(Mapping mapping) {
        if (byType.putIfAbsent(mapping.terraformType(), mapping) != null) {
            throw new IllegalStateException("Terraform type " + mapping.terraformType() + " is mapped twice");
        }
    }

    public Mapping get(String terraformType) {
        return byType.get(terraformType);
    }

    public Map<String, Mapping> all() {
        return Collections.unmodifiableMap(byType);
    }

    /** Every built-in mapping. */
    public static Mappings standard() {
        Mappings mappings = new Mappings();
        S3Mappings.register(mappings);
        Ec2Mappings.register(mappings);
        IamMappings.register(mappings);
        KmsMappings.register(mappings);
        SecretsManagerMappings.register(mappings);
        ElbMappings.register(mappings);
        CloudFrontMappings.register(mappings);
        RdsMappings.register(mappings);
        DatabaseMappings.register(mappings);
        StorageMappings.register(mappings);
        LoggingMappings.register(mappings);
        ComputeMappings.register(mappings);
        ApiGatewayMappings.register(mappings);
        MessagingMappings.register(mappings);
        return mappings;
    }
}
