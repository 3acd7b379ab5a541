/**
 * The Sigma v2.1 detection engine: {@link dev.bulwark.detect.sigma.SigmaLoader} validates and
 * compiles rules and filters from YAML (every problem located {@code file:line:column}),
 * {@link dev.bulwark.detect.sigma.FieldMapping} maps rule field names onto an event schema, and
 * {@link dev.bulwark.detect.sigma.SigmaEngine} evaluates the compiled rules against
 * {@link dev.bulwark.detect.event.LogEvent}s through a rule index. Matching semantics are stated
 * in {@code bulwark-detect/SIGMA.md}. No I/O (except {@link dev.bulwark.detect.sigma.SigmaLoader#load(java.nio.file.Path)})
 * and no global state; compiled rules are immutable and shared by all threads.
 */
package dev.bulwark.detect.sigma;
