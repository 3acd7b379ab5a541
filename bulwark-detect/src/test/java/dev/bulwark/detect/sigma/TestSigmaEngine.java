package dev.bulwark.detect.sigma;

import static dev.bulwark.detect.sigma.TestingSigma.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.detect.event.LogEvent;
import dev.bulwark.detect.event.LogSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The engine: the rule index, log source coverage, filters, and matches carrying rule and event. */
class TestSigmaEngine {
    private final SigmaLoader loader = new SigmaLoader(SigmaOptions.defaults());
    private final List<SigmaRule> rules = TestingSigma.loadClean(loader, "cloudtrail.yml").rules();
    private final SigmaEngine engine = SigmaEngine.build(rules, List.of()).engine();

    private static LogEvent cloudtrail(String json) {
        return event(json, LogSource.CLOUDTRAIL);
    }

    private static List<String> ids(List<Match> matches) {
        return matches.stream().map(match -> match.id().orElseThrow()).toList();
    }

    @Test
    void severalRulesInOneFileLoadInOrder() {
        assertThat(rules).extracting(SigmaRule::reference).containsExactly(
                "ct-create-user", "ct-credentials", "ct-stop-logging", "ct-root", "ct-honeytoken", "k8s-secret-read");
    }

    @Test
    void rulesAreIndexedByTheLiteralValuesTheyRequire() {
        assertThat(engine.indexedFields()).containsExactly("eventName", "objectRef.resource", "userIdentity.type");
    }

    @Test
    void anEventIsTestedOnlyAgainstCandidateRules() {
        SigmaEngine.Evaluation createUser = engine.evaluateWithStatistics(
                cloudtrail("{\"eventSource\": \"iam.amazonaws.com\", \"eventName\": \"CreateUser\"}"));
        assertThat(ids(createUser.matches())).containsExactly("ct-create-user");
        assertThat(createUser.rulesEvaluated())
                .as("ct-create-user and the two rules without a required value (contains, keywords)")
                .isEqualTo(3);

        SigmaEngine.Evaluation unrelated = engine.evaluateWithStatistics(cloudtrail("{\"eventName\": \"GetObject\"}"));
        assertThat(unrelated.matches()).isEmpty();
        assertThat(unrelated.rulesEvaluated()).isEqualTo(2);

        SigmaEngine.Evaluation orOfValues = engine.evaluateWithStatistics(cloudtrail("{\"eventName\": \"updateLOGINprofile\"}"));
        assertThat(ids(orOfValues.matches())).containsExactly("ct-credentials");
        assertThat(orOfValues.rulesEvaluated()).isEqualTo(3);

        SigmaEngine.Evaluation kubernetes = engine.evaluateWithStatistics(event(
                "{\"verb\": \"get\", \"objectRef\": {\"resource\": \"secrets\"}}", LogSource.KUBERNETES_AUDIT));
        assertThat(ids(kubernetes.matches())).containsExactly("k8s-secret-read");
        assertThat(kubernetes.rulesEvaluated()).as("CloudTrail rules never see a Kubernetes event").isEqualTo(1);
    }

    @Test
    void theIndexNeverChangesWhatMatches() {
        List<String> events = List.of(
                "{\"eventSource\": \"iam.amazonaws.com\", \"eventName\": \"CreateUser\"}",
                "{\"eventSource\": \"iam.amazonaws.com\", \"eventName\": [\"x\", \"createuser\"]}",
                "{\"eventName\": \"CreateAccessKey\", \"note\": \"AKIAHONEYTOKEN used\"}",
                "{\"eventName\": \"StopLoggingNow\"}",
                "{\"userIdentity\": {\"type\": \"Root\"}, \"eventType\": \"AwsApiCall\"}",
                "{\"userIdentity\": {\"type\": \"Root\"}, \"eventType\": \"AwsServiceEvent\"}",
                "{\"userIdentity\": {\"type\": 7}}",
                "{}");
        for (String json : events) {
            LogEvent event = cloudtrail(json);
            List<String> everyRule = new ArrayList<>();
            for (SigmaRule rule : rules) {
                if (rule.logsource().covers(event.source()) && rule.detection().matches(event)) {
                    everyRule.add(rule.reference());
                }
            }
            assertThat(ids(engine.evaluate(event))).as(json).isEqualTo(everyRule);
        }
        assertThat(ids(engine.evaluate(cloudtrail(events.get(2))))).containsExactly("ct-credentials", "ct-honeytoken");
    }

    @Test
    void rulesSeeOnlyEventsOfTheLogSourceTheyCover() {
        String json = "{\"eventSource\": \"iam.amazonaws.com\", \"eventName\": \"CreateUser\"}";
        assertThat(engine.evaluate(event(json, LogSource.KUBERNETES_AUDIT))).isEmpty();
        assertThat(engine.evaluate(event(json, LogSource.of("aws", null, null)))).as("the event lacks the rule's service").isEmpty();
        assertThat(ids(engine.evaluate(event(json, LogSource.of("aws", "cloudtrail", "management"))))).containsExactly("ct-create-user");
    }

    @Test
    void aMatchCarriesTheRuleAndTheEvent() {
        LogEvent event = cloudtrail("{\"eventSource\": \"iam.amazonaws.com\", \"eventName\": \"CreateUser\"}");
        Match match = engine.evaluate(event).get(0);
        assertThat(match.id()).contains("ct-create-user");
        assertThat(match.title()).isEqualTo("IAM user created");
        assertThat(match.level()).contains("medium");
        assertThat(match.tags()).containsExactly("attack.persistence", "attack.t1136.003");
        assertThat(match.event()).isSameAs(event);
    }

    @Test
    void filtersAreAndedToTheRulesTheyNameAndMisfitsAreReported() {
        SigmaLoader.Result filters = loader.load(TestingSigma.resource("filters.yml"), "filters.yml");
        assertThat(filters.problems()).isEmpty();
        SigmaEngine.Build build = SigmaEngine.build(rules, filters.filters());
        assertThat(build.problems()).extracting(SigmaProblem::toString).containsExactly(
                "filters.yml:11:1: filter 'Filter naming a rule that is not loaded' names rule 'no-such-rule', which is not loaded",
                "filters.yml:20:1: filter 'Filter whose log source does not cover the rule' (logsource kubernetes/) does not cover"
                        + " the logsource aws/cloudtrail of rule 'ct-root'");
        SigmaEngine filtered = build.engine();
        String automation = "{\"eventSource\": \"iam.amazonaws.com\", \"eventName\": \"CreateUser\","
                + " \"userIdentity\": {\"arn\": \"arn:aws:sts::1:assumed-role/x/arn:aws:iam::1:role/breakglass-automation\"}}";
        String person = "{\"eventSource\": \"iam.amazonaws.com\", \"eventName\": \"CreateUser\","
                + " \"userIdentity\": {\"arn\": \"arn:aws:iam::1:user/mallory\"}}";
        assertThat(filtered.evaluate(cloudtrail(automation))).isEmpty();
        assertThat(ids(filtered.evaluate(cloudtrail(person)))).containsExactly("ct-create-user");
        assertThat(ids(engine.evaluate(cloudtrail(automation)))).as("unfiltered engine").containsExactly("ct-create-user");
        assertThat(filtered.indexedFields()).as("a filter keeps the rule's index bucket").contains("eventName");
    }

    @Test
    void everyAttributeOfARuleIsKept() {
        SigmaRule rule = TestingSigma.loadClean(loader, "metadata.yml").rules().get(0);
        assertThat(rule.title()).isEqualTo("Full metadata");
        assertThat(rule.id()).contains("5f1e1c1e-0000-4000-8000-000000000001");
        assertThat(rule.name()).contains("full_metadata");
        assertThat(rule.status()).contains("experimental");
        assertThat(rule.description()).contains("Every attribute of the specification, and a custom one.");
        assertThat(rule.references()).containsExactly("https://example.org/one");
        assertThat(rule.author()).contains("Bulwark tests");
        assertThat(rule.date()).contains("2026-01-02");
        assertThat(rule.modified()).contains("2026-02-03");
        assertThat(rule.tags()).containsExactly("attack.t1078", "cve.2026-0001");
        assertThat(rule.level()).contains("low");
        assertThat(rule.logsource()).isEqualTo(LogSource.CLOUDTRAIL);
        assertThat(rule.logsourceAttributes()).isEqualTo(java.util.Map.of("definition", "management events"));
        assertThat(rule.falsepositives()).containsExactly("Monitoring tools");
        assertThat(rule.fields()).containsExactly("sourceIPAddress");
        assertThat(rule.related()).containsExactly(new SigmaRule.Related("5f1e1c1e-0000-4000-8000-000000000002", "derived"));
        assertThat(rule.custom()).containsOnlyKeys("license", "x_team");
        assertThat(rule.custom().get("x_team")).isEqualTo(java.util.Map.of("owner", "detection-engineering", "reviewed", true));
        assertThat(rule.location().toString()).isEqualTo("metadata.yml:1:1");
        assertThat(rule.detection().identifiers()).containsExactly("selection");
        assertThat(rule.detection().matches(cloudtrail("{\"eventName\": \"GetCallerIdentity\"}"))).isTrue();
        assertThat(Optional.of(rule.reference())).contains("5f1e1c1e-0000-4000-8000-000000000001");
    }

    @Test
    void ruleCollectionsInheritGlobalPartsRepeatAndReset() {
        SigmaLoader.Result result = loader.load(TestingSigma.resource("collection.yml"), "collection.yml");
        assertThat(result.rules()).extracting(SigmaRule::reference).containsExactly("col-policy", "col-policy-deleted", "col-plain");
        assertThat(result.problems()).extracting(SigmaProblem::toString)
                .containsExactly("collection.yml:35:1: the rule has no logsource");
        SigmaRule policy = result.rules().get(0);
        assertThat(policy.author()).contains("Bulwark tests");
        assertThat(policy.level()).contains("high");
        assertThat(policy.location().startLine()).as("the rule's own document").isEqualTo(12);
        assertThat(policy.detection().identifiers()).containsExactly("selection", "change");
        SigmaEngine collected = SigmaEngine.build(result.rules(), List.of()).engine();
        assertThat(ids(collected.evaluate(cloudtrail("{\"eventSource\": \"s3.amazonaws.com\", \"eventName\": \"PutBucketPolicy\"}"))))
                .containsExactly("col-policy");
        assertThat(ids(collected.evaluate(cloudtrail("{\"eventSource\": \"s3.amazonaws.com\", \"eventName\": \"DeleteBucketPolicy\"}"))))
                .containsExactly("col-policy-deleted");
        assertThat(collected.evaluate(cloudtrail("{\"eventSource\": \"ec2.amazonaws.com\", \"eventName\": \"PutBucketPolicy\"}"))).isEmpty();
        assertThat(result.rules().get(2).author()).as("reset drops the global part").isEmpty();
    }
}
