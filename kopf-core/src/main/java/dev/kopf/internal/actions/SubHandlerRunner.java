package dev.kopf.internal.actions;

import dev.kopf.Context;
import dev.kopf.SubHandlers;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The entry point of {@code Kopf.execute(...)}: runs sub-handlers at once within the
 * current changing handler's call. Public only so that the facade can reach the collector.
 */
public final class SubHandlerRunner {

    private SubHandlerRunner() {
    }

    /**
     * Runs sub-handlers now.
     *
     * @param context the current handler's context, or {@code null} outside of handlers
     * @param declare registers the sub-handlers
     * @throws IllegalStateException outside of a changing handler
     */
    public static void executeNow(Context context, Consumer<SubHandlers> declare) {
        SubHandlerCollector.executeNow(context, declare);
    }

    /**
     * Runs functions as sub-handlers now.
     *
     * @param context the current handler's context, or {@code null} outside of handlers
     * @param fns the functions by child id, in order
     * @throws IllegalStateException outside of a changing handler
     */
    public static void executeNow(Context context, Map<String, SubHandlers.Fn> fns) {
        SubHandlerCollector.executeNow(context, fns);
    }
}
