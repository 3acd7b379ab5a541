package dev.bulwark.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Resource;
import dev.bulwark.core.spi.AdaptOptions;
import dev.bulwark.core.spi.FileResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bundled multi-module stack: modules called with for_each and count, values from
 * terraform.tfvars flowing through module inputs, a registry module that is not downloaded. What
 * the model holds must be what Terraform would plan, at the addresses and lines Terraform uses.
 */
class TestTerraformExamples {
    private static final Path STACK = Path.of("../examples/terraform");

    private static List<Resource> resources() throws IOException {
        List<FileResult> results = TestingAws.group(STACK, AdaptOptions.none());
        return TestingAws.resources(results);
    }

    private static String prefixed(String address) {
        return dev.bulwark.core.source.FileWalker.display(STACK.resolve("envs/prod")) + ": " + address;
    }

    @Test
    void modulesExpandWithTerraformAddresses() throws IOException {
        List<String> addresses = resources().stream().map(resource -> resource.ref().address()).toList();
        assertThat(addresses).contains(
                "aws_s3_bucket.access_logs",
                prefixed("module.network.aws_subnet.private[\"eu-west-1a\"]"),
                prefixed("module.network.aws_subnet.private[\"eu-west-1b\"]"),
                prefixed("module.network.aws_subnet.public[0]"),
                prefixed("module.network.aws_subnet.public[1]"),
                prefixed("module.network.aws_flow_log.this[0]"),
                prefixed("module.buckets[\"assets\"].aws_s3_bucket.this"),
                prefixed("module.buckets[\"invoices\"].aws_s3_bucket.this"));
        assertThat(addresses).noneMatch(address -> address.contains("module.cdn"));
        // count = 0 for the invoices bucket's ACL: no ACL resource, so no AccessControl.
        assertThat(addresses).noneMatch(address -> address.contains("aws_s3_bucket_acl"));
    }

    @Test
    void valuesFlowFromTfvarsThroughModuleInputs() throws IOException {
        List<Resource> resources = resources();
        KnownMap assets = TestingAws.properties(TestingAws.named(resources, prefixed("module.buckets[\"assets\"].aws_s3_bucket.this")));
        KnownMap versioning = (KnownMap) assets.raw("VersioningConfiguration");
        assertThat(versioning.raw("Status")).isEqualTo("Suspended");
        assertThat(versioning.entryLocation("Status").file()).endsWith("modules/storage/main.tf");
        assertThat(versioning.entryLocation("Status").startLine()).isEqualTo(15);
        assertThat(assets.raw("AccessControl")).isEqualTo("PublicRead");
        assertThat(assets.entryLocation("AccessControl").startLine()).isEqualTo(43);
        KnownMap invoices = TestingAws.properties(TestingAws.named(resources, prefixed("module.buckets[\"invoices\"].aws_s3_bucket.this")));
        assertThat(((KnownMap) invoices.raw("VersioningConfiguration")).raw("Status")).isEqualTo("Enabled");
        assertThat(invoices.containsKey("AccessControl")).isFalse();
        KnownMap block = (KnownMap) invoices.raw("PublicAccessBlockConfiguration");
        assertThat(block.raw("BlockPublicAcls")).isEqualTo(true);

        KnownMap subnet = TestingAws.properties(TestingAws.named(resources, prefixed("module.network.aws_subnet.private[\"eu-west-1b\"]")));
        assertThat(subnet.raw("CidrBlock")).isEqualTo("10.20.1.0/24");
    }

    @Test
    void dynamicBlocksExpandIntoOneRulePerSource() throws IOException {
        Resource bastion = TestingAws.named(resources(), prefixed("module.network.aws_security_group.bastion"));
        KnownList ingress = (KnownList) TestingAws.properties(bastion).raw("SecurityGroupIngress");
        assertThat(ingress).extracting(rule -> ((KnownMap) rule).raw("CidrIp")).containsExactly("203.0.113.0/24", "0.0.0.0/0");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> network = (List<Map<String, Object>>) bastion.variables().get("network");
        assertThat(network).filteredOn(rule -> Boolean.TRUE.equals(rule.get("world")))
                .extracting(rule -> rule.get("path")).containsExactly("Properties.SecurityGroupIngress[1].CidrIp");
    }

    @Test
    void relationsFollowReferencesAcrossModules() throws IOException {
        Resource vpc = TestingAws.named(resources(), prefixed("module.network.aws_vpc.this"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> related = (List<Map<String, Object>>) vpc.variables().get("related");
        assertThat(related).extracting(edge -> edge.get("type")).contains("AWS::EC2::FlowLog", "AWS::EC2::Subnet", "AWS::EC2::SecurityGroup");
    }
}
