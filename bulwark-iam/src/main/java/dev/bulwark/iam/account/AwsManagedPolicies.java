package dev.bulwark.iam.account;

import dev.bulwark.iam.json.JsonReader;
import dev.bulwark.iam.json.JsonSyntaxException;
import dev.bulwark.iam.json.JsonValue;
import dev.bulwark.iam.policy.Policy;
import dev.bulwark.iam.policy.PolicyKind;
import dev.bulwark.iam.policy.PolicyParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Bulwark's own summaries of a few well-known AWS managed policies (see the comment in the
 * resource), for exports that attach them without including them. A broken bundled file is a bug
 * and fails loudly. Also read for infrastructure code that attaches them by ARN. Immutable.
 */
public final class AwsManagedPolicies {
    static final String RESOURCE = "bulwark/iam/aws-managed-policies.json";

    private final Map<String, Policy> policies;

    private AwsManagedPolicies(Map<String, Policy> policies) {
        this.policies = Map.copyOf(policies);
    }

    public static AwsManagedPolicies bundled() {
        try (InputStream in = AwsManagedPolicies.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource " + RESOURCE + " is missing");
            }
            JsonValue root = JsonReader.standard().read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (!(root instanceof JsonValue.JsonObject object)) {
                throw new IllegalStateException(RESOURCE + ": expected an object of ARN to document");
            }
            PolicyParser parser = new PolicyParser();
            Map<String, Policy> policies = new TreeMap<>();
            for (JsonValue.Member member : object.members()) {
                if (member.key().startsWith("_")) {
                    continue;
                }
                PolicyParser.Parsed parsed = parser.parse(member.value(), member.key(), PolicyKind.IDENTITY);
                if (parsed.hasErrors() || parsed.policy().isEmpty()) {
                    throw new IllegalStateException(RESOURCE + ": " + member.key() + ": " + parsed.issues());
                }
                policies.put(member.key(), parsed.policy().get());
            }
            return new AwsManagedPolicies(policies);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JsonSyntaxException e) {
            throw new IllegalStateException(RESOURCE + ": " + e.getMessage(), e);
        }
    }

    public Optional<Policy> find(String arn) {
        return Optional.ofNullable(policies.get(arn));
    }

    /** The ARNs of the bundled policies, sorted. */
    public Iterable<String> arns() {
        return policies.keySet();
    }
}
