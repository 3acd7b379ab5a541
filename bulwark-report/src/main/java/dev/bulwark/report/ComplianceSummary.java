package dev.bulwark.report;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.Finding;
import dev.bulwark.core.FrameworkCatalog;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.ScanReport;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Pass/fail per control of compliance frameworks, the one place the table and HTML reports take it from.
 *
 * <p>A control maps to the rules whose compliance mappings name it (from the rules that ran and from
 * the findings). It <b>fails</b> when an active finding comes from one of those rules; it
 * <b>passes</b> when none did and at least one of them was evaluated on a resource; otherwise it was
 * <b>not evaluated</b> (its rules did not run, or nothing they apply to was scanned). A control of a
 * framework's catalog that no rule maps to is <b>manual</b>: someone has to check it. Suppressed
 * findings do not fail a control: suppressing is accepting the risk. They are counted beside it.
 *
 * <p>A framework asked for by prefix ({@code cis-aws-foundations}) is reported under the versioned
 * ids the rules use ({@code cis-aws-foundations-3.0}).
 */
record ComplianceSummary(List<Framework> frameworks) {
    enum Status {
        PASS,
        FAIL,
        NOT_EVALUATED,
        MANUAL;

        String label() {
            return switch (this) {
                case PASS -> "pass";
                case FAIL -> "fail";
                case NOT_EVALUATED -> "not evaluated";
                case MANUAL -> "manual";
            };
        }
    }

    /**
     * @param title the control's title from the framework catalog ("" without one)
     * @param note why a manual control cannot be checked by a scan ("" otherwise)
     */
    record Control(String id, String title, Status status, List<String> ruleIds, int activeFindings, int suppressedFindings,
                   String note) {
        Control {
            requireNonNull(id, "id is null");
            requireNonNull(title, "title is null");
            requireNonNull(status, "status is null");
            ruleIds = List.copyOf(ruleIds);
            requireNonNull(note, "note is null");
        }
    }

    record Framework(String id, List<Control> controls) {
        Framework {
            requireNonNull(id, "id is null");
            controls = List.copyOf(controls);
        }

        int count(Status status) {
            int count = 0;
            for (Control control : controls) {
                if (control.status() == status) {
                    count++;
                }
            }
            return count;
        }
    }

    /** Orders control ids naturally: {@code 5.2.2} before {@code 5.2.10}, {@code AC-6} before {@code AC-17}. */
    static final Comparator<String> CONTROL_ORDER = ComplianceSummary::compareControlIds;

    ComplianceSummary {
        frameworks = List.copyOf(frameworks);
    }

    boolean isEmpty() {
        return frameworks.isEmpty();
    }

    /** The frameworks the scan was limited to ({@code --framework}); empty when it was not limited. */
    static ComplianceSummary ofSelectedFrameworks(ScanReport report) {
        return of(report, report.frameworks());
    }

    /** The frameworks the scan was limited to, or else every framework a rule or finding maps to. */
    static ComplianceSummary ofRelevantFrameworks(ScanReport report) {
        if (!report.frameworks().isEmpty()) {
            return of(report, report.frameworks());
        }
        Set<String> mentioned = new TreeSet<>();
        for (RuleInfo rule : report.rules()) {
            mentioned.addAll(rule.compliance().keySet());
        }
        for (Finding finding : report.findings()) {
            mentioned.addAll(finding.compliance().keySet());
        }
        return of(report, mentioned);
    }

    static ComplianceSummary of(ScanReport report, Collection<String> frameworkIds) {
        Set<String> known = new TreeSet<>();
        for (RuleInfo rule : report.rules()) {
            known.addAll(rule.compliance().keySet());
        }
        for (Finding finding : report.findings()) {
            known.addAll(finding.compliance().keySet());
        }
        Map<String, FrameworkCatalog> catalogs = new HashMap<>();
        for (FrameworkCatalog catalog : report.catalogs()) {
            catalogs.put(catalog.id(), catalog);
            known.add(catalog.id());
        }
        // framework -> control -> rule ids mapped to it
        Map<String, Map<String, Set<String>>> controls = new TreeMap<>();
        for (String selected : new TreeSet<>(frameworkIds)) {
            boolean matched = false;
            for (String framework : known) {
                if (framework.equals(selected) || framework.startsWith(selected + "-")) {
                    controls.put(framework, new TreeMap<>(CONTROL_ORDER));
                    matched = true;
                }
            }
            if (!matched) {
                controls.put(selected, new TreeMap<>(CONTROL_ORDER));
            }
        }
        for (RuleInfo rule : report.rules()) {
            addMappings(controls, rule.id(), rule.compliance());
        }
        for (Finding finding : report.findings()) {
            addMappings(controls, finding.ruleId(), finding.compliance());
        }
        Map<String, Map<String, FrameworkCatalog.Control>> catalogControls = new HashMap<>();
        controls.forEach((framework, byControl) -> {
            FrameworkCatalog catalog = catalogs.get(framework);
            if (catalog != null) {
                Map<String, FrameworkCatalog.Control> byId = new HashMap<>();
                for (FrameworkCatalog.Control control : catalog.controls()) {
                    byControl.computeIfAbsent(control.id(), key -> new TreeSet<>());
                    byId.put(control.id(), control);
                }
                catalogControls.put(framework, byId);
            }
        });

        Set<String> evaluatedRules = new HashSet<>();
        for (ScanReport.ScannedResource resource : report.resources()) {
            evaluatedRules.addAll(resource.ruleIds());
        }
        Map<String, Integer> activeByRule = new HashMap<>();
        Map<String, Integer> suppressedByRule = new HashMap<>();
        for (Finding finding : report.findings()) {
            evaluatedRules.add(finding.ruleId());
            Map<String, Integer> counts = finding.isSuppressed() ? suppressedByRule : activeByRule;
            counts.merge(finding.ruleId(), 1, Integer::sum);
        }

        List<Framework> frameworks = new ArrayList<>();
        controls.forEach((framework, byControl) -> {
            List<Control> results = new ArrayList<>();
            byControl.forEach((control, ruleIds) -> {
                int active = 0;
                int suppressed = 0;
                boolean evaluated = false;
                for (String ruleId : ruleIds) {
                    active += activeByRule.getOrDefault(ruleId, 0);
                    suppressed += suppressedByRule.getOrDefault(ruleId, 0);
                    evaluated |= evaluatedRules.contains(ruleId);
                }
                FrameworkCatalog.Control entry = catalogControls.getOrDefault(framework, Map.of()).get(control);
                String title = entry == null ? "" : entry.title();
                Status status = Status.NOT_EVALUATED;
                String note = "";
                if (ruleIds.isEmpty()) {
                    status = Status.MANUAL;
                    note = entry != null && entry.manualReason().isPresent() ? entry.manualReason().get()
                            : "no rule checks this control in infrastructure code";
                } else if (active > 0) {
                    status = Status.FAIL;
                } else if (evaluated) {
                    status = Status.PASS;
                }
                results.add(new Control(control, title, status, List.copyOf(ruleIds), active, suppressed, note));
            });
            frameworks.add(new Framework(framework, results));
        });
        return new ComplianceSummary(frameworks);
    }

    private static void addMappings(Map<String, Map<String, Set<String>>> controls, String ruleId,
                                    Map<String, List<String>> compliance) {
        compliance.forEach((framework, controlIds) -> {
            Map<String, Set<String>> byControl = controls.get(framework);
            if (byControl == null) {
                return;
            }
            for (String controlId : controlIds) {
                byControl.computeIfAbsent(controlId, key -> new TreeSet<>()).add(ruleId);
            }
        });
    }

    private static int compareControlIds(String left, String right) {
        int i = 0;
        int j = 0;
        while (i < left.length() && j < right.length()) {
            char a = left.charAt(i);
            char b = right.charAt(j);
            if (Character.isDigit(a) && Character.isDigit(b)) {
                int endA = endOfDigits(left, i);
                int endB = endOfDigits(right, j);
                int byNumber = compareDigits(left.substring(i, endA), right.substring(j, endB));
                if (byNumber != 0) {
                    return byNumber;
                }
                i = endA;
                j = endB;
            } else {
                int byChar = Character.compare(Character.toLowerCase(a), Character.toLowerCase(b));
                if (byChar != 0) {
                    return byChar;
                }
                i++;
                j++;
            }
        }
        int byLength = Integer.compare(left.length() - i, right.length() - j);
        return byLength != 0 ? byLength : left.compareTo(right);
    }

    private static int endOfDigits(String text, int start) {
        int end = start;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private static int compareDigits(String left, String right) {
        String a = stripLeadingZeros(left);
        String b = stripLeadingZeros(right);
        int byLength = Integer.compare(a.length(), b.length());
        return byLength != 0 ? byLength : a.compareTo(b);
    }

    private static String stripLeadingZeros(String digits) {
        int start = 0;
        while (start < digits.length() - 1 && digits.charAt(start) == '0') {
            start++;
        }
        return digits.substring(start);
    }
}
