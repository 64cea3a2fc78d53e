package dev.kopf;

/**
 * Registers sub-handlers from inside a changing handler.
 *
 * <p>Each sub-handler gets the id {@code parent/child} and its own progress record; the
 * parent handler is called again in later cycles until every sub-handler has finished, and
 * must register the same sub-handlers each time (as Kopf's {@code @kopf.subhandler}).
 *
 * <pre>{@code
 * for (String item : items) {
 *     subhandlers.register(item, ctx -> ctx.logger().info("Item {}.", item));
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface SubHandlers {

    /**
     * A sub-handler function.
     *
     * @since 0.1
     */
    @FunctionalInterface
    interface Fn {
        /**
         * Runs the sub-handler.
         *
         * @param context the sub-handler's context (its own retry, logger and patch view)
         * @return a result to store under {@code status.<parent/child>}, or {@code null}
         * @throws Exception any error, treated like a handler's
         */
        Object call(Context context) throws Exception;
    }

    /**
     * Registers a sub-handler with default options.
     *
     * @param id the child id; the full id is {@code parent/id}
     * @param fn the function
     */
    void register(String id, Fn fn);

    /**
     * Registers a sub-handler with options, as Kopf's {@code @kopf.subhandler(...)}.
     *
     * @param id the child id; the full id is {@code parent/id}
     * @param options the options; filters are checked against the object now
     * @param fn the function
     * @since 0.2
     */
    default void register(String id, SubHandlerOptions options, Fn fn) {
        register(id, fn);
    }
}
