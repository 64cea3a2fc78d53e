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
            String owner = controllerUid(metadata);
            if (owner != null) {
                return owner;
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

    /**
     * Returns the key of an object being created, when the mutating admission already
     * knows it, as {@link #keyOf} will compute it once the object is stored.
     *
     * <p>Kubernetes fills in a generated name and the object's own uid only after the
     * mutating webhooks: the API server's {@code Store.create}
     * ({@code staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go}, "Init
     * metadata as early as possible": {@code FillObjectMetaSystemFields}, then
     * {@code GenerateName}) runs after the create handler's {@code mutatingAdmission.Admit};
     * and the AdmissionRequest's {@code name} "will contain an empty string" when the client
     * relied on {@code generateName} (kube-apiserver Admission (v1) reference,
     * {@code AdmissionRequest.name}). So such keys are left to the sharder.
     *
     * @param mode the hashing key
     * @param metadata the admitted object's metadata, with its namespace
     * @return the key, or {@code null} when it is not known before the object is stored
     */
    static String keyAtCreation(HashingKey mode, Map<String, Object> metadata) {
        if (mode == HashingKey.OWNER) {
            return controllerUid(metadata);
        }
        Object name = metadata.get("name");
        return name == null || name.toString().isEmpty() ? null : keyOf(mode, metadata);
    }

    private static String controllerUid(Map<String, Object> metadata) {
        if (metadata.get("ownerReferences") instanceof List<?> owners) {
            for (Object owner : owners) {
                if (owner instanceof Map<?, ?> reference
                        && Boolean.TRUE.equals(reference.get("controller"))
                        && reference.get("uid") != null) {
                    return reference.get("uid").toString();
                }
            }
        }
        return null;
    }
}
