package dev.kopf.internal.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.ConnectionInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VaultTest {

    private final AtomicInteger relogins = new AtomicInteger();
    private final Vault vault = new Vault(relogins::incrementAndGet);

    private static ConnectionInfo info(String token, int priority) {
        return ConnectionInfo.builder().server("https://api").token(token).priority(priority)
                .build();
    }

    private static Map<String, ConnectionInfo> infos(ConnectionInfo... values) {
        Map<String, ConnectionInfo> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put("login" + i, values[i]);
        }
        return map;
    }

    @Test
    void theHighestPriorityIsUsedFirstAndTheFirstDeclaredAmongEquals() {
        vault.populate(infos(info("a", 0), info("b", 5), info("c", 5)));

        assertThat(vault.current().token()).isEqualTo("b");
    }

    @Test
    void aRejectedCredentialIsDroppedForTheNextOne() {
        vault.populate(infos(info("a", 1), info("b", 0)));

        CompletableFuture<ConnectionInfo> next = vault.invalidate(vault.current());

        assertThat(next).isCompletedWithValueMatching(info -> info.token().equals("b"));
        assertThat(relogins).hasValue(0);
    }

    @Test
    void theLastRejectedCredentialStartsOneReloginThatTheRequestsWaitFor() {
        vault.populate(infos(info("a", 0)));
        ConnectionInfo rejected = vault.current();

        CompletableFuture<ConnectionInfo> first = vault.invalidate(rejected);
        CompletableFuture<ConnectionInfo> second = vault.invalidate(rejected);

        assertThat(first).isNotDone();
        assertThat(relogins).hasValue(1);
        vault.populate(infos(info("fresh", 0)));
        assertThat(first).isCompletedWithValueMatching(info -> info.token().equals("fresh"));
        assertThat(second).isCompletedWithValueMatching(info -> info.token().equals("fresh"));
    }

    @Test
    void aReloginWithoutCredentialsLetsTheWaitingRequestsFail() {
        vault.populate(infos(info("a", 0)));
        CompletableFuture<ConnectionInfo> waiting = vault.invalidate(vault.current());

        vault.populate(Map.of());

        assertThat(waiting).isCompletedWithValue(null);
    }

    @Test
    void anExpiredLastCredentialStartsARelogin() {
        vault.populate(infos(info("a", 0)));

        vault.expire(vault.current());

        assertThat(vault.current()).isNull();
        assertThat(relogins).hasValue(1);
    }

    @Test
    void theAuthorizationHeaderFollowsTheCredential() {
        assertThat(VaultInterceptor.authorization(info("t", 0))).isEqualTo("Bearer t");
        assertThat(VaultInterceptor.authorization(ConnectionInfo.builder().server("s")
                .basicAuth("user", "secret").build())).isEqualTo("Basic dXNlcjpzZWNyZXQ=");
        assertThat(VaultInterceptor.authorization(ConnectionInfo.builder().server("s")
                .build())).isNull();
    }
}
