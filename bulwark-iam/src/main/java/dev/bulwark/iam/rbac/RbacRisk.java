package dev.bulwark.iam.rbac;

/** The risks the RBAC analysis reports, one rule each (metadata in {@code bulwark/iam/rbac-rules.yaml}). */
enum RbacRisk {
    FULL_CONTROL("BW-K8S-RBAC-001", "do anything to every resource"),
    READ_SECRETS("BW-K8S-RBAC-002", "read Secrets"),
    CREATE_WORKLOADS("BW-K8S-RBAC-003", "create workloads"),
    EXEC_INTO_PODS("BW-K8S-RBAC-004", "run commands in pods"),
    ESCALATE("BW-K8S-RBAC-005", "escalate roles"),
    BIND("BW-K8S-RBAC-006", "bind roles"),
    IMPERSONATE("BW-K8S-RBAC-007", "impersonate others"),
    NODE_PROXY("BW-K8S-RBAC-008", "reach the kubelet API"),
    SERVICE_ACCOUNT_TOKENS("BW-K8S-RBAC-009", "create service account tokens"),
    APPROVE_CERTIFICATES("BW-K8S-RBAC-010", "approve client certificates"),
    ADMISSION_WEBHOOKS("BW-K8S-RBAC-011", "change admission webhooks"),
    PERSISTENT_VOLUMES("BW-K8S-RBAC-012", "create PersistentVolumes"),
    WILDCARDS("BW-K8S-RBAC-013", "use wildcard permissions"),
    ANONYMOUS_ACCESS("BW-K8S-RBAC-014", "act without credentials"),
    EVERYONE_DANGEROUS("BW-K8S-RBAC-015", "grant everyone a dangerous permission"),
    SYSTEM_MASTERS("BW-K8S-RBAC-016", "use system:masters"),
    DEFAULT_SERVICE_ACCOUNT("BW-K8S-RBAC-017", "use the default service account");

    private final String ruleId;
    private final String capability;

    RbacRisk(String ruleId, String capability) {
        this.ruleId = ruleId;
        this.capability = capability;
    }

    /** What holding the risk lets a subject do, completing "can ...": {@code read Secrets}. */
    String capability() {
        return capability;
    }

    String ruleId() {
        return ruleId;
    }

    /** Whether holding this risk makes a subject worth taking over (used for bind, impersonation and token targets). */
    boolean isPrivilege() {
        return switch (this) {
            case FULL_CONTROL, READ_SECRETS, CREATE_WORKLOADS, EXEC_INTO_PODS, ESCALATE, BIND, IMPERSONATE, NODE_PROXY,
                    SERVICE_ACCOUNT_TOKENS, APPROVE_CERTIFICATES, ADMISSION_WEBHOOKS, PERSISTENT_VOLUMES -> true;
            case WILDCARDS, ANONYMOUS_ACCESS, EVERYONE_DANGEROUS, SYSTEM_MASTERS, DEFAULT_SERVICE_ACCOUNT -> false;
        };
    }
}
