package dev.kopf.internal.engines;

import dev.kopf.BackgroundSettings;
import dev.kopf.internal.actions.Applier;
import dev.kopf.internal.actions.HandlerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the daemons engine and its tasks use, shared by all of them: made once by the reactor.
 *
 * @param executor runs the handlers and turns their outcomes into records
 * @param applier writes results and patches to the objects
 * @param clock the clock
 * @param scheduler wakes timers and drives the stopping steps; never runs handlers
 * @param threads runs daemons, one thread each (virtual on Java 21+, a bounded pool on 17)
 * @param workers runs timer calls
 * @param poster posts Kubernetes Events for handlers that ask, or {@code null}
 * @param settings the background settings
 * @param poolSize the size of {@code threads} on Java 17; 0 when threads are virtual
 * @param exitTimeout how long daemons without a cancellation timeout are given at operator
 *     exit before they are abandoned ({@code queueing.exitTimeout})
 */
public record BackgroundServices(HandlerExecutor executor, Applier applier, Clock clock,
        ScheduledExecutorService scheduler, ExecutorService threads, ExecutorService workers,
        EventPoster poster, BackgroundSettings settings, int poolSize,
        Duration exitTimeout) {
}
