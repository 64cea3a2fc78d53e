/**
 * The operator's meters: the one place that owns every meter name and tag, so that each is
 * defined once and documented from here ({@code docs/metrics.md}). The engine's layers call
 * it to count; without a registry every call is a no-op.
 *
 * <p>It must not know the engine: no imports of other {@code dev.kopf.internal} packages,
 * of fabric8's client, or of a concrete registry (Prometheus belongs to the CLI).
 *
 * <p>Internal; no compatibility guarantees.
 */
package dev.kopf.internal.metrics;
