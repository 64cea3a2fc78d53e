package dev.kopf;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An option of {@link Kopf#adopt}, {@link Kopf#label}, {@link Kopf#harmonizeNaming} and
 * {@link Kopf#adjustNamespace}: Kopf's {@code forced=}, {@code strict=} and {@code nested=}.
 *
 * <p>Without options, existing names, namespaces and labels of the children are kept, the name
 * is used as a prefix ({@code metadata.generateName}), and only the top-level objects are
 * labelled. A method given an option that does not apply to it throws
 * {@link IllegalArgumentException}.
 *
 * <pre>{@code
 * Kopf.adopt(deployment, HierarchyOption.FORCED, HierarchyOption.nested("spec.template"));
 * }</pre>
 *
 * @since 0.1
 */
public final class HierarchyOption {

    /**
     * Overwrites the children's existing names, namespaces and labels; Kopf's
     * {@code forced=True}.
     */
    public static final HierarchyOption FORCED = new HierarchyOption("FORCED", List.of());

    /**
     * Uses the name as is ({@code metadata.name}) instead of as a prefix
     * ({@code metadata.generateName}); Kopf's {@code strict=True}.
     */
    public static final HierarchyOption STRICT = new HierarchyOption("STRICT", List.of());

    private static final String NESTED = "nested";

    private final String name;
    private final List<String> fields;

    private HierarchyOption(String name, List<String> fields) {
        this.name = name;
        this.fields = fields;
    }

    /**
     * Also labels the objects found at these dotted field paths of every child, such as the
     * pod template of a Deployment; Kopf's {@code nested=}. Absent fields are skipped.
     *
     * @param fieldPaths dotted paths such as {@code "spec.template"}
     * @return the option
     * @throws IllegalArgumentException if no path is given or a path is empty
     */
    public static HierarchyOption nested(String... fieldPaths) {
        List<String> paths = Arrays.asList(Objects.requireNonNull(fieldPaths, "fieldPaths"));
        if (paths.isEmpty() || paths.stream().anyMatch(p -> p == null || p.isBlank())) {
            throw new IllegalArgumentException("Nested field paths must be non-empty dotted "
                    + "paths such as \"spec.template\": " + paths + ".");
        }
        return new HierarchyOption(NESTED, List.copyOf(paths));
    }

    /**
     * Returns the dotted paths of a {@link #nested} option.
     *
     * @return the paths; empty for {@link #FORCED} and {@link #STRICT}
     */
    public List<String> fieldPaths() {
        return fields;
    }

    boolean isNested() {
        return name.equals(NESTED);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HierarchyOption that
                && name.equals(that.name) && fields.equals(that.fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, fields);
    }

    @Override
    public String toString() {
        return isNested() ? NESTED + "(" + String.join(", ", fields) + ")" : name;
    }
}
