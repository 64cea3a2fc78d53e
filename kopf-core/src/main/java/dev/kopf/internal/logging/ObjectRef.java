package dev.kopf.internal.logging;

import org.slf4j.MDC;

/**
 * The Kubernetes object that a log line is about, read from MDC: Kopf's {@code k8s_ref}.
 * It renders the {@code [namespace/name] } prefix and the JSON {@code object} key.
 *
 * @param apiVersion the apiVersion, or null
 * @param kind the kind, or null
 * @param name the name; never null
 * @param uid the uid, or null
 * @param namespace the namespace, or null for cluster-scoped objects
 */
public record ObjectRef(String apiVersion, String kind, String name, String uid,
        String namespace) {

    /** MDC key of the object's namespace. */
    public static final String MDC_NAMESPACE = "kopf.namespace";
    /** MDC key of the object's name; without it, a line is not about an object. */
    public static final String MDC_NAME = "kopf.name";
    /** MDC key of the object's uid. */
    public static final String MDC_UID = "kopf.uid";
    /** MDC key of the object's kind. */
    public static final String MDC_KIND = "kopf.kind";
    /** MDC key of the object's apiVersion. */
    public static final String MDC_API_VERSION = "kopf.apiVersion";

    /**
     * Reads the current thread's MDC.
     *
     * @return the reference, or {@code null} when no object name is set
     */
    public static ObjectRef fromMdc() {
        String name = MDC.get(MDC_NAME);
        if (name == null) {
            return null;
        }
        return new ObjectRef(MDC.get(MDC_API_VERSION), MDC.get(MDC_KIND), name,
                MDC.get(MDC_UID), MDC.get(MDC_NAMESPACE));
    }

    /**
     * Returns Kopf's message prefix: {@code [namespace/name] }, or {@code [name] } for
     * cluster-scoped objects.
     *
     * @return the prefix, ending with a space
     */
    public String prefix() {
        return namespace == null || namespace.isEmpty()
                ? "[" + name + "] "
                : "[" + namespace + "/" + name + "] ";
    }
}
