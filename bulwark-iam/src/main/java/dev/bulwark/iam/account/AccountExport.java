package dev.bulwark.iam.account;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.ScanWarning;
import java.util.List;
import java.util.Map;

/**
 * What {@link AccountExportReader} read from the output of
 * {@code aws iam get-account-authorization-details}: the principals in export order, the
 * managed policies by ARN, and every problem found (located, never fatal). {@code accountId} is
 * the account the ARNs name (empty when no ARN tells). Immutable.
 */
public record AccountExport(String file, String accountId, List<IamPrincipal> principals, Map<String, ManagedPolicy> policies,
                            List<ScanWarning> warnings) {
    public AccountExport {
        requireNonNull(file, "file is null");
        requireNonNull(accountId, "accountId is null");
        principals = List.copyOf(principals);
        policies = Map.copyOf(policies);
        warnings = List.copyOf(warnings);
    }

    public List<IamPrincipal> principals(PrincipalKind kind) {
        return principals.stream().filter(principal -> principal.kind() == kind).toList();
    }
}
