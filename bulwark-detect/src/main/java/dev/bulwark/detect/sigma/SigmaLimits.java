package dev.bulwark.detect.sigma;

/**
 * Bounds on rule input, so that no rule file can exhaust memory or time at load: the size of a
 * file, YAML nesting, the values one rule may have after expansion (placeholders,
 * {@code base64offset}), the length of a regular expression, of any one value and of a condition,
 * and the nesting of a condition.
 */
public record SigmaLimits(long maxFileBytes, int maxYamlDepth, int maxValuesPerRule, int maxRegexLength,
                          int maxValueLength, int maxConditionLength, int maxConditionDepth) {
    public SigmaLimits {
        if (maxFileBytes < 1 || maxYamlDepth < 1 || maxValuesPerRule < 1 || maxRegexLength < 1
                || maxValueLength < 1 || maxConditionLength < 1 || maxConditionDepth < 1) {
            throw new IllegalArgumentException("every Sigma limit must be positive");
        }
    }

    /** 4 MiB files, YAML depth 32, 10,000 values per rule, 4,096-character regexes and conditions, 64 KiB values, condition depth 64. */
    public static SigmaLimits defaults() {
        return new SigmaLimits(4L * 1024 * 1024, 32, 10_000, 4096, 64 * 1024, 4096, 64);
    }
}
