package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.client;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.OnCreate;
import dev.kopf.testing.KopfRunner;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Serving only the namespaces asked for, by name or by glob. */
class NamespacesIT {

    private static final String LABEL = "kopf-java-ns-test";
    private final String served = TestCluster.newName("kopf-served");
    private final String ignored = TestCluster.newName("kopf-ignored");

    @AfterEach
    void clean() {
        for (String ns : List.of(served, ignored)) {
            client().namespaces().withName(ns).delete();
        }
    }

    public static class Handlers {
        @OnCreate(value = "configmaps", labels = LABEL)
        public void createFn() {
        }
    }

    private ConfigMap createIn(String namespace) {
        client().namespaces().resource(new NamespaceBuilder().withNewMetadata()
                .withName(namespace).endMetadata().build()).create();
        return client().configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("cm").addToLabels(LABEL, "yes").endMetadata()
                .build()).create();
    }

    private static boolean isHandled(ConfigMap cm) {
        return cm != null && cm.getMetadata().getAnnotations() != null
                && cm.getMetadata().getAnnotations()
                        .containsKey("kopf.zalando.org/last-handled-configuration");
    }

    @Test
    void onlyMatchingNamespacesAreServed() throws Exception {
        createIn(served);
        createIn(ignored);
        // A glob with an exclusion, as Kopf's -n: every kopf-* namespace except the ignored.
        KopfRunner runner = KopfRunner.builder().client(client()).handlers(Handlers.class)
                .namespaces("kopf-*,!" + ignored).settings(TestCluster.fastSettings()).start();
        try (runner) {
            assertThat(runner.awaitReady(WAIT)).isTrue();
            client().configMaps().inNamespace(served).withName("cm").waitUntilCondition(
                    NamespacesIT::isHandled, WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(runner.awaitOutput("[" + served + "/cm] Creation is processed", WAIT))
                    .isTrue();
        }
        // Both objects existed before the start; the ignored one was never listed.
        assertThat(isHandled(client().configMaps().inNamespace(ignored).withName("cm").get()))
                .isFalse();
        assertThat(runner.output()).doesNotContain("[" + ignored + "/cm]");
    }
}
