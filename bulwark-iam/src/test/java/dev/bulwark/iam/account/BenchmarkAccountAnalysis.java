package dev.bulwark.iam.account;

import java.util.Locale;

/**
 * Times the account analysis over a generated corpus: reading, then analyzing. Not a unit test
 * (Surefire runs only {@code Test*}); run it after {@code ./mvnw -q -B -o install -DskipTests} with
 * <pre>
 * java -cp bulwark-cli/target/bulwark.jar:bulwark-iam/target/test-classes \
 *     dev.bulwark.iam.account.BenchmarkAccountAnalysis 5000 10000 3
 * </pre>
 * (principals, policies, measured runs after one warm-up).
 */
public final class BenchmarkAccountAnalysis {
    private BenchmarkAccountAnalysis() {}

    public static void main(String[] args) {
        int principals = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int policies = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        long generateStart = System.nanoTime();
        String json = AccountCorpus.generate(principals, policies, 42);
        System.out.printf(Locale.ROOT, "corpus: %d principals, %d policies, %.1f MB, generated in %.2f s%n", principals, policies,
                json.length() / 1e6, (System.nanoTime() - generateStart) / 1e9);
        AccountAnalyzer analyzer = AccountAnalyzer.standard();
        for (int run = 0; run <= runs; run++) {
            long start = System.nanoTime();
            AccountExport export = new AccountExportReader().read(json, "corpus.json");
            long read = System.nanoTime();
            AccountAnalysis analysis = analyzer.analyze(export, AnalysisOptions.defaults());
            long done = System.nanoTime();
            System.out.printf(Locale.ROOT, "%s: read %.2f s, analyze %.2f s, total %.2f s; %d principals analyzed, %d findings, %d "
                            + "evaluations, %d warnings, %d threads%n", run == 0 ? "warm-up" : "run " + run, (read - start) / 1e9,
                    (done - read) / 1e9, (done - start) / 1e9, analysis.principalsAnalyzed(), analysis.findings().size(),
                    analysis.evaluations(), export.warnings().size(), AnalysisOptions.defaults().threads());
        }
    }
}
