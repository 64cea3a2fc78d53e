package dev.kopf.internal.structs;

import dev.kopf.Diff;
import dev.kopf.DiffItem;
import dev.kopf.DiffItem.Op;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Diff calculation between JSON-like trees, ported from Kopf's {@code structs/diffs.py}.
 *
 * <p>Called by cause detection (essence vs. last-handled essence) and by field handlers, which
 * see the diff re-rooted at their field via {@link #reduce}. Mappings are recursed key by key;
 * lists and scalars are compared as a whole. {@code null} means absent.
 *
 * <p>Unlike Python's set-based iteration, the order is stable: the keys of the old map in its
 * order, then the keys only the new map has, in its order.
 */
public final class Diffs {

    private Diffs() {
    }

    /**
     * Calculates the diff from {@code a} to {@code b}.
     *
     * @param a the old value, {@code null} when absent
     * @param b the new value, {@code null} when absent
     * @return the changes, with paths from the root
     */
    public static Diff diff(Object a, Object b) {
        return diff(a, b, List.of());
    }

    /**
     * Calculates the diff from {@code a} to {@code b}, prefixing every path.
     *
     * @param a the old value, {@code null} when absent
     * @param b the new value, {@code null} when absent
     * @param path the path of {@code a} and {@code b} in their trees
     * @return the changes
     */
    public static Diff diff(Object a, Object b, List<String> path) {
        List<DiffItem> items = new ArrayList<>();
        collect(a, b, List.copyOf(path), items);
        return new Diff(items);
    }

    /**
     * Re-roots a diff at a field, as Kopf's {@code diffs.reduce}.
     *
     * <p>Items at or below the field lose the field's prefix. Items above it (e.g. the whole
     * {@code spec} added) are re-diffed at the field, by resolving their old and new values at
     * the rest of the path. Items elsewhere are dropped.
     *
     * @param diff the diff from the root
     * @param path the field; empty keeps the diff as it is
     * @return the diff relative to the field
     */
    public static Diff reduce(Diff diff, List<String> path) {
        if (path.isEmpty()) {
            return diff;
        }
        List<DiffItem> items = new ArrayList<>();
        for (DiffItem item : diff) {
            List<String> field = item.path();
            if (startsWith(field, path)) {
                items.add(new DiffItem(item.op(), field.subList(path.size(), field.size()),
                        item.oldValue(), item.newValue()));
            } else if (startsWith(path, field)) {
                List<String> tail = path.subList(field.size(), path.size());
                Object oldTail = DictPaths.resolve(item.oldValue(), tail);
                Object newTail = DictPaths.resolve(item.newValue(), tail);
                collect(oldTail, newTail, List.of(), items);
            }
        }
        return new Diff(items);
    }

    /**
     * Compares JSON-like values deeply, treating numbers of equal value as equal
     * ({@code 1}, {@code 1L} and {@code 1.0}), and map keys regardless of order.
     *
     * @param a one value
     * @param b another value
     * @return whether Kopf would consider them equal
     */
    public static boolean isEqual(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return isEqualNumber(x, y);
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return isEqualMap(x, y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            return isEqualList(x, y);
        }
        return a.equals(b);
    }

    private static void collect(Object a, Object b, List<String> path, List<DiffItem> out) {
        if (isEqual(a, b)) {
            return;
        }
        if (a == null) {
            out.add(new DiffItem(Op.ADD, path, null, b));
        } else if (b == null) {
            out.add(new DiffItem(Op.REMOVE, path, a, null));
        } else if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            for (Map.Entry<?, ?> entry : x.entrySet()) {
                collect(entry.getValue(), y.get(entry.getKey()), child(path, entry.getKey()), out);
            }
            for (Map.Entry<?, ?> entry : y.entrySet()) {
                if (!x.containsKey(entry.getKey())) {
                    collect(null, entry.getValue(), child(path, entry.getKey()), out);
                }
            }
        } else {
            out.add(new DiffItem(Op.CHANGE, path, a, b));
        }
    }

    private static List<String> child(List<String> path, Object key) {
        List<String> result = new ArrayList<>(path.size() + 1);
        result.addAll(path);
        result.add(String.valueOf(key));
        return List.copyOf(result);
    }

    private static boolean startsWith(List<String> list, List<String> prefix) {
        return list.size() >= prefix.size() && list.subList(0, prefix.size()).equals(prefix);
    }

    private static boolean isEqualMap(Map<?, ?> a, Map<?, ?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<?, ?> entry : a.entrySet()) {
            Object key = entry.getKey();
            if (!b.containsKey(key) || !isEqual(entry.getValue(), b.get(key))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isEqualList(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<?> x = a.iterator();
        Iterator<?> y = b.iterator();
        while (x.hasNext()) {
            if (!isEqual(x.next(), y.next())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isEqualNumber(Number a, Number b) {
        BigDecimal x = toBigDecimal(a);
        BigDecimal y = toBigDecimal(b);
        if (x == null || y == null) {  // NaN or infinities: compare as doubles
            return Double.compare(a.doubleValue(), b.doubleValue()) == 0;
        }
        return x.compareTo(y) == 0;
    }

    private static BigDecimal toBigDecimal(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if (number instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (number instanceof Double || number instanceof Float) {
            double value = number.doubleValue();
            return Double.isFinite(value) ? new BigDecimal(value) : null;
        }
        return BigDecimal.valueOf(number.longValue());
    }
}
