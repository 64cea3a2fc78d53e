package dev.kopf.storage;

import dev.kopf.Patch;
import dev.kopf.internal.structs.DictPaths;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The write rules that all built-in storages share, as in Kopf's storages: removals only
 * where something exists, and markers only where they differ.
 */
final class PatchWrites {

    private PatchWrites() {
    }

    /**
     * Nulls a field that exists in the body; otherwise drops a pending write of it from the
     * patch, so that purging what is not there writes nothing.
     */
    static void purge(Map<String, Object> body, Patch patch, List<String> path) {
        if (DictPaths.contains(body, path)) {
            DictPaths.set(patch.asMap(), path, null);
        } else if (DictPaths.contains(patch.asMap(), path)) {
            DictPaths.remove(patch.asMap(), path);
        }
    }

    /**
     * Writes a value unless the body holds it already (absent counts as {@code null}).
     *
     * @return whether anything was written
     */
    static boolean writeIfDifferent(Map<String, Object> body, Patch patch, List<String> path,
            Object value) {
        if (Objects.equals(DictPaths.resolve(body, path), value)) {
            return false;
        }
        DictPaths.set(patch.asMap(), path, value);
        return true;
    }

    /** Resolves Kopf's {@code {name}} placeholder in a dotted field and parses it. */
    static List<String> field(String template, String name) {
        return DictPaths.parse(template.replace("{name}", name));
    }
}
