package dev.kopf.internal.sharding;

import dev.kopf.Resource;

/**
 * Where an object is, for the sharder's patches and logs.
 *
 * @param resource its resource
 * @param namespace its namespace, or {@code null} when cluster-scoped
 * @param name its name
 * @param uid its uid
 */
record ObjectId(Resource resource, String namespace, String name, String uid) {

    @Override
    public String toString() {
        return resource.plural() + " " + (namespace == null ? name : namespace + "/" + name);
    }
}
