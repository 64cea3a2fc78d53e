package dev.kopf.testing.footprint;

import dev.kopf.Daemon;
import dev.kopf.DaemonStopped;
import dev.kopf.Operator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures what N objects with one daemon each cost the operator's JVM: platform threads
 * and RSS, once every daemon runs. Run by hand, not by the test suite; the API server runs in
 * a process of its own, so that only the operator is measured. See docs/daemons.md.
 *
 * <pre>
 * java -cp CLASSPATH dev.kopf.testing.EmbeddedKubernetes --port 18080 &amp;
 * java -cp CLASSPATH dev.kopf.testing.footprint.DaemonFootprint create http://127.0.0.1:18080 10000
 * java -cp CLASSPATH dev.kopf.testing.footprint.DaemonFootprint http://127.0.0.1:18080 10000
 * </pre>
 *
 * <p>A third argument holds the daemons running for that many seconds, then measures again
 * after a full GC: the first figures include the burst of the objects' first events.
 */
public final class DaemonFootprint {

    private static final ResourceDefinitionContext KOPFEXAMPLES =
            new ResourceDefinitionContext.Builder().withGroup("kopf.dev").withVersion("v1")
                    .withPlural("kopfexamples").withKind("KopfExample").withNamespaced(true)
                    .build();
    static final AtomicInteger RUNNING = new AtomicInteger();

    private DaemonFootprint() {
    }

    /** One daemon per object, sleeping on its stop-flag as Kopf's examples do. */
    public static class Handlers {
        @Daemon("kopfexamples.kopf.dev")
        public void monitor(DaemonStopped stopped) {
            RUNNING.incrementAndGet();
            try {
                while (!stopped.await(Duration.ofSeconds(60))) {
                    // A real daemon would check something here.
                }
            } finally {
                RUNNING.decrementAndGet();
            }
        }
    }

    /**
     * Runs the measurement.
     *
     * @param args the API server's URL, and the number of objects (default 10000)
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("create")) {
            // In a process of its own, so that the client's buffers are not measured.
            try (KubernetesClient client = client(args[1])) {
                createObjects(client, Integer.parseInt(args[2]));
            }
            return;
        }
        String url = args[0];
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        KubernetesClient client = client(url);
        report("before the operator", null);

        long start = System.nanoTime();
        Operator operator = Operator.builder().client(client).handlers(Handlers.class)
                .namespaces(List.of("default")).build();
        operator.start();
        if (!operator.awaitReady(Duration.ofMinutes(5))) {
            throw new IllegalStateException("The operator did not become ready.");
        }
        while (RUNNING.get() < count) {
            if (!operator.awaitTermination(Duration.ofMillis(100))) {
                continue;
            }
            throw new IllegalStateException("The operator stopped: " + operator.failure());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        report(count + " daemons running, " + String.format("%.1f", seconds)
                + " s after the start", operator);
        if (args.length > 2) {
            // The burst of first events (finalizer patches and their echoes) settles down;
            // also the time for a heap histogram or a thread dump.
            long settle = Long.parseLong(args[2]);
            operator.awaitTermination(Duration.ofSeconds(settle));
            System.gc();
            report("after " + settle + " s more and a full GC", operator);
        }

        long stopping = System.nanoTime();
        operator.stop();
        System.out.printf("stopped %d daemons in %.1f s; %d still running%n", count,
                (System.nanoTime() - stopping) / 1e9, RUNNING.get());
        client.close();
    }

    private static KubernetesClient client(String url) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl(url).withNamespace("default").withTrustCerts(true)
                .withRequestTimeout(120_000).build()).build();
    }

    private static void createObjects(KubernetesClient client, int count) throws Exception {
        Path crd = Path.of("..", "examples", "crd.yaml");
        try (InputStream in = Files.newInputStream(crd)) {
            client.resource(in).createOr(existing -> existing.update());
        }
        ExecutorService writers = Executors.newFixedThreadPool(16);
        List<Future<?>> writes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "footprint-" + i;
            writes.add(writers.submit(() -> {
                GenericKubernetesResource object = new GenericKubernetesResource();
                object.setApiVersion("kopf.dev/v1");
                object.setKind("KopfExample");
                object.setMetadata(new ObjectMetaBuilder().withName(name)
                        .withNamespace("default").build());
                object.setAdditionalProperty("spec", Map.of("field", "value"));
                client.genericKubernetesResources(KOPFEXAMPLES).inNamespace("default")
                        .resource(object).createOr(existing -> existing.update());
            }));
        }
        for (Future<?> write : writes) {
            write.get();
        }
        writers.shutdown();
        writers.awaitTermination(1, TimeUnit.MINUTES);
    }

    private static void report(String when, Operator operator) throws Exception {
        var threads = ManagementFactory.getThreadMXBean();
        var memory = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        String status = Files.readString(Path.of("/proc/self/status"));
        System.out.printf("%s: java %s, %d platform threads (peak %d), RSS %s (peak %s), "
                + "heap used %d MiB%n", when, Runtime.version(), threads.getThreadCount(),
                threads.getPeakThreadCount(), field(status, "VmRSS"), field(status, "VmHWM"),
                memory.getUsed() >> 20);
    }

    private static String field(String status, String name) {
        return status.lines().filter(line -> line.startsWith(name + ":"))
                .map(line -> line.substring(name.length() + 1).trim()).findFirst()
                .orElse("?");
    }
}
