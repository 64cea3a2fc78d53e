package dev.kopf.internal.actions;

import dev.kopf.Context;

/**
 * A handler (or filter callback) ready to call: the user's method with its parameters bound.
 *
 * <p>Made by {@link Invoker#bind} at start-up and called by the executors with the cycle's
 * {@link Context}. Lives in {@code actions}, not {@code intents}, because the invoker makes it
 * and a lower layer must not import a higher one.
 */
@FunctionalInterface
public interface HandlerFn {

    /**
     * Calls the handler.
     *
     * @param context everything the handler may ask for
     * @return the method's result, or {@code null} for {@code void} methods
     * @throws Exception whatever the handler throws, unchanged
     */
    Object call(Context context) throws Exception;
}
