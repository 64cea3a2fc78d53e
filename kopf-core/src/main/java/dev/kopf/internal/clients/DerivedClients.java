package dev.kopf.internal.clients;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.impl.KubernetesClientImpl;

/**
 * Clients derived from the operator's: they share its connections and interceptors and
 * differ in one interceptor or in their configuration. A derived client must not be closed:
 * closing the original releases the connections.
 */
final class DerivedClients {
    private DerivedClients() {
    }

    /** The same client with one more interceptor (replacing one of that name). */
    static KubernetesClient withInterceptor(KubernetesClient client, String name,
            Interceptor interceptor) {
        // The two-argument constructor runs informer callbacks on the HTTP client's I/O
        // threads; without an executor supplier, fabric8's default pool runs them, as in
        // the original client.
        return new KubernetesClientImpl(client.getHttpClient().newBuilder()
                .addOrReplaceInterceptor(name, interceptor).build(),
                client.getConfiguration(), null, client.getKubernetesSerialization());
    }

    /** The same client, connections and interceptors, with another configuration. */
    static KubernetesClient withConfig(KubernetesClient client, Config config) {
        return new KubernetesClientImpl(client.getHttpClient().newBuilder().build(), config,
                null, client.getKubernetesSerialization());
    }
}
