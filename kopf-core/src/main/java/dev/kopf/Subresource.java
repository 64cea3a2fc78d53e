package dev.kopf;

/**
 * The subresource under admission, e.g. {@code status}: an injectable of {@link OnValidate}
 * and {@link OnMutate} handlers (Kopf's {@code subresource}).
 *
 * @param name the subresource's name, or {@code null} for the object itself
 * @since 0.1
 */
public record Subresource(String name) {

    /** The object itself, not a subresource. */
    public static final Subresource NONE = new Subresource(null);

    /**
     * Tells whether the request is about the object itself.
     *
     * @return {@code true} when no subresource is involved
     */
    public boolean isMain() {
        return name == null;
    }
}
