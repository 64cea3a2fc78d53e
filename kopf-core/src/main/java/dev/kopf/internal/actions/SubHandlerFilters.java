package dev.kopf.internal.actions;

import dev.kopf.Context;
import dev.kopf.SubHandlerOptions;
import java.util.List;
import java.util.Map;

/**
 * Checks a sub-handler's label, annotation and {@code when} filters against the object of
 * the parent's call, as Kopf's sub-registry selects the sub-handlers of a cause.
 */
final class SubHandlerFilters {

    private SubHandlerFilters() {
    }

    static boolean matches(SubHandlerOptions options, Context context) {
        if (context == null) {
            return true;
        }
        Map<String, Object> metadata = context.meta() == null ? Map.of()
                : context.meta().asMap();
        return matchesAll(options.labels(), metadata.get("labels"))
                && matchesAll(options.annotations(), metadata.get("annotations"))
                && (options.when() == null || options.when().test(context));
    }

    private static boolean matchesAll(List<String> filters, Object content) {
        Map<?, ?> values = content instanceof Map<?, ?> map ? map : Map.of();
        for (String filter : filters) {
            int eq = filter.indexOf('=');
            boolean ok = filter.startsWith("!") ? !values.containsKey(filter.substring(1))
                    : eq < 0 ? values.containsKey(filter)
                    : filter.substring(eq + 1).equals(String.valueOf(
                            values.get(filter.substring(0, eq))))
                            && values.containsKey(filter.substring(0, eq));
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
