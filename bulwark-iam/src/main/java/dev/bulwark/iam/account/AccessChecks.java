package dev.bulwark.iam.account;

import dev.bulwark.iam.policy.EvaluationResult;
import dev.bulwark.iam.policy.PolicyKind;
import dev.bulwark.iam.policy.StatementRef;
import java.util.ArrayList;
import java.util.List;

/**
 * What a principal can do to every resource of a kind: read data ({@link ActionLevels#dataReadActions()}),
 * change resource policies ({@link ActionLevels#resourceExposureActions()}), make credentials for
 * other users. Each action is decided by the evaluator on a resource nobody names (see
 * {@link ProbeResources}), so only grants on {@code "*"} or on a whole kind count. Stateless.
 */
final class AccessChecks {
    /** Actions that make credentials for a user; decided on a user other than the principal. */
    static final List<String> CREDENTIAL_ACTIONS = List.of("iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile",
            "iam:CreateServiceSpecificCredential", "iam:ResetServiceSpecificCredential", "iam:UploadSSHPublicKey",
            "iam:UploadSigningCertificate");
    /** A federation token outlives the deletion of the user's keys; only users can ask for one. */
    static final String FEDERATION = "sts:GetFederationToken";

    /** One allowed action and the identity statements that allow it. */
    record Grant(String action, Probe probe, List<StatementRef> statements) {}

    private final AccountModel model;
    private final ActionLevels levels;

    AccessChecks(AccountModel model, ActionLevels levels) {
        this.model = model;
        this.levels = levels;
    }

    List<Grant> dataReads(PrincipalPermissions permissions) {
        return allowed(permissions, levels.dataReadActions());
    }

    List<Grant> exposure(PrincipalPermissions permissions) {
        return allowed(permissions, levels.resourceExposureActions());
    }

    List<Grant> credentials(PrincipalPermissions permissions) {
        List<Grant> grants = new ArrayList<>();
        String other = "arn:aws:iam::" + model.accountId + ":user/bulwark-probe-other-user";
        for (String action : CREDENTIAL_ACTIONS) {
            if (permissions.lists(action)) {
                add(grants, action, permissions, Probe.of(action, other));
            }
        }
        if (permissions.principal().kind() != PrincipalKind.ROLE && permissions.lists(FEDERATION)) {
            add(grants, FEDERATION, permissions, Probe.of(FEDERATION, "arn:aws:sts::" + model.accountId + ":federated-user/bulwark-probe"));
        }
        return grants;
    }

    private List<Grant> allowed(PrincipalPermissions permissions, List<String> actions) {
        List<Grant> grants = new ArrayList<>();
        for (String action : actions) {
            if (permissions.lists(action)) {
                add(grants, action, permissions, model.resources.anyResource(action));
            }
        }
        return grants;
    }

    private static void add(List<Grant> grants, String action, PrincipalPermissions permissions, Probe probe) {
        EvaluationResult result = permissions.evaluate(probe);
        if (!result.allowed()) {
            return;
        }
        List<StatementRef> statements = new ArrayList<>();
        for (StatementRef ref : result.decidingStatements()) {
            if (ref.kind() == PolicyKind.IDENTITY) {
                statements.add(ref);
            }
        }
        grants.add(new Grant(action, probe, statements));
    }
}
