package dev.kopf.internal.reactor;

import dev.kopf.Memo;
import java.time.Instant;

/**
 * What the operator remembers about one object between events (Kopf's inventory).
 *
 * <p>Mutable; confined to the object's worker.
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
    /** Whether the object has been handled by changing handlers at least once. */
    boolean handled;

    ObjectMemory(Memo memo) {
        this.memo = memo;
    }
}
