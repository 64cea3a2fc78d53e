package dev.kopf.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Watches over plain HTTP (fabric8's {@code onlyHttpWatches}) stream like WebSocket ones. */
class EmbeddedKubernetesHttpWatchTest {

    @Test
    void fabric8HttpWatchesSeeLaterChanges() throws InterruptedException {
        try (EmbeddedKubernetes server = EmbeddedKubernetes.start()) {
            Config config = new ConfigBuilder(Config.empty()).withMasterUrl(server.url())
                    .withNamespace("default").withOnlyHttpWatches(true).build();
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
                    .build()) {
                BlockingQueue<String> events = new LinkedBlockingQueue<>();
                Watch watch = client.configMaps().inNamespace("default")
                        .watch(new Watcher<ConfigMap>() {
                            @Override
                            public void eventReceived(Action action, ConfigMap resource) {
                                events.add(action + " " + resource.getMetadata().getName());
                            }

                            @Override
                            public void onClose(WatcherException cause) {
                            }
                        });
                try {
                    client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
                            .withNewMetadata().withName("later").endMetadata().build())
                            .create();
                    assertThat(events.poll(30, TimeUnit.SECONDS)).isEqualTo("ADDED later");

                    client.configMaps().inNamespace("default").withName("later").delete();
                    assertThat(events.poll(30, TimeUnit.SECONDS)).isEqualTo("DELETED later");
                } finally {
                    watch.close();
                }
            }
        }
    }
}
