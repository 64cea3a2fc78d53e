package dev.kopf.internal.reactor;

import dev.kopf.HandlerOutcome;
import dev.kopf.Memo;
import dev.kopf.OperatorSettings;
import dev.kopf.internal.clients.DeferredClient;
import dev.kopf.internal.intents.OperatorRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a reactor runs: the validated handlers and where to serve them. Built by the
 * {@code Operator} facade, which runs discovery, so that the reactor never knows of it.
 *
 * @param deferred the client handlers are given; the reactor sets what is behind it
 * @param client the client given by the user, or {@code null} for one the operator makes
 *     (from the login handlers, or configured as fabric8 does) and closes
 * @param registry the validated handlers
 * @param namespaces namespace patterns; empty with {@code clusterwide}
 * @param clusterwide whether to watch cluster-wide
 * @param settings the settings, before the startup handlers change them
 * @param memo the operator memo
 * @param idleStop stop once idle for this long; {@code null} to run until stopped
 * @param outcomeListeners receive every handler attempt's outcome
 * @param liveness the liveness endpoint's URL, or {@code null} for none
 * @param observability the meters and the readiness and metrics endpoints
 */
public record ReactorConfig(DeferredClient deferred, KubernetesClient client,
        OperatorRegistry registry, List<String> namespaces, boolean clusterwide,
        OperatorSettings settings, Memo memo, Duration idleStop,
        List<Consumer<HandlerOutcome>> outcomeListeners, String liveness,
        Observability observability) {

    /** Copies the lists. */
    public ReactorConfig {
        namespaces = List.copyOf(namespaces);
        outcomeListeners = List.copyOf(outcomeListeners);
    }
}
