package dev.kopf.internal.logging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/**
 * Creates and keeps one {@link KopfLogger} per name, and refreshes their thresholds when the
 * configuration or the level-sinks change, so that a disabled level costs one field read.
 */
final class KopfLoggerFactory implements ILoggerFactory {

    private final Map<String, KopfLogger> loggers = new ConcurrentHashMap<>();

    @Override
    public Logger getLogger(String name) {
        KopfLogger logger = loggers.get(name);
        if (logger != null) {
            return logger;
        }
        // Under the same lock as refresh(), so that a concurrent configure() cannot leave a
        // new logger with a stale threshold.
        synchronized (this) {
            return loggers.computeIfAbsent(name,
                    key -> new KopfLogger(key, LogBackend.thresholdFor(key)));
        }
    }

    synchronized void refresh() {
        for (KopfLogger logger : loggers.values()) {
            logger.threshold(LogBackend.thresholdFor(logger.getName()));
        }
    }
}
