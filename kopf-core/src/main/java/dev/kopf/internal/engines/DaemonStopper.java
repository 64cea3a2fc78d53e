package dev.kopf.internal.engines;

import dev.kopf.DaemonStopped;
import dev.kopf.DaemonStoppingReason;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The stop-flag of one daemon or timer, as Kopf's {@code DaemonStopper}: raised once, with
 * the reasons accumulating as the stopping goes through its steps.
 *
 * <p>Raised by {@link Daemons}; read by the daemon's method on its own thread. Thread-safe.
 */
final class DaemonStopper implements DaemonStopped {

    private final CountDownLatch raised = new CountDownLatch(1);
    private final EnumSet<DaemonStoppingReason> reasons =
            EnumSet.noneOf(DaemonStoppingReason.class);
    private DaemonStoppingReason first;

    /**
     * Raises the flag (if not yet) and adds a reason.
     *
     * @param reason why
     */
    void set(DaemonStoppingReason reason) {
        synchronized (reasons) {
            if (first == null) {
                first = reason;
            }
            reasons.add(reason);
        }
        raised.countDown();
    }

    @Override
    public boolean isSet() {
        return raised.getCount() == 0;
    }

    @Override
    public boolean await(Duration timeout) {
        try {
            return raised.await(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            // Only a stopping daemon is interrupted: tell the loop to end, keep the status.
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Override
    public DaemonStoppingReason reason() {
        synchronized (reasons) {
            return first;
        }
    }

    @Override
    public Set<DaemonStoppingReason> reasons() {
        synchronized (reasons) {
            return Collections.unmodifiableSet(reasons.clone());
        }
    }

    @Override
    public String toString() {
        return "DaemonStopped[" + reasons() + "]";
    }
}
