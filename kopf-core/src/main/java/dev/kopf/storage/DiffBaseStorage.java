package dev.kopf.storage;

import dev.kopf.Patch;
import dev.kopf.Resource;
import dev.kopf.internal.structs.DictPaths;
import dev.kopf.internal.structs.Essences;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the last-handled configuration of an object is kept: Kopf's {@code DiffBaseStorage}.
 *
 * <p>The stored value is the object's "essence" (see {@link #build}) as of the last completed
 * handling cycle. No stored essence means the object is new ({@code create}); an equal one
 * means nothing changed; otherwise the diff between the two is the {@code update}.
 *
 * <p>Built-ins: {@link AnnotationsDiffBaseStorage} (Kopf's default),
 * {@link StatusDiffBaseStorage}, {@link MultiDiffBaseStorage} and the default
 * {@link SmartDiffBaseStorage}. Implementations must be thread-safe.
 *
 * @since 0.1
 */
public interface DiffBaseStorage {

    /**
     * Reads the stored essence.
     *
     * @param resource the resource of the object
     * @param body the object as last seen
     * @return the parsed essence, or empty when none is stored
     */
    Optional<Map<String, Object>> fetch(Resource resource, Map<String, Object> body);

    /**
     * Writes the essence into the patch.
     *
     * @param resource the resource of the object
     * @param body the object as last seen
     * @param patch the patch to add the write to
     * @param essence the essence to keep, as from {@link #build}
     */
    void store(Resource resource, Map<String, Object> body, Patch patch,
            Map<String, Object> essence);

    /**
     * Builds the essence of an object: the body without {@code apiVersion}, {@code kind},
     * {@code status} and the metadata except labels and annotations; without the annotations
     * of Kopf-based operators and kubectl; but with the extra fields; and cleared of this
     * storage's own traces.
     *
     * @param body the object
     * @param extraFields the fields of field handlers, kept even if in {@code status}
     * @return a new, mutable essence
     */
    default Map<String, Object> build(Map<String, Object> body,
            Collection<List<String>> extraFields) {
        return clear(Essences.essence(body, extraFields, List.of(), key -> false));
    }

    /**
     * Removes this storage's own traces from an essence.
     *
     * @param essence the essence; not modified
     * @return a cleaned copy
     */
    default Map<String, Object> clear(Map<String, Object> essence) {
        return DictPaths.deepCopyMap(essence);
    }
}
