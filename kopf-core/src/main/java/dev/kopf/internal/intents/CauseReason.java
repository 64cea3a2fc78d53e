package dev.kopf.internal.intents;

import dev.kopf.Reason;

/**
 * Every reason a changing cause can have: the four handler reasons plus Kopf's internal ones.
 */
public enum CauseReason {
    /** No stored essence: the object is new to the operator. */
    CREATE("creation"),
    /** The essence changed. */
    UPDATE("updating"),
    /** The object is marked for deletion and still carries the finalizer. */
    DELETE("deletion"),
    /** The operator found an already handled, unchanged object at start-up. */
    RESUME("resuming"),
    /** Nothing essential changed. */
    NOOP("no-op"),
    /** The object is marked for deletion and the finalizer is already gone. */
    FREE("releasing"),
    /** The object is gone from the cluster. */
    GONE("deleted");

    private final String title;

    CauseReason(String title) {
        this.title = title;
    }

    /**
     * Returns Kopf's title, as in {@code Creation is processed: ...}.
     *
     * @return the capitalised title
     */
    public String title() {
        return Character.toUpperCase(title.charAt(0)) + title.substring(1);
    }

    /**
     * Returns the public reason, for the handler reasons.
     *
     * @return the reason, or {@code null} for internal reasons
     */
    public Reason toReason() {
        return switch (this) {
            case CREATE -> Reason.CREATE;
            case UPDATE -> Reason.UPDATE;
            case DELETE -> Reason.DELETE;
            case RESUME -> Reason.RESUME;
            default -> null;
        };
    }
}
