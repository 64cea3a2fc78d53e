package dev.kopf.testing.internal.apiserver;

/**
 * One change in the store, as kept in the watch history and fanned out to watch streams.
 *
 * <p>Watch streams decide per watcher what it sees (an object leaving a label selector is a
 * DELETED for that watcher), so the event keeps both versions of the object.
 *
 * @param type what happened in the store
 * @param resource the resource the object belongs to
 * @param oldObject the object before the change; {@code null} for ADDED
 * @param newObject the object after the change; for DELETED, the last state with the deletion's
 *     resourceVersion
 */
record ChangeEvent(Type type, GroupResource resource, StoredObject oldObject,
        StoredObject newObject) {

    /** What happened in the store. */
    enum Type { ADDED, MODIFIED, DELETED }

    long resourceVersion() {
        return newObject.resourceVersion();
    }

    String namespace() {
        return newObject.namespace();
    }
}
