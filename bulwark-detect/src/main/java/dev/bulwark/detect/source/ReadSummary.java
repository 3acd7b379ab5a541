package dev.bulwark.detect.source;

/**
 * What one {@link LogReader} call read.
 *
 * @param inputs files (or streams) opened
 * @param events events delivered
 * @param warnings warnings raised, including those not shown because an input had too many
 * @param bytes bytes read from the inputs as stored (compressed bytes for gzip)
 */
public record ReadSummary(long inputs, long events, long warnings, long bytes) {}
