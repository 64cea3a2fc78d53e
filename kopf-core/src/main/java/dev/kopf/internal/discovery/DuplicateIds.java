package dev.kopf.internal.discovery;

import dev.kopf.Reason;
import dev.kopf.internal.intents.ChangingHandler;
import dev.kopf.internal.intents.Selector;
import java.util.Objects;

/**
 * Tells whether two changing handlers with one id would collide: the id keys their progress
 * and results on the object, so two methods sharing it for one resource and one cycle would
 * overwrite each other. The same method under several annotations is fine (Kopf runs it once).
 */
final class DuplicateIds {

    private DuplicateIds() {
    }

    /**
     * Tells whether two handlers can run in the same cycle of the same object.
     *
     * @param a one handler
     * @param b another handler
     * @return {@code true} when their reasons and resources may overlap
     */
    static boolean mayRunTogether(ChangingHandler a, ChangingHandler b) {
        return reasonsOverlap(a, b) && selectorsOverlap(a.selector(), b.selector());
    }

    /**
     * Suggests a distinct id for a handler: its class's simple name and its method.
     *
     * @param handler the handler
     * @return e.g. {@code OtherHandlers.createFn}
     */
    static String suggest(ChangingHandler handler) {
        return suggest(handler.location());
    }

    /**
     * Suggests a distinct id for the handler at a location: its class's simple name and its
     * method.
     *
     * @param location e.g. {@code com.example.OtherHandlers.createFn(Spec)}
     * @return e.g. {@code OtherHandlers.createFn}
     */
    static String suggest(String location) {
        String method = location.substring(0, location.indexOf('('));
        int dot = method.lastIndexOf('.');
        String cls = method.substring(0, dot);
        int start = Math.max(cls.lastIndexOf('.'), cls.lastIndexOf('$')) + 1;
        return cls.substring(start) + "." + method.substring(dot + 1);
    }

    private static boolean reasonsOverlap(ChangingHandler a, ChangingHandler b) {
        // Resume handlers are mixed into the first cycle of an object, whatever its reason.
        if (a.reasons().isEmpty() || b.reasons().isEmpty()
                || a.reasons().contains(Reason.RESUME) || b.reasons().contains(Reason.RESUME)) {
            return true;
        }
        return a.reasons().stream().anyMatch(b.reasons()::contains);
    }

    /**
     * Tells whether two selectors may select the same resource.
     *
     * @param a one selector
     * @param b another selector
     * @return {@code true} when they may overlap
     */
    static boolean selectorsOverlap(Selector a, Selector b) {
        return compatible(a.group(), b.group()) && compatible(a.version(), b.version())
                && nameOf(a).equalsIgnoreCase(nameOf(b));
    }

    private static boolean compatible(String x, String y) {
        return x == null || y == null || Objects.equals(x, y);
    }

    private static String nameOf(Selector selector) {
        return selector.plural() != null ? selector.plural()
                : selector.kind() != null ? selector.kind() : selector.name();
    }
}
