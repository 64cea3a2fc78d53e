package dev.kopf.examples.allatonce;

import dev.kopf.Body;
import dev.kopf.Diff;
import dev.kopf.Kopf;
import dev.kopf.New;
import dev.kopf.OnCleanup;
import dev.kopf.OnCreate;
import dev.kopf.OnDelete;
import dev.kopf.OnEvent;
import dev.kopf.OnField;
import dev.kopf.OnStartup;
import dev.kopf.OnUpdate;
import dev.kopf.Old;
import dev.kopf.Retry;
import dev.kopf.TemporaryException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/** Kubernetes operator example: all the features at once (for debugging and testing). */
public class AllAtOnce {

    @OnStartup
    public void startupFnSimple(Logger logger) throws InterruptedException {
        logger.info("Starting in 1s...");
        Thread.sleep(1_000);
    }

    @OnStartup
    public void startupFnRetried(Retry retry, Logger logger) {
        if (retry.attempt() < 3) {
            throw new TemporaryException("Going to succeed in " + (3 - retry.attempt()) + "s",
                    Duration.ofSeconds(1));
        }
        logger.info("Starting retried...");
        // throw new PermanentException("Unable to start!");
    }

    @OnCleanup
    public void cleanupFn(Logger logger) throws InterruptedException {
        logger.info("Cleaning up in 3s...");
        Thread.sleep(3_000);
    }

    @OnCreate("kopfexamples")
    public Map<String, Object> create1(Body body) {
        List<HasMetadata> children = createChildren(body);

        Kopf.info(body, "AnyReason", "");
        Kopf.event(body, "Warning", "SomeReason", "Cannot do something");
        for (HasMetadata child : children) {
            Kopf.event(child, "Normal", "SomeReason", "Created as part of the job1step");
        }

        return Map.of("job1-status", 100);
    }

    @OnCreate(value = "kopfexamples", backoff = 1)
    public Map<String, Object> create2(Retry retry) throws InterruptedException {
        waitForSomething();  // specific for job2, e.g. an external API poller

        if (retry.attempt() == 0) {
            // will be retried by the framework, even if it has been restarted
            throw new IllegalStateException("Whoops!");
        }

        return Map.of("job2-status", 100);
    }

    @OnUpdate("kopfexamples")
    public void update(Diff diff, Logger logger) {
        logger.info("Handling the diff");
        diff.forEach(item -> logger.info("{}", item));
    }

    @OnField(value = "kopfexamples", field = "spec.lst")
    public void updateLst(@Old Object old, @New Object neu, Logger logger) {
        logger.info("Handling the FIELD = {} -> {}", old, neu);
    }

    @OnDelete("kopfexamples")
    public void delete() {
    }

    @OnCreate("kopfexamples")
    public void createPod(KubernetesClient client) {

        // Render the pod with some spec fields used in the template.
        Pod pod = new PodBuilder()
                .withNewSpec()
                .addNewContainer()
                .withName("the-only-one")
                .withImage("busybox")
                .withCommand("sh", "-x", "-c", "sleep 1")
                .endContainer()
                .endSpec()
                .build();

        // Make it our child: assign the namespace, name, labels, owner references, etc.
        Kopf.adopt(pod);
        Kopf.label(pod, Map.of("application", "kopf-example-10"));

        // Actually create an object by requesting the Kubernetes API.
        client.resource(pod).create();
    }

    @OnEvent(value = "pods", labels = "application=kopf-example-10")
    public void examplePodChange(Logger logger) {
        logger.info("This pod is special for us.");
    }

    private static List<HasMetadata> createChildren(Body owner) {
        return List.of();
    }

    private static void waitForSomething() throws InterruptedException {
        // Note: intentionally blocking.
        Thread.sleep(1_000);
    }
}
