package dev.kopf.internal.actions;

import dev.kopf.Resource;
import dev.kopf.internal.clients.ApiException;
import dev.kopf.internal.clients.Patcher;
import dev.kopf.internal.structs.DictPaths;
import dev.kopf.internal.structs.JsonPatches;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Applies a patch's transformations (Kopf's {@code patch.fns}) as JSON patches: runs them on
 * a copy of the newest object, sends the difference guarded by a {@code test} of the
 * {@code resourceVersion}, and on a conflict reads the object again and recomputes.
 *
 * <p>Called by the {@link Applier} after the merge patches of a cycle. Separate so that the
 * merge-patch path, which is the common one, stays as it is.
 */
final class Transformations {

    /** A stale object fails the {@code test}; this many fresh tries follow. */
    private static final int ATTEMPTS = 3;

    private final Patcher patcher;

    Transformations(Patcher patcher) {
        this.patcher = patcher;
    }

    /**
     * Applies the transformations.
     *
     * @param resource the resource
     * @param base the newest object known
     * @param fns the transformations
     * @return the object as returned by the last write, {@code base} when nothing changed,
     *     or empty when the object is gone
     */
    Optional<Map<String, Object>> apply(Resource resource, Map<String, Object> base,
            List<Consumer<Map<String, Object>>> fns) {
        String namespace = Applier.namespace(base);
        String name = Applier.name(base);
        Map<String, Object> current = base;
        for (int attempt = 1; ; attempt++) {
            Map<String, Object> changed = DictPaths.deepCopyMap(current);
            fns.forEach(fn -> fn.accept(changed));
            List<Map<String, Object>> operations = JsonPatches.diff(current, changed);
            if (operations.isEmpty()) {
                return Optional.of(current);
            }
            try {
                return send(resource, namespace, name, current, operations);
            } catch (ApiException e) {
                boolean conflict = e.code() == 409 || e.code() == 422;
                if (!conflict || attempt >= ATTEMPTS) {
                    throw e;
                }
                Optional<Map<String, Object>> fresh = patcher.get(resource, namespace, name);
                if (fresh.isEmpty()) {
                    return fresh;
                }
                current = fresh.get();
            }
        }
    }

    private Optional<Map<String, Object>> send(Resource resource, String namespace,
            String name, Map<String, Object> current, List<Map<String, Object>> operations) {
        List<Map<String, Object>> status = new ArrayList<>();
        List<Map<String, Object>> main = new ArrayList<>();
        for (Map<String, Object> operation : operations) {
            String path = (String) operation.get("path");
            boolean isStatus = path.equals("/status") || path.startsWith("/status/");
            (isStatus && resource.hasStatusSubresource() ? status : main).add(operation);
        }
        Optional<Map<String, Object>> result = Optional.of(current);
        if (!status.isEmpty()) {
            result = patcher.jsonPatch(resource, namespace, name, "status",
                    guarded(current, status));
        }
        if (!main.isEmpty() && result.isPresent()) {
            result = patcher.jsonPatch(resource, namespace, name, null,
                    guarded(result.get(), main));
        }
        return result;
    }

    private static List<Map<String, Object>> guarded(Map<String, Object> body,
            List<Map<String, Object>> operations) {
        List<Map<String, Object>> all = new ArrayList<>();
        Object version = DictPaths.resolve(body, List.of("metadata", "resourceVersion"));
        if (version != null) {
            all.add(JsonPatches.operation("test", "/metadata/resourceVersion", version));
        }
        all.addAll(operations);
        return all;
    }
}
