package dev.kopf.internal.intents;

/**
 * The operator-level activities, as Kopf's {@code causes.Activity}: their handlers run with no
 * object, at moments of the operator's own life.
 */
public enum Activity {
    /** Before anything is watched; may change the settings. */
    STARTUP("startup"),
    /** At a graceful exit, after everything else has stopped. */
    CLEANUP("cleanup"),
    /** Login: before watching, and again when every credential is rejected. */
    AUTHENTICATION("authentication"),
    /** When the liveness endpoint is requested. */
    PROBE("probe");

    private final String value;

    Activity(String value) {
        this.value = value;
    }

    /**
     * Returns Kopf's name, as in the logger {@code kopf.activities.startup}.
     *
     * @return e.g. {@code startup}
     */
    public String value() {
        return value;
    }

    /**
     * Returns Kopf's title, as in {@code Startup activity has failed: ...}.
     *
     * @return e.g. {@code Startup}
     */
    public String title() {
        return Character.toUpperCase(value.charAt(0)) + value.substring(1);
    }
}
