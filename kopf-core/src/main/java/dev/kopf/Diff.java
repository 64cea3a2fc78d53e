package dev.kopf;

import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The changes between two versions of an object (or of one field, for field handlers).
 *
 * @param items the changes, in a stable order
 * @since 0.1
 */
public record Diff(List<DiffItem> items) implements Iterable<DiffItem> {

    /** An empty diff. */
    public static final Diff EMPTY = new Diff(List.of());

    /** Copies the items. */
    public Diff {
        items = List.copyOf(items);
    }

    /**
     * Tells whether nothing changed.
     *
     * @return {@code true} when there are no items
     */
    public boolean isEmpty() {
        return items.isEmpty();
    }

    /**
     * Returns the number of changes.
     *
     * @return the item count
     */
    public int size() {
        return items.size();
    }

    @Override
    public Iterator<DiffItem> iterator() {
        return items.iterator();
    }

    /**
     * Returns Kopf's representation: a tuple of item tuples.
     *
     * @return e.g. {@code (('add', ('spec', 'x'), None, 1),)}
     */
    @Override
    public String toString() {
        if (items.isEmpty()) {
            return "()";
        }
        String joined = items.stream().map(DiffItem::toString).collect(Collectors.joining(", "));
        return "(" + joined + (items.size() == 1 ? ",)" : ")");
    }
}
