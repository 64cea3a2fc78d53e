package dev.kopf.internal.discovery;

import dev.kopf.OnCreate;
import dev.kopf.OnDelete;
import dev.kopf.OnEvent;
import dev.kopf.OnField;
import dev.kopf.OnResume;
import dev.kopf.OnUpdate;
import dev.kopf.Reason;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The handler annotations discovery knows, one line each: scanning looks for all of them,
 * and registration turns each into a handler of its family.
 */
final class HandlerAnnotations {

    /** Which handler record an annotation becomes. */
    enum Family {
        /** A {@code ChangingHandler}: create, update, delete, resume, field. */
        CHANGING,
        /** A {@code WatchingHandler}: raw events. */
        WATCHING
    }

    /**
     * One handler annotation.
     *
     * @param type the annotation
     * @param family the handler record it becomes
     * @param reasons the changing reasons it runs for; empty for any (or for non-changing)
     * @param fieldRequired whether {@code field} must be given
     */
    record Entry(Class<? extends Annotation> type, Family family, Set<Reason> reasons,
            boolean fieldRequired) {

        String title() {
            return "@" + type.getSimpleName();
        }

        /** The container the compiler uses when the annotation is repeated on one method. */
        Class<? extends Annotation> container() {
            java.lang.annotation.Repeatable repeatable =
                    type.getAnnotation(java.lang.annotation.Repeatable.class);
            return repeatable == null ? null : repeatable.value();
        }
    }

    static final List<Entry> ALL = List.of(
            new Entry(OnCreate.class, Family.CHANGING, Set.of(Reason.CREATE), false),
            new Entry(OnUpdate.class, Family.CHANGING, Set.of(Reason.UPDATE), false),
            new Entry(OnDelete.class, Family.CHANGING, Set.of(Reason.DELETE), false),
            new Entry(OnResume.class, Family.CHANGING, Set.of(Reason.RESUME), false),
            new Entry(OnField.class, Family.CHANGING, Set.of(), true),
            new Entry(OnEvent.class, Family.WATCHING, Set.of(), false));

    private HandlerAnnotations() {
    }

    /**
     * Returns the handler annotations on a method with their entries.
     *
     * @param method any method
     * @return pairs of entry and annotation instance, in the table's order
     */
    static List<Found> on(Method method) {
        List<Found> found = new ArrayList<>();
        for (Entry entry : ALL) {
            // Repeated annotations (e.g. two @OnCreate with different params) come in order.
            for (Annotation annotation : method.getAnnotationsByType(entry.type())) {
                found.add(new Found(entry, new Attributes(annotation)));
            }
        }
        return found;
    }

    /**
     * Lists the annotation names for messages.
     *
     * @return e.g. {@code @OnCreate, @OnUpdate, …}
     */
    static String titles() {
        return String.join(", ", ALL.stream().map(Entry::title).toList());
    }

    /**
     * A handler annotation found on a method.
     *
     * @param entry what kind of annotation it is
     * @param attributes its values
     */
    record Found(Entry entry, Attributes attributes) {
    }
}
