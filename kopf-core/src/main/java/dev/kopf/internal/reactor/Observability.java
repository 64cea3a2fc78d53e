package dev.kopf.internal.reactor;

import dev.kopf.Resource;
import dev.kopf.internal.engines.Daemons;
import dev.kopf.internal.engines.EndpointServer;
import dev.kopf.internal.engines.HealthReporter;
import dev.kopf.internal.engines.Indexers;
import dev.kopf.internal.metrics.Meters;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the reactor reports about itself beyond Kopf's liveness: its meters and the
 * readiness and metrics endpoints. Kept apart from the reactor so that wiring the gauges
 * and endpoints is one call there.
 *
 * @param meters where the engine counts; {@link Meters#NOOP} without a registry
 * @param readiness the readiness endpoint's URL, or {@code null} for none
 * @param metrics the metrics endpoint's URL, or {@code null} for none
 * @param scrape the text served at {@code metrics}, or {@code null} for none
 */
public record Observability(Meters meters, String readiness, String metrics,
        Supplier<String> scrape) {

    /** Nothing reported: no meters, no endpoints. */
    public static final Observability NONE = new Observability(Meters.NOOP, null, null, null);

    /** Checks that the metrics endpoint has its text. */
    public Observability {
        java.util.Objects.requireNonNull(meters, "meters");
        if (metrics != null && scrape == null) {
            throw new IllegalArgumentException("The metrics endpoint needs a text to serve.");
        }
    }

    /**
     * Registers the gauges of the runtime, once it is built and its resources are known.
     *
     * @param queue the per-object workers
     * @param daemons the daemons and timers
     * @param indexers the indexes
     * @param resources the watched resources
     */
    void registerGauges(ObjectQueue queue, Daemons daemons, Indexers indexers,
            Collection<Resource> resources) {
        if (!meters.isEnabled()) {
            return;
        }
        meters.workersBusy(queue::busy);
        resources.forEach(resource ->
                meters.objectsPending(resource.name(), () -> queue.pending(resource)));
        meters.backgroundRunning(daemons::daemonsRunning, daemons::timersRunning);
        for (String id : indexers.ids()) {
            meters.indexSize(id, () -> indexers.lookup().apply(id).size());
        }
    }

    /**
     * Starts the endpoints: liveness (as Kopf's), readiness and metrics, sharing a server
     * where host and port are equal.
     *
     * @param liveness the liveness URL, or {@code null}
     * @param probes the probe results for liveness
     * @param healthy whether the operator is watching
     * @param ready whether every stream has listed and the indexes are complete
     * @param clock the clock of the probes' cache
     * @return the servers, or {@code null} when there is no endpoint
     */
    EndpointServer serve(String liveness, Supplier<Map<String, Object>> probes,
            BooleanSupplier healthy, BooleanSupplier ready, Clock clock) {
        List<EndpointServer.Route> routes = new ArrayList<>();
        if (liveness != null) {
            String path = HealthReporter.parse(liveness).getPath();
            routes.add(new EndpointServer.Route("health status", liveness, HealthReporter.handler(
                    path == null || path.isEmpty() ? "/" : path, probes, healthy, clock)));
        }
        if (readiness != null) {
            routes.add(new EndpointServer.Route("readiness", readiness, EndpointServer.readiness(ready)));
        }
        if (metrics != null) {
            routes.add(new EndpointServer.Route("metrics", metrics, EndpointServer.text(scrape)));
        }
        return routes.isEmpty() ? null : EndpointServer.start(routes);
    }
}
