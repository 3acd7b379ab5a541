package dev.bulwark.detect.sigma;

import static dev.bulwark.detect.sigma.TestingSigma.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.detect.event.LogEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every modifier, wildcard and escape, null and empty values, keywords, numbers, booleans, arrays,
 * case folding and condition forms: each row is a rule of the resource files, an event, and
 * whether the engine reports the rule for it.
 */
class TestSigmaMatching {
    private static final SigmaEngine ENGINE = engine();

    private static SigmaEngine engine() {
        SigmaLoader loader = new SigmaLoader(SigmaOptions.defaults()
                .withPlaceholders(Map.of("Servers", List.of("srv-*", "db-01"))));
        List<SigmaRule> rules = new ArrayList<>();
        for (String file : List.of("matching.yml", "values.yml", "conditions.yml")) {
            rules.addAll(TestingSigma.loadClean(loader, file).rules());
        }
        SigmaEngine.Build build = SigmaEngine.build(rules, List.of());
        assertThat(build.problems()).isEmpty();
        return build.engine();
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64Utf16le(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_16LE));
    }

    private static Arguments row(String rule, String json, boolean matches) {
        return Arguments.of(rule, json, matches);
    }

    static Stream<Arguments> modifiers() {
        byte[] bom = {(byte) 0xFF, (byte) 0xFE, 'i', 0, 'd', 0};
        return Stream.of(
                row("plain", "{\"user\": \"ADMIN\"}", true),
                row("plain", "{\"user\": \"administrator\"}", false),
                row("plain", "{\"other\": \"admin\"}", false),
                row("contains", "{\"cmd\": \"cmd /c WHOAMI /all\"}", true),
                row("contains", "{\"cmd\": \"who am i\"}", false),
                row("startswith", "{\"path\": \"c:\\\\windows\\\\system32\"}", true),
                row("startswith", "{\"path\": \"D:\\\\Windows\\\\x\"}", false),
                row("endswith", "{\"path\": \"C:\\\\Windows\\\\System32\\\\CMD.EXE\"}", true),
                row("endswith", "{\"path\": \"C:\\\\tools\\\\mycmd.exe\"}", false),
                row("value-list", "{\"action\": \"CreateUser\"}", true),
                row("value-list", "{\"action\": \"deleteuser\"}", true),
                row("value-list", "{\"action\": \"UpdateUser\"}", false),
                row("all", "{\"cmd\": \"powershell -enc x -exec Bypass\"}", true),
                row("all", "{\"cmd\": \"powershell -enc x\"}", false),
                row("exists-true", "{\"token\": null}", true),
                row("exists-true", "{\"token\": \"\"}", true),
                row("exists-true", "{}", false),
                row("exists-false", "{}", true),
                row("exists-false", "{\"token\": null}", false),
                row("cased", "{\"user\": \"Admin\"}", true),
                row("cased", "{\"user\": \"admin\"}", false),
                row("neq", "{\"region\": \"us-east-1\"}", true),
                row("neq", "{\"region\": \"EU-WEST-1\"}", false),
                row("neq", "{\"region\": \"eu-central-1\"}", false),
                row("neq", "{}", false),
                row("neq", "{\"region\": null}", false),
                row("neq-number", "{\"port\": 80}", true),
                row("neq-number", "{\"port\": 443}", false),
                row("neq-number", "{\"port\": \"443\"}", false),
                row("re", "{\"cmd\": \"net user bob /add\"}", true),
                row("re", "{\"cmd\": \"NET user bob /add\"}", false),
                row("re", "{\"cmd\": \"xnet user bob /add\"}", false),
                row("re-i", "{\"cmd\": \"PowerShell.exe -nop\"}", true),
                row("re-i", "{\"cmd\": \"pwsh\"}", false),
                row("re-m", "{\"script\": \"echo hi\\nrm -rf /\\necho bye\"}", true),
                row("re-m", "{\"script\": \"rm -rf /tmp\"}", false),
                row("re-s", "{\"script\": \"begin\\nmiddle\\nend\"}", true),
                row("re-s", "{\"script\": \"begin only\"}", false),
                row("base64", "{\"payload\": \"Y21k\"}", true),
                row("base64", "{\"payload\": \"Y21kZA==\"}", false),
                row("base64offset", "{\"payload\": \"" + b64("Invoke-Expression") + "\"}", true),
                row("base64offset", "{\"payload\": \"" + b64("xInvoke-Expression") + "\"}", true),
                row("base64offset", "{\"payload\": \"" + b64("ab Invoke") + "\"}", true),
                row("base64offset", "{\"payload\": \"" + b64("Invok3-Expression") + "\"}", false),
                row("utf16le", "{\"cmd\": \"powershell -enc " + b64Utf16le("whoami /all") + "\"}", true),
                row("utf16le", "{\"cmd\": \"powershell -enc " + b64Utf16le("x whoami") + "\"}", true),
                row("utf16le", "{\"cmd\": \"powershell -enc " + b64Utf16le("xy whoami;") + "\"}", true),
                row("utf16le", "{\"cmd\": \"powershell -enc " + b64("whoami") + "\"}", false),
                row("wide", "{\"cmd\": \"" + b64Utf16le("id") + "\"}", true),
                row("wide", "{\"cmd\": \"" + b64("id") + "\"}", false),
                row("utf16be", "{\"cmd\": \"" + b64("id".getBytes(StandardCharsets.UTF_16BE)) + "\"}", true),
                row("utf16be", "{\"cmd\": \"" + b64Utf16le("id") + "\"}", false),
                row("utf16", "{\"cmd\": \"" + b64(bom) + "\"}", true),
                row("utf16", "{\"cmd\": \"" + b64Utf16le("id") + "\"}", false),
                row("windash", "{\"cmd\": \"powershell -exec bypass\"}", true),
                row("windash", "{\"cmd\": \"powershell /exec bypass\"}", true),
                row("windash", "{\"cmd\": \"powershell \u2013exec bypass\"}", true),
                row("windash", "{\"cmd\": \"powershell \u2014exec bypass\"}", true),
                row("windash", "{\"cmd\": \"powershell \u2015exec bypass\"}", true),
                row("windash", "{\"cmd\": \"powershell +exec bypass\"}", false),
                row("lt", "{\"size\": 9}", true),
                row("lt", "{\"size\": \"9.5\"}", true),
                row("lt", "{\"size\": 10}", false),
                row("lte", "{\"size\": 10.0}", true),
                row("lte", "{\"size\": 11}", false),
                row("gt", "{\"size\": 11}", true),
                row("gt", "{\"size\": 10.5}", false),
                row("gt", "{\"size\": \"big\"}", false),
                row("gte", "{\"size\": 10}", true),
                row("gte", "{\"size\": 9}", false),
                row("hour", "{\"time\": \"2026-03-01T03:15:00Z\"}", true),
                row("hour", "{\"time\": \"2026-03-01 03:00:00\"}", true),
                row("hour", "{\"time\": \"2026-03-01T03:15:00+05:00\"}", true),
                row("hour", "{\"time\": \"2026-03-01T04:15:00Z\"}", false),
                row("hour", "{\"time\": \"yesterday\"}", false),
                row("hour-gte", "{\"time\": \"2026-03-01T23:10:00Z\"}", true),
                row("hour-gte", "{\"time\": \"2026-03-01T21:59:00Z\"}", false),
                row("minute", "{\"time\": \"2026-03-01T03:30:59Z\"}", true),
                row("minute", "{\"time\": \"2026-03-01T03:31:00Z\"}", false),
                row("day", "{\"time\": \"2026-12-25\"}", true),
                row("day", "{\"time\": \"2026-12-24T10:00:00Z\"}", false),
                row("week", "{\"time\": \"2026-01-01T00:00:00Z\"}", true),
                row("week", "{\"time\": \"2026-01-12\"}", false),
                row("month", "{\"time\": \"2026-12-01T00:00:00Z\"}", true),
                row("month", "{\"time\": \"2026-11-30T23:59:59Z\"}", false),
                row("year", "{\"time\": \"2026-06-01T00:00:00Z\"}", true),
                row("year", "{\"time\": \"2025-06-01T00:00:00Z\"}", false),
                row("cidr4", "{\"ip\": \"10.1.2.3\"}", true),
                row("cidr4", "{\"ip\": \"::ffff:10.1.2.3\"}", true),
                row("cidr4", "{\"ip\": \"11.0.0.1\"}", false),
                row("cidr4", "{\"ip\": \"not-an-ip\"}", false),
                row("cidr6", "{\"ip\": \"2001:DB8:0:1::5\"}", true),
                row("cidr6", "{\"ip\": \"2001:db9::1\"}", false),
                row("cidr6", "{\"ip\": \"10.1.2.3\"}", false),
                row("cidr-odd", "{\"ip\": \"192.168.7.255\"}", true),
                row("cidr-odd", "{\"ip\": \"192.168.8.0\"}", false),
                row("expand", "{\"host\": \"SRV-web1\"}", true),
                row("expand", "{\"host\": \"db-01\"}", true),
                row("expand", "{\"host\": \"db-02\"}", false),
                row("expand-mixed", "{\"note\": \"%off on db-01\"}", true),
                row("expand-mixed", "{\"note\": \"off on db-01\"}", false),
                row("percent-literal", "{\"note\": \"%Servers%\"}", true),
                row("percent-literal", "{\"note\": \"db-01\"}", false),
                row("fieldref", "{\"actor\": \"Bob\", \"target\": \"bob\"}", true),
                row("fieldref", "{\"actor\": \"bob\", \"target\": \"alice\"}", false),
                row("fieldref", "{\"actor\": \"bob\"}", false),
                row("fieldref-neq", "{\"actor\": \"bob\", \"target\": \"alice\"}", true),
                row("fieldref-neq", "{\"actor\": \"bob\", \"target\": \"BOB\"}", false),
                row("fieldref-neq", "{\"actor\": \"bob\"}", false),
                row("fieldref-contains", "{\"path\": \"/home/bob/.ssh\", \"user\": \"bob\"}", true),
                row("fieldref-contains", "{\"path\": \"/home/alice\", \"user\": \"bob\"}", false),
                row("fieldref-cased", "{\"actor\": \"bob\", \"target\": \"bob\"}", true),
                row("fieldref-cased", "{\"actor\": \"Bob\", \"target\": \"bob\"}", false));
    }

    static Stream<Arguments> values() {
        return Stream.of(
                row("star", "{\"file\": \"EVIL_tool.exe\"}", true),
                row("star", "{\"file\": \"evil.exe\"}", true),
                row("star", "{\"file\": \"evil.exe.txt\"}", false),
                row("question", "{\"file\": \"progA.exe\"}", true),
                row("question", "{\"file\": \"prog\u00e9.exe\"}", true),
                row("question", "{\"file\": \"prog\ud83d\ude00.exe\"}", true),
                row("question", "{\"file\": \"prog.exe\"}", false),
                row("question", "{\"file\": \"progAB.exe\"}", false),
                row("escaped-star", "{\"file\": \"a*b\"}", true),
                row("escaped-star", "{\"file\": \"axb\"}", false),
                row("escaped-question", "{\"file\": \"what?\"}", true),
                row("escaped-question", "{\"file\": \"whatx\"}", false),
                row("plain-backslash", "{\"path\": \"C:\\\\Windows\"}", true),
                row("double-backslash", "{\"path\": \"C:\\\\Windows\"}", true),
                row("double-backslash", "{\"path\": \"C:\\\\\\\\Windows\"}", false),
                row("backslash-wildcard", "{\"path\": \"C:\\\\anything\"}", true),
                row("backslash-wildcard", "{\"path\": \"C:x\"}", false),
                row("backslash-star", "{\"path\": \"C:\\\\*\"}", true),
                row("backslash-star", "{\"path\": \"C:\\\\x\"}", false),
                row("four-backslashes", "{\"path\": \"\\\\\\\\server\"}", true),
                row("four-backslashes", "{\"path\": \"\\\\server\"}", false),
                row("null-value", "{\"mfa\": null}", true),
                row("null-value", "{}", true),
                row("null-value", "{\"mfa\": \"\"}", false),
                row("null-value", "{\"mfa\": \"totp\"}", false),
                row("null-or-value", "{}", true),
                row("null-or-value", "{\"mfa\": \"none\"}", true),
                row("null-or-value", "{\"mfa\": \"totp\"}", false),
                row("empty", "{\"mfa\": \"\"}", true),
                row("empty", "{}", false),
                row("empty", "{\"mfa\": null}", false),
                row("empty", "{\"mfa\": \"totp\"}", false),
                row("keywords", "{\"msg\": \"running Mimikatz now\"}", true),
                row("keywords", "{\"a\": {\"b\": [\"x\", \"sekurlsa::logonpasswords\"]}}", true),
                row("keywords", "{\"msg\": \"clean\", \"mimikatz\": 1}", false),
                row("keywords-all", "{\"cmd\": \"Set-Mailbox -Identity x -ForwardTo y\"}", true),
                row("keywords-all", "{\"a\": \"set-mailbox\", \"b\": \"x -forwardto y\"}", true),
                row("keywords-all", "{\"cmd\": \"Set-Mailbox -Identity x\"}", false),
                row("number", "{\"code\": 42}", true),
                row("number", "{\"code\": \"42\"}", true),
                row("number", "{\"code\": 42.0}", true),
                row("number", "{\"code\": \"42.00\"}", true),
                row("number", "{\"code\": 43}", false),
                row("number", "{\"code\": \"42a\"}", false),
                row("number-string", "{\"code\": 42}", true),
                row("number-string", "{\"code\": 42.0}", true),
                row("number-string", "{\"code\": \"42\"}", true),
                row("number-string", "{\"code\": 4}", false),
                row("number-spaced", "{\"code\": 42}", true),
                row("number-spaced", "{\"code\": \" 42\"}", true),
                row("number-spaced", "{\"code\": \"42\"}", true),
                row("float", "{\"ratio\": 0.50}", true),
                row("float", "{\"ratio\": \"0.5\"}", true),
                row("float", "{\"ratio\": 0.51}", false),
                row("boolean", "{\"admin\": true}", true),
                row("boolean", "{\"admin\": \"TRUE\"}", true),
                row("boolean", "{\"admin\": false}", false),
                row("boolean", "{\"admin\": 1}", false),
                row("boolean-string", "{\"admin\": true}", true),
                row("boolean-string", "{\"admin\": \"false\"}", false),
                row("dotted", "{\"userIdentity\": {\"type\": \"Root\"}}", true),
                row("dotted", "{\"userIdentity.type\": \"root\"}", true),
                row("dotted", "{\"userIdentity\": {\"type\": \"IAMUser\"}}", false),
                row("plain", "{\"user\": [\"guest\", \"admin\"]}", true),
                row("plain", "{\"user\": [\"guest\", [\"nested\", \"ADMIN\"]]}", true),
                row("plain", "{\"user\": [\"guest\"]}", false),
                row("plain", "{\"user\": {\"name\": \"admin\"}}", false),
                row("sharp-s", "{\"city\": \"STRASSE 5\"}", true),
                row("sharp-s", "{\"city\": \"Hauptstra\u00dfe\"}", true),
                row("sharp-s", "{\"city\": \"HAUPTSTRA\u1e9eE\"}", true),
                row("sharp-s", "{\"city\": \"strase\"}", false),
                row("sigma", "{\"word\": \"\u03bf\u03b4\u03bf\u03c2\"}", true),
                row("sigma", "{\"word\": \"\u03bf\u03b4\u03bf\u03c3\"}", true),
                row("sigma", "{\"word\": \"\u03bf\u03b4\u03bf\"}", false),
                row("turkish", "{\"user\": \"ADM\u0130N\"}", true),
                row("turkish", "{\"user\": \"adm\u0131n\"}", true),
                row("turkish", "{\"user\": \"ADMIN\"}", true),
                row("turkish", "{\"user\": \"adman\"}", false),
                row("map-and", "{\"action\": \"login\", \"result\": \"failure\"}", true),
                row("map-and", "{\"action\": \"login\", \"result\": \"success\"}", false),
                row("list-of-maps", "{\"action\": \"sudo\", \"result\": \"success\"}", true),
                row("list-of-maps", "{\"action\": \"login\", \"result\": \"failure\"}", true),
                row("list-of-maps", "{\"action\": \"login\", \"result\": \"success\"}", false));
    }

    static Stream<Arguments> conditions() {
        return Stream.of(
                row("precedence", "{\"a\": 1, \"c\": 1}", true),
                row("precedence", "{\"b\": 1, \"c\": 1}", false),
                row("precedence", "{\"b\": 1}", true),
                row("parentheses", "{\"a\": 1, \"c\": 1}", false),
                row("parentheses", "{\"a\": 1}", true),
                row("one-of", "{\"b\": 1}", true),
                row("one-of", "{\"c\": 1}", false),
                row("all-of", "{\"a\": 1, \"b\": 1}", true),
                row("all-of", "{\"a\": 1, \"b\": 1, \"c\": 1}", false),
                row("all-of", "{\"a\": 1}", false),
                row("one-of-them", "{\"a\": 1}", true),
                row("one-of-them", "{\"c\": 1}", false),
                row("all-of-them", "{\"a\": 1, \"b\": 1}", true),
                row("all-of-them", "{\"a\": 1}", false),
                row("not-one-of", "{\"a\": 1}", true),
                row("not-one-of", "{\"a\": 1, \"c\": 1}", false),
                row("condition-list", "{\"b\": 1}", true),
                row("condition-list", "{\"c\": 1}", false),
                row("upper-keywords", "{\"a\": 1}", true),
                row("upper-keywords", "{\"a\": 1, \"b\": 1}", false),
                row("any-of", "{\"b\": 1}", true),
                row("any-of", "{}", false),
                row("not-not", "{\"a\": 1}", true),
                row("not-not", "{\"a\": 1, \"b\": 1}", false),
                row("not-not", "{\"b\": 1}", false));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource({"modifiers", "values", "conditions"})
    void theIndexNeverChangesWhatMatches(String rule, String json, boolean expected) {
        LogEvent event = event(json);
        List<String> everyRule = new ArrayList<>();
        for (SigmaRule candidate : ENGINE.rules()) {
            if (candidate.logsource().covers(event.source()) && candidate.detection().matches(event)) {
                everyRule.add(candidate.reference());
            }
        }
        List<String> indexed = ENGINE.evaluate(event).stream().map(match -> match.rule().reference()).toList();
        assertThat(indexed).isEqualTo(everyRule);
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @MethodSource({"modifiers", "values", "conditions"})
    void ruleMatchesExactlyTheEventsItShould(String rule, String json, boolean expected) {
        List<String> matched = ENGINE.evaluate(event(json)).stream()
                .map(match -> match.id().orElseThrow())
                .toList();
        if (expected) {
            assertThat(matched).contains(rule);
        } else {
            assertThat(matched).doesNotContain(rule);
        }
    }
}
