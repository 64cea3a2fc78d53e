package dev.kopf;

import java.time.Duration;
import java.util.List;

/**
 * How per-object workers are run.
 *
 * <p>The {@code queueing} group of {@link OperatorSettings}, changed with
 * {@link OperatorSettings.Builder#queueing}.
 *
 * @param workerLimit the most objects processed at once; 0 for no limit
 * @param idleTimeout has no effect: an idle worker holds no thread (Kopf ends idle
 *     worker tasks after this time)
 * @param exitTimeout how long workers are given to finish at exit
 * @param errorDelays seconds between retries of a worker's unexpected errors
 * @since 0.1
 */
public record QueueingSettings(int workerLimit, Duration idleTimeout, Duration exitTimeout,
        List<Integer> errorDelays) {

    /** Copies the delays. */
    public QueueingSettings {
        errorDelays = List.copyOf(errorDelays);
        if (workerLimit < 0) {
            throw new IllegalArgumentException("queueing.workerLimit must be >= 0: "
                    + workerLimit);
        }
    }

    /**
     * Returns a copy with another worker limit.
     *
     * @param value the limit; 0 for none
     * @return a new group
     */
    public QueueingSettings withWorkerLimit(int value) {
        return new QueueingSettings(value, idleTimeout, exitTimeout, errorDelays);
    }

    /**
     * Returns a copy with another exit timeout.
     *
     * @param value how long running handlers may finish at exit
     * @return a new group
     */
    public QueueingSettings withExitTimeout(Duration value) {
        return new QueueingSettings(workerLimit, idleTimeout, value, errorDelays);
    }

    /**
     * Returns a copy with other error delays.
     *
     * @param value seconds between retries of unexpected processing errors
     * @return a new group
     */
    public QueueingSettings withErrorDelays(List<Integer> value) {
        return new QueueingSettings(workerLimit, idleTimeout, exitTimeout, value);
    }
}
