package dev.kopf;

import java.io.Serializable;

/**
 * The function types of {@link HandlerRegistry}: a handler or filter taking zero to four
 * injectable values, resolved by their types as for annotated methods.
 *
 * <pre>{@code
 * registry.onCreate("kopfexamples", (Spec spec, Patch patch) -> {
 *     patch.status().put("field", spec.get("field"));
 *     return null;
 * });
 * }</pre>
 *
 * <p>Give the lambda's parameter types explicitly: they are what is injected. The types are
 * read from the lambda when the operator is built (the interfaces are
 * {@link Serializable} for that reason only; nothing is ever serialized). A non-null return
 * value is the handler's result, stored under {@code status.<id>}; filters return a
 * {@code Boolean}. Parameter qualifiers ({@code @Old}, {@code @New}, {@code @Param}) need
 * a method reference or a class implementing the interface, since lambdas do not keep
 * them; {@link Context} offers the same values.
 *
 * @since 0.2
 */
public final class HandlerFunctions {

    private HandlerFunctions() {
    }

    /**
     * A function of no injected values.
     *
     * @since 0.2
     */
    @FunctionalInterface
    public interface Fn0 extends Serializable {
        /**
         * Runs the function.
         *
         * @return the result, or {@code null}
         * @throws Exception any error, treated as a handler's
         */
        Object call() throws Exception;
    }

    /**
     * A function of one injected value.
     *
     * @param <A> the value's type
     * @since 0.2
     */
    @FunctionalInterface
    public interface Fn1<A> extends Serializable {
        /**
         * Runs the function.
         *
         * @param a the first value
         * @return the result, or {@code null}
         * @throws Exception any error, treated as a handler's
         */
        Object call(A a) throws Exception;
    }

    /**
     * A function of two injected values.
     *
     * @param <A> the first value's type
     * @param <B> the second value's type
     * @since 0.2
     */
    @FunctionalInterface
    public interface Fn2<A, B> extends Serializable {
        /**
         * Runs the function.
         *
         * @param a the first value
         * @param b the second value
         * @return the result, or {@code null}
         * @throws Exception any error, treated as a handler's
         */
        Object call(A a, B b) throws Exception;
    }

    /**
     * A function of three injected values.
     *
     * @param <A> the first value's type
     * @param <B> the second value's type
     * @param <C> the third value's type
     * @since 0.2
     */
    @FunctionalInterface
    public interface Fn3<A, B, C> extends Serializable {
        /**
         * Runs the function.
         *
         * @param a the first value
         * @param b the second value
         * @param c the third value
         * @return the result, or {@code null}
         * @throws Exception any error, treated as a handler's
         */
        Object call(A a, B b, C c) throws Exception;
    }

    /**
     * A function of four injected values.
     *
     * @param <A> the first value's type
     * @param <B> the second value's type
     * @param <C> the third value's type
     * @param <D> the fourth value's type
     * @since 0.2
     */
    @FunctionalInterface
    public interface Fn4<A, B, C, D> extends Serializable {
        /**
         * Runs the function.
         *
         * @param a the first value
         * @param b the second value
         * @param c the third value
         * @param d the fourth value
         * @return the result, or {@code null}
         * @throws Exception any error, treated as a handler's
         */
        Object call(A a, B b, C c, D d) throws Exception;
    }
}
