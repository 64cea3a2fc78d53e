package dev.kopf.storage;

import dev.kopf.Patch;
import dev.kopf.Resource;
import dev.kopf.internal.structs.DictPaths;
import dev.kopf.internal.structs.Essences;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps progress in the object's status, as Kopf's {@code StatusProgressStorage}.
 *
 * <p>Each record is a nested object at {@code status.kopf.progress.<handler id>}; the id is
 * used unchanged, slashes and dots included:
 * <pre>{@code
 * status:
 *   kopf:
 *     progress:
 *       create_fn: {started: "2020-12-31T23:59:59.123456+00:00", retries: 1, ...}
 *       create_fn/item1: {...}
 * }</pre>
 *
 * <p>Only usable where the status may hold arbitrary fields (typically custom resources);
 * built-in resources prune unknown status fields. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class StatusProgressStorage implements ProgressStorage {

    private static final Logger logger = LoggerFactory.getLogger(StatusProgressStorage.class);

    private final List<String> field;
    private final List<String> touchField;

    /** Creates the storage with Kopf's defaults: {@code status.kopf.progress}. */
    public StatusProgressStorage() {
        this(builder());
    }

    private StatusProgressStorage(Builder builder) {
        this.field = PatchWrites.field(builder.field, builder.name);
        this.touchField = PatchWrites.field(builder.touchField, builder.name);
    }

    /**
     * Starts a builder with Kopf's defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the path of the records' container.
     *
     * @return e.g. {@code [status, kopf, progress]}
     */
    public List<String> field() {
        return field;
    }

    @Override
    public Optional<ProgressRecord> fetch(Resource resource, String handlerId,
            Map<String, Object> body) {
        if (DictPaths.resolve(body, recordPath(handlerId)) instanceof Map<?, ?> map) {
            try {
                return Optional.of(ProgressRecord.fromJson(DictPaths.deepCopyMap(map)));
            } catch (IllegalArgumentException e) {
                logger.warn("Ignoring the unreadable progress record of {} in {}: {}", handlerId,
                        String.join(".", field), e.getMessage());
            }
        }
        return Optional.empty();
    }

    @Override
    public void store(Resource resource, String handlerId, ProgressRecord record,
            Map<String, Object> body, Patch patch) {
        // The nulls of the full record erase stale fields (e.g. delayed) in a merge patch.
        DictPaths.set(patch.asMap(), recordPath(handlerId), record.toMap());
    }

    @Override
    public void purge(Resource resource, String handlerId, Map<String, Object> body,
            Patch patch) {
        PatchWrites.purge(body, patch, recordPath(handlerId));
    }

    @Override
    public void touch(Resource resource, Map<String, Object> body, Patch patch, String value) {
        PatchWrites.writeIfDifferent(body, patch, touchField, value);
    }

    @Override
    public Map<String, Object> clear(Map<String, Object> essence) {
        Map<String, Object> copy = DictPaths.deepCopyMap(essence);
        DictPaths.remove(copy, field);
        DictPaths.remove(copy, touchField);  // Kopf keeps it; it is no change of the object
        Essences.removeEmptyStanzas(copy);
        return copy;
    }

    private List<String> recordPath(String handlerId) {
        List<String> path = new ArrayList<>(field);
        path.add(handlerId);
        return path;
    }

    /**
     * Builds a {@link StatusProgressStorage}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private String name = "kopf";
        private String field = "status.{name}.progress";
        private String touchField = "status.{name}.dummy";

        private Builder() {
        }

        /**
         * Sets the name that replaces {@code {name}} in the fields.
         *
         * @param name e.g. {@code my-operator}; default {@code kopf}
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Sets the dotted path of the records' container.
         *
         * @param field default {@code status.{name}.progress}
         * @return this builder
         */
        public Builder field(String field) {
            this.field = Objects.requireNonNull(field, "field");
            return this;
        }

        /**
         * Sets the dotted path of the wake-up marker.
         *
         * @param touchField default {@code status.{name}.dummy}
         * @return this builder
         */
        public Builder touchField(String touchField) {
            this.touchField = Objects.requireNonNull(touchField, "touchField");
            return this;
        }

        /**
         * Builds the storage.
         *
         * @return a new storage
         */
        public StatusProgressStorage build() {
            return new StatusProgressStorage(this);
        }
    }
}
