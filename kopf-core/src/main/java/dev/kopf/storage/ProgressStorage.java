package dev.kopf.storage;

import dev.kopf.Patch;
import dev.kopf.Resource;
import dev.kopf.internal.structs.DictPaths;
import java.util.Map;
import java.util.Optional;

/**
 * Where handlers' progress is kept between handling cycles: Kopf's {@code ProgressStorage}.
 *
 * <p>Records are kept strictly per handler id, so that several operators (with different
 * handler ids) can keep their progress on the same object. Storages never write to the
 * cluster themselves: they read the object's {@code body} and put their writes into the
 * cycle's {@link Patch}, which the framework applies once.
 *
 * <p>Built-ins: {@link StatusProgressStorage}, {@link AnnotationsProgressStorage},
 * {@link MultiProgressStorage} and the default {@link SmartProgressStorage}. Implementations
 * must be thread-safe: the framework calls one storage from the workers of many objects.
 *
 * @since 0.1
 */
public interface ProgressStorage {

    /**
     * Reads the record of a handler.
     *
     * @param resource the resource of the object
     * @param handlerId the handler id, e.g. {@code create_fn} or {@code create_fn/item1}
     * @param body the object as last seen
     * @return the record, or empty when there is none
     */
    Optional<ProgressRecord> fetch(Resource resource, String handlerId, Map<String, Object> body);

    /**
     * Writes the record of a handler into the patch.
     *
     * @param resource the resource of the object
     * @param handlerId the handler id
     * @param record the record to keep
     * @param body the object as last seen
     * @param patch the patch to add the write to
     */
    void store(Resource resource, String handlerId, ProgressRecord record,
            Map<String, Object> body, Patch patch);

    /**
     * Removes the record of a handler: writes {@code null} for what exists in the body, and
     * drops a not-yet-applied write from the patch. Nothing is written when nothing is there.
     *
     * @param resource the resource of the object
     * @param handlerId the handler id
     * @param body the object as last seen
     * @param patch the patch to add the removal to
     */
    void purge(Resource resource, String handlerId, Map<String, Object> body, Patch patch);

    /**
     * Sets the marker that provokes a new watch event after a delay, or removes it.
     *
     * @param resource the resource of the object
     * @param body the object as last seen
     * @param patch the patch to add the write to
     * @param value a timestamp to write, or {@code null} to remove the marker if present
     */
    void touch(Resource resource, Map<String, Object> body, Patch patch, String value);

    /**
     * Removes this storage's own traces from an essence, so that progress never counts as a
     * change of the object.
     *
     * @param essence the essence; not modified
     * @return a cleaned copy
     */
    default Map<String, Object> clear(Map<String, Object> essence) {
        return DictPaths.deepCopyMap(essence);
    }
}
