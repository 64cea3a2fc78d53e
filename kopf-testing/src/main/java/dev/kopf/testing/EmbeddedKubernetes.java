package dev.kopf.testing;

import dev.kopf.testing.internal.apiserver.ApiServer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * An in-process Kubernetes API server for tests and benchmarks, faithful to what operators
 * rely on.
 *
 * <p>It serves the Kubernetes REST API over plain HTTP on 127.0.0.1 from an in-memory store:
 * <ul>
 *   <li>discovery ({@code /version}, {@code /api}, {@code /apis}, ...) for the built-in kinds
 *       operators use and for every CRD posted to it, each served version, with its
 *       {@code /status} subresource if declared;</li>
 *   <li>create, get, list, update, patch, delete and delete-collection, namespaced and
 *       cluster-wide, with the real server's errors as {@code Status} objects
 *       ({@code AlreadyExists}, {@code Conflict}, {@code NotFound}, {@code Invalid});</li>
 *   <li>one global resourceVersion counter, optimistic concurrency on stale versions,
 *       {@code metadata.generation}, the status subresource;</li>
 *   <li>JSON merge patch (RFC 7386) and JSON patch (RFC 6902) exactly; strategic merge patch
 *       for built-in kinds, approximated by a merge patch that also merges the best-known keyed
 *       lists (containers and volumes by name, conditions by type, finalizers as a set);
 *       server-side apply is refused with 415;</li>
 *   <li>finalizers and graceful deletion: a DELETE of an object with finalizers marks it,
 *       the object goes away when the last finalizer does;</li>
 *   <li>watches over WebSocket with initial events, resumption from a resourceVersion, 410
 *       Gone when the history no longer reaches back, bookmarks, timeouts and selectors;</li>
 *   <li>lists with {@code limit}/{@code continue}, set-based label selectors and field
 *       selectors on any simple path.</li>
 * </ul>
 * It has no authentication or RBAC unless started with {@link #startWithRbac()}, and no
 * admission, garbage collection, server-side apply,
 * defaulting, or schema validation and pruning; {@code docs/embedded-api-server.md} lists
 * every difference.
 *
 * <p>Typical use:
 * <pre>{@code
 * try (EmbeddedKubernetes server = EmbeddedKubernetes.start();
 *      KubernetesClient client = server.newClient()) {
 *     client.configMaps().resource(configMap).create();
 * }
 * }</pre>
 *
 * <p>Thread-safe. Watches stream both over WebSocket, as fabric8 watches, and as chunked
 * plain HTTP responses, as kubectl's {@code get --watch} reads them.
 *
 * @since 0.1.0
 */
public final class EmbeddedKubernetes implements AutoCloseable {
    private static final String USAGE =
            "Usage: EmbeddedKubernetes [--port N] [--kubeconfig FILE] [--calls-endpoint]";

    private final ApiServer server;

    private EmbeddedKubernetes(ApiServer server) {
        this.server = server;
    }

    /**
     * Starts a server on a free port of 127.0.0.1: on Linux one below the kernel's ephemeral
     * port range, so that no other program's connection takes it while the server is
     * {@linkplain #stop() stopped}.
     */
    public static EmbeddedKubernetes start() {
        return start(0);
    }

    /**
     * Starts a server on a given port of 127.0.0.1.
     *
     * @param port the port; 0 picks a free one
     */
    public static EmbeddedKubernetes start(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535: " + port);
        }
        return new EmbeddedKubernetes(ApiServer.start(port));
    }

    /**
     * Starts a server on a free port that enforces RBAC, as a cluster does: requests with a
     * ServiceAccount's bearer token ({@link #tokenFor}) are authorized against the stored
     * Roles, ClusterRoles and bindings, and answered 403 with Kubernetes' message when not
     * allowed; an unknown token gets 401. Requests without credentials, as from
     * {@link #newClient()}, are the cluster admin's and always allowed. Discovery is allowed
     * to every authenticated user ({@code system:discovery}).
     *
     * @return the running server
     * @since 0.2.0
     */
    public static EmbeddedKubernetes startWithRbac() {
        EmbeddedKubernetes server = start(0);
        server.server.enableRbac();
        return server;
    }

    /**
     * Issues a bearer token for a ServiceAccount, as a TokenRequest
     * ({@code serviceaccounts/token}, also served in the RBAC mode) does. Only in the RBAC
     * mode.
     *
     * @param namespace the ServiceAccount's namespace
     * @param serviceAccount the ServiceAccount's name; it must exist
     * @return the token, for {@link #newClient(String)}
     * @throws IllegalArgumentException when the ServiceAccount does not exist
     * @throws IllegalStateException when the server was not started with
     *     {@link #startWithRbac()}
     * @since 0.2.0
     */
    public String tokenFor(String namespace, String serviceAccount) {
        return server.tokenFor(namespace, serviceAccount);
    }

    /**
     * A new fabric8 client for this server that authenticates with a bearer token; the
     * caller closes it.
     *
     * @param bearerToken e.g. from {@link #tokenFor}
     * @return the client
     * @since 0.2.0
     */
    public KubernetesClient newClient(String bearerToken) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(config())
                .withOauthToken(bearerToken).build()).build();
    }

    /** The server's base URL, e.g. {@code http://127.0.0.1:43127}. */
    public String url() {
        return server.url();
    }

    /**
     * A new fabric8 configuration pointing at this server: namespace {@code default}, no
     * authentication, certificates trusted. Nothing is read from {@code ~/.kube/config} or
     * the environment. Each call returns a new, independent instance.
     */
    public Config config() {
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(url())
                .withNamespace("default")
                .withTrustCerts(true)
                .build();
    }

    /** A new fabric8 client for this server, built from {@link #config()}; the caller closes it. */
    public KubernetesClient newClient() {
        return new KubernetesClientBuilder().withConfig(config()).build();
    }

    /**
     * Writes a kubeconfig for this server, usable by kubectl and fabric8 (context
     * {@code kopf-embedded}, namespace {@code default}, no credentials).
     *
     * @param file where to write it; parent directories are created
     * @return the file
     */
    public Path writeKubeconfig(Path file) {
        String kubeconfig = String.join("\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "- name: kopf-embedded",
                "  cluster:",
                "    server: " + url(),
                "contexts:",
                "- name: kopf-embedded",
                "  context:",
                "    cluster: kopf-embedded",
                "    namespace: default",
                "    user: kopf-embedded",
                "current-context: kopf-embedded",
                "users:",
                "- name: kopf-embedded",
                "  user: {}",
                "");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.writeString(file, kubeconfig, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the kubeconfig to " + file + ".", e);
        }
    }

    /**
     * Every request served since the start or the last {@link #clearCalls()}, in order of
     * completion. A watch is recorded when it starts.
     */
    public List<RecordedCall> calls() {
        return server.calls();
    }

    /** Forgets the recorded calls. */
    public void clearCalls() {
        server.clearCalls();
    }

    /**
     * Makes the next request that matches fail with a {@code Status} error, once.
     *
     * <p>Note that fabric8 retries requests answered with 429 or any 5xx code (up to its
     * {@code requestRetryBackoffLimit}), so such a fault is usually invisible to the caller
     * but visible in {@link #calls()}.
     *
     * @param method the HTTP method, e.g. {@code PATCH}
     * @param pathRegex a regular expression that must match the whole path, without the query
     *     string, e.g. {@code .*\/kopfexamples/ex1/status}
     * @param code the HTTP error code, 400 to 599
     * @param message the Status message
     */
    public void failNext(String method, String pathRegex, int code, String message) {
        server.failNext(method, pathRegex, code, message);
    }

    /**
     * Like {@link #failNext(String, String, int, String)}, with a {@code Retry-After} header
     * and {@code details.retryAfterSeconds} in the Status, as a throttling server (429) or
     * an overloaded one (503) answers.
     *
     * @param method the HTTP method
     * @param pathRegex a regular expression for the whole path
     * @param code the HTTP error code, 400 to 599
     * @param message the Status message
     * @param retryAfter how long the client is told to wait, in whole seconds
     * @since 0.2
     */
    public void failNext(String method, String pathRegex, int code, String message,
            Duration retryAfter) {
        server.failNext(method, pathRegex, code, message, (int) retryAfter.toSeconds());
    }

    /**
     * Makes the next {@code count} requests that match slow: each is served only after
     * {@code delay}, as by an overloaded API server or a slow etcd. The request is handled
     * when the delay is over, so writes of other clients made meanwhile come first (and a
     * delayed write with a stale resourceVersion then meets a 409, as on a real server).
     * Other requests are served as usual meanwhile. A client whose own timeout is shorter
     * than the delay gives up; fabric8's default request timeout is 10 seconds.
     *
     * @param method the HTTP method, e.g. {@code PATCH} ({@code GET} delays reads, lists
     *     and plain-HTTP watches; a watch over WebSocket is never held and does not use up
     *     a slow request)
     * @param pathRegex a regular expression that must match the whole path, without the query
     *     string
     * @param count how many matching requests are delayed, at least 1
     * @param delay how long each one is held, positive
     * @since 0.2
     */
    public void slowNext(String method, String pathRegex, int count, Duration delay) {
        server.slowNext(method, pathRegex, count, delay);
    }

    /**
     * Emulates a network partition of one client: every request whose {@code User-Agent}
     * contains the text is refused with 503 until {@link #heal(String)}, as when the
     * client's node loses the API server. Watches already open stay open. Set the agent
     * with fabric8's {@code ConfigBuilder.withUserAgent}.
     *
     * @param userAgent a part of the client's User-Agent header
     */
    public void partition(String userAgent) {
        server.partition(userAgent, true);
    }

    /**
     * Ends a {@link #partition(String)}.
     *
     * @param userAgent the same text
     */
    public void heal(String userAgent) {
        server.partition(userAgent, false);
    }

    /**
     * Drops the watch history, as an etcd compaction does: a watch that resumes from any
     * earlier resourceVersion gets an {@code ERROR} event with a 410 {@code Expired} Status.
     * Watches already running are not affected.
     */
    public void expireWatchHistory() {
        server.expireWatchHistory();
    }

    /**
     * Takes the server down while keeping its data, as when kube-apiserver crashes or is
     * restarted over the same etcd: every watch ends, the port is closed, new connections are
     * refused, until {@link #restart()}. {@link #url()} stays the same. Idempotent.
     *
     * @since 0.2
     */
    public void stop() {
        server.stop();
    }

    /**
     * Serves again after {@link #stop()}, on the same port, with the same objects: their
     * resourceVersions, and the global counter, continue where they were, and watches may
     * resume from any version before the stop. Does nothing if the server is running.
     *
     * @throws IllegalStateException if the port was taken by another process meanwhile, or
     *     if the server was closed
     * @since 0.2
     */
    public void restart() {
        server.restart();
    }

    /**
     * Whether the server accepts connections: false between {@link #stop()} and
     * {@link #restart()}, and after {@link #close()}.
     *
     * @return whether it is serving
     * @since 0.2
     */
    public boolean isRunning() {
        return server.isRunning();
    }

    /** Stops the server: closes the port, ends every watch, stops its threads. Idempotent. */
    @Override
    public void close() {
        server.close();
    }

    /**
     * Runs a server until the process is killed, for tools that need it in a process of its
     * own: {@code --port N} (default: a free port), {@code --kubeconfig FILE} (write a
     * kubeconfig there) and {@code --calls-endpoint} (serve the recorded calls at
     * {@code /kopf-embedded/calls}: GET lists them as
     * {@code {"calls": [[method, path, query, contentType, code, epochMicros], ...]}}, DELETE
     * forgets them; for benchmarks that count an operator's requests from another process).
     * Prints the URL on standard output.
     *
     * @param args the command-line arguments
     * @throws InterruptedException if the main thread is interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        int port = 0;
        Path kubeconfig = null;
        boolean callsEndpoint = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            boolean hasValue = i + 1 < args.length;
            if (arg.equals("--port") && hasValue) {
                port = Integer.parseInt(args[++i]);
            } else if (arg.equals("--kubeconfig") && hasValue) {
                kubeconfig = Path.of(args[++i]);
            } else if (arg.equals("--calls-endpoint")) {
                callsEndpoint = true;
            } else {
                System.err.println("Unknown or incomplete option: " + arg + "\n" + USAGE);
                System.exit(2);
            }
        }
        EmbeddedKubernetes server = start(port);
        if (callsEndpoint) {
            server.server.serveCallLog();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "kopf-apiserver-stop"));
        if (kubeconfig != null) {
            server.writeKubeconfig(kubeconfig);
        }
        System.out.println("Embedded Kubernetes API server listening on " + server.url());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
