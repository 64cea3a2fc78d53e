package dev.kopf.internal.actions;

import dev.kopf.Patch;
import dev.kopf.Resource;
import dev.kopf.internal.clients.Patcher;
import dev.kopf.internal.structs.DictPaths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a cycle's accumulated patch with as few writes as possible: one merge patch for
 * {@code /status} when the resource has that subresource, one for the main resource, none
 * for an empty part. Kopf's {@code patching.py} on our write budget.
 */
public final class Applier {

    /**
     * What the writes returned.
     *
     * @param body the newest object returned by the server, or {@code null} when gone or
     *     nothing was written
     * @param statusPruned whether the server dropped status fields that were written
     * @param writes how many API writes were made
     */
    public record Applied(Map<String, Object> body, boolean statusPruned, int writes) {
    }

    private final Patcher patcher;
    /** Whether writes are allowed: not once the leader lease is known lost. */
    private final java.util.function.BooleanSupplier fence;

    /**
     * Creates an applier.
     *
     * @param patcher the API patcher
     */
    public Applier(Patcher patcher) {
        this(patcher, () -> true);
    }

    /**
     * Creates an applier whose writes are dropped while the fence says no: a handler that
     * finishes after its replica lost the leader lease must not write (docs/peering.md).
     *
     * @param patcher the API patcher
     * @param fence whether writes are allowed now
     */
    public Applier(Patcher patcher, java.util.function.BooleanSupplier fence) {
        this.patcher = patcher;
        this.fence = fence;
    }

    /**
     * Applies the patch; the status part first, so that removing a finalizer comes last.
     *
     * @param resource the resource
     * @param body the object as last seen
     * @param patch the accumulated patch
     * @return what the server returned
     */
    public Applied apply(Resource resource, Map<String, Object> body, Patch patch) {
        if (patch.isEmpty()) {
            return new Applied(null, false, 0);
        }
        if (!fence.getAsBoolean()) {
            org.slf4j.LoggerFactory.getLogger("kopf.engines.leadership").warn("The leader lease "
                    + "is lost: the patch of {} is dropped; the new leader handles the object.",
                    resource.plural());
            return new Applied(null, false, 0);
        }
        Map<String, Object> main = new LinkedHashMap<>(patch.asMap());
        Object status = resource.hasStatusSubresource() ? main.remove("status") : null;
        String namespace = namespace(body);
        String name = name(body);
        Map<String, Object> latest = null;
        boolean pruned = false;
        int writes = 0;
        if (status instanceof Map<?, ?> statusPatch && !statusPatch.isEmpty()) {
            Optional<Map<String, Object>> result = patcher.mergePatch(resource, namespace, name,
                    "status", Map.of("status", statusPatch));
            writes++;
            if (result.isEmpty()) {
                return new Applied(null, false, writes);
            }
            latest = result.get();
            pruned = isPruned(statusPatch, latest.get("status"));
        }
        if (!DictPaths.isEmptyDeep(main)) {
            Optional<Map<String, Object>> result =
                    patcher.mergePatch(resource, namespace, name, null, main);
            writes++;
            latest = result.orElse(null);
            if (result.isEmpty()) {
                return new Applied(null, pruned, writes);
            }
        }
        if (!patch.fns().isEmpty()) {
            Map<String, Object> base = latest != null ? latest : body;
            Map<String, Object> transformed = new Transformations(patcher)
                    .apply(resource, base, patch.fns()).orElse(null);
            writes += transformed == base ? 0 : 1;
            latest = transformed == base ? latest : transformed;
        }
        return new Applied(latest, pruned, writes);
    }

    /** Whether a written non-null status key is missing from what the server returned. */
    private static boolean isPruned(Map<?, ?> written, Object returned) {
        if (!(returned instanceof Map<?, ?> actual)) {
            return written.values().stream().anyMatch(v -> v != null);
        }
        for (Map.Entry<?, ?> entry : written.entrySet()) {
            if (entry.getValue() != null && !actual.containsKey(entry.getKey())) {
                return true;
            }
        }
        return false;
    }


    static String namespace(Map<String, Object> body) {
        return (String) DictPaths.resolve(body, List.of("metadata", "namespace"));
    }

    static String name(Map<String, Object> body) {
        return (String) DictPaths.resolve(body, List.of("metadata", "name"));
    }
}
