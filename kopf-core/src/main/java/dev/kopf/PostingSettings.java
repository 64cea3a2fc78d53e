package dev.kopf;

import java.util.List;

/**
 * How Kubernetes Events are posted.
 *
 * <p>The {@code posting} group of {@link OperatorSettings}, changed with
 * {@link OperatorSettings.Builder#posting}.
 *
 * @param enabled whether events are posted at all
 * @param loggers whether per-object log lines at {@code level} and above become Events
 *     (off by default since Kopf 1.41)
 * @param level the lowest level posted: {@code DEBUG}, {@code INFO}, {@code WARN},
 *     {@code ERROR}
 * @param reportingComponent the Event's {@code reportingComponent}
 * @param reportingInstance the Event's {@code reportingInstance}
 * @param eventNamePrefix the Event's {@code generateName}
 * @since 0.1
 */
public record PostingSettings(boolean enabled, boolean loggers, String level,
        String reportingComponent, String reportingInstance, String eventNamePrefix) {

    /** Validates the level. */
    public PostingSettings {
        if (!List.of("DEBUG", "INFO", "WARN", "ERROR").contains(level)) {
            throw new IllegalArgumentException("posting.level must be DEBUG, INFO, WARN"
                    + " or ERROR: " + level);
        }
    }

    /**
     * Returns a copy with events on or off.
     *
     * @param value whether to post
     * @return a new group
     */
    public PostingSettings withEnabled(boolean value) {
        return new PostingSettings(value, loggers, level, reportingComponent, reportingInstance,
                eventNamePrefix);
    }

    /**
     * Returns a copy with the log-to-Event bridge on or off.
     *
     * @param value whether per-object log lines are posted
     * @return a new group
     */
    public PostingSettings withLoggers(boolean value) {
        return new PostingSettings(enabled, value, level, reportingComponent, reportingInstance,
                eventNamePrefix);
    }

    /**
     * Returns a copy with another level.
     *
     * @param value {@code DEBUG}, {@code INFO}, {@code WARN} or {@code ERROR}
     * @return a new group
     */
    public PostingSettings withLevel(String value) {
        return new PostingSettings(enabled, loggers, value, reportingComponent, reportingInstance,
                eventNamePrefix);
    }

    /**
     * Returns a copy with another reporting component and instance.
     *
     * @param component the Event's {@code reportingComponent}
     * @param instance the Event's {@code reportingInstance}
     * @return a new group
     */
    public PostingSettings withReporting(String component, String instance) {
        return new PostingSettings(enabled, loggers, level, component, instance, eventNamePrefix);
    }

    /**
     * Returns a copy with another Event name prefix.
     *
     * @param value the Event's {@code generateName}
     * @return a new group
     */
    public PostingSettings withEventNamePrefix(String value) {
        return new PostingSettings(enabled, loggers, level, reportingComponent, reportingInstance,
                value);
    }
}
