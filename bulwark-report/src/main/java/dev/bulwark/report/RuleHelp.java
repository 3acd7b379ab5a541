package dev.bulwark.report;

import dev.bulwark.core.RuleInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The help text of a rule (description, why, how to fix, fix snippets, compliance, references) as plain text and Markdown. */
final class RuleHelp {
    private RuleHelp() {}

    static String text(RuleInfo rule) {
        StringBuilder text = new StringBuilder();
        text.append(rule.title()).append(" (").append(rule.severity().label()).append(")\n");
        appendParagraph(text, "", rule.description());
        appendParagraph(text, "Why it matters: ", rule.rationale());
        appendParagraph(text, "How to fix: ", rule.remediation());
        for (Map.Entry<String, String> fix : rule.fixes().entrySet()) {
            text.append("\nFix (").append(fix.getKey()).append("):\n").append(fix.getValue().stripTrailing()).append('\n');
        }
        if (!rule.compliance().isEmpty()) {
            text.append("\nCompliance: ").append(complianceLine(rule.compliance())).append('\n');
        }
        if (!rule.references().isEmpty()) {
            text.append("\nReferences:\n");
            for (String reference : rule.references()) {
                text.append("- ").append(reference).append('\n');
            }
        }
        return text.toString().stripTrailing();
    }

    static String markdown(RuleInfo rule) {
        StringBuilder text = new StringBuilder();
        text.append("**").append(escapeMarkdown(rule.title())).append("** (").append(rule.severity().label()).append(")\n");
        appendParagraph(text, "", escapeMarkdown(rule.description()));
        appendParagraph(text, "**Why it matters:** ", escapeMarkdown(rule.rationale()));
        appendParagraph(text, "**How to fix:** ", escapeMarkdown(rule.remediation()));
        for (Map.Entry<String, String> fix : rule.fixes().entrySet()) {
            String code = fix.getValue().stripTrailing();
            String fence = fenceFor(code);
            text.append("\nFix (").append(escapeMarkdown(fix.getKey())).append("):\n\n")
                    .append(fence).append(codeLanguage(fix.getKey())).append('\n')
                    .append(code).append('\n')
                    .append(fence).append('\n');
        }
        if (!rule.compliance().isEmpty()) {
            text.append("\n**Compliance:** ").append(escapeMarkdown(complianceLine(rule.compliance()))).append('\n');
        }
        if (!rule.references().isEmpty()) {
            text.append("\n**References:**\n\n");
            for (String reference : rule.references()) {
                text.append("- ").append(isWebLink(reference) ? "<" + reference + ">" : escapeMarkdown(reference)).append('\n');
            }
        }
        return text.toString().stripTrailing();
    }

    /** The first {@code http(s)} reference, or null when there is none. */
    static String firstWebReference(RuleInfo rule) {
        for (String reference : rule.references()) {
            if (isWebLink(reference)) {
                return reference;
            }
        }
        return null;
    }

    /** Whether {@code reference} is an absolute http(s) URL without characters that would break out of a link. */
    static boolean isWebLink(String reference) {
        String lower = reference.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
            return false;
        }
        for (int i = 0; i < reference.length(); i++) {
            char c = reference.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == '\'' || c == '`' || c > '~') {
                return false;
            }
        }
        return true;
    }

    /** {@code cis-kubernetes 5.2.1, 5.2.2; nist-800-53-r5 AC-6}. */
    static String complianceLine(Map<String, List<String>> compliance) {
        StringBuilder line = new StringBuilder();
        compliance.forEach((framework, controls) -> {
            if (line.length() > 0) {
                line.append("; ");
            }
            line.append(framework).append(' ').append(String.join(", ", controls));
        });
        return line.toString();
    }

    private static void appendParagraph(StringBuilder text, String label, String body) {
        if (!body.isBlank()) {
            text.append('\n').append(label).append(body.strip()).append('\n');
        }
    }

    /** A code fence longer than any run of backticks in {@code code}, so the snippet cannot close it. */
    private static String fenceFor(String code) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < code.length(); i++) {
            run = code.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    private static String codeLanguage(String format) {
        return switch (format) {
            case "kubernetes", "cloudformation", "helm", "yaml" -> "yaml";
            case "dockerfile" -> "dockerfile";
            case "terraform" -> "hcl";
            case "json" -> "json";
            default -> "";
        };
    }

    /** Escapes characters that Markdown (and the HTML it may contain) would interpret. */
    private static String escapeMarkdown(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\`*_{}[]()#+!|<>&".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
