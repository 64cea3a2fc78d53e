package dev.kopf.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Every example and its knobs: Kopf's {@code CONFIGS} table of {@code test_examples.py}, with
 * the handler ids in Java's camelCase, plus checks of our own where an example promises
 * something visible in the cluster or the log.
 *
 * <p>Stop words differ from Kopf's where Kopf sleeps for a fixed time or waits for a line that
 * Kopf for Java does not log: 03-exceptions waits for {@code Creation is processed:} (Kopf:
 * the no-op message {@code Something has changed,} that follows it); 08-events, 15-timers and
 * 16-indexing wait for their handlers' own lines; 14-daemons waits for the interrupted daemon
 * to be cancelled and for the other to exit (Kopf also waits for the cancelled one's
 * {@code has exited}, which Kopf for Java does not log for an interrupted daemon).
 */
final class Examples {

    static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PREFIX = "[default/kopf-example-1] ";

    static final List<E2EConfig> ALL = List.of(
            E2EConfig.of("01-minimal")
                    .withAfterCreation(run -> assertThat(awaitStatus(run, "createFn"))
                            .isEqualTo(Map.of("message", "hello world"))),
            E2EConfig.of("02-children")
                    .withAfterCreation(Examples::childPodIsOwned),
            E2EConfig.of("03-exceptions")
                    .withStackTraces()
                    .withSuccessCounts(Map.of("eventualSuccessWithAFewMessages", 1))
                    .withFailureCounts(Map.of("eventualFailureWithTracebacks", 1,
                            "instantFailureWithTraceback", 1,
                            "instantFailureWithOnlyAMessage", 1))
                    .withAfterRun(run -> assertThat(run.output())
                            .contains("Handler 'eventualSuccessWithAFewMessages' failed "
                                    + "temporarily: Expected recoverable error.")
                            .contains("Handler 'eventualFailureWithTracebacks' failed with an "
                                    + "exception and will try again in 1 seconds: ")
                            .contains("Handler 'instantFailureWithTraceback' failed with an "
                                    + "exception and will stop now: ")
                            .contains("Handler 'instantFailureWithOnlyAMessage' failed "
                                    + "permanently: Fail once and for all.")),
            E2EConfig.of("04-events")
                    .withAfterCreation(Examples::eventsArePosted),
            E2EConfig.of("05-handlers")
                    .withAfterRun(run -> assertThat(run.output())
                            .contains(PREFIX + "CREATED 1st", PREFIX + "CREATED 2nd",
                                    PREFIX + "FIELD CHANGED: null -> value",
                                    PREFIX + "DELETED 1st", PREFIX + "DELETED 2nd")
                            .doesNotContain("RESUMED", "UPDATED")),
            E2EConfig.of("06-peering"),
            E2EConfig.of("07-subhandlers")
                    .withAfterRun(run -> assertThat(run.output())
                            .contains(PREFIX + "=== Handling creation for item1. ===",
                                    PREFIX + "=== Handling creation for item2. ===",
                                    "Handler 'createFn/item1' succeeded.",
                                    "Handler 'createFn/item2' succeeded.")),
            E2EConfig.of("08-events")
                    .withStackTraces()
                    .withCreationStopWords(PREFIX + "Event received: RawEvent[type=ADDED")
                    .withDeletionStopWords(PREFIX + "Event received: RawEvent[type=DELETED")
                    .withSuccessCounts(Map.of("normalEventFn", 2))
                    .withAfterRun(run -> assertThat(run.output()).contains(PREFIX
                            + "Handler 'eventFnWithError' failed with an exception and will "
                            + "ignore it: java.lang.IllegalStateException: Oops!")),
            E2EConfig.of("09-testing").withOwnTest("examples/09-testing: LoggingHandlersIT"),
            E2EConfig.of("10-builtins").withOwnTest("examples/10-builtins: PodKillerIT"),
            E2EConfig.of("11-filtering-handlers")
                    .withOwnTest("examples/11-filtering-handlers: FilteredHandlersIT"),
            E2EConfig.of("12-embedded").withOwnTest("examples/12-embedded: EmbeddedOperatorIT"),
            E2EConfig.of("13-hooks")
                    .withSetup(Examples::kubeconfigAndAPod)
                    .withStartupStopWords("Served by the background task.")
                    .withCreationStopWords()
                    .withSuccessCounts(Map.of("startupFnSimple", 1, "startupFnRetried", 1,
                            "cleanupFn", 1))
                    .withAfterRun(run -> assertThat(run.output())
                            .contains("Initialising the task-lock...", "Starting retried...",
                                    "Logging in...", "Cleaning up...",
                                    "All pod-tasks are requested to stop...")),
            E2EConfig.of("14-daemons")
                    .withCreationStopWords(PREFIX + "=> Ping from a sync daemon: field='value'",
                            PREFIX + "=> Ping from an async daemon: field='value'")
                    .withDeletionStopWords(PREFIX + "Daemon 'backgroundAsync' is cancelled",
                            PREFIX + "Daemon 'backgroundSync' has exited")
                    .withAfterRun(run -> assertThat(run.output()).contains(
                            PREFIX + "Daemon 'backgroundSync' failed temporarily: "
                                    + "Simulated failure.")),
            E2EConfig.of("15-timers")
                    .withCreationStopWords(PREFIX + "Ping from a sync timer: field='value'"),
            E2EConfig.of("16-indexing")
                    .withCreationStopWords(PREFIX + "Timer 'intervalled' succeeded.")
                    .withSuccessCounts(Map.of())
                    .withAfterCreation(run -> assertThat(awaitStatus(run, "running-pods"))
                            .isInstanceOf(List.class)),
            E2EConfig.of("17-admission")
                    .withCreationStopWords("Handler 'mutate1' succeeded.")
                    .withDeletionStopWords()
                    .withSuccessCounts(Map.of())
                    .withFailureCounts(Map.of("validate2/spec.field", 1))
                    .withAfterCreation(Examples::admissionWebhooksAct),
            E2EConfig.of("99-all-at-once")
                    .withStackTraces()
                    .withSuccessCounts(Map.of("create1", 1, "create2", 1, "createPod", 1,
                            "delete", 1, "startupFnSimple", 1, "startupFnRetried", 1,
                            "cleanupFn", 1))
                    .withAfterRun(run -> assertThat(run.output())
                            .contains("Starting in 1s...", "Starting retried...",
                                    PREFIX + "Handler 'create2' failed with an exception and "
                                            + "will try again in 1 seconds: ",
                                    "This pod is special for us.",
                                    "Cleaning up in 3s...")));

    private Examples() {
    }

    /**
     * 13-hooks logs in with the kubeconfig it finds, as Kopf's example does with pykube: on
     * the embedded server, point fabric8's {@code kubeconfig} property at one for it. Its
     * background tasks serve pods: create one, in a namespace of its own, on either cluster
     * (a bare kube-apiserver has no pods of its own).
     */
    private static AutoCloseable kubeconfigAndAPod(ExampleRun.Cluster cluster)
            throws IOException {
        KubernetesClient client = cluster.client();
        String namespace = "kopf-hooks-" + Long.toHexString(System.nanoTime());
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata()
                .withName(namespace).endMetadata().build()).create();
        Runnable cleanup = () -> client.namespaces().withName(namespace).delete();
        try {
            ensureDefaultServiceAccount(client, namespace);
            client.pods().inNamespace(namespace).resource(new PodBuilder()
                    .withNewMetadata().withGenerateName("kopf-pod-").endMetadata()
                    .withNewSpec().withRestartPolicy("Never").addNewContainer()
                    .withName("the-only-one").withImage("busybox")
                    .withCommand("sh", "-x", "-c", "sleep 1").endContainer().endSpec()
                    .build()).create();
        } catch (RuntimeException e) {
            cleanup.run();
            throw e;
        }
        if (cluster.server() == null) {
            return cleanup::run;
        }
        Path kubeconfig = cluster.server().writeKubeconfig(
                cluster.directory().resolve("kubeconfig"));
        String previous = System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE,
                kubeconfig.toString());
        return () -> {
            if (previous == null) {
                System.clearProperty(Config.KUBERNETES_KUBECONFIG_FILE);
            } else {
                System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, previous);
            }
            cleanup.run();
        };
    }

    /**
     * A pod needs its namespace's default ServiceAccount, which only a controller-manager
     * creates; a bare kube-apiserver has none. 409: a controller was first.
     */
    private static void ensureDefaultServiceAccount(KubernetesClient client, String namespace) {
        try {
            client.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder()
                    .withNewMetadata().withName("default").endMetadata().build()).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    // The results are patched after "Creation is processed:" is logged: wait for them.
    private static Object awaitStatus(ExampleRun run, String key) {
        GenericKubernetesResource object = run.object().waitUntilCondition(
                o -> o != null && status(o, key) != null, WAIT.toSeconds(), TimeUnit.SECONDS);
        return status(object, key);
    }

    @SuppressWarnings("unchecked")
    private static Object status(GenericKubernetesResource object, String key) {
        Object status = object.getAdditionalProperties().get("status");
        return status instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(key) : null;
    }

    private static void childPodIsOwned(ExampleRun run) {
        Object children = ((Map<?, ?>) awaitStatus(run, "createFn")).get("children");
        GenericKubernetesResource parent = run.object().get();
        assertThat(children).asList().hasSize(1);
        String uid = String.valueOf(((List<?>) children).get(0));
        Pod pod = run.client().pods().inNamespace(ExampleRun.NAMESPACE).list().getItems()
                .stream().filter(p -> p.getMetadata().getUid().equals(uid)).findFirst()
                .orElseThrow(() -> new AssertionError("No child pod with uid " + uid));
        assertThat(pod.getMetadata().getGenerateName()).isEqualTo("kopf-example-1-");
        assertThat(pod.getMetadata().getLabels()).containsEntry("somelabel", "somevalue");
        assertThat(pod.getMetadata().getOwnerReferences())
                .extracting(OwnerReference::getUid, OwnerReference::getKind,
                        OwnerReference::getController)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        parent.getMetadata().getUid(), "KopfExample", true));
        assertThat(pod.getSpec().getContainers().get(0).getEnv())
                .anySatisfy(env -> assertThat(env.getValue()).isEqualTo("value"));
    }

    /**
     * The mutation is stored, a forbidden value is rejected with the handler's code, and the
     * managed configurations hold one webhook per handler. The client does not retry, since
     * 555 is a server error to fabric8.
     */
    @SuppressWarnings("unchecked")
    private static void admissionWebhooksAct(ExampleRun run) {
        GenericKubernetesResource object = run.object().get();
        Map<String, Object> spec = (Map<String, Object>) object.getAdditionalProperties()
                .get("spec");
        assertThat(spec).containsEntry("injected", 123);
        assertThat(run.client().admissionRegistration().v1().validatingWebhookConfigurations()
                .withName("auto.kopf.dev").get().getWebhooks())
                .extracting(webhook -> webhook.getName()).containsExactly(
                        "authhook.auto.kopf.dev", "validate1.auto.kopf.dev",
                        "validate2.spec.field.auto.kopf.dev",
                        "validatesubresources.auto.kopf.dev");
        Config config = new io.fabric8.kubernetes.client.ConfigBuilder(
                run.client().getConfiguration()).withRequestRetryBackoffLimit(0).build();
        try (var once = new io.fabric8.kubernetes.client.KubernetesClientBuilder()
                .withConfig(config).build()) {
            var e = org.assertj.core.api.Assertions.catchThrowableOfType(
                    io.fabric8.kubernetes.client.KubernetesClientException.class,
                    () -> once.genericKubernetesResources("kopf.dev/v1", "KopfExample")
                            .inNamespace(ExampleRun.NAMESPACE).withName("kopf-example-1")
                            .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                                    io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                                    "{\"spec\":{\"field\":\"not-allowed\"}}"));
            assertThat(e).isNotNull();
            assertThat(e.getCode()).isEqualTo(555);
            assertThat(e.getStatus().getMessage()).isEqualTo("admission webhook"
                    + " \"validate2.spec.field.auto.kopf.dev\" denied the request: I'm too lazy"
                    + " anyway. Go away!");
        }
    }

    // Events are posted in the background: wait until all four are there.
    private static void eventsArePosted(ExampleRun run) throws Exception {
        String uid = run.object().get().getMetadata().getUid();
        List<Event> events = run.client().v1().events().inNamespace(ExampleRun.NAMESPACE)
                .informOnCondition(list -> list.stream()
                        .filter(e -> uid.equals(e.getInvolvedObject().getUid()))
                        .filter(e -> "SomeReason".equals(e.getReason())).count() >= 4)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(events).filteredOn(e -> uid.equals(e.getInvolvedObject().getUid()))
                .filteredOn(e -> "SomeReason".equals(e.getReason()))
                .extracting(Event::getType, Event::getMessage)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("SomeType", "Some message"),
                        org.assertj.core.groups.Tuple.tuple("Normal", "Some message"),
                        org.assertj.core.groups.Tuple.tuple("Warning", "Some message"),
                        org.assertj.core.groups.Tuple.tuple("Error",
                                "Some exception: Exception text."));
    }
}
