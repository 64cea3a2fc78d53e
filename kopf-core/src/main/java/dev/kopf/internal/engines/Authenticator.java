package dev.kopf.internal.engines;

import dev.kopf.ConnectionInfo;
import dev.kopf.Context;
import dev.kopf.OperatorSettings;
import dev.kopf.Retry;
import dev.kopf.internal.clients.Connections;
import dev.kopf.internal.clients.Vault;
import dev.kopf.internal.intents.Activity;
import dev.kopf.internal.intents.ActivityHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;

/**
 * Logs in with the {@code @OnLogin} handlers and keeps the credentials fresh, as Kopf's
 * {@code activities.authenticator}: the first login before anything is watched, another one
 * whenever the vault runs out of accepted credentials (401) or they expire.
 *
 * <p>Made by the reactor once the startup handlers have run. Re-logins run on a thread of
 * their own, because the requests that wait for them wait on the HTTP client's threads.
 */
public final class Authenticator {

    private static final Logger logger = Activities.logger(Activity.AUTHENTICATION);

    private final List<ActivityHandler> handlers;
    private final Activities activities;
    private final BiFunction<ActivityHandler, Retry, Context> contexts;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Vault vault = new Vault(this::reauthenticate);

    /**
     * Creates the authenticator.
     *
     * @param handlers the login handlers
     * @param activities runs them
     * @param contexts makes a handler's context
     * @param scheduler drops expired credentials
     * @param clock the clock
     */
    public Authenticator(List<ActivityHandler> handlers, Activities activities,
            BiFunction<ActivityHandler, Retry, Context> contexts,
            ScheduledExecutorService scheduler, Clock clock) {
        this.handlers = List.copyOf(handlers);
        this.activities = activities;
        this.contexts = contexts;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /**
     * Logs in for the first time and makes the operator's client.
     *
     * @param settings the settings in force
     * @return a new client; the caller closes it
     * @throws ActivityException when the handlers fail or return no credentials
     */
    public KubernetesClient login(OperatorSettings settings) {
        logger.info("Initial authentication has been initiated.");
        Map<String, ConnectionInfo> infos = collect();
        if (infos.isEmpty()) {
            throw new ActivityException("Initial authentication has failed: no credentials "
                    + "were retrieved from the login handlers.");
        }
        logger.info("Initial authentication has finished.");
        vault.populate(infos);
        return Connections.fromLogin(vault.current(), vault, settings);
    }

    private void reauthenticate() {
        Thread thread = new Thread(() -> {
            logger.info("Re-authentication has been initiated.");
            Map<String, ConnectionInfo> infos = Map.of();
            try {
                infos = collect();
            } catch (RuntimeException e) {
                logger.error("Re-authentication has failed: {}", e.getMessage());
            }
            if (infos.isEmpty()) {
                logger.warn("Re-authentication has failed: no credentials were retrieved "
                        + "from the login handlers.");
            } else {
                logger.info("Re-authentication has finished.");
            }
            vault.populate(infos);
        }, "kopf-login");
        thread.setDaemon(true);
        thread.start();
    }

    private Map<String, ConnectionInfo> collect() {
        Map<String, Object> results = activities.runActivity(Activity.AUTHENTICATION, handlers,
                contexts);
        Map<String, ConnectionInfo> infos = new LinkedHashMap<>();
        results.forEach((id, result) -> {
            if (result instanceof ConnectionInfo info) {
                infos.put(id, info);
                scheduleExpiration(info);
            }
        });
        return infos;
    }

    private void scheduleExpiration(ConnectionInfo info) {
        if (info.expiration() != null) {
            long millis = Math.max(0, Duration.between(clock.instant(), info.expiration())
                    .toMillis());
            scheduler.schedule(() -> vault.expire(info), millis, TimeUnit.MILLISECONDS);
        }
    }
}
