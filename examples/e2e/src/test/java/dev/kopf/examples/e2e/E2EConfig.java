package dev.kopf.examples.e2e;

import java.util.List;
import java.util.Map;

/**
 * The knobs of one example in the end-to-end test: Kopf's {@code E2EConfig}, plus checks of
 * our own.
 *
 * <p>Where Kopf sleeps up to a time limit until a stop word appears, this test waits for
 * every stop word, which must appear, because each proves a state (see {@link Examples}).
 * Kopf's cleanup stop words ({@code Hung tasks}, {@code Root tasks}) have no counterpart:
 * {@code KopfRunner.close()} returns once the operator has stopped.
 *
 * @param example the folder under {@code examples/}, e.g. {@code 01-minimal}
 * @param ownTest the example's own test that replaces this one (as in Kopf, where examples
 *     with a {@code test_*.py} are not run here), or {@code null}
 * @param allowStackTraces whether stack traces may appear in the output (Kopf's
 *     {@code allow_tracebacks})
 * @param startupStopWords lines to wait for once the operator is ready
 * @param creationStopWords lines to wait for after the object is created; {@code null} for
 *     the default, {@code Creation is processed:} when the example has creation handlers
 * @param deletionStopWords lines to wait for once the object is gone; {@code null} for the
 *     default, {@code Deleted, really deleted} when the example has changing handlers
 * @param successCounts how often each handler id must succeed; {@code null} for "every
 *     handler that succeeds does so exactly once"; an empty map for no check
 * @param failureCounts how often each handler id must fail for good; {@code null} for none
 * @param setup what the example needs before the operator starts, or {@code null}
 * @param afterCreation checks while the created object exists, or {@code null}
 * @param afterRun checks of the finished run, or {@code null}
 */
record E2EConfig(String example, String ownTest, boolean allowStackTraces,
        List<String> startupStopWords, List<String> creationStopWords,
        List<String> deletionStopWords, Map<String, Integer> successCounts,
        Map<String, Integer> failureCounts, Setup setup, Check afterCreation,
        Check afterRun) {

    /** A check of a run, given what it needs. */
    @FunctionalInterface
    interface Check {
        void verify(ExampleRun run) throws Exception;
    }

    /** Prepares the cluster or the process for an example; the result undoes it. */
    @FunctionalInterface
    interface Setup {
        AutoCloseable prepare(ExampleRun.Cluster cluster) throws Exception;
    }

    static E2EConfig of(String example) {
        return new E2EConfig(example, null, false, List.of(), null, null, null, null, null,
                null, null);
    }

    E2EConfig withSetup(Setup value) {
        return new E2EConfig(example, ownTest, allowStackTraces, startupStopWords,
                creationStopWords, deletionStopWords, successCounts, failureCounts, value,
                afterCreation, afterRun);
    }

    E2EConfig withOwnTest(String test) {
        return new E2EConfig(example, test, allowStackTraces, startupStopWords,
                creationStopWords, deletionStopWords, successCounts, failureCounts,
                setup, afterCreation, afterRun);
    }

    E2EConfig withStackTraces() {
        return new E2EConfig(example, ownTest, true, startupStopWords, creationStopWords,
                deletionStopWords, successCounts, failureCounts, setup, afterCreation, afterRun);
    }

    E2EConfig withStartupStopWords(String... words) {
        return new E2EConfig(example, ownTest, allowStackTraces, List.of(words),
                creationStopWords, deletionStopWords, successCounts, failureCounts,
                setup, afterCreation, afterRun);
    }

    E2EConfig withCreationStopWords(String... words) {
        return new E2EConfig(example, ownTest, allowStackTraces, startupStopWords,
                List.of(words), deletionStopWords, successCounts, failureCounts,
                setup, afterCreation, afterRun);
    }

    E2EConfig withDeletionStopWords(String... words) {
        return new E2EConfig(example, ownTest, allowStackTraces, startupStopWords,
                creationStopWords, List.of(words), successCounts, failureCounts,
                setup, afterCreation, afterRun);
    }

    E2EConfig withSuccessCounts(Map<String, Integer> counts) {
        return new E2EConfig(example, ownTest, allowStackTraces, startupStopWords,
                creationStopWords, deletionStopWords, Map.copyOf(counts), failureCounts,
                setup, afterCreation, afterRun);
    }

    E2EConfig withFailureCounts(Map<String, Integer> counts) {
        return new E2EConfig(example, ownTest, allowStackTraces, startupStopWords,
                creationStopWords, deletionStopWords, successCounts, Map.copyOf(counts),
                setup, afterCreation, afterRun);
    }

    E2EConfig withAfterCreation(Check check) {
        return new E2EConfig(example, ownTest, allowStackTraces, startupStopWords,
                creationStopWords, deletionStopWords, successCounts, failureCounts, setup, check,
                afterRun);
    }

    E2EConfig withAfterRun(Check check) {
        return new E2EConfig(example, ownTest, allowStackTraces, startupStopWords,
                creationStopWords, deletionStopWords, successCounts, failureCounts,
                setup, afterCreation, check);
    }

    @Override
    public String toString() {
        return example;
    }
}
