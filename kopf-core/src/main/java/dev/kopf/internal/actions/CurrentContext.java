package dev.kopf.internal.actions;

import dev.kopf.Context;

/**
 * The context of the handler running on this thread, so that the {@code Kopf} facade can
 * default to the object being handled (the owner in {@code adopt}, the object of events).
 */
public final class CurrentContext {

    private static final ThreadLocal<Context> CURRENT = new ThreadLocal<>();

    private CurrentContext() {
    }

    /**
     * Returns the running handler's context.
     *
     * @return the context, or {@code null} outside handlers
     */
    public static Context get() {
        return CURRENT.get();
    }

    /**
     * Runs a handler function with its context made current.
     *
     * @param fn the function
     * @param context its context
     * @return the function's result
     * @throws Exception whatever the function throws
     */
    public static Object call(HandlerFn fn, Context context) throws Exception {
        Context previous = CURRENT.get();
        CURRENT.set(context);
        try {
            return fn.call(context);
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
