package dev.bulwark.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The three matchers under the evaluator, case by case. */
class TestMatching {
    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "*|anything|true",
            "s3:get*|s3:getobject|true",
            "s3:get*|s3:putobject|false",
            "s3:*object|s3:getobject|true",
            "s3:*object|s3:getobjects|false",
            "s3:?etobject|s3:getobject|true",
            "s3:?etobject|s3:etobject|false",
            "a*b*c|aXXbYYc|true",
            "a*b*c|aXXbYY|false",
            "**|''|true",
            "a*|a|true",
    })
    void globs(String pattern, String value, boolean expected) {
        assertThat(Glob.of(pattern, true).matches(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "arn:aws:s3:::bucket/*|arn:aws:s3:::bucket/a/b:c|true",
            "arn:aws:s3:::bucket/*|arn:aws:s3:::bucket|false",
            "arn:aws:s3:::bucket*|arn:aws:s3:::bucket-logs|true",
            "arn:aws:iam::*:role/*|arn:aws:iam::111122223333:role/x|true",
            "arn:aws:iam::*:role/*|arn:aws:iam::111122223333:user/x|false",
            "arn:aws:*:*:*:*|arn:aws:ec2:eu-west-1:111122223333:instance/i-1|true",
            "arn:aws:logs:*:log-group:x:*|arn:aws:logs:eu-west-1:111122223333:log-group:x:*|false",
            "arn:aws:s3:*|arn:aws:s3:::any/thing|true",
            "arn:aws:sqs:eu-west-?:111122223333:q|arn:aws:sqs:eu-west-1:111122223333:q|true",
            "arn:aws:sqs:eu-west-?:111122223333:q|arn:aws:sqs:eu-west-10:111122223333:q|false",
            "arn:aws:S3:::b|arn:aws:s3:::b|false",
            "plain|plain|true",
    })
    void arns(String pattern, String value, boolean expected) {
        assertThat(ArnMatcher.matches(Template.parse(pattern, false).constant(), value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} contains {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "10.0.0.0/8|10.255.1.2|true",
            "10.0.0.0/8|11.0.0.1|false",
            "0.0.0.0/0|192.0.2.1|true",
            "203.0.113.7|203.0.113.7|true",
            "203.0.113.7/32|203.0.113.8|false",
            "2001:db8::/32|2001:db8:ffff::1|true",
            "2001:db8::/32|2001:db9::1|false",
            "::/0|::1|true",
            "0.0.0.0/0|::ffff:192.0.2.1|true",
            "::/0|192.0.2.1|false",
            "10.0.0.0/8|10.0.0.256|false",
            "10.0.0.0/8|not-an-address|false",
            "2001:db8::1:0:0:1/128|2001:0db8:0000:0000:0001:0000:0000:0001|true",
    })
    void ipRanges(String block, String address, boolean expected) {
        assertThat(IpRange.parse(block).orElseThrow().contains(address)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.0/33", "1.2.3", "1.2.3.4/", "2001:db8:::1", "1:2:3:4:5:6:7:8:9", "example.com", "::ffff:1.2.3.999"})
    void invalidBlocksAreRejectedWithoutTouchingTheNetwork(String text) {
        assertThat(IpRange.parse(text)).isEmpty();
    }
}
