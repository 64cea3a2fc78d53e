package dev.kopf.internal.intents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kopf.Context;
import dev.kopf.Diff;
import dev.kopf.internal.structs.FilterMarkers;
import dev.kopf.internal.actions.HandlerFn;
import dev.kopf.internal.structs.DictPaths;
import dev.kopf.internal.structs.Diffs;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A handler's object filters: labels, annotations, a field with its value filters, and a
 * {@code when} callback. The matching is Kopf's {@code registries.py} ({@code _matches_*}).
 *
 * <p>Built by discovery from the annotation's attributes; asked by the registry and the
 * runtime whether a handler applies to an object. Filter values are a literal,
 * {@link Kopf#PRESENT} or {@link Kopf#ABSENT}; a literal is compared with the object's value
 * rendered as text ({@code String.valueOf} for scalars, JSON for maps and lists).
 *
 * @param labels label filters by key
 * @param annotations annotation filters by key
 * @param field the field path, or {@code null} when none
 * @param fieldValue the value filter for the field, or {@code null} when unset
 * @param oldValue the old-value filter for the field, or {@code null} when unset
 * @param newValue the new-value filter for the field, or {@code null} when unset
 * @param when the callback returning a {@code Boolean}, or {@code null} when none
 * @param callbacks the per-value callbacks, as Kopf's callable filter values
 */
public record Filters(Map<String, String> labels, Map<String, String> annotations,
        List<String> field, String fieldValue, String oldValue, String newValue,
        HandlerFn when, Callbacks callbacks) {

    /** No filters at all: everything matches. */
    public static final Filters NONE = new Filters(Map.of(), Map.of(), null, null, null, null,
            null);

    /**
     * Per-value filter callbacks, as Kopf's {@code labels={'key': fn}}, {@code value=fn},
     * {@code old=fn}, {@code new=fn}: each gets the value, {@code null} when absent.
     *
     * @param labels label callbacks by key
     * @param annotations annotation callbacks by key
     * @param fieldValue the field's value callback, or {@code null}
     * @param oldValue the field's old-value callback, or {@code null}
     * @param newValue the field's new-value callback, or {@code null}
     */
    public record Callbacks(Map<String, Predicate<Object>> labels,
            Map<String, Predicate<Object>> annotations, Predicate<Object> fieldValue,
            Predicate<Object> oldValue, Predicate<Object> newValue) {

        /** No callbacks. */
        public static final Callbacks NONE = new Callbacks(Map.of(), Map.of(), null, null,
                null);

        /** Copies the maps. */
        public Callbacks {
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
            annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
        }

        /**
         * Tells whether there are no callbacks.
         *
         * @return {@code true} when none is set
         */
        public boolean isEmpty() {
            return labels.isEmpty() && annotations.isEmpty() && fieldValue == null
                    && oldValue == null && newValue == null;
        }
    }

    /**
     * Creates filters without value callbacks.
     *
     * @param labels label filters by key
     * @param annotations annotation filters by key
     * @param field the field path, or {@code null}
     * @param fieldValue the value filter, or {@code null}
     * @param oldValue the old-value filter, or {@code null}
     * @param newValue the new-value filter, or {@code null}
     * @param when the callback, or {@code null}
     */
    public Filters(Map<String, String> labels, Map<String, String> annotations,
            List<String> field, String fieldValue, String oldValue, String newValue,
            HandlerFn when) {
        this(labels, annotations, field, fieldValue, oldValue, newValue, when, Callbacks.NONE);
    }

    /**
     * Returns these filters with value callbacks added.
     *
     * @param more the callbacks
     * @return new filters
     */
    public Filters with(Callbacks more) {
        return more == null || more.isEmpty() ? this : new Filters(labels, annotations, field,
                fieldValue, oldValue, newValue, when, more);
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Stands for a field that is not there (unlike a field that holds {@code null}). */
    private static final Object MISSING = new Object();

    private static final Pattern META_KEY = Pattern.compile(
            "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
                    + "[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

    /** Copies the maps and the field; turns {@link Kopf#UNSET} into {@code null}. */
    public Filters {
        labels = withoutCallbacks(labels);
        annotations = withoutCallbacks(annotations);
        field = field == null || field.isEmpty() ? null : List.copyOf(field);
        fieldValue = unset(fieldValue);
        oldValue = unset(oldValue);
        newValue = unset(newValue);
        callbacks = callbacks == null ? Callbacks.NONE : callbacks;
    }

    /**
     * Parses label or annotation filter entries: {@code "key=value"} (equal), {@code "key"}
     * (present), {@code "!key"} (absent).
     *
     * @param what {@code "Label"} or {@code "Annotation"}, for messages
     * @param entries the entries as declared
     * @param problems where a sentence is added for each ill-formed entry
     * @return the filters by key, in the declared order
     */
    public static Map<String, String> parseMetaFilters(String what, String[] entries,
            List<String> problems) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String entry : entries) {
            boolean absent = entry.startsWith("!");
            int eq = entry.indexOf('=');
            String key = eq < 0 ? entry.substring(absent ? 1 : 0)
                    : entry.substring(absent ? 1 : 0, eq);
            String value = eq < 0 ? (absent ? FilterMarkers.ABSENT : FilterMarkers.PRESENT)
                    : entry.substring(eq + 1);
            String allowed = " Use \"key=value\" (equal), \"key\" (present) or \"!key\" (absent).";
            if (absent && eq >= 0) {
                problems.add(what + " filter \"" + entry + "\" both negates and compares."
                        + allowed);
            } else if (!META_KEY.matcher(key).matches()) {
                problems.add(what + " filter \"" + entry + "\" has an invalid key \"" + key
                        + "\". Keys are an optional DNS prefix and '/', then letters, digits,"
                        + " '-', '_' and '.'." + allowed);
            } else if (result.containsKey(key)) {
                problems.add(what + " filter \"" + entry + "\" repeats the key \"" + key
                        + "\". Give each key once.");
            } else {
                result.put(key, value);
            }
        }
        return result;
    }

    /**
     * Parses a dotted field path.
     *
     * @param field e.g. {@code "spec.field"}
     * @return the keys from the root
     * @throws IllegalArgumentException with a sentence for the user when ill-formed
     */
    public static List<String> parseField(String field) {
        List<String> path = DictPaths.parse(field);
        if (path.stream().anyMatch(key -> key.isEmpty() || !key.strip().equals(key))) {
            throw new IllegalArgumentException("Field \"" + field + "\" is not a dotted path."
                    + " Give keys separated by single dots, e.g. \"spec.field\".");
        }
        return path;
    }

    /**
     * Tells whether the object's labels and annotations match, as Kopf's
     * {@code _matches_labels} and {@code _matches_annotations}.
     *
     * @param body the object
     * @return {@code true} when every label and annotation filter matches
     */
    public boolean matchesMeta(Map<String, Object> body) {
        Object metadata = body == null ? null : body.get("metadata");
        Map<?, ?> meta = metadata instanceof Map<?, ?> m ? m : Map.of();
        return matchesMetadata(labels, meta.get("labels"))
                && matchesMetadata(annotations, meta.get("annotations"))
                && matchesCallbacks(callbacks.labels(), meta.get("labels"))
                && matchesCallbacks(callbacks.annotations(), meta.get("annotations"));
    }

    private static boolean matchesCallbacks(Map<String, Predicate<Object>> pattern,
            Object content) {
        Map<?, ?> values = content instanceof Map<?, ?> m ? m : Map.of();
        for (Map.Entry<String, Predicate<Object>> entry : pattern.entrySet()) {
            if (!entry.getValue().test(values.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesMetadata(Map<String, String> pattern, Object content) {
        Map<?, ?> values = content instanceof Map<?, ?> m ? m : Map.of();
        for (Map.Entry<String, String> entry : pattern.entrySet()) {
            boolean present = values.containsKey(entry.getKey());
            String expected = entry.getValue();
            boolean ok = FilterMarkers.ABSENT.equals(expected) ? !present
                    : FilterMarkers.PRESENT.equals(expected) ? present
                    : present && expected.equals(String.valueOf(values.get(entry.getKey())));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Tells whether the field's value matches, as Kopf's {@code _matches_field_values}: for
     * changing causes, the new or the old value may satisfy it; otherwise the body's value.
     *
     * @param body the object
     * @param oldEssence the old essence (changing causes), or {@code null}
     * @param newEssence the new essence (changing causes), or {@code null}
     * @param changingCause whether this is a changing cause (old and new are used)
     * @return {@code true} without a field, or when any value satisfies the filter
     */
    public boolean matchesFieldValues(Map<String, Object> body, Object oldEssence,
            Object newEssence, boolean changingCause) {
        if (field == null) {
            return true;
        }
        List<Object> values = changingCause
                ? Arrays.asList(resolve(newEssence), resolve(oldEssence))
                : Collections.singletonList(resolve(body));
        for (Object value : values) {
            boolean ok = callbacks.fieldValue() != null
                    ? callbacks.fieldValue().test(value == MISSING ? null : value)
                    : fieldValue == null || FilterMarkers.PRESENT.equals(fieldValue) ? value != MISSING
                    : FilterMarkers.ABSENT.equals(fieldValue) ? value == MISSING
                    : isLiteral(fieldValue, value);
            if (ok) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tells whether the field's change matches, as Kopf's {@code _matches_field_changes}: the
     * field must have changed (when the handler needs a change) and the old and new values
     * must satisfy their filters.
     *
     * @param oldEssence the old essence, or {@code null} when there is none
     * @param newEssence the new essence, or {@code null} when there is none
     * @param fieldNeedsChange whether the field must differ (update and field handlers)
     * @return {@code true} without a field, or when the change matches
     */
    public boolean matchesFieldChanges(Object oldEssence, Object newEssence,
            boolean fieldNeedsChange) {
        if (field == null) {
            return true;
        }
        Object old = resolve(oldEssence);
        Object nu = resolve(newEssence);
        boolean same = old == MISSING || nu == MISSING ? old == nu : Diffs.isEqual(old, nu);
        return (!fieldNeedsChange || !same) && isValue(oldValue, old) && isValue(newValue, nu)
                && isValue(callbacks.oldValue(), old) && isValue(callbacks.newValue(), nu);
    }

    /**
     * Tells whether a field handler's field is affected by a change: the diff re-rooted at the
     * field is not empty. A shortcut that does not check {@link #oldValue} and
     * {@link #newValue}; {@link #matchesFieldChanges(Object, Object, boolean)} is Kopf's full
     * rule.
     *
     * @param diff the diff of the whole essence
     * @return {@code true} without a field, or when the field changed
     */
    public boolean matchesFieldChanges(Diff diff) {
        return field == null || !Diffs.reduce(diff, field).isEmpty();
    }

    /**
     * Calls the {@code when} callback, as Kopf's {@code _matches_filter_callback}.
     *
     * @param context the values the callback may ask for
     * @return {@code true} without a callback, or when it returns {@code true}
     * @throws Exception whatever the callback throws, unchanged
     */
    public boolean matchesWhen(Context context) throws Exception {
        return when == null || Boolean.TRUE.equals(when.call(context));
    }

    private Object resolve(Object root) {
        return DictPaths.contains(root, field) ? DictPaths.resolve(root, field) : MISSING;
    }

    private static boolean isValue(Predicate<Object> filter, Object value) {
        return filter == null || filter.test(value == MISSING ? null : value);
    }

    private static boolean isValue(String filter, Object value) {
        if (filter == null) {
            return true;
        }
        if (FilterMarkers.PRESENT.equals(filter)) {
            return value != MISSING;
        }
        if (FilterMarkers.ABSENT.equals(filter)) {
            return value == MISSING;
        }
        return isLiteral(filter, value);
    }

    private static boolean isLiteral(String literal, Object value) {
        if (value == MISSING) {
            return false;
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            try {
                return Diffs.isEqual(MAPPER.readValue(literal, Object.class), value);
            } catch (JsonProcessingException e) {
                return false;  // not JSON, so it cannot equal a structure
            }
        }
        return literal.equals(String.valueOf(value));
    }

    /** Callback names are bound by discovery into {@link #callbacks}; the rest are literal. */
    private static String unset(String value) {
        return value == null || FilterMarkers.UNSET.equals(value)
                || value.startsWith(FilterMarkers.CALLBACK) ? null : value;
    }

    private static Map<String, String> withoutCallbacks(Map<String, String> filters) {
        Map<String, String> copy = new LinkedHashMap<>();
        if (filters != null) {
            filters.forEach((key, value) -> {
                if (!value.startsWith(FilterMarkers.CALLBACK)) {
                    copy.put(key, value);
                }
            });
        }
        return Collections.unmodifiableMap(copy);
    }
}
