package dev.bulwark.core;

/** The kind of result; it selects the OCSF class a finding is written as. */
public enum FindingType {
    /** A posture rule matched a resource (OCSF Compliance Finding, 2003). */
    MISCONFIGURATION,
    /**
     * An identity analysis found who can do something dangerous (an IAM principal that can become
     * administrator, a Kubernetes subject that can read every secret); written as an OCSF
     * Compliance Finding with its evidence chain.
     */
    IDENTITY_RISK,
    /** A detection rule matched audit-log events (OCSF Detection Finding, 2004); the events are the evidence. */
    DETECTION,
    /**
     * A credential written into a file (an API token, a private key, a password literal); written as
     * an OCSF Compliance Finding. The message and snippet show the secret redacted, never in full.
     */
    SECRET,
    /** An input could not be parsed; the rest of the scan went on. */
    PARSE_ERROR
}
