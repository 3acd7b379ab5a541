package dev.bulwark.aws.terraform;

import static dev.bulwark.aws.terraform.TfHarness.row;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idioms of community modules (policies, subnets, tags, lists of objects), with Terraform's results. */
class TestTerraformIdioms {
    @TempDir
    Path dir;

    private static final String PRELUDE = """
            variable "later" {}
            locals {
              m    = { a = 1, b = 2 }
              list = ["a", "b", "c"]
              str  = "s"
              partly = ["a", var.later]
            }
            """;

    @Test
    void idioms() throws IOException {
        TfHarness tf = new TfHarness(dir);
        tf.check(PRELUDE, List.of(
                row("flatten([for k, v in { a = [\"1\", \"2\"], b = [\"3\"] } : [for s in v : \"${k}-${s}\"]])", "[\"a-1\",\"a-2\",\"b-3\"]"),
                row("merge([for k in [\"a\", \"b\"] : { (k) = upper(k) }]...)", "{\"a\":\"A\",\"b\":\"B\"}"),
                row("concat([for k in [\"a\", \"b\"] : [k, k]]...)", "[\"a\",\"a\",\"b\",\"b\"]"),
                row("{ for k in keys(local.m) : k => local.m[k] * 2 }", "{\"a\":2,\"b\":4}"),
                row("setproduct([\"a\", \"b\"], [1, 2])", "[[\"a\",1],[\"a\",2],[\"b\",1],[\"b\",2]]"),
                row("[for pair in setproduct([\"a\"], [\"x\", \"y\"]) : join(\"-\", pair)]", "[\"a-x\",\"a-y\"]"),
                row("keys({ \"10\" = 1, \"9\" = 2, \"a\" = 3 })", "[\"10\",\"9\",\"a\"]"),
                row("local.str[*]", "[\"s\"]"),
                row("length(local.m)", "2"),
                row("try(jsondecode(\"not json\"), {})", "{}"),
                row("jsondecode(\"{\\\"a\\\": null, \\\"b\\\": 1e2, \\\"c\\\": \\\"\\\\u00e9\\\"}\")", "{\"b\":100,\"c\":\"é\"}"),
                row("jsondecode(\"[1,]\")", "ERROR"),
                row("replace(\"baaac\", \"/a*/\", \"-\")", "\"-b-c-\""),
                row("replace(\"x1y\", \"/(\\\\d)/\", \"$1x|${1}x|$$\")", "\"x|1x|$y\""),
                row("regexall(\"a*\", \"baaac\")", "[\"\",\"aaa\",\"\"]"),
                row("var.later.attr", "?"),
                row("can(var.later.attr)", "?"),
                row("length(local.partly)", "2"),
                row("[for s in local.partly : upper(s)]", "[\"A\",?]"),
                row("{ for s in local.partly : s => 1 }", "?"),
                row("{ for i, s in local.partly : i => s }", "{\"0\":\"a\",\"1\":?}"),
                row("10 % 3.5", "3"),
                row("2 * 0.1", "0.2"),
                row("parseint(\"0755\", 8)", "493"),
                row("\"=${12345678901234567890}\"", "\"=12345678901234567890\""),
                row("\"=${1e-7}\"", "\"=0.0000001\""),
                row("\"=${-0.5 * 2}\"", "\"=-1\""),
                row("tostring(1 / 4)", "\"0.25\""),
                row("lookup(local.m, \"zz\", null)", "null"),
                row("local.m[\"a\"]", "1"),
                row("local.m.a", "1"),
                row("local.list[length(local.list) - 1]", "\"c\""),
                row("element(local.list, length(local.list))", "\"a\""),
                row("reverse(local.list)[0]", "\"c\""),
                row("[for i, v in local.list : i if v != \"b\"]", "[0,2]"),
                row("{ for i, v in local.list : v => i if i > 0 }", "{\"b\":1,\"c\":2}"),
                row("contains(keys(local.m), \"a\")", "true"),
                row("alltrue([for v in values(local.m) : v > 0])", "true"),
                row("anytrue([for v in values(local.m) : v > 1])", "true"),
                row("join(\",\", sort(distinct(concat(local.list, [\"a\", \"d\"]))))", "\"a,b,c,d\""),
                row("format(\"%s:%d\", \"port\", \"8080\")", "\"port:8080\""),
                row("format(\"%v\", { a = 1 })", "\"{\\\"a\\\":1}\""),
                row("format(\"%v\", true)", "\"true\""),
                row("formatlist(\"arn:aws:s3:::%s/*\", [\"a\", \"b\"])", "[\"arn:aws:s3:::a/*\",\"arn:aws:s3:::b/*\"]"),
                row("replace(\"arn:aws:s3:::bucket\", \"arn:aws:s3:::\", \"\")", "\"bucket\""),
                row("replace(\"a.b.c\", \".\", \"-\")", "\"a-b-c\""),
                row("replace(\"hello\", \"/l+/\", \"L\")", "\"heLo\""),
                row("replace(\"abc\", \"/(?P<first>a)/\", \"[$first]\")", "\"[a]bc\""),
                row("regex(\"arn:aws:iam::([0-9]+):role/(.*)\", \"arn:aws:iam::123456789012:role/admin\")", "[\"123456789012\",\"admin\"]"),
                row("regexall(\"\\\\d+\", \"a1b22c333\")", "[\"1\",\"22\",\"333\"]"),
                row("split(\"/\", \"arn:aws:s3:::b/k\")[1]", "\"k\""),
                row("trimsuffix(trimprefix(\"/path/\", \"/\"), \"/\")", "\"path\""),
                row("upper(substr(\"abcdef\", 0, 3))", "\"ABC\""),
                row("cidrsubnets(\"10.0.0.0/8\", 8, 8)", "[\"10.0.0.0/16\",\"10.1.0.0/16\"]"),
                row("[for i in range(3) : cidrsubnet(\"10.0.0.0/16\", 4, i)]", "[\"10.0.0.0/20\",\"10.0.16.0/20\",\"10.0.32.0/20\"]"),
                row("cidrsubnet(\"2600:1f14:abc::/56\", 8, 255)", "\"2600:1f14:abc:ff::/64\""),
                row("cidrhost(\"192.168.1.0/24\", 0)", "\"192.168.1.0\""),
                row("cidrhost(\"::ffff:10.0.0.0/120\", 5)", "\"10.0.0.5\""),
                row("cidrsubnet(\"0.0.0.0/0\", 1, 1)", "\"128.0.0.0/1\""),
                row("jsonencode([for s in [\"a\"] : { Effect = \"Allow\", Action = s }])", "\"[{\\\"Action\\\":\\\"a\\\",\\\"Effect\\\":\\\"Allow\\\"}]\""),
                row("jsonencode({ \"b c\" = \"&\", \"a\" = 1.50 })", "\"{\\\"a\\\":1.5,\\\"b c\\\":\\\"\\\\u0026\\\"}\""),
                row("jsonencode(tolist([]))", "\"[]\""),
                row("jsonencode({})", "\"{}\""),
                row("jsonencode(null)", "\"null\""),
                row("jsondecode(jsonencode({ a = [1, \"2\"] }))", "{\"a\":[1,\"2\"]}"),
                row("yamldecode(\"- a\\n- b: 1\\n\")", "[\"a\",{\"b\":1}]"),
                row("yamldecode(\"on: true\\nn: 007\\n\")", "{\"n\":7,\"on\":true}"),
                row("base64encode(jsonencode({ a = 1 }))", "\"eyJhIjoxfQ==\""),
                row("sha256(jsonencode({ a = 1 }))", "\"015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862\""),
                row("timeadd(\"2024-02-28T23:00:00+01:00\", \"24h\")", "\"2024-02-29T23:00:00+01:00\""),
                row("sum([for v in values(local.m) : v])", "3"),
                row("one([for s in local.list : s if s == \"b\"])", "\"b\""),
                row("range(0, -3, -1)", "[0,-1,-2]"),
                row("length(range(0))", "0"),
                row("coalesce(null, 0, 1)", "0"),
                row("coalescelist([], [], [1])", "[1]"),
                row("compact([])", "[]"),
                row("tolist([\"a\", 1])", "[\"a\",1]"),
                row("toset([true, false, true])", "[false,true]"),
                row("distinct([1, 1.0, \"1\"])", "[1,\"1\"]"),
                row("index([\"a\", \"b\", \"a\"], \"a\")", "0"),
                row("matchkeys([\"a\", \"b\", \"c\"], [1, 2, 3], [2, 3])", "[\"b\",\"c\"]"),
                row("slice([1, 2, 3, 4], 1, 1)", "[]"),
                row("chunklist([], 2)", "[]"),
                row("transpose({})", "{}"),
                row("zipmap([], [])", "{}"),
                row("startswith(\"\", \"\")", "true"),
                row("strcontains(\"abc\", \"b\")", "true"),
                row("title(\"\")", "\"\""),
                row("indent(4, \"\")", "\"\""),
                row("urlencode(\"é\")", "\"%C3%A9\""),
                row("uuidv5(\"url\", \"https://example.com\")", "\"4fd35a71-71ef-5a55-a9d9-aa75c889a6d0\""),
                row("abs(-0)", "0"),
                row("ceil(-1.5)", "-1"),
                row("floor(2)", "2"),
                row("min(3, -1.5, 2)", "-1.5"),
                row("pow(2, -1)", "0.5"),
                row("signum(0)", "0"),
                row("log(100, 10)", "2"),
                row("parseint(\"-1010\", 2)", "-10"),
                row("\"${true && var.later}\"", "?"),
                row("\"${false && var.later}\"", "false"),
                row("\"${true || var.later}\"", "true"),
                row("var.later == null", "?"),
                row("!var.later", "?"),
                row("-var.later", "?"),
                row("[var.later][0]", "?"),
                row("{ a = var.later }.a", "?"),
                row("{ a = 1, b = var.later }.a", "1")));
    }
}
