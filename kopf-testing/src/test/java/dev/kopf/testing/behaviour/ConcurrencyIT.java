package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.await;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static dev.kopf.testing.behaviour.TestCluster.operator;
import static dev.kopf.testing.behaviour.TestCluster.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.Meta;
import dev.kopf.OnCreate;
import dev.kopf.testing.KopfRunner;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Objects are handled in parallel: one object's slow handler never holds up another. */
class ConcurrencyIT {

    static final CountDownLatch FAST_HANDLED = new CountDownLatch(1);

    @BeforeEach
    @AfterEach
    void clean() {
        TestCluster.deleteAll();
    }

    public static class BlockingHandlers {
        @OnCreate("kopfexamples.kopf.dev")
        public Map<String, Object> createFn(Meta meta) throws InterruptedException {
            if (meta.name().startsWith("slow")) {
                // Blocks until the other object has been handled: only possible in parallel.
                boolean released = FAST_HANDLED.await(30, TimeUnit.SECONDS);
                return Map.of("released", released);
            }
            FAST_HANDLED.countDown();
            return Map.of("released", true);
        }
    }

    @Test
    void aBlockedHandlerDoesNotDelayOtherObjects() throws Exception {
        String slow = newName("slow");
        String fast = newName("fast");
        try (KopfRunner runner = operator(BlockingHandlers.class)) {
            create(slow, Map.of("field", "value"));
            create(fast, Map.of("field", "value"));
            GenericKubernetesResource object = await(slow, o -> status(o, "createFn") != null);
            assertThat(status(object, "createFn")).isEqualTo(Map.of("released", true));
        }
    }
}
