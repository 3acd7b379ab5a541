package dev.bulwark.report;

import dev.bulwark.core.EvidenceStep;
import java.util.ArrayList;
import java.util.List;

/** The plain-text form of an evidence chain, one line per step, shared by the text-based sinks. */
final class EvidenceText {
    private EvidenceText() {}

    /** {@code 1. user/alice: iam:PassRole + lambda:CreateFunction (policy DeployTools, statement Lambda)}. */
    static List<String> lines(List<EvidenceStep> evidence) {
        List<String> lines = new ArrayList<>(evidence.size());
        for (int i = 0; i < evidence.size(); i++) {
            lines.add((i + 1) + ". " + line(evidence.get(i)));
        }
        return lines;
    }

    static String line(EvidenceStep step) {
        StringBuilder line = new StringBuilder(step.subject());
        if (!step.action().isEmpty()) {
            line.append(": ").append(step.action());
        }
        if (!step.source().isEmpty()) {
            line.append(" (").append(step.source()).append(')');
        }
        return line.toString();
    }
}
