package dev.kopf.internal.clients;

import dev.kopf.ConnectionInfo;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * Puts the vault's current credential on every request, and on a 401 drops it and repeats
 * the request with the next one (after a re-login if none is left): Kopf's authenticated
 * API calls. Replaces fabric8's own token refresher.
 */
final class VaultInterceptor implements Interceptor {

    /** fabric8's name for the token interceptor, which this one replaces. */
    static final String NAME = "TOKEN";

    private final Vault vault;

    VaultInterceptor(Vault vault) {
        this.vault = vault;
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        authorize(builder, vault.current());
    }

    @Override
    public CompletableFuture<Boolean> afterFailure(BasicBuilder builder,
            HttpResponse<?> response, RequestTags tags) {
        if (response.code() != 401) {
            return CompletableFuture.completedFuture(false);
        }
        ConnectionInfo used = usedBy(response.request());
        return vault.invalidate(used).thenApply(next -> {
            if (next == null) {
                return false;
            }
            authorize(builder, next);
            return true;
        });
    }

    // The credential whose header the rejected request carried.
    private ConnectionInfo usedBy(HttpRequest request) {
        ConnectionInfo current = vault.current();
        String header = request == null ? null : request.header("Authorization");
        return current != null && header != null && header.equals(authorization(current))
                ? current : null;
    }

    private static void authorize(BasicBuilder builder, ConnectionInfo info) {
        String value = info == null ? null : authorization(info);
        if (value != null) {
            builder.setHeader("Authorization", value);
        }
    }

    static String authorization(ConnectionInfo info) {
        if (info.token() != null) {
            return (info.scheme() == null ? "Bearer" : info.scheme()) + " " + info.token();
        }
        if (info.username() != null) {
            String pair = info.username() + ":" + (info.password() == null ? ""
                    : info.password());
            return "Basic " + Base64.getEncoder().encodeToString(
                    pair.getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }
}
