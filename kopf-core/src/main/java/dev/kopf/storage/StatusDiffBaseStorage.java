package dev.kopf.storage;

import dev.kopf.Patch;
import dev.kopf.Resource;
import dev.kopf.internal.structs.CompactJson;
import dev.kopf.internal.structs.DictPaths;
import dev.kopf.internal.structs.Essences;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the last-handled configuration in the status, as Kopf's
 * {@code StatusDiffBaseStorage}: a JSON <em>string</em> (not an object, so that merge patches
 * never mix old and new fields) at {@code status.kopf.last-handled-configuration}.
 *
 * <p>Only usable where the status may hold arbitrary fields. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class StatusDiffBaseStorage implements DiffBaseStorage {

    private static final Logger logger = LoggerFactory.getLogger(StatusDiffBaseStorage.class);

    private final List<String> field;
    private final List<List<String>> ignoredFields;

    /** Creates the storage with Kopf's defaults. */
    public StatusDiffBaseStorage() {
        this(builder());
    }

    private StatusDiffBaseStorage(Builder builder) {
        this.field = PatchWrites.field(builder.field, builder.name);
        this.ignoredFields = DictPaths.parseAll(builder.ignoredFields);
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
     * Returns the path of the stored value.
     *
     * @return e.g. {@code [status, kopf, last-handled-configuration]}
     */
    public List<String> field() {
        return field;
    }

    @Override
    public Optional<Map<String, Object>> fetch(Resource resource, Map<String, Object> body) {
        Object stored = DictPaths.resolve(body, field);
        if (stored instanceof String encoded) {
            try {
                return Optional.of(CompactJson.readMap(encoded));
            } catch (IllegalArgumentException e) {
                logger.warn("Ignoring the unreadable last-handled configuration in {}: {}",
                        String.join(".", field), e.getMessage());
            }
        } else if (stored instanceof Map<?, ?> map) {  // not ours, but clear enough to honour
            return Optional.of(DictPaths.deepCopyMap(map));
        }
        return Optional.empty();
    }

    @Override
    public void store(Resource resource, Map<String, Object> body, Patch patch,
            Map<String, Object> essence) {
        DictPaths.set(patch.asMap(), field, CompactJson.write(essence));
    }

    @Override
    public Map<String, Object> build(Map<String, Object> body,
            Collection<List<String>> extraFields) {
        return clear(Essences.essence(body, extraFields, ignoredFields, key -> false));
    }

    @Override
    public Map<String, Object> clear(Map<String, Object> essence) {
        Map<String, Object> copy = DictPaths.deepCopyMap(essence);
        DictPaths.remove(copy, field);
        return copy;
    }

    /**
     * Builds a {@link StatusDiffBaseStorage}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private String name = "kopf";
        private String field = "status.{name}.last-handled-configuration";
        private Collection<String> ignoredFields = List.of();

        private Builder() {
        }

        /**
         * Sets the name that replaces {@code {name}} in the field.
         *
         * @param name default {@code kopf}
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Sets the dotted path of the stored value.
         *
         * @param field default {@code status.{name}.last-handled-configuration}
         * @return this builder
         */
        public Builder field(String field) {
            this.field = Objects.requireNonNull(field, "field");
            return this;
        }

        /**
         * Sets the fields that never count as changes.
         *
         * @param ignoredFields dotted paths
         * @return this builder
         */
        public Builder ignoredFields(Collection<String> ignoredFields) {
            this.ignoredFields = List.copyOf(ignoredFields);
            return this;
        }

        /**
         * Builds the storage.
         *
         * @return a new storage
         */
        public StatusDiffBaseStorage build() {
            return new StatusDiffBaseStorage(this);
        }
    }
}
