/**
 * Background machinery beside the handling of objects: posting Kubernetes Events (and, later,
 * daemons, timers, peering and probes).
 *
 * <p>Must not detect causes or run changing handlers; that is the reactor's job. Internal; no
 * compatibility guarantees.
 */
package dev.kopf.internal.engines;
