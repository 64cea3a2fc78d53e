package dev.kopf.internal.actions;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kopf.Body;
import dev.kopf.Context;
import dev.kopf.DaemonStopped;
import dev.kopf.Diff;
import dev.kopf.DryRun;
import dev.kopf.Headers;
import dev.kopf.IndexOf;
import dev.kopf.IndexView;
import dev.kopf.Memo;
import dev.kopf.Meta;
import dev.kopf.New;
import dev.kopf.Old;
import dev.kopf.Operation;
import dev.kopf.OperatorSettings;
import dev.kopf.Param;
import dev.kopf.Patch;
import dev.kopf.RawEvent;
import dev.kopf.Reason;
import dev.kopf.Resource;
import dev.kopf.Retry;
import dev.kopf.Spec;
import dev.kopf.SslPeer;
import dev.kopf.Status;
import dev.kopf.SubHandlers;
import dev.kopf.Subresource;
import dev.kopf.UserInfo;
import dev.kopf.Warnings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * Binds a user's method to a {@link HandlerFn}: each parameter is resolved by its type once,
 * at start-up, and the call goes through a {@link MethodHandle}.
 *
 * <p>Called by discovery for handlers and their {@code when} filters. Separate from discovery
 * so that the injection rules (Kopf's {@code invocation.py}) live next to the executors that
 * call the result. Parameter names are never used: users may compile without
 * {@code -parameters}.
 */
public final class Invoker {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Invoker() {
    }

    /** What a method is bound as; decides which parameter types are injectable. */
    public enum Kind {
        /** A create, update, delete, resume or field handler. */
        CHANGING("changing handlers"),
        /** An event handler. */
        EVENT("event handlers"),
        /** A daemon. */
        DAEMON("daemons"),
        /** A timer. */
        TIMER("timers"),
        /** An index handler. */
        INDEX("index handlers"),
        /** A startup handler. */
        STARTUP("startup handlers"),
        /** A cleanup handler. */
        CLEANUP("cleanup handlers"),
        /** A login handler. */
        LOGIN("login handlers"),
        /** A probe. */
        PROBE("probes"),
        /** The {@code when} filter of a changing handler. */
        WHEN_CHANGING("when-filters of changing handlers"),
        /** The {@code when} filter of an event handler. */
        WHEN_EVENT("when-filters of event handlers"),
        /** The {@code when} filter of a daemon, timer or index handler. */
        WHEN_OBJECT("when-filters of daemons, timers and index handlers"),
        /** A validating or mutating admission handler. */
        ADMISSION("admission handlers"),
        /** The {@code when} filter of an admission handler. */
        WHEN_ADMISSION("when-filters of admission handlers");

        private final String title;

        Kind(String title) {
            this.title = title;
        }

        /**
         * Tells whether old and new values, the diff and the reason exist for this kind.
         *
         * @return {@code true} for changing handlers and their filters
         */
        public boolean hasChanges() {
            return this == CHANGING || this == WHEN_CHANGING || this == ADMISSION
                    || this == WHEN_ADMISSION;
        }

        /**
         * Tells whether methods of this kind are filters that must return a boolean.
         *
         * @return {@code true} for when-filters
         */
        public boolean isFilter() {
            return this == WHEN_CHANGING || this == WHEN_EVENT || this == WHEN_OBJECT
                    || this == WHEN_ADMISSION;
        }

        /**
         * Tells whether methods of this kind are called about an object.
         *
         * @return {@code false} for startup, cleanup, login and probe handlers
         */
        public boolean hasObject() {
            return !ACTIVITIES.contains(this);
        }

        /**
         * Returns the plural description used in messages.
         *
         * @return e.g. {@code event handlers}
         */
        public String title() {
            return title;
        }
    }

    private static final Set<Kind> ACTIVITIES =
            EnumSet.of(Kind.STARTUP, Kind.CLEANUP, Kind.LOGIN, Kind.PROBE);
    private static final Set<Kind> OBJECTS = EnumSet.complementOf(EnumSet.copyOf(ACTIVITIES));
    private static final Set<Kind> ADMISSIONS = EnumSet.of(Kind.ADMISSION, Kind.WHEN_ADMISSION);

    private static AdmissionValues admission(Context context) {
        return ((DefaultContext) context).admission();
    }

    /** The framework values injectable by their exact type. */
    private enum Injectable {
        BODY(Body.class, Context::body, OBJECTS),
        SPEC(Spec.class, Context::spec, OBJECTS),
        META(Meta.class, Context::meta, OBJECTS),
        STATUS(Status.class, Context::status, OBJECTS),
        PATCH(Patch.class, Context::patch, EnumSet.of(Kind.CHANGING, Kind.EVENT, Kind.DAEMON,
                Kind.TIMER, Kind.WHEN_CHANGING, Kind.WHEN_EVENT, Kind.ADMISSION,
                Kind.WHEN_ADMISSION)),
        DIFF(Diff.class, Context::diff, EnumSet.of(Kind.CHANGING, Kind.WHEN_CHANGING,
                Kind.ADMISSION, Kind.WHEN_ADMISSION)),
        REASON(Reason.class, Context::reason, EnumSet.of(Kind.CHANGING, Kind.WHEN_CHANGING)),
        LOGGER(Logger.class, Context::logger, EnumSet.allOf(Kind.class)),
        MEMO(Memo.class, Context::memo, EnumSet.allOf(Kind.class)),
        RETRY(Retry.class, Context::retry, EnumSet.of(Kind.CHANGING, Kind.DAEMON, Kind.TIMER,
                Kind.INDEX, Kind.STARTUP, Kind.CLEANUP, Kind.LOGIN, Kind.PROBE)),
        RAW_EVENT(RawEvent.class, Context::event, EnumSet.of(Kind.EVENT, Kind.WHEN_EVENT)),
        STOPPED(DaemonStopped.class, Context::stopped, EnumSet.of(Kind.DAEMON, Kind.TIMER)),
        RESOURCE(Resource.class, Context::resource, OBJECTS),
        CLIENT(KubernetesClient.class, Context::client,
                EnumSet.complementOf(EnumSet.of(Kind.LOGIN))),
        SETTINGS(OperatorSettings.class, context -> ((DefaultContext) context).settings(),
                ACTIVITIES),
        SETTINGS_BUILDER(OperatorSettings.Builder.class,
                context -> ((DefaultContext) context).settingsBuilder(),
                EnumSet.of(Kind.STARTUP)),
        CONTEXT(Context.class, context -> context, OBJECTS),
        SUBHANDLERS(SubHandlers.class, Context::subhandlers, EnumSet.of(Kind.CHANGING)),
        OPERATION(Operation.class, c -> admission(c).operation(), ADMISSIONS),
        SUBRESOURCE(Subresource.class, c -> admission(c).subresource(), ADMISSIONS),
        DRY_RUN(DryRun.class, c -> admission(c).dryRun(), ADMISSIONS),
        WARNINGS(Warnings.class, c -> admission(c).warnings(), ADMISSIONS),
        USER_INFO(UserInfo.class, c -> admission(c).userInfo(), ADMISSIONS),
        HEADERS(Headers.class, c -> admission(c).headers(), ADMISSIONS),
        SSL_PEER(SslPeer.class, c -> admission(c).sslPeer(), ADMISSIONS);

        private final Class<?> type;
        private final Function<Context, Object> getter;
        private final Set<Kind> kinds;

        Injectable(Class<?> type, Function<Context, Object> getter, Set<Kind> kinds) {
            this.type = type;
            this.getter = getter;
            this.kinds = Set.copyOf(kinds);
        }

        static Injectable of(Class<?> type) {
            for (Injectable injectable : values()) {
                if (injectable.type == type) {
                    return injectable;
                }
            }
            return null;
        }
    }

    /**
     * Binds a method, checking every parameter first.
     *
     * @param method a public method of a public class
     * @param instance the object to call it on, or {@code null} for a static method
     * @param kind what the method is bound as
     * @param problems where problems are added, one sentence-text each, without a location
     * @return the bound function, or {@code null} when any problem was found
     */
    public static HandlerFn bind(Method method, Object instance, Kind kind,
            List<String> problems) {
        int before = problems.size();
        List<Function<Context, Object>> resolvers = resolve(method, kind, problems);
        if (problems.size() > before) {
            return null;
        }
        MethodHandle handle = boundHandle(method, instance, problems);
        if (handle == null) {
            return null;
        }
        MethodHandle spread = handle.asSpreader(Object[].class, resolvers.size())
                .asType(MethodType.methodType(Object.class, Object[].class));
        return new Bound(spread, resolvers);
    }

    /**
     * Unreflects a public method and binds it to its object unless it is static.
     *
     * @param method the method
     * @param instance the object to call it on, or {@code null} for a static method
     * @param problems where an inaccessible method is reported
     * @return the handle, or {@code null} when the method is not accessible
     */
    static MethodHandle boundHandle(Method method, Object instance, List<String> problems) {
        MethodHandle handle;
        try {
            handle = MethodHandles.publicLookup().unreflect(method);
        } catch (IllegalAccessException e) {
            problems.add("The method is not accessible: " + e.getMessage()
                    + ". Make the method and its class public.");
            return null;
        }
        return Modifier.isStatic(method.getModifiers()) ? handle : handle.bindTo(instance);
    }

    /**
     * Binds a function object: its parameters are resolved from the given slots, and the
     * call goes through the functional interface's method, so the function's own class
     * (e.g. a lambda's hidden class) need not be accessible.
     *
     * @param target the function object
     * @param call the functional interface's public abstract method
     * @param parameters the function's parameters, as many as {@code call} takes
     * @param kind what the function is bound as
     * @param problems where problems are added, without a location
     * @return the bound function, or {@code null} when any problem was found
     */
    public static HandlerFn bindFunction(Object target, Method call, List<Slot> parameters,
            Kind kind, List<String> problems) {
        int before = problems.size();
        List<Function<Context, Object>> resolvers = resolve(parameters, kind, problems);
        if (problems.size() > before) {
            return null;
        }
        MethodHandle handle;
        try {
            handle = MethodHandles.publicLookup().unreflect(call).bindTo(target);
        } catch (IllegalAccessException e) {
            problems.add("The function is not accessible: " + e.getMessage() + ".");
            return null;
        }
        MethodHandle spread = handle.asSpreader(Object[].class, resolvers.size())
                .asType(MethodType.methodType(Object.class, Object[].class));
        return new Bound(spread, resolvers);
    }

    /**
     * Checks a method's parameters (and a filter's return type) without binding it: for
     * methods that cannot be called anyway, so that every problem is still reported.
     *
     * @param method the method
     * @param kind what the method would be bound as
     * @param problems where problems are added, without a location
     */
    public static void check(Method method, Kind kind, List<String> problems) {
        resolve(method, kind, problems);
    }

    /**
     * Lists the parameter types injectable into methods of one kind, for messages and docs.
     *
     * @param kind the kind
     * @return e.g. {@code Body, Spec, …, @Param String, or a fabric8 model class (HasMetadata)}
     */
    public static String injectableTypes(Kind kind) {
        List<String> names = new ArrayList<>();
        for (Injectable injectable : Injectable.values()) {
            if (injectable.kinds.contains(kind)) {
                names.add(displayName(injectable.type));
            }
        }
        if (kind.hasChanges()) {
            names.add("@Old/@New values");
        }
        names.add("@Param values");
        names.add("@IndexOf IndexView");
        return kind.hasObject()
                ? String.join(", ", names) + ", or a fabric8 model class (HasMetadata)"
                : String.join(", ", names.subList(0, names.size() - 1)) + ", or "
                        + names.get(names.size() - 1);
    }

    /** Names nested types with their outer class, e.g. {@code OperatorSettings.Builder}. */
    private static String displayName(Class<?> type) {
        Class<?> outer = type.getEnclosingClass();
        return outer == null ? type.getSimpleName()
                : outer.getSimpleName() + "." + type.getSimpleName();
    }

    private static List<Function<Context, Object>> resolve(Method method, Kind kind,
            List<String> problems) {
        if (kind.isFilter() && method.getReturnType() != boolean.class
                && method.getReturnType() != Boolean.class) {
            problems.add("The when-filter must return boolean, not "
                    + method.getReturnType().getTypeName() + ".");
        }
        return resolve(Slot.of(method), kind, problems);
    }

    private static List<Function<Context, Object>> resolve(List<Slot> parameters, Kind kind,
            List<String> problems) {
        List<Function<Context, Object>> resolvers = new ArrayList<>(parameters.size());
        Map<Class<?>, Integer> unqualified = new HashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            Slot parameter = parameters.get(i);
            int number = i + 1;
            boolean qualified = parameter.isAnnotationPresent(Old.class)
                    || parameter.isAnnotationPresent(New.class)
                    || parameter.isAnnotationPresent(Param.class)
                    || parameter.isAnnotationPresent(IndexOf.class);
            if (!qualified) {
                Integer first = unqualified.putIfAbsent(parameter.getType(), number);
                if (first != null) {
                    problems.add("Parameter #" + number + " repeats the type "
                            + parameter.getType().getSimpleName() + " of parameter #" + first
                            + ". Ask for each type once; tell values apart with @Old or @New.");
                }
            }
            resolvers.add(resolveParameter(parameter, number, kind, problems));
        }
        return resolvers;
    }

    private static Function<Context, Object> resolveParameter(Slot parameter, int number,
            Kind kind, List<String> problems) {
        boolean old = parameter.isAnnotationPresent(Old.class);
        boolean nu = parameter.isAnnotationPresent(New.class);
        boolean param = parameter.isAnnotationPresent(Param.class);
        IndexOf index = parameter.getAnnotation(IndexOf.class);
        Class<?> type = parameter.getType();
        if ((old ? 1 : 0) + (nu ? 1 : 0) + (param ? 1 : 0) + (index != null ? 1 : 0) > 1) {
            problems.add("Parameter #" + number + " has more than one of @Old, @New, @Param"
                    + " and @IndexOf. Use one qualifier per parameter.");
            return null;
        }
        if (index != null) {
            if (type != IndexView.class) {
                problems.add("@IndexOf parameter #" + number + " must be of type IndexView, not "
                        + type.getTypeName() + ".");
            }
            String id = index.value();
            return context -> context.index(id);
        }
        if (type == IndexView.class) {
            problems.add("IndexView parameter #" + number + " needs @IndexOf with the id of its"
                    + " @Index handler, e.g. @IndexOf(\"podsByNamespace\").");
            return null;
        }
        if (param) {
            if (type == String.class || type == Object.class) {
                return Context::param;
            }
            Function<String, Object> converter =
                    Conversions.paramConverter(parameter.getParameterizedType());
            return context -> converter.apply(context.param());
        }
        if (old || nu) {
            return resolveValue(parameter, number, old ? "@Old" : "@New", kind, problems);
        }
        Injectable injectable = Injectable.of(type);
        if (injectable != null && injectable.kinds.contains(kind)) {
            return injectable.getter;
        }
        if (kind.hasObject() && HasMetadata.class.isAssignableFrom(type)) {
            return context -> convertBody(context, type);
        }
        problems.add(cannotInject(parameter, number, kind, injectable != null));
        return null;
    }

    private static String cannotInject(Slot parameter, int number, Kind kind,
            boolean otherKind) {
        Class<?> type = parameter.getType();
        String name = otherKind ? displayName(type) : type.getTypeName();
        String why = otherKind ? " into " + kind.title() + "." : ".";
        String hint = "";
        if (type == Object.class || Map.class.isAssignableFrom(type) || type == String.class
                || List.class.isAssignableFrom(type)) {
            hint = kind.hasChanges()
                    ? " Qualify old and new values with @Old or @New, the param with @Param."
                    : " Qualify the param with @Param.";
        } else if (KubernetesResource.class.isAssignableFrom(type)) {
            hint = " Only whole objects (HasMetadata) are converted; for a part, use"
                    + " spec.as(" + type.getSimpleName() + ".class).";
        }
        return "Cannot inject parameter #" + number + " of type " + name + why + hint
                + " Injectable types for " + kind.title() + ": " + injectableTypes(kind) + ".";
    }

    private static Function<Context, Object> resolveValue(Slot parameter, int number,
            String qualifier, Kind kind, List<String> problems) {
        Class<?> type = parameter.getType();
        if (!kind.hasChanges()) {
            problems.add(qualifier + " parameter #" + number + " is not available to "
                    + kind.title() + ": they have no old and new values.");
            return null;
        }
        if (type.isPrimitive()) {
            problems.add(qualifier + " parameter #" + number + " has the primitive type "
                    + type.getName() + ", which cannot hold an absent value. Use "
                    + boxed(type) + ".");
            return null;
        }
        if (Injectable.of(type) != null) {
            problems.add(qualifier + " cannot qualify parameter #" + number + " of type "
                    + type.getSimpleName() + ". Use Object, Map, String, a number,"
                    + " or a class of your own.");
            return null;
        }
        Function<Object, Object> converter = Conversions.converter(parameter.getParameterizedType(),
                qualifier.equals("@Old") ? "old" : "new");
        return qualifier.equals("@Old")
                ? context -> converter.apply(context.oldValue())
                : context -> converter.apply(context.newValue());
    }

    private static Object convertBody(Context context, Class<?> type) {
        Body body = context.body();
        if (body == null) {
            return null;
        }
        try {
            return MAPPER.convertValue(body.asMap(), type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot convert the object to "
                    + type.getName() + ": " + e.getMessage(), e);
        }
    }

    private static String boxed(Class<?> primitive) {
        return MethodType.methodType(primitive).wrap().returnType().getSimpleName();
    }

    /** A method bound to its parameter resolvers. */
    private record Bound(MethodHandle handle, List<Function<Context, Object>> resolvers)
            implements HandlerFn {

        @Override
        public Object call(Context context) throws Exception {
            Object[] args = new Object[resolvers.size()];
            for (int i = 0; i < args.length; i++) {
                args[i] = resolvers.get(i).apply(context);
            }
            try {
                return (Object) handle.invokeExact(args);
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new UndeclaredThrowableException(t);
            }
        }
    }
}
