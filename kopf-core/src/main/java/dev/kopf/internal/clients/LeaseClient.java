package dev.kopf.internal.clients;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;

/**
 * Reads and writes one {@code coordination.k8s.io/v1} Lease for leader election: every
 * write is conditioned on the resourceVersion that was read, so two replicas never both
 * win the same round (the loser gets 409 Conflict).
 */
public final class LeaseClient {

    private final KubernetesClient client;
    private final String namespace;
    private final String name;

    /**
     * Creates the client of one lease.
     *
     * @param client the Kubernetes client
     * @param namespace the lease's namespace
     * @param name the lease's name
     */
    public LeaseClient(KubernetesClient client, String namespace, String name) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
    }

    /**
     * Reads the lease.
     *
     * @return the lease, or empty when it does not exist
     * @throws ApiException when the API fails
     */
    public Optional<Lease> get() {
        try {
            return Optional.ofNullable(client.leases().inNamespace(namespace).withName(name)
                    .get());
        } catch (KubernetesClientException e) {
            throw ApiException.from(e);
        }
    }

    /**
     * Creates the lease.
     *
     * @param lease the lease, without a resourceVersion
     * @return the created lease
     * @throws ApiException with 409 when someone else created it first
     */
    public Lease create(Lease lease) {
        try {
            return client.leases().inNamespace(namespace).resource(lease).create();
        } catch (KubernetesClientException e) {
            throw ApiException.from(e);
        }
    }

    /**
     * Replaces the lease if it has not changed since it was read.
     *
     * @param lease the new lease, with the resourceVersion that was read
     * @return the written lease
     * @throws ApiException with 409 when it has changed meanwhile
     */
    public Lease replace(Lease lease) {
        try {
            return client.leases().inNamespace(namespace).resource(lease).update();
        } catch (KubernetesClientException e) {
            throw ApiException.from(e);
        }
    }

    /**
     * Returns where the lease lives, for logs.
     *
     * @return {@code namespace/name}
     */
    public String where() {
        return namespace + "/" + name;
    }
}
