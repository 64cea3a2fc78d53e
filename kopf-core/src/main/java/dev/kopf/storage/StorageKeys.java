package dev.kopf.storage;

import dev.kopf.Patch;
import dev.kopf.internal.structs.AnnotationKeys;
import dev.kopf.internal.structs.DictPaths;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the annotation-based storages share: prefix checks, annotation access, and Kopf's
 * {@code kopf-managed} marker (Kopf's {@code StorageKeyMarkingConvention}).
 */
final class StorageKeys {

    private static final Logger logger = LoggerFactory.getLogger(StorageKeys.class);

    /** 253 for the whole key, minus 63 for the name and 1 for the slash. */
    private static final int MAX_PREFIX_LENGTH = 253 - 63 - 1;

    private StorageKeys() {
    }

    static String requirePrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("Annotations storages must be prefixed: '"
                    + prefix + "'. Use e.g. 'kopf.zalando.org' or your operator's domain.");
        }
        if (prefix.length() > MAX_PREFIX_LENGTH) {
            logger.warn("The annotations prefix is too long ({} > {} chars): {}. It can cause"
                    + " errors when patching.", prefix.length(), MAX_PREFIX_LENGTH, prefix);
        }
        return prefix;
    }

    static Map<?, ?> annotations(Map<String, Object> body) {
        Object annotations = DictPaths.resolve(body, List.of("metadata", "annotations"));
        return annotations instanceof Map<?, ?> map ? map : Map.of();
    }

    static List<String> annotationPath(String key) {
        return List.of("metadata", "annotations", key);
    }

    /** Adds the marker of a custom prefix unless the body or the patch has it already. */
    static void storeMarker(String prefix, Map<String, Object> body, Patch patch) {
        String marker = AnnotationKeys.markerKey(prefix);
        if (marker != null && !annotations(body).containsKey(marker)
                && !DictPaths.contains(patch.asMap(), annotationPath(marker))) {
            patch.metadata().annotations().put(marker, "yes");
        }
    }
}
