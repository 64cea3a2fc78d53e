package dev.kopf.examples.hooks;

import dev.kopf.ConnectionInfo;
import dev.kopf.ErrorsMode;
import dev.kopf.Meta;
import dev.kopf.OnCleanup;
import dev.kopf.OnEvent;
import dev.kopf.OnLogin;
import dev.kopf.OnProbe;
import dev.kopf.OnStartup;
import dev.kopf.Retry;
import dev.kopf.TemporaryException;
import io.fabric8.kubernetes.client.Config;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * The operator's own lifecycle: startup and cleanup activities, a login handler, probes for
 * the liveness endpoint, and a background task per pod that the cleanup stops.
 */
public class HookHandlers {

    // [namespace][name] -> the flag that stops the pod's background task.
    private final Map<String, Map<String, CountDownLatch>> stoppers = new ConcurrentHashMap<>();
    private volatile ExecutorService tasks;

    @OnStartup
    public void startupFnSimple(Logger logger) {
        logger.info("Initialising the task-lock...");
        tasks = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "pod-task");
            thread.setDaemon(true);
            return thread;
        });
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
    public void cleanupFn(Logger logger) {
        logger.info("Cleaning up...");
        stoppers.values().forEach(flags -> flags.values().forEach(CountDownLatch::countDown));
        logger.info("All pod-tasks are requested to stop...");
    }

    // An equivalent of the default login, shrunk for demo purposes.
    @OnLogin(errors = ErrorsMode.PERMANENT)
    public ConnectionInfo loginFn(Logger logger) {
        logger.info("Logging in...");
        Config config = Config.autoConfigure(null);
        ConnectionInfo.Builder info = ConnectionInfo.builder().server(config.getMasterUrl());
        // A kubeconfig holds certificates as files or as base64 data (the common form);
        // ConnectionInfo takes either as it is, one of the two per certificate.
        if (config.getCaCertData() != null) {
            info.caData(config.getCaCertData());
        } else if (config.getCaCertFile() != null) {
            info.caPath(config.getCaCertFile());
        }
        if (config.isTrustCerts()) {
            info.insecure();
        }
        if (config.getUsername() != null) {
            info.basicAuth(config.getUsername(), config.getPassword());
        }
        // fabric8 keeps the token it finds (kubeconfig, in-cluster ServiceAccount, the
        // kubernetes.auth.token property) as the "auto" one; getOauthToken() is only a token
        // set explicitly.
        String token = config.getOauthToken() != null ? config.getOauthToken()
                : config.getAutoOAuthToken();
        if (token != null) {
            info.token(token);
        }
        if (config.getClientCertData() != null) {
            info.clientCertificateData(config.getClientCertData(), config.getClientKeyData());
        } else if (config.getClientCertFile() != null) {
            info.clientCertificateFiles(config.getClientCertFile(), config.getClientKeyFile());
        }
        if (config.getNamespace() != null) {
            info.defaultNamespace(config.getNamespace());
        }
        return info.build();
    }

    @OnProbe
    public int tasksCount() {
        return stoppers.values().stream().mapToInt(Map::size).sum();
    }

    @OnProbe
    public Map<String, List<String>> monitoredObjects() {
        Map<String, List<String>> objects = new TreeMap<>();
        stoppers.forEach((namespace, flags) -> objects.put(namespace,
                flags.keySet().stream().sorted().toList()));
        return objects;
    }

    @OnEvent("pods")
    public void podTask(Meta meta, Logger logger) {
        Map<String, CountDownLatch> flags =
                stoppers.computeIfAbsent(meta.namespace(), ns -> new ConcurrentHashMap<>());
        CountDownLatch created = new CountDownLatch(1);
        if (flags.putIfAbsent(meta.name(), created) == null) {
            tasks.execute(() -> taskFn(logger, created));
        }
    }

    private static void taskFn(Logger logger, CountDownLatch shouldStop) {
        try {
            while (!shouldStop.await(ThreadLocalRandom.current().nextInt(1, 11),
                    TimeUnit.SECONDS)) {
                logger.info("Served by the background task.");
            }
            logger.info("Serving is finished by request.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
