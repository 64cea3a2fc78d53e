package dev.kopf.internal.intents;

import dev.kopf.Diff;
import dev.kopf.Resource;
import dev.kopf.internal.structs.Finalizers;
import java.util.Map;

/**
 * Detects the cause of a changing cycle, exactly as Kopf's
 * {@code causes.detect_changing_cause}.
 */
public final class Causes {

    private Causes() {
    }

    /**
     * Detects the cause.
     *
     * @param eventType the raw event type ({@code DELETED} makes it {@code GONE})
     * @param resource the resource
     * @param body the object
     * @param oldEssence the stored essence, or {@code null}
     * @param newEssence the current essence
     * @param diff their difference
     * @param initial whether this is the object's first appearance in this process
     * @param finalizer the operator's finalizer
     * @return the cause
     */
    public static ChangingCause detectChangingCause(String eventType, Resource resource,
            Map<String, Object> body, Map<String, Object> oldEssence,
            Map<String, Object> newEssence, Diff diff, boolean initial, String finalizer) {
        CauseReason reason;
        boolean mixResume = initial;
        if ("DELETED".equals(eventType)) {
            reason = CauseReason.GONE;
        } else if (Finalizers.isDeletionOngoing(body)
                && !Finalizers.hasFinalizer(body, finalizer)) {
            reason = CauseReason.FREE;
        } else if (Finalizers.isDeletionOngoing(body)) {
            reason = CauseReason.DELETE;
        } else if (oldEssence == null) {
            // Creation never mixes with resuming, even for objects found at start-up.
            reason = CauseReason.CREATE;
            mixResume = false;
        } else if (diff.isEmpty() && initial) {
            reason = CauseReason.RESUME;
        } else if (diff.isEmpty()) {
            reason = CauseReason.NOOP;
        } else {
            reason = CauseReason.UPDATE;
        }
        return new ChangingCause(reason, mixResume, resource, body, oldEssence, newEssence, diff);
    }
}
