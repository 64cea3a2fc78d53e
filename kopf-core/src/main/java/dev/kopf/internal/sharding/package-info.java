/**
 * Sharding: the replicas of a ring divide the served objects by consistent hashing. Each
 * replica holds a membership Lease; the elected sharder labels the objects with their owner
 * and moves them with a drain handover; each replica's streams select its own label. With
 * an admission server, a built-in mutating webhook labels new objects at creation.
 *
 * <p>Called by the reactor, which owns the streams and the workers; must not run handlers
 * or detect causes, and talks to the API only through {@code internal.clients}. Internal; no
 * compatibility guarantees.
 */
package dev.kopf.internal.sharding;
