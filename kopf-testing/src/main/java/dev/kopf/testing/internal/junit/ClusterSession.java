package dev.kopf.testing.internal.junit;

import dev.kopf.testing.EmbeddedKubernetes;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The cluster of one {@code @KopfTest} class: the embedded API server and its client, or a
 * client of the cluster in {@code KUBECONFIG}; the installed CRDs; and the resources whose
 * new objects are removed after each test. Created by {@code KopfExtension} before the class,
 * closed after it.
 */
public final class ClusterSession implements AutoCloseable {

    /** The system property that selects the cluster; {@code embedded} unless set. */
    public static final String CLUSTER_PROPERTY = "kopf.test.cluster";
    private static final String CLUSTER_VARIABLE = "KOPF_TEST_CLUSTER";

    private final EmbeddedKubernetes server;
    private final KubernetesClient client;
    private final Duration timeout;
    private final List<TrackedResource> tracked = new ArrayList<>();

    private ClusterSession(EmbeddedKubernetes server, KubernetesClient client, Duration timeout) {
        this.server = server;
        this.client = client;
        this.timeout = timeout;
    }

    /**
     * Connects as configured: the embedded server unless {@code kopf.test.cluster} (or
     * {@code KOPF_TEST_CLUSTER}) is {@code kubeconfig}.
     *
     * @param timeout how long to wait for CRDs and deletions
     * @return the session
     * @throws IllegalArgumentException for an unknown cluster name
     */
    public static ClusterSession open(Duration timeout) {
        if (isEmbedded()) {
            EmbeddedKubernetes server = EmbeddedKubernetes.start();
            try {
                return new ClusterSession(server, server.newClient(), timeout);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        }
        return new ClusterSession(null, new KubernetesClientBuilder().build(), timeout);
    }

    /**
     * Tells whether tests run against the embedded API server (the default) rather than the
     * cluster in {@code KUBECONFIG}.
     *
     * @return {@code true} for the embedded server
     * @throws IllegalArgumentException for a value other than {@code embedded} or
     *     {@code kubeconfig}
     */
    public static boolean isEmbedded() {
        String value = System.getProperty(CLUSTER_PROPERTY);
        if (value == null || value.isBlank()) {
            value = System.getenv(CLUSTER_VARIABLE);
        }
        value = value == null || value.isBlank() ? "embedded" : value.strip();
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "embedded" -> true;
            case "kubeconfig" -> false;
            default -> throw new IllegalArgumentException("Unknown " + CLUSTER_PROPERTY + ": "
                    + value + ". Use embedded or kubeconfig.");
        };
    }

    public EmbeddedKubernetes server() {
        return server;
    }

    public KubernetesClient client() {
        return client;
    }

    /**
     * Creates or updates the CRDs of a YAML file and waits until each one is established;
     * their custom resources are tracked from now on.
     *
     * @param location a file path, or a class path resource
     * @throws IllegalArgumentException when the file is neither
     */
    public void installCrds(String location) {
        List<HasMetadata> items;
        try (InputStream in = open(location)) {
            items = client.load(in).items();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the CRDs in " + location + ".", e);
        }
        for (HasMetadata item : items) {
            if (!(item instanceof CustomResourceDefinition crd)) {
                throw new IllegalArgumentException("Not a CustomResourceDefinition in "
                        + location + ": " + item.getKind() + " "
                        + item.getMetadata().getName() + ".");
            }
            client.resource(crd).createOr(existing -> existing.update());
            awaitEstablished(crd.getMetadata().getName());
            tracked.add(TrackedResource.of(crd));
        }
    }

    /**
     * Tracks more resources given in kubectl's forms ({@code pods},
     * {@code deployments.apps}), found through discovery.
     *
     * @param resource the resource
     */
    public void track(String resource) {
        tracked.add(TrackedResource.discover(client, resource));
    }

    /**
     * Records which objects exist now, so that {@link #deleteCreatedSince} knows which are new.
     *
     * @return the uids of the tracked resources' objects
     */
    public Snapshot snapshot() {
        List<String> uids = new ArrayList<>();
        for (TrackedResource resource : tracked) {
            uids.addAll(resource.uids(client));
        }
        return new Snapshot(uids);
    }

    /**
     * Deletes every object of the tracked resources that is not in the snapshot, removing
     * its finalizers first (no operator runs any more), and waits until they are gone.
     *
     * @param before the snapshot taken before the test
     */
    public void deleteCreatedSince(Snapshot before) {
        for (TrackedResource resource : tracked) {
            resource.deleteExcept(client, before.uids(), timeout);
        }
    }

    private static InputStream open(String location) throws IOException {
        Path path = Path.of(location);
        if (Files.isRegularFile(path)) {
            return Files.newInputStream(path);
        }
        String resource = location.startsWith("/") ? location.substring(1) : location;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        InputStream in = loader == null ? null : loader.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("No CRD file " + location + ": neither a file ("
                    + path.toAbsolutePath() + ") nor a class path resource.");
        }
        return in;
    }

    private void awaitEstablished(String name) {
        client.apiextensions().v1().customResourceDefinitions().withName(name)
                .waitUntilCondition(crd -> crd != null && crd.getStatus() != null
                        && crd.getStatus().getConditions() != null
                        && crd.getStatus().getConditions().stream().anyMatch(
                                c -> "Established".equals(c.getType())
                                        && "True".equals(c.getStatus())),
                        timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /**
     * The objects that existed at a moment.
     *
     * @param uids their uids
     */
    public record Snapshot(List<String> uids) {
        /** Copies the list. */
        public Snapshot {
            uids = List.copyOf(uids);
        }
    }
}
