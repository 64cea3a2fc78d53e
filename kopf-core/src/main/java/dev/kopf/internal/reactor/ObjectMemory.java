package dev.kopf.internal.reactor;

import dev.kopf.Memo;
import dev.kopf.internal.engines.Daemons;
import dev.kopf.internal.engines.Indexers;
import java.time.Instant;

/**
 * What the operator remembers about one object between events (Kopf's inventory).
 *
 * <p>Mutable; confined to the object's worker (the daemons' memory is shared with their
 * threads, and is thread-safe itself).
 */
final class ObjectMemory {
    /** The per-object memo: a shallow copy of the operator memo. */
    final Memo memo;
    /** Whether the object was first seen in this process and is not yet handled once. */
    boolean initial = true;
    /** Whether the first appearance has been processed. */
    boolean noticed;
    /** The resourceVersion of the operator's own last patch, until the watch echoes it. */
    String expectedVersion;
    /** Until when to wait for {@link #expectedVersion}. */
    Instant consistencyDeadline;
    /**
     * The resourceVersion of the operator's own last patch when the state it wrote leaves the
     * changing handlers nothing to do; its event skips the cycle ({@link PatchEchoes}).
     */
    String quietEcho;
    /** Whether the object has been handled by changing handlers at least once. */
    boolean handled;
    /** The object's daemons and timers; {@code null} until it has some. */
    Daemons.Memory daemons;
    /** The object's indexing retries; {@code null} until indexed. */
    Indexers.Memory indexing;
    /** The resourceVersion last indexed, so that a postponed event is not indexed twice. */
    Object indexedVersion;

    ObjectMemory(Memo memo) {
        this.memo = memo;
    }
}
