package dev.kopf.internal.reactor;

import dev.kopf.DaemonStoppingReason;
import dev.kopf.Resource;
import dev.kopf.internal.actions.ObjectLogger;
import dev.kopf.internal.engines.Daemons;
import dev.kopf.internal.sharding.Sharding;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers' gate of a sharded replica, in front of the {@link ResourceProcessor}: an
 * object the sharder drains is handed over (its daemons and timers stopped, its index
 * entries dropped, its assignment released) instead of handled; an object that left this
 * replica's selector is forgotten without being treated as deleted. Since each object's
 * events are processed one at a time, a running handler always finishes, and its progress
 * is written, before the handover starts.
 */
final class ShardedProcessing implements ObjectQueue.Processor {

    private static final Logger logger = LoggerFactory.getLogger("kopf.sharding.handover");

    private final Sharding sharding;
    private final ObjectQueue.Processor delegate;
    private final LowLevelProcessing low;
    private final Daemons daemons;
    private final Function<Map<String, Object>, ObjectLogger> loggers;
    private final Clock clock;

    ShardedProcessing(Sharding sharding, ObjectQueue.Processor delegate, LowLevelProcessing low,
            Daemons daemons, Function<Map<String, Object>, ObjectLogger> loggers, Clock clock) {
        this.sharding = sharding;
        this.delegate = delegate;
        this.low = low;
        this.daemons = daemons;
        this.loggers = loggers;
        this.clock = clock;
    }

    /**
     * Wraps a processor if sharding is on.
     *
     * @return the processor itself when off
     */
    static ObjectQueue.Processor wrap(Sharding sharding, ObjectQueue.Processor delegate,
            LowLevelProcessing low, Daemons daemons,
            Function<Map<String, Object>, ObjectLogger> loggers, Clock clock) {
        return sharding.isEnabled()
                ? new ShardedProcessing(sharding, delegate, low, daemons, loggers, clock)
                : delegate;
    }

    @Override
    public ResourceProcessor.Result process(Resource resource, ObjectMemory memory, String type,
            Map<String, Object> body) {
        if ("DELETED".equals(type)) {
            // The label-selector watch says DELETED also when the object only moved away
            // (with its last state, still labelled ours): the API tells which.
            if (sharding.stillExists(resource, body)) {
                return leave(resource, memory, body);
            }
            sharding.track(ObjectQueue.key(resource, body), false);
            return delegate.process(resource, memory, type, body);
        }
        return switch (sharding.ownership(body)) {
            case OURS -> {
                sharding.track(ObjectQueue.key(resource, body), true);
                yield delegate.process(resource, memory, type, body);
            }
            case DRAINING -> handOver(resource, memory, body);
            case OTHERS -> leave(resource, memory, body);
        };
    }

    private ResourceProcessor.Result handOver(Resource resource, ObjectMemory memory,
            Map<String, Object> body) {
        if (memory.daemons != null
                && !daemons.stopAll(memory.daemons, DaemonStoppingReason.OPERATOR_PAUSING)) {
            // Their exit pokes the object; the wake-up is a fallback.
            return new ResourceProcessor.Result(clock.instant().plusSeconds(1), null, false);
        }
        low.indexResource(resource, memory, true, body, loggers.apply(body));
        boolean released = sharding.release(resource, body);
        sharding.track(ObjectQueue.key(resource, body), false);
        if (released) {
            logger.debug("{} {}/{} is handed over to {}.", resource.plural(), namespace(body),
                    name(body), sharding.nextOwner(body));
        }
        return ResourceProcessor.Result.FORGET;
    }

    // Not a deletion: no deletion handlers, no finalizer, no event handlers; only what this
    // replica kept of the object goes.
    private ResourceProcessor.Result leave(Resource resource, ObjectMemory memory,
            Map<String, Object> body) {
        if (memory.daemons != null) {
            daemons.stopAll(memory.daemons, DaemonStoppingReason.OPERATOR_PAUSING);
        }
        low.indexResource(resource, memory, true, body, loggers.apply(body));
        sharding.track(ObjectQueue.key(resource, body), false);
        logger.debug("{} {}/{} has left this replica's shard.", resource.plural(),
                namespace(body), name(body));
        return ResourceProcessor.Result.FORGET;
    }

    private static Object namespace(Map<String, Object> body) {
        return ((Map<?, ?>) body.get("metadata")).get("namespace");
    }

    private static Object name(Map<String, Object> body) {
        return ((Map<?, ?>) body.get("metadata")).get("name");
    }
}
