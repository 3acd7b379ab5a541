package dev.bulwark.rules.iam;

import dev.bulwark.core.Finding;
import dev.bulwark.core.RuleInfo;
import dev.bulwark.core.ScanWarning;
import dev.bulwark.core.model.Resource;
import dev.bulwark.core.spi.ScanAnalyzer;
import dev.bulwark.iam.IdentityFindings;
import dev.bulwark.iam.account.AccountAnalysis;
import dev.bulwark.iam.account.AccountAnalyzer;
import dev.bulwark.iam.account.AnalysisOptions;
import dev.bulwark.iam.account.AwsManagedPolicies;
import dev.bulwark.iam.policy.PolicyParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Privilege escalation in infrastructure code: the account analysis of {@code bulwark iam analyze}
 * run over the users, groups and roles that the scanned Terraform and CloudFormation declare
 * (read by {@link IacAccount}, certain parts only). It reports what a per-policy rule cannot see
 * because it takes two resources: a principal that can escalate to administrator-equivalent
 * access (BW-IAM-002, such as {@code iam:PassRole} on a role an admin role's name matches, with
 * {@code lambda:CreateFunction} from another policy), a path through roles it can assume
 * (BW-IAM-003), and an administrator-equivalent role that a compute service can assume
 * (BW-IAM-010). Findings sit on the resource of the principal, with the chain as evidence.
 *
 * <p>Stateless apart from the lazily loaded analyzer; thread-safe.
 */
public final class IacIdentityAnalyzer implements ScanAnalyzer {
    public static final String NAME = "aws-identity-paths";
    static final Set<String> RULES = Set.of(AccountAnalyzer.ESCALATION, AccountAnalyzer.PATH, AccountAnalyzer.COMPUTE_ADMIN);
    private static final String TARGET = "aws";

    private final Supplier<AccountAnalyzer> analyzer;
    private volatile List<RuleInfo> rules;

    /** Reads the account analysis rules and techniques when first used. */
    public IacIdentityAnalyzer(Supplier<AccountAnalyzer> analyzer) {
        this.analyzer = analyzer;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<RuleInfo> rules() {
        List<RuleInfo> known = rules;
        if (known == null) {
            List<RuleInfo> selected = new ArrayList<>();
            for (RuleInfo rule : analyzer.get().rules()) {
                if (RULES.contains(rule.id())) {
                    selected.add(new RuleInfo(rule.id(), rule.title(), rule.severity(), TARGET, rule.kinds(), rule.description(),
                            rule.rationale(), rule.remediation(), rule.fixes(), rule.references(), rule.compliance(), rule.source()));
                }
            }
            known = List.copyOf(selected);
            rules = known;
        }
        return known;
    }

    @Override
    public Result analyze(List<Resource> resources, Set<String> enabled) {
        List<Resource> aws = new ArrayList<>();
        for (Resource resource : resources) {
            if (resource.target().equals(TARGET)) {
                aws.add(resource);
            }
        }
        if (!IacAccount.hasPrincipals(aws)) {
            return new Result(List.of(), List.of());
        }
        IacAccount.Built built = new IacAccount(new PolicyParser(), AwsManagedPolicies.bundled()).build(aws);
        AccountAnalysis analysis = analyzer.get().analyze(built.export(),
                new AnalysisOptions(List.of(), List.of(), false, Runtime.getRuntime().availableProcessors()));
        Map<String, RuleInfo> byId = new java.util.HashMap<>();
        for (RuleInfo rule : rules()) {
            byId.put(rule.id(), rule);
        }
        List<Finding> findings = new ArrayList<>();
        for (Finding finding : analysis.findings()) {
            Resource origin = built.resources().get(finding.resource().address());
            if (!enabled.contains(finding.ruleId()) || origin == null) {
                continue;
            }
            // Located on the principal's resource; the fingerprint keeps the analysis's own key.
            Finding located = IdentityFindings.of(byId.get(finding.ruleId()), origin.ref(), origin.location(), "", finding.message(),
                    finding.evidence(), finding.fingerprint(), "aws-iam");
            findings.add(located.withSeverity(finding.severity()));
        }
        List<ScanWarning> warnings = new ArrayList<>(analysis.warnings());
        return new Result(findings, warnings);
    }
}
