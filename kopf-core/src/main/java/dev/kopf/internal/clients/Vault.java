package dev.kopf.internal.clients;

import dev.kopf.ConnectionInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credentials from the login handlers, as Kopf's {@code credentials.Vault}: the highest
 * priority is used; a credential the server rejects with 401 is dropped; once none is left,
 * the login handlers are asked again, and requests that were rejected wait for them.
 *
 * <p>Filled by the login activity; read by the client's interceptor on the HTTP client's
 * threads, which must never block, hence the futures. Thread-safe.
 */
public final class Vault {

    private static final Logger logger =
            LoggerFactory.getLogger("kopf.activities.authentication");

    private final Map<String, ConnectionInfo> items = new LinkedHashMap<>();
    private final Runnable onDepleted;
    private CompletableFuture<ConnectionInfo> refill;

    /**
     * Creates an empty vault.
     *
     * @param onDepleted starts a re-login when the last credential is dropped; must return at
     *     once and call {@link #populate} later
     */
    public Vault(Runnable onDepleted) {
        this.onDepleted = onDepleted;
    }

    /**
     * Adds the credentials from a login, and wakes the requests waiting for them.
     *
     * @param infos the credentials by login handler id; may be empty
     */
    public void populate(Map<String, ConnectionInfo> infos) {
        CompletableFuture<ConnectionInfo> waiting;
        ConnectionInfo best;
        synchronized (this) {
            items.putAll(infos);
            best = current();
            waiting = refill;
            refill = null;
        }
        if (waiting != null) {
            waiting.complete(best);
        }
    }

    /**
     * Returns the credential to use now.
     *
     * @return the one with the highest priority (the first declared among equals), or
     *     {@code null} when empty
     */
    public synchronized ConnectionInfo current() {
        ConnectionInfo best = null;
        for (ConnectionInfo info : items.values()) {
            if (best == null || info.priority() > best.priority()) {
                best = info;
            }
        }
        return best;
    }

    /**
     * Drops a credential that the server rejected, and returns the next one: at once when
     * another is left, else after the login handlers have run again.
     *
     * @param rejected the credential used by the rejected request, or {@code null}
     * @return completes with the credential to retry with, or {@code null} when there is none
     */
    public CompletableFuture<ConnectionInfo> invalidate(ConnectionInfo rejected) {
        boolean relogin = false;
        CompletableFuture<ConnectionInfo> result;
        synchronized (this) {
            if (rejected != null) {
                items.values().removeIf(info -> Objects.equals(info, rejected));
            }
            ConnectionInfo next = current();
            if (next != null && !next.equals(rejected)) {
                return CompletableFuture.completedFuture(next);
            }
            if (refill == null) {
                refill = new CompletableFuture<>();
                relogin = true;
            }
            result = refill;
        }
        if (relogin) {
            logger.debug("The credentials are rejected by the API server; logging in again.");
            onDepleted.run();
        }
        return result;
    }

    /**
     * Drops credentials whose time is over, and asks for new ones when none is left.
     *
     * @param expired the credential that expired
     */
    public void expire(ConnectionInfo expired) {
        List<ConnectionInfo> left;
        synchronized (this) {
            items.values().removeIf(info -> info.equals(expired));
            left = new ArrayList<>(items.values());
        }
        if (left.isEmpty()) {
            invalidate(null);
        }
    }
}
