package dev.kopf;

import java.util.Map;

/**
 * The whole Kubernetes object being handled, read-only.
 *
 * <p>To change the object, put changes into the injected {@link Patch}.
 *
 * @since 0.1
 */
public final class Body extends ObjectView {

    /**
     * Wraps an object's parsed JSON.
     *
     * @param map the object, as parsed from JSON
     */
    public Body(Map<String, Object> map) {
        super(map);
    }

    /**
     * Returns the {@code apiVersion} field.
     *
     * @return e.g. {@code kopf.dev/v1}
     */
    public String apiVersion() {
        return (String) get("apiVersion");
    }

    /**
     * Returns the {@code kind} field.
     *
     * @return e.g. {@code KopfExample}
     */
    public String kind() {
        return (String) get("kind");
    }

    /**
     * Returns the {@code metadata} part.
     *
     * @return a view; empty when absent
     */
    public Meta meta() {
        return new Meta(child(asMap(), "metadata"));
    }

    /**
     * Returns the {@code spec} part.
     *
     * @return a view; empty when absent
     */
    public Spec spec() {
        return new Spec(child(asMap(), "spec"));
    }

    /**
     * Returns the {@code status} part.
     *
     * @return a view; empty when absent
     */
    public Status status() {
        return new Status(child(asMap(), "status"));
    }
}
