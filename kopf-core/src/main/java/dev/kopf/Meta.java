package dev.kopf;

import java.util.List;
import java.util.Map;

/**
 * The {@code metadata} of the object being handled, read-only.
 *
 * @since 0.1
 */
public final class Meta extends ObjectView {

    /**
     * Wraps a parsed {@code metadata}.
     *
     * @param map the metadata; {@code null} means absent
     */
    public Meta(Map<String, Object> map) {
        super(map);
    }

    /**
     * Returns the object's name.
     *
     * @return the name, or {@code null} when not yet named
     */
    public String name() {
        return (String) get("name");
    }

    /**
     * Returns the object's namespace.
     *
     * @return the namespace, or {@code null} for cluster-scoped objects
     */
    public String namespace() {
        return (String) get("namespace");
    }

    /**
     * Returns the object's uid.
     *
     * @return the uid, or {@code null} before creation
     */
    public String uid() {
        return (String) get("uid");
    }

    /**
     * Returns the object's resourceVersion.
     *
     * @return the resourceVersion, or {@code null}
     */
    public String resourceVersion() {
        return (String) get("resourceVersion");
    }

    /**
     * Returns the labels.
     *
     * @return an unmodifiable map; empty when there are none
     */
    public Map<String, String> labels() {
        return strings(asMap(), "labels");
    }

    /**
     * Returns the annotations.
     *
     * @return an unmodifiable map; empty when there are none
     */
    public Map<String, String> annotations() {
        return strings(asMap(), "annotations");
    }

    /**
     * Returns the finalizers.
     *
     * @return an unmodifiable list; empty when there are none
     */
    public List<String> finalizers() {
        return stringList(asMap(), "finalizers");
    }

    /**
     * Returns the deletion timestamp, set when the object is being deleted.
     *
     * @return the timestamp as sent by the API server, or {@code null}
     */
    public String deletionTimestamp() {
        return (String) get("deletionTimestamp");
    }
}
