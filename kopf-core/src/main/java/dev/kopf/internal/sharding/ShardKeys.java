package dev.kopf.internal.sharding;

import dev.kopf.ShardingSettings.HashingKey;
import java.util.List;
import java.util.Map;

/**
 * The hashing key of an object, by the ring's {@link HashingKey}: its namespace and name, or
 * the uid of its controller owner (else its own uid), so that parents and children land
 * together.
 */
final class ShardKeys {

    private ShardKeys() {
    }

    /**
     * Returns the key of an object from its metadata.
     *
     * @param mode the hashing key
     * @param metadata the object's metadata
     * @return the key to hash
     */
    static String keyOf(HashingKey mode, Map<String, Object> metadata) {
        if (mode == HashingKey.OWNER) {
            if (metadata.get("ownerReferences") instanceof List<?> owners) {
                for (Object owner : owners) {
                    if (owner instanceof Map<?, ?> reference
                            && Boolean.TRUE.equals(reference.get("controller"))
                            && reference.get("uid") != null) {
                        return reference.get("uid").toString();
                    }
                }
            }
            Object uid = metadata.get("uid");
            if (uid != null) {
                return uid.toString();
            }
        }
        Object namespace = metadata.get("namespace");
        Object name = metadata.get("name");
        return (namespace == null ? "" : namespace) + "/" + name;
    }
}
