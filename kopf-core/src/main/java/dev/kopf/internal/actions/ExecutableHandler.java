package dev.kopf.internal.actions;

import dev.kopf.ErrorsMode;
import java.time.Duration;

/**
 * What the executor needs of a handler: its function and retry options. Declared here, not
 * in {@code intents}, because this layer must not import the higher one; the intents'
 * handler records implement it (as Kopf's {@code execution.Handler} base class).
 */
public interface ExecutableHandler {

    /**
     * Returns the handler id.
     *
     * @return e.g. {@code createFn} or {@code createFn/item1}
     */
    String id();

    /**
     * Returns how Kopf's messages name the handler.
     *
     * @return e.g. {@code Handler 'createFn'}, {@code Daemon 'monitor'}
     */
    default String title() {
        return "Handler '" + id() + "'";
    }

    /**
     * Returns the bound function.
     *
     * @return the function
     */
    HandlerFn fn();

    /**
     * Returns how arbitrary exceptions are treated.
     *
     * @return the mode
     */
    ErrorsMode errors();

    /**
     * Returns the attempt limit.
     *
     * @return the limit; {@link Integer#MAX_VALUE} for none
     */
    int retries();

    /**
     * Returns the timeout since the first attempt.
     *
     * @return the timeout, or {@code null} for none
     */
    Duration timeout();

    /**
     * Returns the backoff after arbitrary exceptions.
     *
     * @return the backoff, or {@code null} for the settings' default
     */
    Duration backoff();

    /**
     * Makes a sub-handler of this handler.
     *
     * @param childId the child's own id
     * @param fn the child's function
     * @return a handler with id {@code parent/child}
     */
    ExecutableHandler subhandler(String childId, HandlerFn fn);

    /**
     * Makes a sub-handler with options; the filters are the caller's to check.
     *
     * @param childId the child's own id
     * @param fn the child's function
     * @param options the child's errors, retries, timeout and backoff
     * @return a handler with id {@code parent/child}
     */
    default ExecutableHandler subhandler(String childId, HandlerFn fn,
            dev.kopf.SubHandlerOptions options) {
        return subhandler(childId, fn);
    }
}
