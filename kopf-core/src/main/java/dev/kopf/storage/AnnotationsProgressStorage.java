package dev.kopf.storage;

import dev.kopf.Patch;
import dev.kopf.Resource;
import dev.kopf.internal.structs.AnnotationKeys;
import dev.kopf.internal.structs.CompactJson;
import dev.kopf.internal.structs.Essences;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps progress in annotations, exactly as Kopf's {@code AnnotationsProgressStorage}.
 *
 * <p>Each record is compact JSON under {@code kopf.zalando.org/<handler id>}, with {@code /}
 * turned into {@code .} and {@code <}, {@code >} into {@code _}:
 * <pre>{@code
 * kopf.zalando.org/create_fn: '{"started":"2020-12-31T23:59:59.123456+00:00","retries":0,
 *                               "success":false,"failure":false}'
 * }</pre>
 * Over-long names are cut and suffixed with a hash (Kopf's V1 and V2 key rules; both are
 * written unless {@link Builder#withoutV1Keys()}, and V2 is read first). A custom prefix
 * gets a {@code <prefix>/kopf-managed: "yes"} marker, so other Kopf-based operators ignore
 * these annotations in their diffs. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class AnnotationsProgressStorage implements ProgressStorage {

    private static final Logger logger = LoggerFactory.getLogger(AnnotationsProgressStorage.class);

    private final String prefix;
    private final boolean verbose;
    private final String touchKey;
    private final boolean v1;

    /** Creates the storage with Kopf's defaults: prefix {@code kopf.zalando.org}. */
    public AnnotationsProgressStorage() {
        this(builder());
    }

    private AnnotationsProgressStorage(Builder builder) {
        this.prefix = StorageKeys.requirePrefix(builder.prefix);
        this.verbose = builder.verbose;
        this.touchKey = builder.touchKey;
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

    /**
     * Returns the annotations prefix.
     *
     * @return e.g. {@code kopf.zalando.org}
     */
    public String prefix() {
        return prefix;
    }

    @Override
    public Optional<ProgressRecord> fetch(Resource resource, String handlerId,
            Map<String, Object> body) {
        Map<?, ?> annotations = StorageKeys.annotations(body);
        for (String key : keys(handlerId, body)) {
            if (annotations.get(key) instanceof String encoded) {
                try {
                    return Optional.of(ProgressRecord.fromJson(encoded));
                } catch (IllegalArgumentException e) {
                    logger.warn("Ignoring the unreadable progress record in {}: {}", key,
                            e.getMessage());
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void store(Resource resource, String handlerId, ProgressRecord record,
            Map<String, Object> body, Patch patch) {
        String encoded = CompactJson.write(verbose ? record.toMap() : record.toCompactMap());
        for (String key : keys(handlerId, body)) {
            patch.metadata().annotations().put(key, encoded);
        }
        StorageKeys.storeMarker(prefix, body, patch);
    }

    @Override
    public void purge(Resource resource, String handlerId, Map<String, Object> body,
            Patch patch) {
        for (String key : keys(handlerId, body)) {
            PatchWrites.purge(body, patch, StorageKeys.annotationPath(key));
        }
    }

    @Override
    public void touch(Resource resource, Map<String, Object> body, Patch patch, String value) {
        for (String key : keys(touchKey, body)) {
            if (PatchWrites.writeIfDifferent(body, patch, StorageKeys.annotationPath(key), value)) {
                StorageKeys.storeMarker(prefix, body, patch);
            }
        }
    }

    @Override
    public Map<String, Object> clear(Map<String, Object> essence) {
        Map<String, Object> copy = ProgressStorage.super.clear(essence);
        Essences.removeAnnotations(copy, key -> key.startsWith(prefix + "/"));
        Essences.removeEmptyStanzas(copy);
        return copy;
    }

    private List<String> keys(String key, Map<String, Object> body) {
        return AnnotationKeys.keys(prefix, key, v1, body);
    }

    /**
     * Builds an {@link AnnotationsProgressStorage}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private String prefix = AnnotationKeys.KOPF_PREFIX;
        private boolean verbose;
        private String touchKey = "touch-dummy";
        private boolean v1 = true;

        private Builder() {
        }

        /**
         * Sets the annotations prefix.
         *
         * @param prefix e.g. {@code my-operator.example.com}; default {@code kopf.zalando.org}
         * @return this builder
         */
        public Builder prefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * Writes unset fields as JSON {@code null}s instead of leaving them out.
         *
         * @return this builder
         */
        public Builder verbose() {
            this.verbose = true;
            return this;
        }

        /**
         * Sets the name of the wake-up marker annotation under the prefix.
         *
         * @param touchKey default {@code touch-dummy}
         * @return this builder
         */
        public Builder touchKey(String touchKey) {
            this.touchKey = Objects.requireNonNull(touchKey, "touchKey");
            return this;
        }

        /**
         * Writes and reads only V2 keys (Kopf's {@code v1=False}). By default V1 keys are
         * also kept, so that older Kopf versions can read the state.
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
        public AnnotationsProgressStorage build() {
            return new AnnotationsProgressStorage(this);
        }
    }
}
