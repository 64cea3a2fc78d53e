package dev.kopf.internal.discovery;

import dev.kopf.HandlerRegistry;
import dev.kopf.internal.intents.Filters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads the per-value filter callbacks of a functional registration (Kopf's callable
 * filter values) into {@link Filters.Callbacks}, checking that a field is given for the
 * field's callbacks.
 */
final class ValueFilters {

    private ValueFilters() {
    }

    @SuppressWarnings("unchecked")
    static Filters.Callbacks read(HandlerRegistry.Registration registration,
            List<String> here) {
        Map<String, Predicate<Object>> labels = new LinkedHashMap<>();
        Map<String, Predicate<Object>> annotations = new LinkedHashMap<>();
        Predicate<Object> value = null;
        Predicate<Object> old = null;
        Predicate<Object> nu = null;
        for (Map.Entry<String, Object> entry : registration.valueFilters().entrySet()) {
            String name = entry.getKey();
            Predicate<Object> predicate = (Predicate<Object>) entry.getValue();
            if (name.startsWith("labels:")) {
                labels.put(name.substring("labels:".length()), predicate);
            } else if (name.startsWith("annotations:")) {
                annotations.put(name.substring("annotations:".length()), predicate);
            } else if (name.equals("fieldValue")) {
                value = predicate;
            } else if (name.equals("oldValue")) {
                old = predicate;
            } else {
                nu = predicate;
            }
        }
        boolean hasField = registration.options().containsKey("field");
        if (!hasField && (value != null || old != null || nu != null)) {
            here.add("A value filter callback is given but no field. fieldValue, oldValue and"
                    + " newValue apply to a field: give field(\"spec.…\") too.");
        }
        return new Filters.Callbacks(labels, annotations, value, old, nu);
    }
}
