package dev.kopf;

import java.util.Map;

/**
 * The {@code status} of the object being handled, read-only.
 *
 * @since 0.1
 */
public final class Status extends ObjectView {

    /**
     * Wraps a parsed {@code status}.
     *
     * @param map the status; {@code null} means absent
     */
    public Status(Map<String, Object> map) {
        super(map);
    }
}
