package dev.kopf;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;

/**
 * Everything a handler can be given, in one object: the Java-style alternative to many
 * parameters.
 *
 * <p>Values that do not apply to the current handler kind are {@code null} (for example
 * {@link #diff()} for event handlers, {@link #event()} for changing handlers).
 *
 * @since 0.1
 */
public interface Context {

    /**
     * Returns the whole object.
     *
     * @return the body
     */
    Body body();

    /**
     * Returns the object's spec.
     *
     * @return the spec view
     */
    default Spec spec() {
        return body().spec();
    }

    /**
     * Returns the object's metadata.
     *
     * @return the metadata view
     */
    default Meta meta() {
        return body().meta();
    }

    /**
     * Returns the object's status.
     *
     * @return the status view
     */
    default Status status() {
        return body().status();
    }

    /**
     * Returns the patch applied after the handler.
     *
     * @return the cycle's patch
     */
    Patch patch();

    /**
     * Returns the changes (relative to the field, for field handlers).
     *
     * @return the diff, or {@code null} for handlers without a cause
     */
    Diff diff();

    /**
     * Returns the old value: the old essence, or the old field value for field handlers.
     *
     * @return the old value, or {@code null}
     */
    Object oldValue();

    /**
     * Returns the new value: the new essence, or the new field value for field handlers.
     *
     * @return the new value, or {@code null}
     */
    Object newValue();

    /**
     * Returns why a changing handler is called.
     *
     * @return the reason, or {@code null} for other handlers
     */
    Reason reason();

    /**
     * Returns the per-object logger: its lines carry {@code [namespace/name]}.
     *
     * @return the logger
     */
    Logger logger();

    /**
     * Returns the per-object memo.
     *
     * @return the memo
     */
    Memo memo();

    /**
     * Returns where the handler is in its retries.
     *
     * @return the retry state, or {@code null} for event handlers
     */
    Retry retry();

    /**
     * Returns the raw watch event, for event handlers.
     *
     * @return the event, or {@code null}
     */
    RawEvent event();

    /**
     * Returns the resource being handled.
     *
     * @return the resource
     */
    Resource resource();

    /**
     * Returns the operator's Kubernetes client.
     *
     * @return the client; do not close it
     */
    KubernetesClient client();

    /**
     * Returns the handler's {@code param} option.
     *
     * @return the param, or an empty string
     */
    String param();

    /**
     * Returns the handler's id.
     *
     * @return e.g. {@code createFn} or {@code createFn/item1}
     */
    String handlerId();

    /**
     * Returns the sub-handler registry of a changing handler.
     *
     * @return the registry, or {@code null} where sub-handlers are not allowed
     */
    SubHandlers subhandlers();

    /**
     * Returns the stop-flag of a daemon or timer.
     *
     * @return the flag, or {@code null} for other handlers
     */
    DaemonStopped stopped();

    /**
     * Returns an index by the id of its {@link Index} handler, as
     * {@code @IndexOf(id) IndexView<K, V>} does.
     *
     * @param id the index handler's id
     * @param <K> the key type
     * @param <V> the value type
     * @return the index
     * @throws IllegalArgumentException when no {@link Index} handler has that id
     */
    <K, V> IndexView<K, V> index(String id);
}
