package dev.kopf.storage;

import dev.kopf.Patch;
import dev.kopf.Resource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The default progress storage: the status where it can be kept, annotations elsewhere.
 *
 * <p>Writes go to {@link StatusProgressStorage} for resources with a status subresource,
 * unless the runtime has reported, with {@link #useAnnotationsFor}, that the resource's schema
 * prunes such fields; everything else (built-in resources such as ConfigMaps, whose status a
 * real API server drops, and custom resources without the subresource) goes to
 * {@link AnnotationsProgressStorage}. Reads try the
 * resource's storage first and the other one next, so records written by Python Kopf (which
 * uses annotations by default) are honoured. Purges clear both places, but only the keys that
 * exist. This differs from Kopf's {@code SmartProgressStorage}, which writes to annotations.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class SmartProgressStorage implements ProgressStorage {

    private final StatusProgressStorage status;
    private final AnnotationsProgressStorage annotations;
    private final StatusFallbacks fallbacks = new StatusFallbacks();

    /** Creates the storage with Kopf's default status field and annotations prefix. */
    public SmartProgressStorage() {
        this(new StatusProgressStorage(), new AnnotationsProgressStorage());
    }

    /**
     * Creates the storage over the given two.
     *
     * @param status where records go by default
     * @param annotations where records go for resources that cannot keep them in status
     */
    public SmartProgressStorage(StatusProgressStorage status,
            AnnotationsProgressStorage annotations) {
        this.status = Objects.requireNonNull(status, "status");
        this.annotations = Objects.requireNonNull(annotations, "annotations");
    }

    /**
     * Makes all further writes for a resource go to annotations.
     *
     * @param resource a resource whose status cannot keep Kopf's fields
     */
    public void useAnnotationsFor(Resource resource) {
        fallbacks.add(resource);
    }

    /**
     * Tells whether writes for a resource go to annotations.
     *
     * @param resource the resource
     * @return {@code true} for resources without a status subresource (whose status a real
     *     API server may drop), and after {@link #useAnnotationsFor} for it
     */
    public boolean usesAnnotations(Resource resource) {
        return !resource.hasStatusSubresource() || fallbacks.contains(resource);
    }

    @Override
    public Optional<ProgressRecord> fetch(Resource resource, String handlerId,
            Map<String, Object> body) {
        for (ProgressStorage storage : readingOrder(resource)) {
            Optional<ProgressRecord> record = storage.fetch(resource, handlerId, body);
            if (record.isPresent()) {
                return record;
            }
        }
        return Optional.empty();
    }

    @Override
    public void store(Resource resource, String handlerId, ProgressRecord record,
            Map<String, Object> body, Patch patch) {
        target(resource).store(resource, handlerId, record, body, patch);
    }

    @Override
    public void purge(Resource resource, String handlerId, Map<String, Object> body,
            Patch patch) {
        status.purge(resource, handlerId, body, patch);
        annotations.purge(resource, handlerId, body, patch);
    }

    @Override
    public void touch(Resource resource, Map<String, Object> body, Patch patch, String value) {
        if (value != null) {
            target(resource).touch(resource, body, patch, value);
        } else {
            status.touch(resource, body, patch, null);
            annotations.touch(resource, body, patch, null);
        }
    }

    @Override
    public Map<String, Object> clear(Map<String, Object> essence) {
        return annotations.clear(status.clear(essence));
    }

    private ProgressStorage target(Resource resource) {
        return usesAnnotations(resource) ? annotations : status;
    }

    private List<ProgressStorage> readingOrder(Resource resource) {
        return usesAnnotations(resource)
                ? List.of(annotations, status) : List.of(status, annotations);
    }
}
