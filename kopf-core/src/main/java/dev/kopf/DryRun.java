package dev.kopf;

/**
 * Whether the admitted request is a dry run ({@code ?dryRun=All}): an injectable of
 * {@link OnValidate} and {@link OnMutate} handlers (Kopf's {@code dryrun}). A handler with side
 * effects must not make them in a dry run.
 *
 * @since 0.1
 */
public enum DryRun {
    /** A real request: the object is stored when admitted. */
    OFF,
    /** A dry run: nothing is stored, whatever the answer. */
    ON;

    /**
     * Tells whether the request is a dry run.
     *
     * @return {@code true} for {@link #ON}
     */
    public boolean isOn() {
        return this == ON;
    }
}
