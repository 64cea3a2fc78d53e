package dev.kopf.storage;

import dev.kopf.Patch;
import dev.kopf.Resource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The default diff-base storage: the status where it can be kept, an annotation elsewhere.
 *
 * <p>Writes go to {@link StatusDiffBaseStorage} for resources with a status subresource,
 * unless the runtime has reported with {@link #useAnnotationsFor} that a resource cannot keep
 * such fields in its status; everything else goes to {@link AnnotationsDiffBaseStorage}.
 * Reads try the resource's storage first and the other one next, so that the annotation
 * written by Python Kopf (its default) is honoured. Built essences are cleared of the traces
 * of both. This differs from Kopf, whose default is the annotation for everything.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class SmartDiffBaseStorage implements DiffBaseStorage {

    private final StatusDiffBaseStorage status;
    private final AnnotationsDiffBaseStorage annotations;
    private final StatusFallbacks fallbacks = new StatusFallbacks();

    /** Creates the storage with Kopf's default status field and annotation. */
    public SmartDiffBaseStorage() {
        this(new StatusDiffBaseStorage(), new AnnotationsDiffBaseStorage());
    }

    /**
     * Creates the storage over the given two.
     *
     * @param status where essences go for resources with a status subresource
     * @param annotations where essences go for the other resources
     */
    public SmartDiffBaseStorage(StatusDiffBaseStorage status,
            AnnotationsDiffBaseStorage annotations) {
        this.status = Objects.requireNonNull(status, "status");
        this.annotations = Objects.requireNonNull(annotations, "annotations");
    }

    /**
     * Makes all further writes for a resource go to the annotation.
     *
     * @param resource a resource whose status cannot keep Kopf's fields
     */
    public void useAnnotationsFor(Resource resource) {
        fallbacks.add(resource);
    }

    /**
     * Tells whether writes for a resource go to the annotation.
     *
     * @param resource the resource
     * @return {@code true} without a status subresource or after {@link #useAnnotationsFor}
     */
    public boolean usesAnnotations(Resource resource) {
        return !resource.hasStatusSubresource() || fallbacks.contains(resource);
    }

    @Override
    public Optional<Map<String, Object>> fetch(Resource resource, Map<String, Object> body) {
        DiffBaseStorage first = usesAnnotations(resource) ? annotations : status;
        DiffBaseStorage second = usesAnnotations(resource) ? status : annotations;
        Optional<Map<String, Object>> essence = first.fetch(resource, body);
        return essence.isPresent() ? essence : second.fetch(resource, body);
    }

    @Override
    public void store(Resource resource, Map<String, Object> body, Patch patch,
            Map<String, Object> essence) {
        DiffBaseStorage target = usesAnnotations(resource) ? annotations : status;
        target.store(resource, body, patch, essence);
    }

    @Override
    public Map<String, Object> build(Map<String, Object> body,
            Collection<List<String>> extraFields) {
        // As Kopf's multi-storage: the second storage rebuilds from the first one's essence.
        return status.build(annotations.build(body, extraFields), extraFields);
    }

    @Override
    public Map<String, Object> clear(Map<String, Object> essence) {
        return annotations.clear(status.clear(essence));
    }
}
