package dev.kopf.testing;

import static dev.kopf.testing.EmbeddedKubernetesFixtures.createCrd;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.example;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.examples;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.failure;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.newNamespace;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What sharding relies on, as Kubernetes does it: JSON patches guarded by a {@code test} of
 * the resourceVersion or of a label (keys with {@code /} escaped as {@code ~1}), and Leases
 * listed by a label.
 */
class EmbeddedKubernetesShardingTest extends EmbeddedKubernetesTestBase {
    private static final PatchContext JSON = PatchContext.of(PatchType.JSON);

    @BeforeAll
    void installCrds() {
        createCrd(client, "kopfexamples-crd.yaml");
    }

    @Test
    void aTestOfTheResourceVersionIsAnOptimisticLock() {
        String namespace = newNamespace(client);
        GenericKubernetesResource created = examples(client).inNamespace(namespace)
                .resource(example("assigned", Map.of())).create();
        String seen = created.getMetadata().getResourceVersion();
        var object = examples(client).inNamespace(namespace).withName("assigned");
        object.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"changed\":true}}");

        var stale = failure(() -> object.patch(JSON, "[{\"op\":\"test\",\"path\":"
                + "\"/metadata/resourceVersion\",\"value\":\"" + seen + "\"},{\"op\":\"add\","
                + "\"path\":\"/metadata/labels\",\"value\":{\"sharding.kopf.dev/r\":\"a\"}}]"));
        assertThat(stale.getCode()).isEqualTo(422);
        assertThat(object.get().getMetadata().getLabels()).isNullOrEmpty();

        String current = object.get().getMetadata().getResourceVersion();
        GenericKubernetesResource labelled = object.patch(JSON, "[{\"op\":\"test\",\"path\":"
                + "\"/metadata/resourceVersion\",\"value\":\"" + current + "\"},{\"op\":\"add\","
                + "\"path\":\"/metadata/labels\",\"value\":{\"sharding.kopf.dev/r\":\"a\"}}]");
        assertThat(labelled.getMetadata().getLabels()).containsEntry("sharding.kopf.dev/r", "a");
    }

    @Test
    void aLabelIsReleasedOnlyByItsOwner() {
        String namespace = newNamespace(client);
        GenericKubernetesResource owned = example("owned", Map.of());
        owned.getMetadata().setLabels(Map.of("sharding.kopf.dev/r", "a",
                "sharding.kopf.dev/r-drain", "b"));
        examples(client).inNamespace(namespace).resource(owned).create();
        var object = examples(client).inNamespace(namespace).withName("owned");
        String release = "[{\"op\":\"test\",\"path\":\"/metadata/labels/sharding.kopf.dev~1r\","
                + "\"value\":\"%s\"},{\"op\":\"remove\",\"path\":\"/metadata/labels/"
                + "sharding.kopf.dev~1r\"},{\"op\":\"remove\",\"path\":\"/metadata/labels/"
                + "sharding.kopf.dev~1r-drain\"}]";

        assertThat(failure(() -> object.patch(JSON, release.formatted("b"))).getCode())
                .isEqualTo(422);
        GenericKubernetesResource released = object.patch(JSON, release.formatted("a"));

        assertThat(released.getMetadata().getLabels()).isNullOrEmpty();
    }

    @Test
    void leasesAreListedByTheirLabel() {
        String namespace = newNamespace(client);
        for (String name : new String[] {"ring-a", "ring-b", "other"}) {
            client.leases().inNamespace(namespace).resource(new LeaseBuilder()
                    .withMetadata(new ObjectMetaBuilder().withName(name).addToLabels(
                            "sharding.kopf.dev/ring", name.startsWith("ring") ? "ring" : "x")
                            .build()).withNewSpec().withHolderIdentity(name).endSpec().build())
                    .create();
        }
        assertThat(client.leases().inNamespace(namespace)
                .withLabel("sharding.kopf.dev/ring", "ring").list().getItems())
                .extracting(lease -> lease.getMetadata().getName())
                .containsExactlyInAnyOrder("ring-a", "ring-b");
    }
}
