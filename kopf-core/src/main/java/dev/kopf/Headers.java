package dev.kopf;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HTTP headers of the webhook request, as the API server sent them: an injectable of
 * {@link OnValidate} and {@link OnMutate} handlers (Kopf's {@code headers}). They describe the
 * API server, not the user; names are matched ignoring case.
 *
 * @param asMap the headers, each with its values in order
 * @since 0.1
 */
public record Headers(Map<String, List<String>> asMap) {

    /** No headers, when the request came from no HTTP server (e.g. in tests). */
    public static final Headers NONE = new Headers(Map.of());

    /** Copies the headers, keyed ignoring case. */
    public Headers {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (asMap != null) {
            asMap.forEach((name, values) -> copy.put(name.toLowerCase(Locale.ROOT),
                    List.copyOf(values)));
        }
        asMap = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * Returns the first value of a header.
     *
     * @param name the header's name, in any case
     * @return the value, or {@code null} when absent
     */
    public String get(String name) {
        List<String> values = asMap.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
