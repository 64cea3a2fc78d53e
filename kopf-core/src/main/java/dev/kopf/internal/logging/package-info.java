/**
 * Kopf's own SLF4J backend: Kopf's log formats ({@code full}, {@code plain}, {@code json}),
 * the per-object {@code [namespace/name]} prefix taken from MDC, levels set by the CLI, and
 * line sinks that let tests capture everything logged during a run.
 *
 * <p>It is the lowest layer: it depends on the JDK and the SLF4J API only, never on other
 * Kopf packages. kopf-core does not register it as an SLF4J provider (users embedding the
 * runtime keep their own backend); kopf-cli and kopf-testing do, through
 * {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider}.
 *
 * <p>Internal; no compatibility guarantees.
 */
package dev.kopf.internal.logging;
