package dev.kopf.storage;

import dev.kopf.Patch;
import dev.kopf.Resource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Combines several progress storages, as Kopf's {@code MultiProgressStorage}: reads from the
 * first storage that has a record, writes to all of them.
 *
 * <p>Useful when moving from one storage to another: list the new one first, and the old
 * one's records are still honoured while they last. Immutable; as thread-safe as its parts.
 *
 * @since 0.1
 */
public final class MultiProgressStorage implements ProgressStorage {

    private final List<ProgressStorage> storages;

    /**
     * Creates a storage over the given ones.
     *
     * @param storages the storages, in reading order
     */
    public MultiProgressStorage(List<? extends ProgressStorage> storages) {
        this.storages = List.copyOf(Objects.requireNonNull(storages, "storages"));
    }

    /**
     * Returns the combined storages.
     *
     * @return the storages, in reading order
     */
    public List<ProgressStorage> storages() {
        return storages;
    }

    @Override
    public Optional<ProgressRecord> fetch(Resource resource, String handlerId,
            Map<String, Object> body) {
        for (ProgressStorage storage : storages) {
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
        for (ProgressStorage storage : storages) {
            storage.store(resource, handlerId, record, body, patch);
        }
    }

    @Override
    public void purge(Resource resource, String handlerId, Map<String, Object> body,
            Patch patch) {
        for (ProgressStorage storage : storages) {
            storage.purge(resource, handlerId, body, patch);
        }
    }

    @Override
    public void touch(Resource resource, Map<String, Object> body, Patch patch, String value) {
        for (ProgressStorage storage : storages) {
            storage.touch(resource, body, patch, value);
        }
    }

    @Override
    public Map<String, Object> clear(Map<String, Object> essence) {
        Map<String, Object> result = ProgressStorage.super.clear(essence);
        for (ProgressStorage storage : storages) {
            result = storage.clear(result);
        }
        return result;
    }
}
