package dev.kopf.storage;

import dev.kopf.Resource;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resources that the runtime found unable to keep Kopf's fields in their status, for
 * the smart storages. Keyed by group and plural, since all versions serve the same objects.
 * Thread-safe.
 */
final class StatusFallbacks {

    private final Set<String> resources = ConcurrentHashMap.newKeySet();

    void add(Resource resource) {
        resources.add(key(resource));
    }

    boolean contains(Resource resource) {
        return resources.contains(key(resource));
    }

    private static String key(Resource resource) {
        return resource.plural() + "." + resource.group();
    }
}
