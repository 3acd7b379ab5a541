package dev.bulwark.iam.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A resource type of a service: its name, the ARN formats of its resources (most types have one;
 * a few, such as API Gateway stages, have several) and the condition keys that describe it.
 * ARN formats use placeholders such as {@code arn:${Partition}:s3:::${BucketName}/${ObjectName}}.
 */
public record ResourceTypeInfo(String name, List<String> arnPatterns, List<String> conditionKeys) {
    public ResourceTypeInfo {
        requireNonNull(name, "name is null");
        arnPatterns = List.copyOf(arnPatterns);
        conditionKeys = List.copyOf(conditionKeys);
    }

    /**
     * Whether a resource ARN of a policy can name a resource of this type: {@code "*"} always can;
     * otherwise some concrete ARN must fit both one of the {@link #arnPatterns()} and the given
     * ARN, which may use the IAM wildcards {@code *} and {@code ?} and policy variables such as
     * {@code ${aws:username}}. So {@code arn:aws:s3:::my-bucket/*} fits the S3 object type and not
     * the bucket type, and {@code arn:aws:s3:::*} fits both.
     *
     * <p>ARNs are compared segment by segment (partition, service, region, account, resource) and
     * case-sensitively. A placeholder matches one or more characters of its segment; inside the
     * resource segment a placeholder followed by {@code /} or {@code :} does not contain that
     * separator (so {@code ${BucketName}/} ends at the first {@code /}), a placeholder that is the
     * whole resource segment does not contain {@code /}, and the last placeholder matches the
     * rest, {@code /} and {@code :} included, as resource ids with paths and qualifiers need.
     *
     * @throws NullPointerException if {@code arn} is null
     */
    public boolean matches(String arn) {
        requireNonNull(arn, "arn is null");
        for (String pattern : arnPatterns) {
            if (ArnFit.fits(pattern, arn)) {
                return true;
            }
        }
        return false;
    }
}
