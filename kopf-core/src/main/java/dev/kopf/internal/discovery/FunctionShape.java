package dev.kopf.internal.discovery;

import dev.kopf.HandlerFunctions;
import dev.kopf.internal.actions.Slot;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a registered function takes and how messages name it: the parameter types of a
 * lambda (from its serialized form, since erasure hides them), of a method reference (the
 * referenced method, with its qualifiers), or of a class implementing the function type.
 *
 * <p>Used by the declaration reader for functional registrations only.
 *
 * @param call the functional interface's method, called to run the function
 * @param parameters the parameters to inject
 * @param method the user's method name for a method reference or class, else {@code null}
 * @param description e.g. {@code com.example.App.created(Spec)} or {@code a lambda in App}
 */
record FunctionShape(Method call, List<Slot> parameters, String method, String description) {

    private static final List<Class<?>> TYPES = List.of(HandlerFunctions.Fn0.class,
            HandlerFunctions.Fn1.class, HandlerFunctions.Fn2.class, HandlerFunctions.Fn3.class,
            HandlerFunctions.Fn4.class);

    /**
     * Reads a function's shape.
     *
     * @param fn one of {@link HandlerFunctions}'s types
     * @return the shape
     * @throws IllegalArgumentException with a sentence for the user when it cannot be read
     */
    static FunctionShape of(Object fn) {
        Class<?> type = TYPES.stream().filter(t -> t.isInstance(fn)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("The function is a "
                        + fn.getClass().getName() + ", not one of HandlerFunctions' types."));
        Method call = type.getMethods()[0];
        int arity = call.getParameterCount();
        SerializedLambda lambda = serialized(fn);
        if (lambda == null) {
            Method own = Stream.of(fn.getClass().getMethods())
                    .filter(m -> m.getName().equals("call") && !m.isBridge()
                            && m.getParameterCount() == arity)
                    .findFirst().orElse(call);
            return new FunctionShape(call, Slot.of(own), null,
                    DeclarationReader.location(own));
        }
        ClassLoader loader = fn.getClass().getClassLoader();
        List<Class<?>> types = MethodType.fromMethodDescriptorString(
                lambda.getInstantiatedMethodType(), loader).parameterList();
        Method impl = implementation(lambda, loader);
        boolean isLambda = lambda.getImplMethodName().startsWith("lambda$");
        String owner = lambda.getImplClass().replace('/', '.');
        if (impl != null && !isLambda) {
            List<Slot> slots = Slot.of(impl);
            int skip = slots.size() - arity;
            List<Class<?>> declared = impl.getParameterCount() < arity ? List.of()
                    : List.of(impl.getParameterTypes()).subList(skip, slots.size());
            if (skip >= 0 && declared.equals(types)) {
                return new FunctionShape(call, slots.subList(skip, slots.size()),
                        impl.getName(), DeclarationReader.location(impl));
            }
        }
        if (impl != null && impl.getParameterCount() >= arity) {
            // A lambda's own method keeps the qualifiers when javac writes them.
            List<Slot> slots = Slot.of(impl);
            List<Slot> own = slots.subList(slots.size() - arity, slots.size());
            if (own.stream().map(Slot::type).toList().equals(types)) {
                return new FunctionShape(call, own, null, "a lambda in " + owner);
            }
        }
        return new FunctionShape(call, types.stream().map(Slot::of).toList(),
                isLambda ? null : lambda.getImplMethodName(),
                isLambda ? "a lambda in " + owner : owner + "." + lambda.getImplMethodName());
    }

    private static SerializedLambda serialized(Object fn) {
        Class<?> cls = fn.getClass();
        if (!cls.isSynthetic()) {
            return null;
        }
        try {
            Method replace = cls.getDeclaredMethod("writeReplace");
            replace.setAccessible(true);
            return replace.invoke(fn) instanceof SerializedLambda lambda ? lambda : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;  // not a serializable lambda: read as a class
        }
    }

    private static Method implementation(SerializedLambda lambda, ClassLoader loader) {
        try {
            Class<?> owner = Class.forName(lambda.getImplClass().replace('/', '.'), false,
                    loader);
            for (Method method : owner.getDeclaredMethods()) {
                String descriptor = MethodType.methodType(method.getReturnType(),
                        method.getParameterTypes()).toMethodDescriptorString();
                if (method.getName().equals(lambda.getImplMethodName())
                        && descriptor.equals(lambda.getImplMethodSignature())) {
                    return method;
                }
            }
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        return null;
    }
}
