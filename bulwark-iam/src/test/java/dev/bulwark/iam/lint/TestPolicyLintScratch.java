package dev.bulwark.iam.lint;

import dev.bulwark.iam.catalog.IamCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TestPolicyLintScratch {
    @Test
    void print() throws Exception {
        PolicyLinter linter = new PolicyLinter(IamCatalog.bundled());
        for (Path file : Files.list(Path.of("/tmp/lintscratch")).sorted().toList()) {
            PolicyLint lint = linter.lint(Files.readString(file), file.toString(), (PolicyTarget) null);
            System.out.println("== " + file + " as " + lint.target() + (lint.inferred() ? " (inferred)" : ""));
            lint.issues().forEach(issue -> System.out.println(issue));
        }
    }
}
