/**
 * Background machinery beside the handling of objects: posting Kubernetes Events, daemons and
 * timers, indexes, the operator's activities (startup, cleanup, login, probes) and the
 * liveness endpoint, and peering (keep-alives and verdicts on the peering objects).
 *
 * <p>Must not detect causes or run changing handlers; that is the reactor's job. Internal; no
 * compatibility guarantees.
 */
package dev.kopf.internal.engines;
