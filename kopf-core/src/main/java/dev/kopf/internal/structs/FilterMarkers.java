package dev.kopf.internal.structs;

/**
 * The marker values of filter attributes, re-exported to users as {@code Kopf.PRESENT} and
 * {@code Kopf.ABSENT}; kept here so that internal code never refers to the facade.
 */
public final class FilterMarkers {

    /** Matches when the label, annotation or field is present. */
    public static final String PRESENT = "\u0000kopf:present";

    /** Matches when the label, annotation or field is absent. */
    public static final String ABSENT = "\u0000kopf:absent";

    /** Prefixes the name of a filter callback method (or a combination of names). */
    public static final String CALLBACK = "\u0000kopf:callback:";

    /** An attribute left at its default: no filter. */
    public static final String UNSET = "\u0000kopf:unset";

    private FilterMarkers() {
    }
}
