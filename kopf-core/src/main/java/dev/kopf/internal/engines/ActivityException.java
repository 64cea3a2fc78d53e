package dev.kopf.internal.engines;

import java.util.List;

/**
 * An activity whose handlers did not all succeed, as Kopf's {@code ActivityError}: for the
 * startup activity, the reason the operator stops. The message names every failed handler.
 */
public final class ActivityException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param title the activity's title, e.g. {@code Startup}
     * @param failures one entry per failed handler: {@code 'id': message}
     */
    public ActivityException(String title, List<String> failures) {
        this(sentence(title + " activity has failed: " + (failures.size() == 1 ? "1 handler"
                : failures.size() + " handlers") + " failed: " + String.join("; ", failures)));
    }

    /**
     * Creates the exception with a message of its own.
     *
     * @param message what failed
     */
    public ActivityException(String message) {
        super(message);
    }

    private static String sentence(String text) {
        return text.endsWith(".") ? text : text + ".";
    }
}
