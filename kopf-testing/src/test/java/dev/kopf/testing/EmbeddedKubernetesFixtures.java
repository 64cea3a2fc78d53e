package dev.kopf.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Shared helpers of the embedded API server's tests: CRDs, objects, watchers, waiting. */
final class EmbeddedKubernetesFixtures {
    /** How long any wait may take before the test fails; never a pass/fail threshold. */
    static final Duration DEADLINE = Duration.ofSeconds(20);

    static final ResourceDefinitionContext KOPFEXAMPLES = new ResourceDefinitionContext.Builder()
            .withGroup("kopf.dev").withVersion("v1").withKind("KopfExample")
            .withPlural("kopfexamples").withNamespaced(true).build();
    static final ResourceDefinitionContext KOPFPLAINS = new ResourceDefinitionContext.Builder()
            .withGroup("kopf.dev").withVersion("v1").withKind("KopfPlain")
            .withPlural("kopfplains").withNamespaced(true).build();

    private EmbeddedKubernetesFixtures() {
    }

    static CustomResourceDefinition createCrd(KubernetesClient client, String resource) {
        try (InputStream stream = EmbeddedKubernetesFixtures.class
                .getResourceAsStream("/apiserver/" + resource)) {
            return client.apiextensions().v1().customResourceDefinitions().load(stream).create();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> examples(KubernetesClient client) {
        return client.genericKubernetesResources(KOPFEXAMPLES);
    }

    /** A unique namespace, created; tests share one server and stay out of each other's way. */
    static String newNamespace(KubernetesClient client) {
        String name = "test-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .endMetadata().build()).create();
        return name;
    }

    static GenericKubernetesResource example(String name, Map<String, Object> spec) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("kopf.dev/v1").withKind("KopfExample")
                .withNewMetadata().withName(name).endMetadata()
                .withAdditionalProperties(new LinkedHashMap<>(Map.of("spec", spec)))
                .build();
    }

    static ConfigMap configMap(String name, Map<String, String> labels) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withLabels(labels)
                .endMetadata().addToData("key", "value").build();
    }

    /** List options for a watch that starts at a resourceVersion. */
    static ListOptions since(String resourceVersion) {
        return new ListOptionsBuilder().withResourceVersion(resourceVersion).build();
    }

    static long version(HasMetadata object) {
        return Long.parseLong(object.getMetadata().getResourceVersion());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> field(GenericKubernetesResource object, String name) {
        return (Map<String, Object>) object.getAdditionalProperties().get(name);
    }

    /** Runs a call that must fail with a Kubernetes Status; returns the exception. */
    static KubernetesClientException failure(ThrowingCallable call) {
        try {
            call.call();
        } catch (KubernetesClientException e) {
            return e;
        } catch (Throwable e) {
            throw new AssertionError("Expected a KubernetesClientException, got " + e, e);
        }
        return fail("Expected a KubernetesClientException, but the call succeeded.");
    }

    /** Polls a condition until it holds or the deadline passes. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out waiting for: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** A raw HTTP request through the fabric8 client's own transport. */
    static HttpResponse<String> http(KubernetesClient client, String method, String path,
            String contentType, String body, String... headers) {
        HttpClient http = client.getHttpClient();
        HttpRequest.Builder builder = http.newHttpRequestBuilder()
                .uri(client.getMasterUrl().toString().replaceAll("/$", "") + path);
        if (!method.equals("GET")) {
            builder.method(method, contentType == null ? "application/json" : contentType,
                    body == null ? "" : body);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.setHeader(headers[i], headers[i + 1]);
        }
        try {
            return http.sendAsync(builder.build(), String.class).get(DEADLINE.toSeconds(),
                    TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("HTTP " + method + " " + path + " failed.", e);
        }
    }

    /** One event a watcher received. */
    record Event<T>(Watcher.Action action, T object) {
        String name() {
            return ((HasMetadata) object).getMetadata().getName();
        }

        long version() {
            return EmbeddedKubernetesFixtures.version((HasMetadata) object);
        }
    }

    /** A watcher that queues what it receives, for tests to take in order. */
    static final class RecordingWatcher<T> implements Watcher<T> {
        private final BlockingQueue<Event<T>> events = new LinkedBlockingQueue<>();
        final CompletableFuture<WatcherException> closed = new CompletableFuture<>();

        @Override
        public void eventReceived(Action action, T resource) {
            events.add(new Event<>(action, resource));
        }

        @Override
        public void onClose(WatcherException cause) {
            closed.complete(cause);
        }

        @Override
        public void onClose() {
            closed.complete(null);
        }

        Event<T> next() {
            try {
                Event<T> event = events.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                if (event == null) {
                    fail("Timed out waiting for a watch event.");
                }
                return event;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /** The next event, which must be of this action for this name. */
        Event<T> expect(Watcher.Action action, String name) {
            Event<T> event = next();
            assertThat(event.action() + " " + event.name()).isEqualTo(action + " " + name);
            return event;
        }

        /** Skips events until one matches; fails at the deadline. */
        Event<T> skipUntil(Predicate<Event<T>> condition) {
            while (true) {
                Event<T> event = next();
                if (condition.test(event)) {
                    return event;
                }
            }
        }
    }

    /**
     * Whether something accepts TCP connections on the loopback port. A refused connection
     * answers false; so does a socket that connected to itself: Linux may pick the free port
     * itself as the client's ephemeral port and complete a "simultaneous open" with nothing
     * listening, which a test that probes a just-closed port meets now and then.
     */
    static boolean listening(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return socket.getLocalPort() != port;
        } catch (ConnectException refused) {
            return false;
        }
    }
}
