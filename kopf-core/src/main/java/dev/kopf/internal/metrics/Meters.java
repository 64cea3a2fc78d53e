package dev.kopf.internal.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The operator's meters, by Micrometer's naming conventions: every name and tag is defined
 * here. One instance per operator, made by the facade from the user's registry, or
 * {@link #NOOP} without one: then every method returns at once, allocating nothing, so that
 * an operator without metrics pays nothing measurable.
 *
 * <p>Thread-safe: called from the workers, the watch threads and the HTTP client.
 */
public final class Meters implements AutoCloseable {

    /** Counter of handler calls; tags {@code handler}, {@code resource}, {@code cause},
     *  {@code outcome}. */
    public static final String HANDLER_CALLS = "kopf.handler.calls";
    /** Timer (with a histogram) of handler calls; the same tags. */
    public static final String HANDLER_DURATION = "kopf.handler.duration";
    /** Counter of processed object events; tag {@code resource}. */
    public static final String OBJECTS_PROCESSED = "kopf.objects.processed";
    /** Gauge of objects waiting to be processed; tag {@code resource}. */
    public static final String OBJECTS_PENDING = "kopf.objects.pending";
    /** Gauge of workers processing an object now. */
    public static final String WORKERS_BUSY = "kopf.workers.busy";
    /** Counter of waits for the operator's own patch to come back; tag {@code resource}. */
    public static final String CONSISTENCY_WAITS = "kopf.consistency.waits";
    /** Counter of watch events received; tags {@code resource}, {@code type}. */
    public static final String WATCH_EVENTS = "kopf.watch.events";
    /** Counter of watch requests: the first connect and each reconnect; tag {@code resource}. */
    public static final String WATCH_CONNECTS = "kopf.watch.connects";
    /** Counter of API requests; tags {@code verb}, {@code resource}, {@code code}. */
    public static final String API_REQUESTS = "kopf.api.requests";
    /** Gauge of running daemons. */
    public static final String DAEMONS_RUNNING = "kopf.daemons.running";
    /** Gauge of running timers. */
    public static final String TIMERS_RUNNING = "kopf.timers.running";
    /** Gauge of keys in an index; tag {@code index}. */
    public static final String INDEX_SIZE = "kopf.index.size";
    /** Gauge: 1 while this operator leads (or runs standalone), 0 while it waits. */
    public static final String LEADERSHIP = "kopf.peering.leader";
    /** Gauge of the objects this replica owns in its sharding ring; tag {@code ring}. */
    public static final String SHARDING_OBJECTS = "kopf.sharding.objects";

    /** The meters of an operator without a registry: every call does nothing. */
    public static final Meters NOOP = new Meters(null);

    /** How a handler call ended, as the {@code outcome} tag says it. */
    public enum Outcome {
        /** It returned normally. */
        SUCCESS,
        /** It will be retried: a temporary error. */
        TEMPORARY,
        /** It failed for good: a permanent error, or an error in PERMANENT/IGNORED mode. */
        PERMANENT,
        /** It was not called again: the retries were used up. */
        RETRIES_EXHAUSTED,
        /** It was not called again: its timeout has passed. */
        TIMEOUT;

        private final String tag = name().toLowerCase(Locale.ROOT);

        /**
         * Returns the tag value.
         *
         * @return e.g. {@code retries_exhausted}
         */
        public String tag() {
            return tag;
        }
    }

    private final MeterRegistry registry;
    /** The gauges registered by this operator, removed when it stops; guarded by itself. */
    private final List<Meter> gauges = new ArrayList<>();

    private Meters(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Returns the meters writing to a registry.
     *
     * @param registry the registry, or {@code null} for none
     * @return the meters; {@link #NOOP} without a registry
     */
    public static Meters of(MeterRegistry registry) {
        return registry == null ? NOOP : new Meters(registry);
    }

    /**
     * Tells whether anything is recorded.
     *
     * @return {@code false} for {@link #NOOP}
     */
    public boolean isEnabled() {
        return registry != null;
    }

    /**
     * Returns the start time of a handler call, for {@link #handlerCalled}.
     *
     * @return the registry's monotonic time in nanoseconds; 0 without a registry
     */
    public long startTime() {
        return registry == null ? 0 : registry.config().clock().monotonicTime();
    }

    /**
     * Counts and times one handler call.
     *
     * @param handler the handler id
     * @param resource the resource's name (e.g. {@code kopfexamples.kopf.dev}), or
     *     {@code null} for an activity
     * @param cause the cause's reason (e.g. {@code create}, {@code startup}, {@code daemon})
     * @param outcome how it ended
     * @param started the value of {@link #startTime()} before the call
     */
    public void handlerCalled(String handler, String resource, String cause, Outcome outcome,
            long started) {
        if (registry == null) {
            return;
        }
        String res = resource == null ? "" : resource;
        String because = cause == null ? "" : cause;
        registry.counter(HANDLER_CALLS, "handler", handler, "resource", res, "cause", because,
                "outcome", outcome.tag()).increment();
        Timer.builder(HANDLER_DURATION).tags("handler", handler, "resource", res,
                "cause", because, "outcome", outcome.tag())
                .publishPercentileHistogram().register(registry)
                .record(registry.config().clock().monotonicTime() - started,
                        TimeUnit.NANOSECONDS);
    }

    /**
     * Counts one processed event (or wake-up) of an object.
     *
     * @param resource the resource's name
     */
    public void objectProcessed(String resource) {
        if (registry != null) {
            registry.counter(OBJECTS_PROCESSED, "resource", resource).increment();
        }
    }

    /**
     * Counts one wait for the operator's own patch to be seen in the watch stream.
     *
     * @param resource the resource's name
     */
    public void consistencyWait(String resource) {
        if (registry != null) {
            registry.counter(CONSISTENCY_WAITS, "resource", resource).increment();
        }
    }

    /**
     * Counts one watch event.
     *
     * @param resource the resource's name
     * @param type {@code ADDED}, {@code MODIFIED}, {@code DELETED}, or {@code null} for an
     *     object of a listing ({@code LISTED})
     */
    public void watchEvent(String resource, String type) {
        if (registry != null) {
            registry.counter(WATCH_EVENTS, "resource", resource, "type",
                    type == null ? "LISTED" : type).increment();
        }
    }

    /**
     * Counts one connect (or reconnect) of a watch stream.
     *
     * @param resource the resource's name
     */
    public void watchConnect(String resource) {
        if (registry != null) {
            registry.counter(WATCH_CONNECTS, "resource", resource).increment();
        }
    }

    /**
     * Counts one API request.
     *
     * @param verb Kubernetes' verb: {@code get}, {@code list}, {@code watch}, {@code create},
     *     {@code update}, {@code patch}, {@code delete}
     * @param resource the resource (e.g. {@code kopfexamples}, {@code pods/status})
     * @param code the HTTP status code, or 0 when no response came
     */
    public void apiRequest(String verb, String resource, int code) {
        if (registry != null) {
            registry.counter(API_REQUESTS, "verb", verb, "resource", resource, "code",
                    Integer.toString(code)).increment();
        }
    }

    /**
     * Reports how many workers are busy.
     *
     * @param busy read at each scrape
     */
    public void workersBusy(Supplier<Number> busy) {
        gauge(WORKERS_BUSY, busy);
    }

    /**
     * Reports how many objects of a resource wait to be processed.
     *
     * @param resource the resource's name
     * @param pending read at each scrape
     */
    public void objectsPending(String resource, Supplier<Number> pending) {
        gauge(OBJECTS_PENDING, pending, "resource", resource);
    }

    /**
     * Reports how many daemons and timers run.
     *
     * @param daemons the running daemons, read at each scrape
     * @param timers the running timers, read at each scrape
     */
    public void backgroundRunning(Supplier<Number> daemons, Supplier<Number> timers) {
        gauge(DAEMONS_RUNNING, daemons);
        gauge(TIMERS_RUNNING, timers);
    }

    /**
     * Reports an index's size.
     *
     * @param index the index's handler id
     * @param size its number of keys, read at each scrape
     */
    public void indexSize(String index, Supplier<Number> size) {
        gauge(INDEX_SIZE, size, "index", index);
    }

    /**
     * Reports the coordination state: 1 while this operator works (it holds the leader
     * Lease, or leader election is off, and no peer of higher priority pauses it), 0 while
     * it waits as a standby or is paused.
     *
     * @param leading read at each scrape
     */
    public void leadership(Supplier<Number> leading) {
        gauge(LEADERSHIP, leading);
    }

    /**
     * Registers the gauge of the objects this replica owns in a sharding ring.
     *
     * @param ring the ring's name
     * @param owned read at each scrape
     */
    public void shardObjects(String ring, Supplier<Number> owned) {
        gauge(SHARDING_OBJECTS, owned, "ring", ring);
    }

    private void gauge(String name, Supplier<Number> value, String... tags) {
        if (registry == null) {
            return;
        }
        Gauge gauge = Gauge.builder(name, value).tags(tags).strongReference(true)
                .register(registry);
        synchronized (gauges) {
            gauges.add(gauge);
        }
    }

    /** Removes this operator's gauges, so that a stopped operator reports nothing. */
    @Override
    public void close() {
        if (registry == null) {
            return;
        }
        synchronized (gauges) {
            gauges.forEach(registry::remove);
            gauges.clear();
        }
    }
}
