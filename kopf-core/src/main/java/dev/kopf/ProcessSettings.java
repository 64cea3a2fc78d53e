package dev.kopf;

import java.time.Duration;

/**
 * How the operator's process exits.
 *
 * <p>The {@code process} group of {@link OperatorSettings}, changed with
 * {@link OperatorSettings.Builder#process}.
 *
 * @param ultimateExitingTimeout how long {@code kopf run} waits for a graceful stop after
 *     SIGTERM or Ctrl-C before the JVM exits anyway
 * @since 0.1
 */
public record ProcessSettings(Duration ultimateExitingTimeout) {

    /**
     * Returns a copy with another ultimate exiting timeout.
     *
     * @param value the timeout
     * @return a new group
     */
    public ProcessSettings withUltimateExitingTimeout(Duration value) {
        return new ProcessSettings(value);
    }
}
