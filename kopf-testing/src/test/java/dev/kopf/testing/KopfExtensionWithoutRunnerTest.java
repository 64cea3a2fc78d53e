package dev.kopf.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

/** {@code @KopfTest} without handlers or args: a cluster with CRDs, and no operator. */
@KopfTest(crds = "../examples/crd.yaml")
class KopfExtensionWithoutRunnerTest {

    KubernetesClient client;
    KopfRunner runner;

    @Test
    void installsTheCrdsAndStartsNoRunner() {
        assertThat(runner).isNull();
        assertThat(client.apiextensions().v1().customResourceDefinitions()
                .withName("kopfexamples.kopf.dev").get()).isNotNull();
        assertThat(client.genericKubernetesResources(KopfExtensionTest.KOPFEXAMPLES)
                .inNamespace("default").list().getItems()).isEmpty();
    }
}
