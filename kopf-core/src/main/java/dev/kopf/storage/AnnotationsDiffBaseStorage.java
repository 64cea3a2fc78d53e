package dev.kopf.storage;

import dev.kopf.Patch;
import dev.kopf.Resource;
import dev.kopf.internal.structs.AnnotationKeys;
import dev.kopf.internal.structs.CompactJson;
import dev.kopf.internal.structs.DictPaths;
import dev.kopf.internal.structs.Essences;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the last-handled configuration in an annotation, exactly as Kopf's
 * {@code AnnotationsDiffBaseStorage} (Kopf's default).
 *
 * <p>The value is the essence as compact JSON plus a trailing newline, under
 * {@code kopf.zalando.org/last-handled-configuration}:
 * <pre>{@code
 * kopf.zalando.org/last-handled-configuration: |
 *   {"spec":{"field":"value"},"metadata":{"labels":{"somelabel":"somevalue"}}}
 * }</pre>
 * Keys follow Kopf's V1 and V2 rules, as in {@link AnnotationsProgressStorage}. Immutable and
 * thread-safe.
 *
 * @since 0.1
 */
public final class AnnotationsDiffBaseStorage implements DiffBaseStorage {

    private static final Logger logger = LoggerFactory.getLogger(AnnotationsDiffBaseStorage.class);

    private final String prefix;
    private final String key;
    private final List<List<String>> ignoredFields;
    private final boolean v1;

    /** Creates the storage with Kopf's defaults. */
    public AnnotationsDiffBaseStorage() {
        this(builder());
    }

    private AnnotationsDiffBaseStorage(Builder builder) {
        this.prefix = StorageKeys.requirePrefix(builder.prefix);
        this.key = builder.key;
        this.ignoredFields = DictPaths.parseAll(builder.ignoredFields);
        this.v1 = builder.v1;
    }

    /**
     * Starts a builder with Kopf's defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Optional<Map<String, Object>> fetch(Resource resource, Map<String, Object> body) {
        Map<?, ?> annotations = StorageKeys.annotations(body);
        for (String fullKey : AnnotationKeys.keys(prefix, key, v1, body)) {
            if (annotations.get(fullKey) instanceof String encoded) {
                try {
                    return Optional.of(CompactJson.readMap(encoded));
                } catch (IllegalArgumentException e) {
                    logger.warn("Ignoring the unreadable last-handled configuration in {}: {}",
                            fullKey, e.getMessage());
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void store(Resource resource, Map<String, Object> body, Patch patch,
            Map<String, Object> essence) {
        // The newline is kubectl's habit too: the value shows unwrapped in `kubectl get -o yaml`.
        String encoded = CompactJson.write(essence) + "\n";
        for (String fullKey : AnnotationKeys.keys(prefix, key, v1, body)) {
            patch.metadata().annotations().put(fullKey, encoded);
        }
        StorageKeys.storeMarker(prefix, body, patch);
    }

    @Override
    public Map<String, Object> build(Map<String, Object> body,
            Collection<List<String>> extraFields) {
        Set<String> own = new HashSet<>(AnnotationKeys.keys(prefix, key, v1, body));
        own.addAll(AnnotationKeys.allKeys(prefix, key));
        return Essences.essence(body, extraFields, ignoredFields, own::contains);
    }

    @Override
    public Map<String, Object> clear(Map<String, Object> essence) {
        Map<String, Object> copy = DictPaths.deepCopyMap(essence);
        Set<String> own = Set.copyOf(AnnotationKeys.allKeys(prefix, key));
        Essences.removeAnnotations(copy, own::contains);
        Essences.removeEmptyStanzas(copy);
        return copy;
    }

    /**
     * Builds an {@link AnnotationsDiffBaseStorage}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private String prefix = AnnotationKeys.KOPF_PREFIX;
        private String key = "last-handled-configuration";
        private Collection<String> ignoredFields = List.of();
        private boolean v1 = true;

        private Builder() {
        }

        /**
         * Sets the annotations prefix.
         *
         * @param prefix default {@code kopf.zalando.org}
         * @return this builder
         */
        public Builder prefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * Sets the annotation name under the prefix.
         *
         * @param key default {@code last-handled-configuration}
         * @return this builder
         */
        public Builder key(String key) {
            this.key = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * Sets the fields that never count as changes, e.g. {@code spec.replicas}.
         *
         * @param ignoredFields dotted paths
         * @return this builder
         */
        public Builder ignoredFields(Collection<String> ignoredFields) {
            this.ignoredFields = List.copyOf(ignoredFields);
            return this;
        }

        /**
         * Writes and reads only V2 keys (Kopf's {@code v1=False}).
         *
         * @return this builder
         */
        public Builder withoutV1Keys() {
            this.v1 = false;
            return this;
        }

        /**
         * Builds the storage.
         *
         * @return a new storage
         * @throws IllegalArgumentException when the prefix is empty
         */
        public AnnotationsDiffBaseStorage build() {
            return new AnnotationsDiffBaseStorage(this);
        }
    }
}
