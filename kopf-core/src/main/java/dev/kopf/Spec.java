package dev.kopf;

import java.util.Map;

/**
 * The {@code spec} of the object being handled, read-only.
 *
 * @since 0.1
 */
public final class Spec extends ObjectView {

    /**
     * Wraps a parsed {@code spec}.
     *
     * @param map the spec; {@code null} means absent
     */
    public Spec(Map<String, Object> map) {
        super(map);
    }
}
