package dev.bulwark.iam.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.iam.catalog.AccessLevel;
import dev.bulwark.iam.catalog.ActionInfo;
import dev.bulwark.iam.catalog.IamCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The account analysis names actions by hand (escalation techniques, exposure and data-read
 * lists); each must be an action AWS publishes, spelled as AWS spells it, at the access level its
 * list claims. A typo would silently make a technique never fire.
 */
class TestActionNamesInCatalog {
    private static final IamCatalog CATALOG = IamCatalog.bundled();

    private static List<String> problems(List<String> actions, List<AccessLevel> levels) {
        List<String> problems = new ArrayList<>();
        for (String action : actions) {
            Optional<ActionInfo> info = CATALOG.action(action);
            if (info.isEmpty()) {
                problems.add(action + ": not in the catalog");
            } else if (!info.get().fullName().equals(action)) {
                problems.add(action + ": AWS spells it " + info.get().fullName());
            } else if (!levels.isEmpty() && !levels.contains(info.get().accessLevel())) {
                problems.add(action + ": access level " + info.get().accessLevel());
            }
        }
        return problems;
    }

    @Test
    void everyTechniqueActionExists() {
        List<String> actions = new ArrayList<>();
        for (Technique technique : EscalationTechniques.bundled().all()) {
            for (Technique.Requirement requirement : technique.requires()) {
                actions.add(requirement.action());
            }
        }
        assertThat(actions).hasSizeGreaterThan(60);
        assertThat(problems(actions, List.of())).isEmpty();
    }

    @Test
    void dataReadActionsAreReadActions() {
        // AWS files kms:Decrypt under Write; it returns plaintext, which is what the list is about.
        List<String> reads = new ArrayList<>(ActionLevels.builtin().dataReadActions());
        assertThat(reads.remove("kms:Decrypt")).isTrue();
        assertThat(problems(reads, List.of(AccessLevel.READ))).isEmpty();
    }

    @Test
    void exposureActionsChangeWhoMayUseAResource() {
        // Sharing a snapshot or image is an attribute write in AWS's terms, hence Write is accepted.
        assertThat(problems(ActionLevels.builtin().resourceExposureActions(),
                List.of(AccessLevel.PERMISSIONS_MANAGEMENT, AccessLevel.WRITE))).isEmpty();
    }
}
