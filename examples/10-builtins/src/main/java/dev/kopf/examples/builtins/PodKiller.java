package dev.kopf.examples.builtins;

import dev.kopf.Memo;
import dev.kopf.Meta;
import dev.kopf.OnCreate;
import dev.kopf.OnDelete;
import dev.kopf.OnResume;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Handlers for a built-in resource: every pod outside {@code kube-*} namespaces is deleted
 * 30 seconds after the operator sees it, unless it is deleted earlier.
 *
 * <p>The pending kill is a task on a scheduler, remembered in the pod's memo, as Kopf's
 * example keeps an asyncio task per pod.
 */
public class PodKiller {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String TASK = "podKiller";

    private final ScheduledExecutorService scheduler = scheduler();

    @OnResume("pods")
    @OnCreate("pods")
    public void podInSight(Meta meta, Memo memo, KubernetesClient client, Logger logger) {
        if (meta.namespace().startsWith("kube-")) {
            return;
        }
        logger.info("=== Pod killing happens in {}s.", TIMEOUT.toSeconds());
        Future<?> task = scheduler.schedule(
                () -> killPod(client, meta.namespace(), meta.name(), memo, logger),
                TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Object previous = memo.put(TASK, task);
        if (previous instanceof Future<?> replaced) {
            replaced.cancel(false);
        }
    }

    @OnDelete("pods")
    public void podDeleted(Memo memo, Logger logger) {
        if (memo.remove(TASK) instanceof Future<?> task && task.cancel(false)) {
            logger.info("=== Pod killing is cancelled!");
        }
    }

    private static void killPod(KubernetesClient client, String namespace, String name,
            Memo memo, Logger logger) {
        try {
            logger.info("=== Pod killing happens NOW!");
            client.pods().inNamespace(namespace).withName(name).delete();
        } catch (RuntimeException e) {
            logger.error("=== Pod killing failed: {}", e.toString());
        } finally {
            memo.remove(TASK);
        }
    }

    // Daemon threads: a pending kill never keeps the process alive; cancelled kills are
    // dropped from the queue at once.
    private static ScheduledExecutorService scheduler() {
        ScheduledThreadPoolExecutor executor = (ScheduledThreadPoolExecutor)
                Executors.newScheduledThreadPool(1, runnable -> {
                    Thread thread = new Thread(runnable, "pod-killer");
                    thread.setDaemon(true);
                    return thread;
                });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
