package dev.kopf.testing;

import static dev.kopf.testing.EmbeddedKubernetesFixtures.newNamespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * Leases for leader election (optimistic concurrency on resourceVersion, as every write
 * of the real API server), and the partition of one client by its User-Agent.
 */
class EmbeddedKubernetesLeaseTest extends EmbeddedKubernetesTestBase {

    private static Lease lease(String holder) {
        return new LeaseBuilder().withMetadata(new ObjectMetaBuilder().withName("leader")
                .build()).withNewSpec().withHolderIdentity(holder).withLeaseDurationSeconds(15)
                .withRenewTime(ZonedDateTime.now()).withLeaseTransitions(0).endSpec().build();
    }

    @Test
    void aLeaseWriteWithAStaleResourceVersionIsAConflict() {
        String namespace = newNamespace(client);
        var leases = client.leases().inNamespace(namespace);
        Lease created = leases.resource(lease("a")).create();
        assertThat(created.getSpec().getHolderIdentity()).isEqualTo("a");

        Lease mine = leases.withName("leader").get();
        Lease theirs = leases.withName("leader").get();
        mine.getSpec().setHolderIdentity("b");
        leases.resource(mine).update();
        theirs.getSpec().setHolderIdentity("c");

        assertThatThrownBy(() -> leases.resource(theirs).update())
                .isInstanceOfSatisfying(KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(409));
        assertThat(leases.withName("leader").get().getSpec().getHolderIdentity()).isEqualTo("b");
        assertThatThrownBy(() -> leases.resource(lease("d")).create())
                .isInstanceOfSatisfying(KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(409));
    }

    @Test
    void aPartitionedClientIsRefusedUntilHealedAndOthersAreNot() {
        String namespace = newNamespace(client);
        try (KubernetesClient cut = new KubernetesClientBuilder().withConfig(new ConfigBuilder(
                server.config()).withUserAgent("replica-cut/1.0").withRequestRetryBackoffLimit(0)
                .build()).build()) {
            server.partition("replica-cut");
            assertThatThrownBy(() -> cut.leases().inNamespace(namespace).withName("x").get())
                    .isInstanceOfSatisfying(KubernetesClientException.class,
                            e -> assertThat(e.getCode()).isEqualTo(503));
            assertThat(client.leases().inNamespace(namespace).withName("x").get()).isNull();
            server.heal("replica-cut");
            assertThat(cut.leases().inNamespace(namespace).withName("x").get()).isNull();
        }
    }
}
