package dev.bulwark.detect.correlation;

/**
 * What a {@link CorrelationEngine} did so far.
 *
 * @param inputs matches (and results of inner correlations) fed to correlations
 * @param late inputs older than the allowed lateness, counted at the latest time processed instead
 * @param withoutGroup inputs skipped because their event lacks a group-by field
 * @param withoutValue inputs of value types skipped because their event lacks a usable value
 * @param evictedGroups groups dropped because their rule had {@code maxGroupsPerRule} groups
 * @param alerts correlation results (alerts and inputs of outer correlations)
 */
public record CorrelationStatistics(long inputs, long late, long withoutGroup, long withoutValue, long evictedGroups, long alerts) {}
