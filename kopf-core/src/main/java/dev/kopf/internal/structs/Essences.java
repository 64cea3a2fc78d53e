package dev.kopf.internal.structs;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The "essence" of an object: what counts as a change, ported from Kopf's
 * {@code DiffBaseStorage.build} and {@code StorageStanzaCleaner}.
 *
 * <p>Called by the diff-base storages, which store it as the last-handled configuration and
 * compare it on every event. Separate from them so that every storage builds the very same
 * essence as Kopf, which is what makes state written by Python Kopf usable here.
 */
public final class Essences {

    /** The annotation that {@code kubectl apply} keeps, never part of an essence. */
    public static final String KUBECTL_LAST_APPLIED =
            "kubectl.kubernetes.io/last-applied-configuration";

    private static final List<String> LABELS = List.of("metadata", "labels");
    private static final List<String> ANNOTATIONS = List.of("metadata", "annotations");

    private Essences() {
    }

    /**
     * Builds the essence of a body, in Kopf's key order.
     *
     * <p>Steps, in Kopf's order: deep-copy the body without {@code apiVersion}, {@code kind},
     * {@code metadata} and {@code status}; put back {@code metadata.labels} and
     * {@code metadata.annotations}, minus the keys of Kopf-owned prefixes (see
     * {@link AnnotationKeys#ownedPrefixes}) and kubectl's last-applied configuration; put back
     * the extra fields (those of field handlers, even from {@code status}); drop empty
     * stanzas; remove the ignored fields. Finally remove the annotations the predicate names
     * (a storage's own keys) and drop empty stanzas again.
     *
     * @param body the object as seen in the cluster
     * @param extraFields paths kept even when they would be dropped
     * @param ignoredFields paths never part of the essence
     * @param isKopfAnnotation annotation keys to remove besides the Kopf-owned ones
     * @return a new, mutable essence
     */
    public static Map<String, Object> essence(Map<String, Object> body,
            Collection<List<String>> extraFields, Collection<List<String>> ignoredFields,
            Predicate<String> isKopfAnnotation) {
        Map<String, Object> essence = DictPaths.deepCopyMap(body);
        essence.remove("apiVersion");
        essence.remove("kind");
        essence.remove("metadata");
        essence.remove("status");
        DictPaths.cherrypick(body, essence, List.of(LABELS, ANNOTATIONS));
        removeKopfAnnotations(essence);
        DictPaths.cherrypick(body, essence, extraFields == null ? List.of() : extraFields);
        removeEmptyStanzas(essence);
        if (ignoredFields != null) {
            ignoredFields.stream().filter(field -> !field.isEmpty())
                    .forEach(field -> DictPaths.remove(essence, field));
        }
        removeAnnotations(essence, isKopfAnnotation);
        removeEmptyStanzas(essence);
        return essence;
    }

    /**
     * Removes (in place) the annotations matching a predicate, if there are any.
     *
     * @param essence the mutable essence
     * @param predicate which annotation keys to remove
     */
    public static void removeAnnotations(Map<String, Object> essence, Predicate<String> predicate) {
        if (DictPaths.resolve(essence, ANNOTATIONS) instanceof Map<?, ?> annotations) {
            annotations.keySet().removeIf(key -> predicate.test(String.valueOf(key)));
        }
    }

    /**
     * Removes (in place) empty {@code metadata.annotations}, {@code metadata.labels},
     * {@code metadata} and {@code status}, as Kopf's {@code remove_empty_stanzas}.
     *
     * @param essence the mutable essence
     */
    public static void removeEmptyStanzas(Map<String, Object> essence) {
        if (essence.get("metadata") instanceof Map<?, ?> metadata) {
            removeIfEmpty(DictPaths.cast(metadata), "annotations");
            removeIfEmpty(DictPaths.cast(metadata), "labels");
        }
        removeIfEmpty(essence, "metadata");
        removeIfEmpty(essence, "status");
    }

    private static void removeKopfAnnotations(Map<String, Object> essence) {
        if (DictPaths.resolve(essence, ANNOTATIONS) instanceof Map<?, ?> annotations) {
            Set<String> owned = AnnotationKeys.ownedPrefixes(
                    annotations.keySet().stream().map(String::valueOf).toList());
            annotations.keySet().removeIf(key -> KUBECTL_LAST_APPLIED.equals(key)
                    || AnnotationKeys.isKopfOwned(String.valueOf(key), owned));
        }
    }

    private static void removeIfEmpty(Map<String, Object> map, String key) {
        if (map.containsKey(key)) {
            Object value = map.get(key);
            if (value == null || value instanceof Map<?, ?> nested && nested.isEmpty()) {
                map.remove(key);
            }
        }
    }
}
