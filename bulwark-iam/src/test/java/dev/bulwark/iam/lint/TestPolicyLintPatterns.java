package dev.bulwark.iam.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.iam.catalog.IamCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The building blocks: ARN coverage, action coverage on catalog expansions, suggestions. */
class TestPolicyLintPatterns {
    @ParameterizedTest
    @CsvSource({
            "*, arn:aws:s3:::b/k, true",
            "arn:aws:s3:::b/*, arn:aws:s3:::b/k, true",
            "arn:aws:s3:::b/*, arn:aws:s3:::b/2026/*, true",
            "arn:aws:s3:::b/*, arn:aws:s3:::b, false",
            "arn:aws:s3:::b*, arn:aws:s3:::b/*, true",
            "arn:aws:s3:::b/*, arn:aws:s3:::b*, false",
            "arn:aws:s3:::b/?, arn:aws:s3:::b/*, false",
            "arn:aws:s3:::b/*, arn:aws:s3:::b/?, true",
            "arn:aws:s3:::home/*, arn:aws:s3:::home/${aws:username}/*, true",
            "arn:aws:s3:::home/${aws:username}/*, arn:aws:s3:::home/alice/*, false",
            "arn:aws:s3:::home/${aws:username}/*, arn:aws:s3:::home/${aws:username}/*, true",
            "arn:aws:iam::*:role/*, arn:aws:iam::111122223333:role/app, true",
            // A * in the region does not reach into the account.
            "arn:aws:sqs:*:111122223333:q, arn:aws:sqs:us-east-1:444455556666:q, false",
            "arn:aws:s3:*, arn:aws:s3:::b, false",
            "arn:aws:s3:::b, *, false"})
    void arnCoverageIsDecidedSegmentBySegment(String covering, String covered, boolean expected) {
        assertThat(ArnPattern.covers(covering, covered)).isEqualTo(expected);
    }

    @Test
    void arnSegmentsKeepPolicyVariablesWhole() {
        assertThat(ArnPattern.segments("arn:aws:iam::${aws:PrincipalAccount}:role/x")).containsExactly("arn", "aws", "iam", "",
                "${aws:PrincipalAccount}", "role/x");
        assertThat(ArnPattern.segments("arn:aws:logs:us-east-1:1:log-group:g:*")).containsExactly("arn", "aws", "logs", "us-east-1", "1",
                "log-group:g:*");
        assertThat(ArnPattern.segments("arn:aws:s3")).hasSize(3);
    }

    @Test
    void actionCoverageUsesTheCatalog() {
        ActionPatterns patterns = new ActionPatterns(IamCatalog.bundled());
        assertThat(patterns.covered("s3:GetObject", List.of("s3:Get*"))).isTrue();
        assertThat(patterns.covered("s3:Get*", List.of("s3:GetObject*", "s3:GetB*"))).isFalse();
        assertThat(patterns.covered("s3:GetObject", List.of("*"))).isTrue();
        assertThat(patterns.covered("*", List.of("s3:*"))).isFalse();
        assertThat(patterns.covered("s3:NoSuchAction", List.of("s3:*"))).isFalse();
        assertThat(patterns.disjoint("s3:GetObject", List.of("iam:*", "ec2:*"))).isTrue();
        assertThat(patterns.disjoint("s3:GetObject", List.of("s3:Get*"))).isFalse();
        assertThat(ActionPatterns.matchesEverything("*")).isTrue();
        assertThat(ActionPatterns.matchesEverything("*:*")).isTrue();
        assertThat(ActionPatterns.matchesEverything("s3:*")).isFalse();
        assertThat(ActionPatterns.matchesEverything(":")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"S3x, s3", "GetObjekt, GetObject", "DescribeInstance, DescribeInstances", "GteObject, GetObject", "xyzzy, ''"})
    void suggestionsAreTheClosestPlausibleTypo(String wanted, String expected) {
        List<String> candidates = List.of("s3", "s3-outposts", "GetObject", "GetObjectAcl", "DescribeInstances", "ec2");
        assertThat(Suggestions.closest(wanted, candidates).orElse("")).isEqualTo(expected);
    }

    @Test
    void editDistanceCountsSwapsAsOneEdit() {
        assertThat(Suggestions.distance("getobject", "gteobject", 10)).isEqualTo(1);
        assertThat(Suggestions.distance("kitten", "sitting", 10)).isEqualTo(3);
        assertThat(Suggestions.distance("kitten", "sitting", 2)).isEqualTo(2);
        assertThat(Suggestions.closest("a".repeat(Suggestions.MAX_LENGTH + 1), List.of("a"))).isEmpty();
    }
}
