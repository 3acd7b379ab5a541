package dev.bulwark.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules the engine cannot honour are rejected at load, each with its reason and location; the rest load. */
class TestSigmaRejections {
    private final SigmaLoader loader = new SigmaLoader(SigmaOptions.defaults());

    @Test
    void everyBadRuleIsRejectedWithItsReasonAndLine() {
        SigmaLoader.Result result = loader.load(TestingSigma.resource("rejected.yml"), "rejected.yml");
        List<String> problems = result.problems().stream()
                .map(problem -> problem.location().startLine() + ":" + problem.location().startColumn() + ": " + problem.message())
                .toList();
        assertThat(problems).containsExactly(
                "5:9: 'cmd|contain': unknown modifier 'contain'",
                "12:9: 'cmd|re': invalid regular expression '(unclosed': missing closing ) (RE2 syntax: no backreferences or lookaround)",
                "19:9: 'cmd|re': invalid regular expression 'a(?=b)': invalid or unsupported Perl syntax (RE2 syntax: no backreferences or lookaround)",
                "26:9: 'cmd|re|contains': 'contains' cannot be combined with 're'",
                "34:5: condition 'selection and filter': undefined search identifier 'filter' at position 15 of the condition",
                "40:9: 'host|expand': placeholder %Jumphosts% has no values configured",
                "47:9: 'host|expand': unterminated placeholder in '50%' (write \\% for a plain percent sign)",
                "54:9: 'cmd|contains|all': 'all' needs a list of at least two values (the specification forbids it on a single value)",
                "61:9: 'cmd|exists': exists takes true or false, not 'yes'",
                "68:9: 'size|gt': 'gt' needs a number, not 'big'",
                "75:9: 'ip|cidr': '10.0.0.0/33': prefix length 33 exceeds 32 bits (cidr)",
                "82:9: 'time|hour': 'hour' takes a whole number from 0 to 23, not '24'",
                "89:9: 'cmd|contains|i': 'i' is a flag of 're' and must follow it",
                "96:9: 'cmd|contains|base64': 'base64' cannot encode wildcards or placeholders in '*x*' (put contains/startswith/endswith after the encoding)",
                "100:1: 'level' must be one of critical, high, informational, low, medium, not 'severe'",
                "108:1: 'status' must be one of deprecated, experimental, stable, test, unsupported, not 'production'",
                "120:5: condition '2 of selection_*': '2 of' is not Sigma: write '1 of' or 'all of' at position 1 of the condition",
                "127:5: condition '(selection': missing ')' for the '(' at position 1 of the condition",
                "134:5: condition '1 of filter_*': 'filter_*' matches no search identifier at position 6 of the condition",
                "139:5: the detection has no condition",
                "142:1: the rule has no logsource",
                "152:9: 'a': a field's value must be a plain value or a list of them, not a map",
                "160:9: 'a|re|cased': 'cased' applies to strings only, not with 're' (regular expressions are case-sensitive already; 're|i' makes them insensitive)",
                "164:1: 'date' must be a date written YYYY-MM-DD, not '12/31/2026'",
                "176:5: 'timeframe' in a detection is Sigma 1 aggregation syntax; write a correlation rule instead",
                "179:1: unknown action 'include' (a rule collection knows global, reset and repeat)",
                "190:9: 'a|neq|all': 'neq' cannot be combined with 'all' (neq already requires the field to differ from every value)",
                "197:9: 'a|base64offset|contains': the value is too short for base64offset (at least 2 bytes)",
                "204:9: '|neq': 'neq' needs a field name; keywords search the whole event",
                "212:5: search identifier 'selection' mixes maps and plain values in one list (a list holds either maps or keywords)",
                "221:9: 'a|re|cidr': 'cidr' cannot be combined with 're'",
                "228:9: 'a|contains|startswith': 'startswith' cannot be combined with 'contains'",
                "235:9: 'a|hour|minute': 'minute' cannot be combined with 'hour'",
                "242:9: 'a|gte|hour': 'hour' must come before 'gte'",
                "249:9: 'a|contains|fieldref': 'contains' must come after 'fieldref'",
                "256:9: 'a|contains': null cannot take modifiers (null already means: the field is absent or null)",
                "263:9: 'a|windash|re': 'windash' cannot be combined with 're'",
                "270:9: 'a|utf16le|utf16be': 'utf16be' cannot encode a value that is already encoded",
                "277:9: 'a|exists|contains': exists cannot be combined with other modifiers",
                "284:9: 'a|exists': exists takes a single true or false, not a list",
                "291:9: 'a||contains': empty modifier (two '|' in a row or a trailing '|')",
                "298:9: 'a|contains|contains': modifier 'contains' is given twice",
                "305:9: 'a': the value list is empty",
                "312:9: 'a|fieldref': fieldref takes the name of another field, not 'b*'",
                "319:9: 'a|hour': 'hour' takes a whole number from 0 to 23, not 'noon'",
                "326:9: 'a|cidr': cidr takes a network such as 10.0.0.0/8, not '10'",
                "334:5: condition 'selection & other': unexpected character '&' at position 11 of the condition",
                "341:5: condition 'selection and': expected an identifier, 'not', 'x of' or '(' at the end of the condition",
                "348:5: condition 'selection*': the pattern 'selection*' needs '1 of' or 'all of' before it at position 1 of the condition",
                "355:5: condition '()': unexpected ')' at position 2 of the condition",
                "362:5: condition 'selection or or': expected an identifier but found 'or' at position 14 of the condition",
                "367:5: 'them' is a condition keyword and cannot name a search identifier",
                "374:5: search identifier 'keywords' is an empty list"
        );
        assertThat(result.problems()).allSatisfy(problem -> assertThat(problem.location().file()).isEqualTo("rejected.yml"));
        assertThat(result.rules()).extracting(SigmaRule::reference).containsExactly("still-loaded");
    }

    @Test
    void strayingFromTheSpecificationIsAWarningAndTheRuleLoads() {
        SigmaLoader.Result result = loader.load("""
                title: legacy style
                date: 2019/10/23
                tags:
                    - attack.T1078
                    - attack.t1078
                    - attack.t1078
                    - persistence
                logsource: {product: test}
                detection:
                    selection:
                        a: 1
                    condition: selection
                """, "legacy.yml");
        assertThat(result.rules()).extracting(SigmaRule::title).containsExactly("legacy style");
        assertThat(result.rules().get(0).tags()).hasSize(4);
        assertThat(result.problems()).extracting(SigmaProblem::toString).containsExactly(
                "legacy.yml:2:1: warning: 'date' is written with '/', an older form: the specification writes YYYY-MM-DD",
                "legacy.yml:3:1: warning: 'tags' lists 'attack.t1078' more than once",
                "legacy.yml:3:1: warning: tag 'attack.T1078' is not in the form namespace.name in lower case (letters, digits, '_', '-', '.')",
                "legacy.yml:3:1: warning: tag 'persistence' is not in the form namespace.name in lower case (letters, digits, '_', '-', '.')");
        assertThat(result.problems()).noneMatch(SigmaProblem::isError);
    }

    @Test
    void problemsPrintAsFileLineColumn() {
        SigmaLoader.Result result = loader.load("""
                title: t
                logsource: {product: test}
                detection:
                    selection:
                        a|bogus: 1
                    condition: selection
                """, "rules/bad.yml");
        assertThat(result.problems()).extracting(SigmaProblem::toString)
                .containsExactly("rules/bad.yml:5:9: 'a|bogus': unknown modifier 'bogus'");
    }

    @Test
    void yamlSyntaxErrorIsLocatedAndEarlierDocumentsLoad() {
        SigmaLoader.Result result = loader.load("""
                title: fine
                logsource: {product: test}
                detection:
                    selection:
                        a: 1
                    condition: selection
                ---
                title: broken
                detection: [unclosed
                """, "broken.yml");
        assertThat(result.rules()).extracting(SigmaRule::title).containsExactly("fine");
        assertThat(result.problems()).hasSize(1);
        assertThat(result.problems().get(0).message()).startsWith("invalid YAML: ");
        assertThat(result.problems().get(0).location().startLine()).isEqualTo(10);
    }

    @Test
    void deepNestingAndAliasBombsAreRefusedNotCrashed() {
        String deep = "title: t\nx: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        SigmaLoader.Result nested = loader.load(deep, "deep.yml");
        assertThat(nested.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).isEqualTo("refused: nesting deeper than 32 levels"));

        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char name = 'b'; name <= 'l'; name++) {
            char previous = (char) (name - 1);
            bomb.append(name).append(": &").append(name).append(" [");
            bomb.append(("*" + previous + ", ").repeat(9)).append('*').append(previous).append("]\n");
        }
        SigmaLoader.Result aliases = loader.load(bomb.toString(), "bomb.yml");
        assertThat(aliases.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).startsWith("refused: more than 100 aliases"));
    }

    @Test
    void conditionNestingAndLengthsAreBounded() {
        String condition = "(".repeat(100) + "selection" + ")".repeat(100);
        SigmaLoader.Result deep = loader.load(rule("a: 1", condition), "deep.yml");
        assertThat(deep.problems()).extracting(SigmaProblem::message)
                .containsExactly("condition '" + condition + "': condition nested deeper than 64 levels at position 65 of the condition");

        SigmaLoader small = new SigmaLoader(SigmaOptions.defaults().withLimits(new SigmaLimits(1024 * 1024, 32, 3, 8, 1000, 4096, 64)));
        assertThat(small.load(rule("a|re: 'abcdefghij'", "selection"), "re.yml").problems()).extracting(SigmaProblem::message)
                .containsExactly("'a|re': regular expression longer than 8 characters");
        assertThat(small.load(rule("a|base64offset|contains: [one, two]", "selection"), "values.yml").problems())
                .extracting(SigmaProblem::message)
                .containsExactly("'a|base64offset|contains': more than 3 values after expansion");
    }

    @Test
    void oversizedBinaryAndInvalidUtf8FilesAreRefused(@TempDir Path directory) throws Exception {
        SigmaLoader small = new SigmaLoader(SigmaOptions.defaults().withLimits(new SigmaLimits(100, 32, 10, 10, 10, 10, 10)));
        Path big = directory.resolve("big.yml");
        Files.writeString(big, "title: " + "x".repeat(200));
        assertThat(small.load(big).problems()).extracting(SigmaProblem::message)
                .containsExactly("file is 207 bytes, more than the limit of 100");

        Path binary = directory.resolve("binary.yml");
        Files.write(binary, new byte[] {'t', 0, 1, 2});
        assertThat(loader.load(binary).problems()).extracting(SigmaProblem::message)
                .containsExactly("binary content (a NUL character): not a YAML rule file");

        Path latin1 = directory.resolve("latin1.yml");
        Files.write(latin1, "title: caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(loader.load(latin1).problems()).extracting(SigmaProblem::message)
                .containsExactly("file is not valid UTF-8 text");
    }

    @Test
    void duplicateRuleIdsAndNamesAreAProblemAndTheFirstRuleIsKept() {
        SigmaLoader.Result result = loader.load("""
                title: first
                id: same
                logsource: {product: test}
                detection: {selection: {a: 1}, condition: selection}
                ---
                title: second
                id: same
                logsource: {product: test}
                detection: {selection: {a: 2}, condition: selection}
                ---
                title: third
                name: twin
                logsource: {product: test}
                detection: {selection: {a: 3}, condition: selection}
                ---
                title: fourth
                name: twin
                logsource: {product: test}
                detection: {selection: {a: 4}, condition: selection}
                """, "dup.yml");
        SigmaEngine.Build build = SigmaEngine.build(result.rules(), List.of());
        assertThat(build.engine().rules()).extracting(SigmaRule::title).containsExactly("first", "third");
        assertThat(build.problems()).extracting(SigmaProblem::toString).containsExactly(
                "dup.yml:6:1: rule id same is already used by the rule at dup.yml:1:1",
                "dup.yml:16:1: rule name twin is already used by the rule at dup.yml:11:1 (names are unique, like ids)");
    }

    private static String rule(String item, String condition) {
        return "title: t\nlogsource: {product: test}\ndetection:\n    selection:\n        " + item + "\n    condition: " + condition + "\n";
    }
}
