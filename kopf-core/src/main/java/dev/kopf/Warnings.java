package dev.kopf;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Warnings returned to the API client with an admission answer (kubectl prints them): an
 * injectable of {@link OnValidate} and {@link OnMutate} handlers (Kopf's {@code warnings}).
 * Warnings are returned whether the request is admitted or rejected.
 *
 * <p>Mutable; confined to the request being admitted.
 *
 * @since 0.1
 */
public final class Warnings {

    private final List<String> items = new ArrayList<>();

    /** Creates an empty list of warnings. */
    public Warnings() {
    }

    /**
     * Adds a warning.
     *
     * @param warning the text shown to the client
     */
    public void add(String warning) {
        items.add(Objects.requireNonNull(warning, "warning"));
    }

    /**
     * Returns the warnings added so far.
     *
     * @return a copy, in the order added
     */
    public List<String> asList() {
        return List.copyOf(items);
    }

    /**
     * Tells whether no warning was added.
     *
     * @return {@code true} when empty
     */
    public boolean isEmpty() {
        return items.isEmpty();
    }

    @Override
    public String toString() {
        return items.toString();
    }
}
