package dev.kopf.internal.structs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads finalizers and the deletion mark of a raw object, as Kopf's {@code finalizers.py}.
 */
public final class Finalizers {

    private Finalizers() {
    }

    /**
     * Tells whether the object is marked for deletion.
     *
     * @param body the object
     * @return {@code true} when {@code metadata.deletionTimestamp} is set
     */
    public static boolean isDeletionOngoing(Map<String, Object> body) {
        return metadata(body).get("deletionTimestamp") != null;
    }

    /**
     * Tells whether the object carries the given finalizer.
     *
     * @param body the object
     * @param finalizer the finalizer name
     * @return {@code true} when present
     */
    public static boolean hasFinalizer(Map<String, Object> body, String finalizer) {
        return finalizers(body).contains(finalizer);
    }

    /**
     * Returns the object's finalizers.
     *
     * @param body the object
     * @return a new mutable list; empty when none
     */
    public static List<String> finalizers(Map<String, Object> body) {
        List<String> result = new ArrayList<>();
        if (metadata(body).get("finalizers") instanceof List<?> list) {
            for (Object item : list) {
                result.add(String.valueOf(item));
            }
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> body) {
        return body.get("metadata") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
