/**
 * Sigma correlation rules: {@link dev.bulwark.detect.correlation.CorrelationLoader} reads the
 * correlation documents the Sigma loader hands over and resolves them against the whole rule set
 * into a {@link dev.bulwark.detect.correlation.CorrelationSet};
 * {@link dev.bulwark.detect.correlation.CorrelationEngine} runs them over the Sigma engine's
 * matches by event time and emits correlation alerts. Semantics: {@code bulwark-detect/SIGMA.md},
 * section Correlations.
 */
package dev.bulwark.detect.correlation;
