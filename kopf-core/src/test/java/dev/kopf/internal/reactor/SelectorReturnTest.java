package dev.kopf.internal.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.Memo;
import dev.kopf.OperatorSettings;
import dev.kopf.Resource;
import dev.kopf.internal.concurrent.Threads;
import dev.kopf.internal.metrics.Meters;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An object that leaves a label-selector stream (DELETED) and comes back (ADDED, with the
 * same uid), as sharded objects do when they move away and back: the return is never lost.
 */
class SelectorReturnTest {

    private static final Resource RESOURCE = new Resource("kopf.dev", "v1", "kopfexamples",
            "KopfExample", true, List.of(), List.of());
    private static final Map<String, Object> BODY = Map.of("metadata",
            Map.of("uid", "uid-1", "namespace", "ns", "name", "mover", "resourceVersion", "5"));

    private final ExecutorService workers = Threads.workers("test-worker", 4);
    private final ScheduledExecutorService timer = Threads.scheduler("test-timer");
    private final List<String> types = new ArrayList<>();
    private final CountDownLatch added = new CountDownLatch(1);
    private final CountDownLatch deletedRunning = new CountDownLatch(1);
    private final CountDownLatch readdedWhileRunning = new CountDownLatch(1);

    @AfterEach
    void stop() {
        workers.shutdownNow();
        timer.shutdownNow();
    }

    private ObjectQueue queue() {
        return new ObjectQueue(workers, timer, (resource, memory, type, body) -> {
            synchronized (types) {
                types.add(type);
            }
            if ("DELETED".equals(type)) {
                deletedRunning.countDown();
                await(readdedWhileRunning);
                return ResourceProcessor.Result.FORGET;
            }
            added.countDown();
            return ResourceProcessor.Result.NOTHING;
        }, new Memo(), Clock.systemUTC(), OperatorSettings.defaults(), Meters.NOOP);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anAddedAfterAPendingDeletedReplacesIt() throws InterruptedException {
        ObjectQueue queue = queue();
        queue.pause(true);
        queue.enqueue(RESOURCE, "DELETED", BODY);
        queue.enqueue(RESOURCE, "ADDED", BODY);
        queue.pause(false);

        assertThat(added.await(30, TimeUnit.SECONDS)).isTrue();
        synchronized (types) {
            assertThat(types).containsExactly("ADDED");
        }
    }

    @Test
    void anAddedWhileTheDeletedIsProcessedIsProcessedAfterIt() throws InterruptedException {
        ObjectQueue queue = queue();
        queue.enqueue(RESOURCE, "DELETED", BODY);
        await(deletedRunning);
        queue.enqueue(RESOURCE, "ADDED", BODY);
        readdedWhileRunning.countDown();

        assertThat(added.await(30, TimeUnit.SECONDS)).isTrue();
        synchronized (types) {
            assertThat(types).containsExactly("DELETED", "ADDED");
        }
    }
}
