package dev.kopf.spring;

import dev.kopf.Operator;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the operator when the application context has started and stops it when the
 * context closes, before the beans its handlers use are destroyed: the last phase to start,
 * the first to stop.
 */
final class OperatorLifecycle implements SmartLifecycle {

    private final Operator operator;
    private volatile boolean running;

    OperatorLifecycle(Operator operator) {
        this.operator = operator;
    }

    @Override
    public void start() {
        operator.start();
        running = true;
    }

    @Override
    public void stop() {
        try {
            operator.stop();
        } finally {
            running = false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
