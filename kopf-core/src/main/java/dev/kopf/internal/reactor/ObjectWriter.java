package dev.kopf.internal.reactor;

import dev.kopf.Patch;
import dev.kopf.PersistenceSettings;
import dev.kopf.Resource;
import dev.kopf.internal.actions.Applier;
import dev.kopf.internal.actions.ObjectLogger;
import dev.kopf.internal.clients.ApiException;
import dev.kopf.internal.structs.DictPaths;
import dev.kopf.internal.structs.Finalizers;
import dev.kopf.storage.ProgressRecord;
import dev.kopf.storage.SmartDiffBaseStorage;
import dev.kopf.storage.SmartProgressStorage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resource processor's writes to an object: the finalizer (guarded by the
 * resourceVersion) and a cycle's accumulated patch, with the fall-back to annotations when
 * the API server prunes {@code status.kopf}.
 *
 * <p>Called on the object's worker. Kept apart so that the processor reads as the steps of a
 * cycle, not as the mechanics of writing them.
 */
final class ObjectWriter {

    private static final Logger logger = LoggerFactory.getLogger("kopf.reactor.processing");

    private final Applier applier;
    private final PersistenceSettings persistence;

    ObjectWriter(Applier applier, PersistenceSettings persistence) {
        this.applier = applier;
        this.persistence = persistence;
    }

    /**
     * Adds or removes the finalizer, guarded by the object's resourceVersion.
     *
     * @return the patched object, or {@code null} when it is gone or has changed meanwhile
     */
    Map<String, Object> changeFinalizers(Resource resource, Map<String, Object> body,
            String finalizer, boolean add) {
        List<String> finalizers = Finalizers.finalizers(body);
        if (add) {
            finalizers.add(finalizer);
        } else {
            finalizers.remove(finalizer);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("finalizers", finalizers.isEmpty() ? null : finalizers);
        metadata.put("resourceVersion", DictPaths.resolve(body,
                List.of("metadata", "resourceVersion")));
        Patch patch = new Patch();
        patch.asMap().put("metadata", metadata);
        try {
            return applier.apply(resource, body, patch).body();
        } catch (ApiException e) {
            if (e.code() != 409) {
                throw e;
            }
            // Changed meanwhile (e.g. by a daemon's status write): its event comes next.
            logger.debug("The finalizers of {} changed meanwhile; the next event decides.",
                    resource);
            return null;
        }
    }

    /**
     * Applies a cycle's patch; when the server prunes {@code status.kopf}, switches the smart
     * storages to annotations and writes the state there.
     *
     * @return the object as written, or {@code null} when nothing was written
     */
    Map<String, Object> applyPatch(Resource resource, Map<String, Object> body, Patch patch,
            ObjectLogger log) {
        if (patch.isEmpty()) {
            return null;
        }
        log.debug("Patching with: {}", patch);
        Applier.Applied applied = applier.apply(resource, body, patch);
        if (applied.statusPruned() && switchToAnnotations(resource)) {
            logger.warn("The status of {} is pruned by the API server (its schema does not keep "
                    + "status.kopf): progress and the last-handled configuration are kept in "
                    + "annotations instead.", resource);
            Patch again = new Patch();
            copyStateToAnnotations(resource, body, patch, again);
            applied = applier.apply(resource, body, again);
        }
        return applied.body();
    }

    private boolean switchToAnnotations(Resource resource) {
        boolean switched = false;
        if (persistence.progressStorage() instanceof SmartProgressStorage smart
                && !smart.usesAnnotations(resource)) {
            smart.useAnnotationsFor(resource);
            switched = true;
        }
        if (persistence.diffBaseStorage() instanceof SmartDiffBaseStorage smart
                && !smart.usesAnnotations(resource)) {
            smart.useAnnotationsFor(resource);
            switched = true;
        }
        return switched;
    }

    @SuppressWarnings("unchecked")
    private void copyStateToAnnotations(Resource resource, Map<String, Object> body,
            Patch written, Patch target) {
        Object kopf = written.status().get("kopf");
        if (!(kopf instanceof Map<?, ?> state)) {
            return;
        }
        if (state.get("progress") instanceof Map<?, ?> progress) {
            ((Map<String, Object>) progress).forEach((id, value) -> {
                if (value instanceof Map<?, ?> record) {
                    persistence.progressStorage().store(resource, id,
                            ProgressRecord.fromJson((Map<String, ?>) record), body, target);
                }
            });
        }
        Object essence = state.get("last-handled-configuration");
        if (essence instanceof String json) {
            persistence.diffBaseStorage().store(resource, body, target,
                    dev.kopf.internal.structs.CompactJson.readMap(json));
        }
    }
}
