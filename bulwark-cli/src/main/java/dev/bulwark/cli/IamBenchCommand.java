package dev.bulwark.cli;

import dev.bulwark.core.BulwarkException;
import dev.bulwark.iam.account.AccountAnalysis;
import dev.bulwark.iam.account.AccountAnalyzer;
import dev.bulwark.iam.account.AccountCorpus;
import dev.bulwark.iam.account.AccountExport;
import dev.bulwark.iam.account.AccountExportReader;
import dev.bulwark.iam.account.AnalysisOptions;
import dev.bulwark.iam.policy.AuthorizationRequest;
import dev.bulwark.iam.policy.Decision;
import dev.bulwark.iam.policy.Policy;
import dev.bulwark.iam.policy.PolicyEvaluator;
import dev.bulwark.iam.policy.PolicyKind;
import dev.bulwark.iam.policy.PolicyParser;
import dev.bulwark.iam.policy.PolicySet;
import dev.bulwark.iam.policy.RequestContext;
import dev.bulwark.iam.policy.RequestPrincipal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bulwark iam bench}: evaluations per second of the IAM policy evaluator on generated
 * requests, single-threaded and on every worker thread. A "simple" evaluation is one request
 * against a principal's identity policies (three policies of two to four statements, with
 * wildcards, a NotAction, a Deny and conditions), as account analysis issues them by the million.
 * Then the time to read and analyze a generated account export ({@link AccountCorpus}) of
 * {@code --principals} users and roles and {@code --policies} managed policies.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark the IAM engine: evaluations per second on generated requests, then the time to analyze a generated "
                + "account export."})
final class IamBenchCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Option(names = "--evaluations", paramLabel = "N", description = "Evaluations per measured run. Default: 5000000.")
    long evaluations = 5_000_000;

    @Option(names = "--iterations", paramLabel = "N", description = "Measured runs after one warm-up run. Default: 3.")
    int iterations = 3;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads for the parallel runs. Default: the number of processors.")
    Integer threads;

    @Option(names = "--principals", paramLabel = "N",
            description = "Users and roles in the generated account export; 0 skips the account analysis. Default: 5000.")
    int principals = 5_000;

    @Option(names = "--policies", paramLabel = "N", description = "Customer managed policies in the generated account export. Default: 10000.")
    int policies = 10_000;

    IamBenchCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    /** One prepared evaluation. */
    private record Case(AuthorizationRequest request, PolicySet policies) {}

    @Override
    public Integer call() throws Exception {
        if (evaluations < 1 || iterations < 1) {
            throw BulwarkException.userError("--evaluations and --iterations must be >= 1");
        }
        if (principals < 0 || policies < 0 || principals > 1_000_000 || policies > 1_000_000) {
            throw BulwarkException.userError("--principals and --policies must be between 0 and 1000000");
        }
        int threadCount = WorkerThreads.of(threads);
        List<Case> cases = cases(new Random(42), 1024);
        PolicyEvaluator evaluator = new PolicyEvaluator();
        Map<Decision, Integer> decisions = new EnumMap<>(Decision.class);
        for (Case prepared : cases) {
            decisions.merge(evaluator.evaluate(prepared.request(), prepared.policies()).decision(), 1, Integer::sum);
        }
        terminal.out().printf(Locale.ROOT, "corpus: %d requests over %d principals; decisions %s%n", cases.size(), cases.size() / 8,
                decisions);
        for (int run = 0; run <= iterations; run++) {
            long start = System.nanoTime();
            long allowed = evaluate(evaluator, cases, evaluations, 0);
            double seconds = (System.nanoTime() - start) / 1e9;
            terminal.out().printf(Locale.ROOT, "%s 1 thread:  %,.0f evaluations/s (%.2f s, %d allowed)%n",
                    run == 0 ? "warm-up" : "run " + run + "  ", evaluations / seconds, seconds, allowed);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threadCount);
        try {
            for (int run = 0; run <= iterations; run++) {
                long perThread = Math.max(1, evaluations / threadCount);
                long start = System.nanoTime();
                List<Future<Long>> parts = new ArrayList<>();
                for (int t = 0; t < threadCount; t++) {
                    int offset = t * 97;
                    parts.add(pool.submit(() -> evaluate(evaluator, cases, perThread, offset)));
                }
                long allowed = 0;
                for (Future<Long> part : parts) {
                    allowed += part.get();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                terminal.out().printf(Locale.ROOT, "%s %d threads: %,.0f evaluations/s (%.2f s, %d allowed)%n",
                        run == 0 ? "warm-up" : "run " + run + "  ", threadCount, perThread * threadCount / seconds, seconds, allowed);
            }
        } finally {
            pool.shutdownNow();
        }
        if (principals > 0) {
            analyzeAccount(threadCount);
        }
        return ExitCode.OK;
    }

    /** Reading and analyzing a generated export, the way {@code bulwark iam analyze} does. */
    private void analyzeAccount(int threadCount) {
        long generateStart = System.nanoTime();
        String json = AccountCorpus.generate(principals, policies, 42);
        terminal.out().printf(Locale.ROOT, "account export: %d principals, %d managed policies, %.1f MB (generated in %.2f s)%n",
                principals, policies, json.length() / 1e6, (System.nanoTime() - generateStart) / 1e9);
        AccountAnalyzer analyzer = AccountAnalyzer.standard();
        AnalysisOptions options = new AnalysisOptions(List.of(), List.of(), true, threadCount);
        for (int run = 0; run <= iterations; run++) {
            long start = System.nanoTime();
            AccountExport export = new AccountExportReader().read(json, "corpus.json");
            long read = System.nanoTime();
            AccountAnalysis analysis = analyzer.analyze(export, options);
            long done = System.nanoTime();
            terminal.out().printf(Locale.ROOT, "%s account: %.2f s (read %.2f s, analyze %.2f s; %d threads, %,d evaluations, %d findings)%n",
                    run == 0 ? "warm-up" : "run " + run + "  ", (done - start) / 1e9, (read - start) / 1e9, (done - read) / 1e9,
                    threadCount, analysis.evaluations(), analysis.findings().size());
        }
    }

    private static long evaluate(PolicyEvaluator evaluator, List<Case> cases, long count, int offset) {
        long allowed = 0;
        int size = cases.size();
        for (long i = 0; i < count; i++) {
            Case prepared = cases.get((int) ((i + offset) % size));
            if (evaluator.evaluate(prepared.request(), prepared.policies()).allowed()) {
                allowed++;
            }
        }
        return allowed;
    }

    private static final String[] SERVICES = {"s3", "dynamodb", "sqs", "lambda", "ec2", "kms", "logs", "sns"};
    private static final String[] VERBS = {"Get", "Put", "List", "Describe", "Delete", "Create", "Update"};

    /** Requests against generated principals: eight requests per principal, each with its three identity policies. */
    private static List<Case> cases(Random random, int count) {
        PolicyParser parser = new PolicyParser();
        List<Case> cases = new ArrayList<>(count);
        for (int principal = 0; cases.size() < count; principal++) {
            String team = "team" + (principal % 17);
            List<Policy> policies = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                String document = policy(random, team, p);
                PolicyParser.Parsed parsed = parser.parse(document, team + "-policy-" + p, PolicyKind.IDENTITY);
                if (parsed.hasErrors()) {
                    throw new IllegalStateException("generated policy does not parse: " + parsed.issues() + "\n" + document);
                }
                policies.add(parsed.policy().orElseThrow());
            }
            PolicySet set = PolicySet.builder().identity(policies).build();
            RequestPrincipal who = RequestPrincipal.roleSession("arn:aws:iam::111122223333:role/" + team + "-app-" + principal,
                    "bench");
            for (int r = 0; r < 8 && cases.size() < count; r++) {
                String service = SERVICES[random.nextInt(SERVICES.length)];
                String action = service + ":" + VERBS[random.nextInt(VERBS.length)] + "Item" + (random.nextInt(3) == 0 ? "s" : "");
                String resource = "arn:aws:" + service + ":eu-west-1:111122223333:" + (random.nextBoolean() ? team : "shared")
                        + "/item-" + random.nextInt(100);
                RequestContext context = RequestContext.of(Map.of(
                        "aws:SourceIp", List.of(random.nextBoolean() ? "10.1.2.3" : "198.51.100.7"),
                        "aws:RequestedRegion", List.of(random.nextBoolean() ? "eu-west-1" : "us-east-1"),
                        "aws:PrincipalTag/team", List.of(team)));
                cases.add(new Case(new AuthorizationRequest(who, action, resource, "", context), set));
            }
        }
        return cases;
    }

    private static String policy(Random random, String team, int index) {
        String service = SERVICES[random.nextInt(SERVICES.length)];
        return switch (index) {
            case 0 -> """
                    {"Version": "2012-10-17", "Statement": [
                      {"Sid": "TeamData", "Effect": "Allow", "Action": ["%1$s:Get*", "%1$s:List*", "%1$s:PutItem"],
                       "Resource": "arn:aws:%1$s:*:111122223333:%2$s/*"},
                      {"Sid": "Shared", "Effect": "Allow", "Action": ["ec2:Describe*", "%1$s:Describe*"], "Resource": "*"}]}
                    """.formatted(service, team);
            case 1 -> """
                    {"Version": "2012-10-17", "Statement": [
                      {"Sid": "FromOffice", "Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*",
                       "Condition": {"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "2001:db8::/32"]},
                                     "StringEquals": {"aws:RequestedRegion": "eu-west-1"}}},
                      {"Sid": "OwnTag", "Effect": "Allow", "Action": "%1$s:*",
                       "Resource": "arn:aws:%1$s:*:111122223333:${aws:PrincipalTag/team}/*"}]}
                    """.formatted(service);
            default -> """
                    {"Version": "2012-10-17", "Statement": [
                      {"Sid": "NoDeletes", "Effect": "Deny", "Action": ["%1$s:Delete*", "%1$s:Update*"], "Resource": "*"},
                      {"Sid": "NoUnencrypted", "Effect": "Deny", "Action": "s3:PutItem", "Resource": "*",
                       "Condition": {"StringNotEqualsIfExists": {"s3:x-amz-server-side-encryption": "aws:kms"}}},
                      {"Sid": "Logs", "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                       "Resource": "arn:aws:logs:*:111122223333:log-group:/app/%2$s*"}]}
                    """.formatted(service, team);
        };
    }
}
