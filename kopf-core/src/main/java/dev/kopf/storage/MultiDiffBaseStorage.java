package dev.kopf.storage;

import dev.kopf.Patch;
import dev.kopf.Resource;
import dev.kopf.internal.structs.Essences;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Combines several diff-base storages, as Kopf's {@code MultiDiffBaseStorage}: reads from the
 * first storage that has an essence, writes to all, and builds an essence cleared of all of
 * their traces.
 *
 * <p>Useful when moving from one storage to another. Immutable; as thread-safe as its parts.
 *
 * @since 0.1
 */
public final class MultiDiffBaseStorage implements DiffBaseStorage {

    private final List<DiffBaseStorage> storages;

    /**
     * Creates a storage over the given ones.
     *
     * @param storages the storages, in reading order
     */
    public MultiDiffBaseStorage(List<? extends DiffBaseStorage> storages) {
        this.storages = List.copyOf(Objects.requireNonNull(storages, "storages"));
    }

    /**
     * Returns the combined storages.
     *
     * @return the storages, in reading order
     */
    public List<DiffBaseStorage> storages() {
        return storages;
    }

    @Override
    public Optional<Map<String, Object>> fetch(Resource resource, Map<String, Object> body) {
        for (DiffBaseStorage storage : storages) {
            Optional<Map<String, Object>> essence = storage.fetch(resource, body);
            if (essence.isPresent()) {
                return essence;
            }
        }
        return Optional.empty();
    }

    @Override
    public void store(Resource resource, Map<String, Object> body, Patch patch,
            Map<String, Object> essence) {
        for (DiffBaseStorage storage : storages) {
            storage.store(resource, body, patch, essence);
        }
    }

    @Override
    public Map<String, Object> build(Map<String, Object> body,
            Collection<List<String>> extraFields) {
        // As Kopf: each storage rebuilds from what is left, treating the essence as the body.
        Map<String, Object> essence = Essences.essence(body, extraFields, List.of(), key -> false);
        for (DiffBaseStorage storage : storages) {
            essence = storage.build(essence, extraFields);
        }
        return essence;
    }

    @Override
    public Map<String, Object> clear(Map<String, Object> essence) {
        Map<String, Object> result = DiffBaseStorage.super.clear(essence);
        for (DiffBaseStorage storage : storages) {
            result = storage.clear(result);
        }
        return result;
    }
}
