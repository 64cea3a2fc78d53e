package dev.kopf.internal.clients;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits as long as the API server's {@code Retry-After} says before sending a throttled
 * (429) or refused (5xx) request again, as client-go does: a fabric8 interceptor on a client
 * derived from the one the operator uses.
 *
 * <p>fabric8 (7.5) reads the header but schedules its retry after its own backoff interval
 * only (100 ms by default, {@code errorBackoffs}' first value with Kopf's settings), so a
 * throttled operator would come back many times sooner than asked. After such a response
 * this interceptor waits the header's seconds (at most {@link #LONGEST}) and re-sends the
 * request once; a further failure goes back to fabric8's own retries, each of which is
 * honoured again.
 */
public final class RetryAfter implements Interceptor {

    /** The longest wait honoured: a larger header waits this long. */
    static final Duration LONGEST = Duration.ofSeconds(60);
    private static final String NAME = "KOPF_RETRY_AFTER";
    private static final Logger logger = LoggerFactory.getLogger("kopf.clients");

    private RetryAfter() {
    }

    /**
     * Returns a client that honours {@code Retry-After}.
     *
     * @param client the client to derive from; it stays as it is
     * @return a derived client that must not be closed (closing the original releases its
     *     connections)
     */
    public static KubernetesClient honoured(KubernetesClient client) {
        return DerivedClients.withInterceptor(client, NAME, new RetryAfter());
    }

    @Override
    public CompletableFuture<Boolean> afterFailure(BasicBuilder builder,
            HttpResponse<?> response, RequestTags tags) {
        long millis = waitOf(response.code(), response.header("Retry-After"));
        if (millis <= 0) {
            return CompletableFuture.completedFuture(false);
        }
        logger.debug("The API answered {} with Retry-After; sending {} again in {} ms.",
                response.code(), response.request() == null ? "the request"
                        : response.request().uri(), millis);
        return CompletableFuture.supplyAsync(() -> true,
                CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
    }

    /**
     * Milliseconds to wait before a retry, or 0 for none: only after a 429 or a 5xx, only
     * for a header of whole seconds (what kube-apiserver sends), at most {@link #LONGEST}.
     */
    static long waitOf(int code, String header) {
        if (code != 429 && code < 500 || header == null) {
            return 0;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds <= 0 ? 0 : Math.min(seconds, LONGEST.toSeconds()) * 1000;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
