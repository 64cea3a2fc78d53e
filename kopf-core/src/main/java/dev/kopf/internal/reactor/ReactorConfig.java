package dev.kopf.internal.reactor;

import dev.kopf.HandlerOutcome;
import dev.kopf.Memo;
import dev.kopf.OperatorSettings;
import dev.kopf.internal.intents.OperatorRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a reactor runs: the validated handlers and where to serve them. Built by the
 * {@code Operator} facade, which runs discovery, so that the reactor never knows of it.
 *
 * @param client the client
 * @param ownsClient whether the reactor closes the client when it stops
 * @param registry the validated handlers
 * @param namespaces namespace patterns; empty with {@code clusterwide}
 * @param clusterwide whether to watch cluster-wide
 * @param settings the settings
 * @param memo the operator memo
 * @param idleStop stop once idle for this long; {@code null} to run until stopped
 * @param outcomeListeners receive every handler attempt's outcome
 */
public record ReactorConfig(KubernetesClient client, boolean ownsClient,
        OperatorRegistry registry, List<String> namespaces, boolean clusterwide,
        OperatorSettings settings, Memo memo, Duration idleStop,
        List<Consumer<HandlerOutcome>> outcomeListeners) {

    /** Copies the lists. */
    public ReactorConfig {
        namespaces = List.copyOf(namespaces);
        outcomeListeners = List.copyOf(outcomeListeners);
    }
}
