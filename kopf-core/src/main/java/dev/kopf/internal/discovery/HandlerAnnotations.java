package dev.kopf.internal.discovery;

import dev.kopf.Daemon;
import dev.kopf.Index;
import dev.kopf.OnCleanup;
import dev.kopf.OnCreate;
import dev.kopf.OnDelete;
import dev.kopf.OnEvent;
import dev.kopf.OnField;
import dev.kopf.OnLogin;
import dev.kopf.OnMutate;
import dev.kopf.OnProbe;
import dev.kopf.OnResume;
import dev.kopf.OnStartup;
import dev.kopf.OnUpdate;
import dev.kopf.OnValidate;
import dev.kopf.Reason;
import dev.kopf.Timer;
import dev.kopf.internal.actions.Invoker;
import dev.kopf.internal.intents.Activity;
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

    /** Which handler record an annotation becomes, and how its methods are bound. */
    enum Family {
        /** A {@code ChangingHandler}: create, update, delete, resume, field. */
        CHANGING(Invoker.Kind.CHANGING, null),
        /** A {@code WatchingHandler}: raw events. */
        WATCHING(Invoker.Kind.EVENT, null),
        /** A {@code DaemonHandler}. */
        DAEMON(Invoker.Kind.DAEMON, null),
        /** A {@code TimerHandler}. */
        TIMER(Invoker.Kind.TIMER, null),
        /** An {@code IndexingHandler}. */
        INDEXING(Invoker.Kind.INDEX, null),
        /** An {@code ActivityHandler} of the startup activity. */
        STARTUP(Invoker.Kind.STARTUP, Activity.STARTUP),
        /** An {@code ActivityHandler} of the cleanup activity. */
        CLEANUP(Invoker.Kind.CLEANUP, Activity.CLEANUP),
        /** An {@code ActivityHandler} of the login activity. */
        LOGIN(Invoker.Kind.LOGIN, Activity.AUTHENTICATION),
        /** An {@code ActivityHandler} of the probing activity. */
        PROBE(Invoker.Kind.PROBE, Activity.PROBE),
        /** A validating {@code WebhookHandler}. */
        VALIDATING(Invoker.Kind.ADMISSION, null),
        /** A mutating {@code WebhookHandler}. */
        MUTATING(Invoker.Kind.ADMISSION, null);

        private final Invoker.Kind kind;
        private final Activity activity;

        Family(Invoker.Kind kind, Activity activity) {
            this.kind = kind;
            this.activity = activity;
        }

        /** How the handler's method is bound. */
        Invoker.Kind kind() {
            return kind;
        }

        /** How the handler's {@code when} filter is bound. */
        Invoker.Kind whenKind() {
            return kind == Invoker.Kind.ADMISSION ? Invoker.Kind.WHEN_ADMISSION
                    : this == CHANGING ? Invoker.Kind.WHEN_CHANGING
                    : this == WATCHING ? Invoker.Kind.WHEN_EVENT : Invoker.Kind.WHEN_OBJECT;
        }

        /** The activity, or {@code null} for handlers of resources. */
        Activity activity() {
            return activity;
        }

        /** Whether the handler runs with no object: no selector, no filters. */
        boolean isActivity() {
            return activity != null;
        }
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

        /** The id of a handler registered as a lambda: the annotation's name, e.g. onCreate. */
        String defaultId() {
            String name = type.getSimpleName();
            return Character.toLowerCase(name.charAt(0)) + name.substring(1);
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
            new Entry(OnEvent.class, Family.WATCHING, Set.of(), false),
            new Entry(Daemon.class, Family.DAEMON, Set.of(), false),
            new Entry(Timer.class, Family.TIMER, Set.of(), false),
            new Entry(Index.class, Family.INDEXING, Set.of(), false),
            new Entry(OnStartup.class, Family.STARTUP, Set.of(), false),
            new Entry(OnCleanup.class, Family.CLEANUP, Set.of(), false),
            new Entry(OnLogin.class, Family.LOGIN, Set.of(), false),
            new Entry(OnProbe.class, Family.PROBE, Set.of(), false),
            new Entry(OnValidate.class, Family.VALIDATING, Set.of(), false),
            new Entry(OnMutate.class, Family.MUTATING, Set.of(), false));

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
     * Returns the entry of a handler annotation.
     *
     * @param type one of the handler annotations
     * @return its entry
     * @throws IllegalArgumentException for other annotations
     */
    static Entry entry(Class<? extends Annotation> type) {
        return ALL.stream().filter(entry -> entry.type() == type).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not a handler annotation: "
                        + type.getName()));
    }

    /**
     * Tells whether a handler annotation has an attribute.
     *
     * @param type the annotation
     * @param name the attribute's name
     * @return {@code true} when declared
     */
    static boolean declares(Class<? extends Annotation> type, String name) {
        try {
            type.getDeclaredMethod(name);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /**
     * Lists an annotation's attributes for messages, without {@code value}.
     *
     * @param type the annotation
     * @return e.g. {@code id, labels, retries}
     */
    static String options(Class<? extends Annotation> type) {
        return String.join(", ", java.util.Arrays.stream(type.getDeclaredMethods())
                .map(Method::getName).filter(name -> !name.equals("value")).sorted()
                .toList());
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
