package dev.kopf.testing.internal.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kopf.testing.RecordedCall;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles and runs the embedded API server: the store, the registry, the endpoints, the
 * watch delivery threads, and the Vert.x transport ({@link HttpTransport}).
 *
 * <p>Public only so that {@code dev.kopf.testing.EmbeddedKubernetes} can use it; that class
 * is the API.
 */
public final class ApiServer implements AutoCloseable {
    /** Changes kept for watches that resume from a resourceVersion. */
    public static final int HISTORY_CAPACITY = 10_000;
    /** How often watches with {@code allowWatchBookmarks} get a BOOKMARK. */
    public static final Duration BOOKMARK_INTERVAL = Duration.ofSeconds(1);

    private static final Logger logger = LoggerFactory.getLogger(ApiServer.class);
    private static final List<String> INITIAL_NAMESPACES =
            List.of("default", "kube-system", "kube-public");
    private final ObjectStore store = new ObjectStore(HISTORY_CAPACITY);
    private final ResourceRegistry registry = new ResourceRegistry();
    private final CallLog calls = new CallLog();
    private final Faults faults = new Faults();
    private final SlowResponses slowResponses = new SlowResponses();
    private final ExecutorService delivery =
            Executors.newCachedThreadPool(daemonThreads("kopf-apiserver-watch-"));
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(daemonThreads("kopf-apiserver-timer-"));
    private final ApiDispatcher dispatcher;
    private final HttpTransport server;
    private volatile boolean closed;
    private volatile AccessControl accessControl;
    private final ServerOutage outage = new ServerOutage();

    private ApiServer() {
        DeletionCascade cascade = new DeletionCascade(store, registry);
        AdmissionChain admission = new AdmissionChain(store);
        dispatcher = new ApiDispatcher(registry, new ResourceEndpoint(store, cascade, admission),
                new WatchEndpoint(store, delivery, scheduler, BOOKMARK_INTERVAL), calls, faults,
                () -> { });
        server = new HttpTransport(dispatcher);
        server.offloadWhen(admission::isActive);
        server.delayBy(slowResponses::delayMillis);
        seedNamespaces();
    }

    /**
     * Starts a server on 127.0.0.1.
     *
     * @param port the port, or 0 for a free one (outside the ephemeral range, see
     *     {@link ListeningPorts})
     */
    public static ApiServer start(int port) {
        ApiServer apiServer = new ApiServer();
        try {
            ListeningPorts.listen(port, free -> apiServer.server.start("127.0.0.1", free));
        } catch (RuntimeException e) {
            apiServer.close();
            throw e;
        }
        apiServer.dispatcher.serverAddress("127.0.0.1:" + apiServer.port());
        logger.debug("Embedded Kubernetes API server listening on {}.", apiServer.url());
        return apiServer;
    }

    public int port() {
        return outage.port(server::port);
    }

    /** Stops serving, as a crashed API server does; the data stays (see {@link ServerOutage}). */
    public void stop() {
        outage.stop(server::port, store::streams, server::stopListening);
    }

    /** Serves again on the same port, with the same objects and resourceVersions. */
    public void restart() {
        if (closed) {
            throw new IllegalStateException("The embedded API server is closed; only a stopped "
                    + "one can be restarted.");
        }
        outage.restart(port -> server.start("127.0.0.1", port));
    }

    public boolean isRunning() {
        return !closed && !outage.isStopped();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public List<RecordedCall> calls() {
        return calls.snapshot();
    }

    public void clearCalls() {
        calls.clear();
    }

    public void failNext(String method, String pathRegex, int code, String message) {
        faults.add(method, pathRegex, code, message);
    }

    public void failNext(String method, String pathRegex, int code, String message,
            int retryAfterSeconds) {
        faults.add(method, pathRegex, code, message, retryAfterSeconds);
    }

    public void slowNext(String method, String pathRegex, int count, Duration delay) {
        slowResponses.add(method, pathRegex, count, delay);
    }

    public void partition(String userAgent, boolean refused) {
        if (refused) {
            faults.partition(userAgent);
        } else {
            faults.heal(userAgent);
        }
    }

    public void expireWatchHistory() {
        store.expireHistory();
    }

    /**
     * Serves the call log at {@code /kopf-embedded/calls} (GET lists, DELETE clears), for a
     * server in a process of its own whose calls are counted from another process.
     */
    public void serveCallLog() {
        dispatcher.serveCallLog();
    }

    /** Authenticates ServiceAccount tokens and enforces RBAC from now on. */
    public synchronized void enableRbac() {
        if (accessControl == null) {
            accessControl = new AccessControl(store, registry);
            dispatcher.enforce(accessControl);
        }
    }

    /**
     * Issues a bearer token for an existing ServiceAccount (RBAC mode only).
     *
     * @param namespace the ServiceAccount's namespace
     * @param serviceAccount its name
     * @return the token
     */
    public String tokenFor(String namespace, String serviceAccount) {
        AccessControl control = accessControl;
        if (control == null) {
            throw new IllegalStateException("Tokens are issued in the RBAC mode only: start "
                    + "the server with EmbeddedKubernetes.startWithRbac().");
        }
        return control.issueToken(namespace, serviceAccount);
    }

    /** Stops accepting requests, ends every watch, and stops all threads. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (WatchStream stream : store.streams()) {
            stream.close();
        }
        try {
            server.shutdown();
        } catch (RuntimeException e) {
            logger.debug("The transport did not shut down cleanly.", e);
        }
        scheduler.shutdownNow();
        delivery.shutdownNow();
        try {
            delivery.awaitTermination(5, TimeUnit.SECONDS);
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void seedNamespaces() {
        ResourceType namespaces = registry.find("", "v1", "namespaces");
        for (String name : INITIAL_NAMESPACES) {
            ObjectNode namespace = JsonNodes.object();
            namespace.put("apiVersion", "v1");
            namespace.put("kind", "Namespace");
            JsonNodes.metadata(namespace).put("name", name);
            store.create(namespaces, WriteRules.prepareCreate(namespaces, null, namespace));
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
