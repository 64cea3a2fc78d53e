package dev.kopf;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The options of a sub-handler, as Kopf's {@code @kopf.subhandler(...)} arguments: error
 * handling, retries, timeout, backoff, and the label, annotation and {@code when} filters
 * (checked against the object when the sub-handler is registered; a sub-handler that does
 * not match is not run, as in Kopf).
 *
 * <pre>{@code
 * subhandlers.register("db", SubHandlerOptions.defaults().retries(3)
 *         .timeout(Duration.ofMinutes(5)).labels("db"), ctx -> createDatabase(ctx));
 * }</pre>
 *
 * <p>Immutable: each method returns a copy.
 *
 * @param errors how unexpected exceptions are treated
 * @param retries the attempt limit; {@link Integer#MAX_VALUE} for none
 * @param timeout the time limit since the first attempt, or {@code null} for none
 * @param backoff the delay after unexpected exceptions, or {@code null} for the default
 * @param labels label filters: {@code "key=value"}, {@code "key"}, {@code "!key"}
 * @param annotations annotation filters, in the same forms
 * @param when a filter of the parent's context, or {@code null} for none
 * @since 0.2
 */
public record SubHandlerOptions(ErrorsMode errors, int retries, Duration timeout,
        Duration backoff, List<String> labels, List<String> annotations,
        Predicate<Context> when) {

    /** Validates and copies. */
    public SubHandlerOptions {
        Objects.requireNonNull(errors, "errors");
        if (retries < 1) {
            throw new IllegalArgumentException("retries must be at least 1, not " + retries
                    + ". Leave it out for unlimited attempts.");
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout + ".");
        }
        if (backoff != null && backoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative, not " + backoff
                    + ".");
        }
        labels = List.copyOf(labels);
        annotations = List.copyOf(annotations);
    }

    /**
     * Returns the default options: temporary errors, unlimited retries, no timeout, the
     * operator's backoff, no filters.
     *
     * @return the defaults
     */
    public static SubHandlerOptions defaults() {
        return new SubHandlerOptions(ErrorsMode.TEMPORARY, Integer.MAX_VALUE, null, null,
                List.of(), List.of(), null);
    }

    /**
     * Sets the error mode.
     *
     * @param value the mode
     * @return a copy
     */
    public SubHandlerOptions errors(ErrorsMode value) {
        return new SubHandlerOptions(value, retries, timeout, backoff, labels, annotations, when);
    }

    /**
     * Sets the attempt limit.
     *
     * @param value at least 1
     * @return a copy
     */
    public SubHandlerOptions retries(int value) {
        return new SubHandlerOptions(errors, value, timeout, backoff, labels, annotations, when);
    }

    /**
     * Sets the time limit since the first attempt.
     *
     * @param value the limit
     * @return a copy
     */
    public SubHandlerOptions timeout(Duration value) {
        return new SubHandlerOptions(errors, retries, value, backoff, labels, annotations, when);
    }

    /**
     * Sets the delay after unexpected exceptions.
     *
     * @param value the delay
     * @return a copy
     */
    public SubHandlerOptions backoff(Duration value) {
        return new SubHandlerOptions(errors, retries, timeout, value, labels, annotations, when);
    }

    /**
     * Sets the label filters.
     *
     * @param values {@code "key=value"}, {@code "key"} or {@code "!key"}
     * @return a copy
     */
    public SubHandlerOptions labels(String... values) {
        return new SubHandlerOptions(errors, retries, timeout, backoff, List.of(values),
                annotations, when);
    }

    /**
     * Sets the annotation filters.
     *
     * @param values {@code "key=value"}, {@code "key"} or {@code "!key"}
     * @return a copy
     */
    public SubHandlerOptions annotations(String... values) {
        return new SubHandlerOptions(errors, retries, timeout, backoff, labels,
                List.of(values), when);
    }

    /**
     * Sets the {@code when} filter.
     *
     * @param value the filter of the parent's context
     * @return a copy
     */
    public SubHandlerOptions when(Predicate<Context> value) {
        return new SubHandlerOptions(errors, retries, timeout, backoff, labels, annotations,
                value);
    }
}
