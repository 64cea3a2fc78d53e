package dev.kopf.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One embedded API server and one client per test class, for the server's own tests. A
 * subclass installs what it needs in a {@code @BeforeAll} method of its own, which JUnit runs
 * after this one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EmbeddedKubernetesTestBase {
    protected EmbeddedKubernetes server;
    protected KubernetesClient client;

    @BeforeAll
    void startServer() {
        server = EmbeddedKubernetes.start();
        client = server.newClient();
    }

    @AfterAll
    void stopServer() {
        client.close();
        server.close();
    }
}
