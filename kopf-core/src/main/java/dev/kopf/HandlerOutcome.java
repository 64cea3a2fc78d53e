package dev.kopf;

/**
 * What one attempt of a changing handler came to, as reported to listeners given to
 * {@link Operator.Builder#outcomeListener}: for tests and metrics, without parsing logs.
 *
 * @param resource the resource of the object
 * @param namespace the object's namespace, or {@code null} for cluster-scoped objects
 * @param name the object's name
 * @param handlerId the handler id, e.g. {@code createFn} or {@code createFn/item1}
 * @param reason the cause the handler ran for
 * @param result what happened
 * @param attempt the 0-based attempt number
 * @param message the error message, or {@code null} on success
 * @since 0.1
 */
public record HandlerOutcome(Resource resource, String namespace, String name,
        String handlerId, Reason reason, Result result, int attempt, String message) {

    /**
     * What an attempt came to.
     *
     * @since 0.1
     */
    public enum Result {
        /** The handler returned normally. */
        SUCCEEDED,
        /** It will be retried: a {@link TemporaryException} or an error in TEMPORARY mode. */
        RETRYING,
        /** It failed for this cause: permanently, by limits, or an error in PERMANENT mode. */
        FAILED,
        /** It failed in IGNORED mode. */
        IGNORED
    }
}
