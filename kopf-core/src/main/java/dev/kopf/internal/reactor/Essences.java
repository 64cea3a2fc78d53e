package dev.kopf.internal.reactor;

import dev.kopf.PersistenceSettings;
import dev.kopf.Resource;
import java.util.List;
import java.util.Map;

/**
 * What the changing handlers compare: the essence stored at the last handling (the diff-base)
 * and the object's essence now, both without the operator's own traces (progress records,
 * touch markers), which never count as changes.
 *
 * @param old the stored essence, or {@code null} when nothing is stored yet
 * @param now the essence of the object as given
 */
record Essences(Map<String, Object> old, Map<String, Object> now) {

    /**
     * Reads both essences of an object.
     *
     * @param persistence where the diff-base and the progress are kept
     * @param resource the object's resource
     * @param body the object
     * @param extraFields the fields of the field handlers, kept in the essence
     * @return the stored and the current essence
     */
    static Essences of(PersistenceSettings persistence, Resource resource,
            Map<String, Object> body, List<List<String>> extraFields) {
        Map<String, Object> old = persistence.diffBaseStorage().fetch(resource, body)
                .map(persistence.progressStorage()::clear).orElse(null);
        Map<String, Object> now = persistence.progressStorage()
                .clear(persistence.diffBaseStorage().build(body, extraFields));
        return new Essences(old, now);
    }
}
