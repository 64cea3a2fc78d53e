package dev.kopf;

import dev.kopf.storage.DiffBaseStorage;
import dev.kopf.storage.ProgressStorage;
import java.time.Duration;

/**
 * Where progress and the last-handled configuration are kept.
 *
 * <p>The {@code persistence} group of {@link OperatorSettings}, changed with
 * {@link OperatorSettings.Builder#persistence}.
 *
 * @param finalizer the finalizer name
 * @param progressStorage where handlers' progress records are kept
 * @param diffBaseStorage where the last-handled configuration is kept
 * @param consistencyTimeout how long to wait for the operator's own patch to come back
 *     from the watch before handling the object again
 * @since 0.1
 */
public record PersistenceSettings(String finalizer, ProgressStorage progressStorage,
        DiffBaseStorage diffBaseStorage, Duration consistencyTimeout) {

    /**
     * Returns a copy with another progress storage.
     *
     * @param value the storage
     * @return a new group
     */
    public PersistenceSettings withProgressStorage(ProgressStorage value) {
        return new PersistenceSettings(finalizer, value, diffBaseStorage, consistencyTimeout);
    }

    /**
     * Returns a copy with another diff-base storage.
     *
     * @param value the storage
     * @return a new group
     */
    public PersistenceSettings withDiffBaseStorage(DiffBaseStorage value) {
        return new PersistenceSettings(finalizer, progressStorage, value, consistencyTimeout);
    }

    /**
     * Returns a copy with another finalizer name.
     *
     * @param value the finalizer
     * @return a new group
     */
    public PersistenceSettings withFinalizer(String value) {
        return new PersistenceSettings(value, progressStorage, diffBaseStorage, consistencyTimeout);
    }

    /**
     * Returns a copy with another consistency timeout.
     *
     * @param value how long to wait for the own patch to come back
     * @return a new group
     */
    public PersistenceSettings withConsistencyTimeout(Duration value) {
        return new PersistenceSettings(finalizer, progressStorage, diffBaseStorage, value);
    }
}
