package dev.bulwark.secrets;

import dev.bulwark.core.Severity;

/**
 * A secret found in the text, before it becomes a finding: offsets are into the scanned file
 * (for a decoded Kubernetes value, the span of the encoded value), {@code path} names the decoded
 * value ({@code data.password}) or is empty, and {@code partner} is the AWS access key id paired
 * with a secret key, or null. Lives only inside the engine.
 */
record Candidate(Detector detector, String secret, int start, int end, Severity severity, String note, String path,
                 String partner, int partnerStart, int partnerEnd) {
    static Candidate of(Detector detector, String secret, int start, int end, Severity severity, String note) {
        return new Candidate(detector, secret, start, end, severity, note, "", null, -1, -1);
    }

    Candidate decodedFrom(String valuePath, int encodedStart, int encodedEnd) {
        return new Candidate(detector, secret, encodedStart, encodedEnd, severity, note, valuePath, partner, -1, -1);
    }

    Candidate pairedWith(Candidate keyId, Severity pairSeverity) {
        return new Candidate(detector, secret, start, end, pairSeverity, note, path, keyId.secret(), keyId.start(),
                keyId.end());
    }

    boolean decoded() {
        return !path.isEmpty();
    }
}
