package dev.bulwark.iam.account;

import dev.bulwark.core.EvidenceStep;
import dev.bulwark.core.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TestAccountScratch {
    @Test
    void print() throws Exception {
        String text = Files.readString(Path.of("../examples/iam/auth-details.json"));
        AccountExport export = new AccountExportReader().read(text, "auth-details.json");
        export.warnings().forEach(w -> System.out.println("WARN " + w));
        AccountAnalysis analysis = AccountAnalyzer.standard().analyze(export, AnalysisOptions.defaults());
        for (Finding f : analysis.findings()) {
            System.out.println(f.ruleId() + " " + f.severity() + " L" + f.location().startLine() + " " + f.resource().address() + " [" + f.path() + "]\n   " + f.message());
            for (EvidenceStep s : f.evidence()) System.out.println("     - " + s.subject() + " | " + s.action() + " | " + s.source());
        }
        System.out.println("evaluations " + analysis.evaluations());
    }
}
