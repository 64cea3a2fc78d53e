package dev.kopf.examples.embedded;

import dev.kopf.HandlerOutcome;
import dev.kopf.Memo;
import dev.kopf.Meta;
import dev.kopf.OnCreate;
import dev.kopf.OnDelete;
import dev.kopf.Operator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An operator embedded in an application: the application starts it alongside its own
 * work, hands it a memo, and stops it gracefully when the application exits.
 */
public class EmbeddedOperator {

    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static final ResourceDefinitionContext KOPFEXAMPLES =
            new ResourceDefinitionContext.Builder().withGroup("kopf.dev").withVersion("v1")
                    .withPlural("kopfexamples").withKind("KopfExample").withNamespaced(true)
                    .build();

    @OnCreate("kopfexamples")
    public void createFn(Memo memo, Meta meta) {
        System.out.println(memo.get("createTpl", String.class).replace("{name}", meta.name()));
    }

    @OnDelete("kopfexamples")
    public void deleteFn(Memo memo, Meta meta) {
        System.out.println(memo.get("deleteTpl", String.class).replace("{name}", meta.name()));
    }

    /**
     * Runs the application against the cluster in {@code KUBECONFIG}.
     *
     * @param args ignored
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            run(client, 3);
        }
    }

    /**
     * Runs the application: starts the operator, does its activity in steps, and stops it.
     *
     * @param client the cluster to use
     * @param steps how many objects the activity creates and deletes
     * @throws InterruptedException when interrupted
     */
    public static void run(KubernetesClient client, int steps) throws InterruptedException {

        // Start the operator and let it initialise.
        System.out.println("Starting the main app.");
        Memo memo = new Memo();
        memo.put("createTpl", "Hello, {name}!");
        memo.put("deleteTpl", "Good bye, {name}!");
        BlockingQueue<HandlerOutcome> outcomes = new LinkedBlockingQueue<>();
        try (Operator operator = Operator.builder().client(client)
                .handlers(EmbeddedOperator.class).clusterwide().memo(memo)
                .outcomeListener(outcomes::add).build()) {
            operator.start();
            if (!operator.awaitReady(TIMEOUT)) {
                throw new IllegalStateException("The operator did not start.", operator.failure());
            }

            // The operator is active: run the app's activity. Instead of Kopf's example's
            // sleeps, the app waits until the operator has handled each of its changes: it
            // learns of handler outcomes through the listener.
            for (int step = 0; step < steps; step++) {
                System.out.printf("Do the main app activity here. Step %d/%d.%n", step + 1,
                        steps);
                String name = "kopf-example-" + step;
                createObject(client, name);
                awaitHandled(outcomes, name, "createFn");
                deleteObject(client, name);
            }

            // Ask the operator to terminate gracefully (can take a couple of seconds).
            System.out.println("Exiting the main app.");
            operator.stop();
            operator.awaitTermination(TIMEOUT);
        }
    }

    private static void createObject(KubernetesClient client, String name) {
        GenericKubernetesResource object = new GenericKubernetesResourceBuilder()
                .withApiVersion("kopf.dev/v1").withKind("KopfExample")
                .withNewMetadata().withNamespace("default").withName(name).endMetadata()
                .build();
        try {
            client.genericKubernetesResources(KOPFEXAMPLES).inNamespace("default")
                    .resource(object).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    // Returns once the object is gone: the operator has run its deletion handler and
    // released the object.
    private static void deleteObject(KubernetesClient client, String name) {
        var object = client.genericKubernetesResources(KOPFEXAMPLES).inNamespace("default")
                .withName(name);
        object.delete();
        object.waitUntilCondition(o -> o == null, TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void awaitHandled(BlockingQueue<HandlerOutcome> outcomes, String name,
            String handlerId) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            HandlerOutcome outcome = outcomes.poll(deadline - System.nanoTime(),
                    TimeUnit.NANOSECONDS);
            if (outcome != null && outcome.name().equals(name)
                    && outcome.handlerId().equals(handlerId)
                    && outcome.result() == HandlerOutcome.Result.SUCCEEDED) {
                return;
            }
        }
        throw new IllegalStateException("Handler '" + handlerId + "' did not succeed for "
                + name + " within " + TIMEOUT.toSeconds() + " seconds.");
    }
}
