package dev.kopf.internal.reactor;

import dev.kopf.PersistenceSettings;
import dev.kopf.internal.structs.DictPaths;
import dev.kopf.internal.structs.Finalizers;
import java.util.List;
import java.util.Map;

/**
 * Recognises the watch event that only echoes the operator's own last patch, so that its
 * cycle can be skipped: no cause detection, no filters, no handlers, no write.
 *
 * <p>A resourceVersion names one state of an object. The patch's answer is that state, so
 * it is judged once, when the patch returns, exactly as the echo's cycle would judge it: the
 * stored essence equals the object's essence, the object is not being deleted, and the
 * finalizer is where it must be. A change by another writer that landed before the patch is
 * in the answer and makes it not quiet; one that lands after it has a newer resourceVersion.
 * Called on the object's worker (Kopf processes every echo; this is ours).
 */
final class PatchEchoes {

    /** Whether an object in a given state must carry the operator's finalizer. */
    @FunctionalInterface
    interface FinalizerNeed {
        boolean test(Map<String, Object> body, Map<String, Object> oldEssence,
                Map<String, Object> newEssence);
    }

    private final PersistenceSettings persistence;

    PatchEchoes(PersistenceSettings persistence) {
        this.persistence = persistence;
    }

    /**
     * Judges the state the operator's patch produced.
     *
     * @param resource the object's resource
     * @param written the patch's answer, or {@code null} when nothing was written
     * @param extraFields the fields of the field handlers, as the cycle's essences keep them
     * @param finalizerNeed whether that state must carry the finalizer
     * @return the resourceVersion whose event needs no cycle, or {@code null}
     */
    String quietVersion(dev.kopf.Resource resource, Map<String, Object> written,
            List<List<String>> extraFields, FinalizerNeed finalizerNeed) {
        if (written == null || Finalizers.isDeletionOngoing(written)) {
            return null;
        }
        Object version = DictPaths.resolve(written, List.of("metadata", "resourceVersion"));
        if (!(version instanceof String quiet)) {
            return null;
        }
        Essences essences = Essences.of(persistence, resource, written, extraFields);
        if (essences.old() == null || !essences.old().equals(essences.now())) {
            // Nothing stored yet, or a handler's patch or another writer changed what the
            // handlers look at.
            return null;
        }
        boolean present = Finalizers.hasFinalizer(written, persistence.finalizer());
        return finalizerNeed.test(written, essences.old(), essences.now()) == present
                ? quiet : null;
    }

    /**
     * Tells whether an event is the echo judged quiet, and forgets the judgement: it holds
     * for one event only, whichever comes next.
     *
     * @param memory the object's memory
     * @param type the event's type
     * @param body the event's object
     * @return {@code true} when the event's cycle can be skipped
     */
    static boolean isQuietEcho(ObjectMemory memory, String type, Map<String, Object> body) {
        String quiet = memory.quietEcho;
        memory.quietEcho = null;
        return quiet != null && "MODIFIED".equals(type) && quiet.equals(
                DictPaths.resolve(body, List.of("metadata", "resourceVersion")));
    }
}
