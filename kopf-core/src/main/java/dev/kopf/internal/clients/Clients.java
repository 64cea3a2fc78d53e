package dev.kopf.internal.clients;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** Makes the operator's client when the user gives none. */
public final class Clients {

    private Clients() {
    }

    /**
     * Makes a client configured as fabric8 does: KUBECONFIG, {@code ~/.kube/config}, or the
     * in-cluster service account.
     *
     * @return a new client; the caller closes it
     */
    public static KubernetesClient autoConfigured() {
        return new KubernetesClientBuilder().build();
    }
}
