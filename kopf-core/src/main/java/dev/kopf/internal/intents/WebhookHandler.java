package dev.kopf.internal.intents;

import dev.kopf.Context;
import dev.kopf.Operation;
import dev.kopf.internal.actions.HandlerFn;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A validating or mutating admission handler ({@code @OnValidate}, {@code @OnMutate}), as
 * Kopf's {@code WebhookHandler}.
 *
 * <p>Made by discovery; read by the admission engine, which serves it, and by the managed
 * webhook configurations, which register it.
 *
 * @param id the id, also the last part of the webhook's URL path
 * @param type validating or mutating
 * @param selector the resource selector
 * @param filters the object filters, evaluated in the webhook
 * @param fn the bound method
 * @param options the admission options
 * @param param the free value passed to the handler; never {@code null}
 * @param location the method, e.g. {@code com.example.Handlers.check(Spec)}
 */
public record WebhookHandler(String id, WebhookType type, Selector selector, Filters filters,
        HandlerFn fn, Options options, String param, String location) {

    /** Validates the components and fills the defaults. */
    public WebhookHandler {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(options, "options");
        filters = filters == null ? Filters.NONE : filters;
        param = param == null ? "" : param;
    }

    /** Which kind of webhook configuration a handler belongs to. */
    public enum WebhookType {
        /** A {@code ValidatingWebhookConfiguration} entry. */
        VALIDATING,
        /** A {@code MutatingWebhookConfiguration} entry. */
        MUTATING
    }

    /**
     * The admission options of a handler.
     *
     * @param operations the operations registered for; empty for all ({@code *})
     * @param subresource {@code null} for the object, a name, or {@code *} for all
     * @param persistent whether the webhook stays at a graceful exit
     * @param sideEffects whether the handler has side effects ({@code NoneOnDryRun})
     * @param ignoreFailures whether failures admit ({@code failurePolicy: Ignore})
     * @param timeoutSeconds how long the API server waits for the webhook (Kopf's 30)
     */
    public record Options(Set<Operation> operations, String subresource, boolean persistent,
            boolean sideEffects, boolean ignoreFailures, int timeoutSeconds) {

        /** Kopf's {@code timeoutSeconds} of every webhook it registers. */
        public static final int DEFAULT_TIMEOUT = 30;

        /** Copies the operations. */
        public Options {
            operations = operations == null ? Set.of() : Set.copyOf(operations);
        }

        /**
         * The options of a declared handler, with Kopf's timeout.
         *
         * @param operations the operations registered for; empty for all ({@code *})
         * @param subresource {@code null} for the object, a name, or {@code *} for all
         * @param persistent whether the webhook stays at a graceful exit
         * @param sideEffects whether the handler has side effects ({@code NoneOnDryRun})
         * @param ignoreFailures whether failures admit ({@code failurePolicy: Ignore})
         */
        public Options(Set<Operation> operations, String subresource, boolean persistent,
                boolean sideEffects, boolean ignoreFailures) {
            this(operations, subresource, persistent, sideEffects, ignoreFailures,
                    DEFAULT_TIMEOUT);
        }
    }

    /**
     * Tells whether the handler applies to an admitted object, as Kopf's {@code match} for
     * webhook causes: the subresource, labels, annotations, the field's value, then
     * {@code when}.
     *
     * @param subresource the request's subresource, or {@code null}
     * @param body the admitted object (the new one, or the old one for deletions)
     * @param context the context for the {@code when} callback
     * @return {@code true} when all filters match
     * @throws Exception whatever the {@code when} callback throws
     */
    public boolean matches(String subresource, Map<String, Object> body, Context context)
            throws Exception {
        return ("*".equals(options.subresource())
                        || Objects.equals(options.subresource(), subresource))
                && filters.matchesMeta(body)
                && filters.matchesFieldValues(body, null, null, false)
                && filters.matchesWhen(context);
    }
}
