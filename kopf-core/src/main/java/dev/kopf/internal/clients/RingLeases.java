package dev.kopf.internal.clients;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes the membership Leases of a sharding ring in one namespace: each member
 * its own, all of them listed by the ring's label. Writes are conditioned on the
 * resourceVersion that was read, as {@link LeaseClient}'s.
 */
public final class RingLeases {

    private final KubernetesClient client;
    private final String namespace;

    /**
     * Creates the client of a namespace's Leases.
     *
     * @param client the Kubernetes client
     * @param namespace the Leases' namespace
     */
    public RingLeases(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /**
     * Lists the Leases with a label.
     *
     * @param key the label's key
     * @param value the label's value
     * @return the Leases
     * @throws ApiException when the API fails
     */
    public List<Lease> list(String key, String value) {
        try {
            return client.leases().inNamespace(namespace).withLabel(key, value).list()
                    .getItems();
        } catch (KubernetesClientException e) {
            throw ApiException.from(e);
        }
    }

    /**
     * Reads a Lease.
     *
     * @param name its name
     * @return the Lease, or empty when absent
     * @throws ApiException when the API fails
     */
    public Optional<Lease> get(String name) {
        try {
            return Optional.ofNullable(client.leases().inNamespace(namespace).withName(name)
                    .get());
        } catch (KubernetesClientException e) {
            throw ApiException.from(e);
        }
    }

    /**
     * Creates a Lease.
     *
     * @param lease the Lease, without a resourceVersion
     * @return the created Lease
     * @throws ApiException with 409 when it exists
     */
    public Lease create(Lease lease) {
        try {
            return client.leases().inNamespace(namespace).resource(lease).create();
        } catch (KubernetesClientException e) {
            throw ApiException.from(e);
        }
    }

    /**
     * Replaces a Lease if it has not changed since it was read.
     *
     * @param lease the Lease, with the resourceVersion read
     * @return the written Lease
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
     * Deletes a Lease; nothing happens when it is gone already.
     *
     * @param name its name
     * @throws ApiException when the API fails
     */
    public void delete(String name) {
        try {
            client.leases().inNamespace(namespace).withName(name).delete();
        } catch (KubernetesClientException e) {
            throw ApiException.from(e);
        }
    }

    /**
     * Returns the client of one of these Leases, for leader election.
     *
     * @param name the Lease's name
     * @return its client
     */
    public LeaseClient one(String name) {
        return new LeaseClient(client, namespace, name);
    }

    /**
     * Returns the Leases' namespace, for logs.
     *
     * @return the namespace
     */
    public String namespace() {
        return namespace;
    }
}
