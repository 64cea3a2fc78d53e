package dev.kopf.testing.internal.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The in-memory object store: every object by resource and key, one global resourceVersion
 * counter, the watch history, and the registered watch streams.
 *
 * <p>One lock orders all changes. Writes compute their result outside the lock and commit
 * it under the lock only if the object did not change meanwhile (optimistic concurrency, as
 * etcd does); under the lock a commit only bumps the counter, swaps a map entry, appends to
 * the history and queues the event on each watcher of that resource. Reads of one object need
 * no lock; lists take it briefly to pair their items with a resourceVersion.
 */
final class ObjectStore {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<GroupResource, ConcurrentSkipListMap<String, StoredObject>> objects =
            new ConcurrentHashMap<>();
    private final Map<GroupResource, List<WatchStream>> watchers = new HashMap<>();
    private final EventHistory history;
    private long resourceVersion;

    /** The outcome of a committed write. */
    record Outcome(ChangeEvent.Type type, StoredObject before, StoredObject after) {
        boolean isRemoved() {
            return type == ChangeEvent.Type.DELETED;
        }
    }

    /** A consistent list: the matching objects as of one resourceVersion. */
    record Snapshot(long resourceVersion, List<StoredObject> items) {
    }

    ObjectStore(int historyCapacity) {
        this.history = new EventHistory(historyCapacity);
    }

    static String key(String namespace, String name) {
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }

    long resourceVersion() {
        lock.lock();
        try {
            return resourceVersion;
        } finally {
            lock.unlock();
        }
    }

    StoredObject get(GroupResource resource, String namespace, String name) {
        return table(resource).get(key(namespace, name));
    }

    /** The objects of a resource in one namespace (or all), in key order, and the version. */
    Snapshot list(GroupResource resource, String namespace) {
        Collection<StoredObject> view;
        ConcurrentSkipListMap<String, StoredObject> table = table(resource);
        lock.lock();
        try {
            view = namespace == null ? table.values()
                    : table.subMap(namespace + "/", namespace + "0").values();
            return new Snapshot(resourceVersion, new ArrayList<>(view));
        } finally {
            lock.unlock();
        }
    }

    /** Every object in a namespace, by resource, whatever the kind. */
    Map<GroupResource, List<StoredObject>> contents(String namespace) {
        Map<GroupResource, List<StoredObject>> contents = new HashMap<>();
        objects.forEach((resource, table) -> {
            List<StoredObject> items = new ArrayList<>(
                    table.subMap(namespace + "/", namespace + "0").values());
            if (!items.isEmpty()) {
                contents.put(resource, items);
            }
        });
        return contents;
    }

    /** Every object of a resource, in all namespaces. */
    List<StoredObject> all(GroupResource resource) {
        return new ArrayList<>(table(resource).values());
    }

    /**
     * Stores a new object. For namespaced kinds the namespace must exist and must not be
     * terminating, checked under the lock so that it cannot race with the namespace's deletion.
     */
    StoredObject create(ResourceType type, ObjectNode node) {
        String namespace = type.isNamespaced() ? JsonNodes.text(node, "metadata", "namespace")
                : null;
        String name = JsonNodes.text(node, "metadata", "name");
        ConcurrentSkipListMap<String, StoredObject> table = table(type.resource());
        lock.lock();
        try {
            if (namespace != null) {
                requireLiveNamespace(type.resource(), namespace, name);
            }
            if (table.containsKey(key(namespace, name))) {
                throw ApiStatusException.alreadyExists(type.resource(), name);
            }
            StoredObject created = stamp(node, ++resourceVersion);
            table.put(key(namespace, name), created);
            publish(new ChangeEvent(ChangeEvent.Type.ADDED, type.resource(), null, created));
            return created;
        } finally {
            lock.unlock();
        }
    }

    private void requireLiveNamespace(GroupResource resource, String namespace, String name) {
        StoredObject owner = table(GroupResource.NAMESPACES).get(namespace);
        if (owner == null) {
            throw ApiStatusException.notFound(GroupResource.NAMESPACES, namespace);
        }
        if (JsonNodes.text(owner.node(), "metadata", "deletionTimestamp") != null) {
            throw ApiStatusException.forbidden(resource, name, "unable to create new content"
                    + " in namespace " + namespace + " because it is being terminated");
        }
    }

    /**
     * Changes one object: {@code decide} sees the current object ({@code null} if absent) and
     * returns what to do; it runs outside the lock and again if the object changed meanwhile.
     */
    Outcome mutate(GroupResource resource, String namespace, String name,
            Function<StoredObject, Mutation> decide) {
        ConcurrentSkipListMap<String, StoredObject> table = table(resource);
        String key = key(namespace, name);
        while (true) {
            StoredObject current = table.get(key);
            Mutation mutation = decide.apply(current);
            if (mutation instanceof Mutation.Keep) {
                return new Outcome(null, current, current);
            }
            lock.lock();
            try {
                if (table.get(key) != current) {
                    continue;
                }
                return commit(resource, table, key, current, mutation);
            } finally {
                lock.unlock();
            }
        }
    }

    private Outcome commit(GroupResource resource, Map<String, StoredObject> table, String key,
            StoredObject current, Mutation mutation) {
        if (mutation instanceof Mutation.Replace replace) {
            StoredObject next = stamp(replace.next(), ++resourceVersion);
            table.put(key, next);
            ChangeEvent.Type type = current == null
                    ? ChangeEvent.Type.ADDED : ChangeEvent.Type.MODIFIED;
            publish(new ChangeEvent(type, resource, current, next));
            return new Outcome(type, current, next);
        }
        Mutation.Remove remove = (Mutation.Remove) mutation;
        StoredObject last = stamp(remove.lastState(), ++resourceVersion);
        table.remove(key);
        publish(new ChangeEvent(ChangeEvent.Type.DELETED, resource, current, last));
        return new Outcome(ChangeEvent.Type.DELETED, current, last);
    }

    private static StoredObject stamp(ObjectNode node, long version) {
        JsonNodes.metadata(node).put("resourceVersion", Long.toString(version));
        return new StoredObject(node, version);
    }

    private void publish(ChangeEvent event) {
        history.append(event);
        List<WatchStream> streams = watchers.get(event.resource());
        if (streams != null) {
            for (WatchStream stream : streams) {
                stream.offer(event);
            }
        }
    }

    /**
     * Registers a watch stream and queues its initial events atomically: from a
     * resourceVersion, the history after it; without one, a synthetic ADDED per current object.
     *
     * @param fromVersion the resourceVersion to resume after, or {@code null} for the listing
     * @throws ApiStatusException 410 Expired if the history no longer reaches back that far
     */
    void subscribe(WatchStream stream, Long fromVersion) {
        lock.lock();
        try {
            for (ChangeEvent event : initialEvents(stream.spec(), fromVersion)) {
                stream.offer(event);
            }
            if (stream.spec().bookmarks()) {
                stream.offerBookmark(resourceVersion, stream.spec().initialEventsEnd());
            }
            watchers.computeIfAbsent(stream.resource(), resource -> new ArrayList<>())
                    .add(stream);
        } finally {
            lock.unlock();
        }
        stream.onClose(() -> unsubscribe(stream));
    }

    /** The events a watch would start with, without registering one (plain HTTP watches). */
    List<ChangeEvent> initialEvents(WatchSpec spec, Long fromVersion) {
        lock.lock();
        try {
            GroupResource resource = spec.type().resource();
            if (fromVersion != null) {
                if (fromVersion < history.startVersion()) {
                    throw ApiStatusException.expired(String.format(
                            "too old resource version: %d (%d)", fromVersion,
                            history.startVersion()));
                }
                return history.after(fromVersion, resource);
            }
            List<ChangeEvent> events = new ArrayList<>();
            for (StoredObject object : list(resource, spec.selection().namespace()).items()) {
                events.add(new ChangeEvent(ChangeEvent.Type.ADDED, resource, null, object));
            }
            return events;
        } finally {
            lock.unlock();
        }
    }

    /** Queues a bookmark at the current resourceVersion, after everything already queued. */
    void bookmark(WatchStream stream) {
        lock.lock();
        try {
            stream.offerBookmark(resourceVersion, false);
        } finally {
            lock.unlock();
        }
    }

    void unsubscribe(WatchStream stream) {
        lock.lock();
        try {
            List<WatchStream> streams = watchers.get(stream.resource());
            if (streams != null) {
                streams.remove(stream);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Every registered watch stream, e.g. to close them all at shutdown. */
    List<WatchStream> streams() {
        lock.lock();
        try {
            List<WatchStream> all = new ArrayList<>();
            watchers.values().forEach(all::addAll);
            return all;
        } finally {
            lock.unlock();
        }
    }

    /** Forgets the watch history: resuming from any older resourceVersion gets 410 Gone. */
    void expireHistory() {
        lock.lock();
        try {
            history.clear(resourceVersion);
        } finally {
            lock.unlock();
        }
    }

    private ConcurrentSkipListMap<String, StoredObject> table(GroupResource resource) {
        return objects.computeIfAbsent(resource, key -> new ConcurrentSkipListMap<>());
    }
}
