package dev.bulwark.iam.account;

import dev.bulwark.core.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TestAccountScratch {
    @Test
    void print() throws Exception {
        for (String name : new String[] {"cli-export.json", "api-export.json", "truncated-export.json", "malformed-export.json"}) {
            String text = Files.readString(Path.of("src/test/resources/account/" + name));
            AccountExport export = new AccountExportReader().read(text, name);
            System.out.println("== " + name + " principals=" + export.principals().stream().map(IamPrincipal::display).toList());
            export.warnings().forEach(w -> System.out.println("WARN " + w));
            AccountAnalysis analysis = AccountAnalyzer.standard().analyze(export, AnalysisOptions.defaults());
            for (Finding f : analysis.findings()) {
                System.out.println(f.ruleId() + " L" + f.location().startLine() + " " + f.message());
            }
        }
    }
}
