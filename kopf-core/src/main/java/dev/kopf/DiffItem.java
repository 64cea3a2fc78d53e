package dev.kopf;

import java.util.List;
import java.util.Objects;

/**
 * One change between two versions of an object, as in Kopf's diffs.
 *
 * <p>Mappings are compared key by key; lists and scalars are compared as a whole. An absent
 * value is {@code null}: a {@code null → x} change is an {@link Op#ADD}, {@code x → null} a
 * {@link Op#REMOVE}.
 *
 * @param op what happened
 * @param path the keys from the root of the compared values; empty for the root itself
 * @param oldValue the value before, or {@code null} when absent
 * @param newValue the value after, or {@code null} when absent
 * @since 0.1
 */
public record DiffItem(Op op, List<String> path, Object oldValue, Object newValue) {

    /** Validates and copies the components. */
    public DiffItem {
        Objects.requireNonNull(op, "op");
        path = List.copyOf(path);
    }

    /**
     * The kind of a change.
     *
     * @since 0.1
     */
    public enum Op {
        /** A value appeared. */
        ADD,
        /** A value changed. */
        CHANGE,
        /** A value disappeared. */
        REMOVE;

        /**
         * Returns Kopf's lowercase name.
         *
         * @return {@code add}, {@code change} or {@code remove}
         */
        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Returns Kopf's representation: {@code ('change', ('spec', 'size'), '1G', '2G')}.
     *
     * @return a Python-like tuple
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("('").append(op.value()).append("', (");
        for (int i = 0; i < path.size(); i++) {
            text.append('\'').append(path.get(i)).append('\'');
            if (path.size() == 1 || i < path.size() - 1) {
                text.append(path.size() == 1 ? "," : ", ");
            }
        }
        return text.append("), ").append(repr(oldValue)).append(", ").append(repr(newValue))
                .append(')').toString();
    }

    private static String repr(Object value) {
        if (value == null) {
            return "None";
        }
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }
}
