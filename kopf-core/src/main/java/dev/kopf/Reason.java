package dev.kopf;

/**
 * Why a changing handler is called: the cause of the current handling cycle.
 *
 * @since 0.1
 */
public enum Reason {
    /** The object was seen for the first time (no last-handled configuration is stored). */
    CREATE,
    /** The object's essence differs from the last-handled configuration. */
    UPDATE,
    /** The object is marked for deletion. */
    DELETE,
    /** The operator found a previously handled object at start-up. */
    RESUME;

    /**
     * Returns Kopf's lowercase name, as stored in progress records' {@code purpose}.
     *
     * @return e.g. {@code create}
     */
    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
