package dev.kopf.spring;

import dev.kopf.Operator;

/**
 * Changes the {@link Operator.Builder} before the starter builds the operator: declare beans
 * of this type for what the {@code kopf.*} properties do not cover (settings groups,
 * listeners, a meter registry).
 *
 * <pre>{@code
 * @Bean
 * OperatorCustomizer lifecycle() {
 *     return builder -> builder.outcomeListener(outcome -> ...);
 * }
 * }</pre>
 *
 * <p>Customizers run after the properties are applied, in their {@code @Order}.
 *
 * @since 0.2
 */
@FunctionalInterface
public interface OperatorCustomizer {

    /**
     * Customizes the builder.
     *
     * @param builder the builder, with the handler beans, client and properties applied
     */
    void customize(Operator.Builder builder);
}
