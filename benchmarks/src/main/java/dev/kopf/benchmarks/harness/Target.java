package dev.kopf.benchmarks.harness;

import java.nio.file.Path;

/**
 * Where the operators run against: a fresh embedded API server in its own process for every
 * run (the default), or the cluster of a kubeconfig, cleaned between runs.
 */
interface Target extends AutoCloseable {

    /** Prepares a clean cluster for the next run: no benchmark objects, the CRD present. */
    void reset() throws Exception;

    /** The kubeconfig that the harness and the operator processes use. */
    Path kubeconfig();

    /** Whether {@link #calls()} works: only the embedded server counts requests. */
    boolean countsCalls();

    /** The requests answered since the last {@link #clearCalls()}; {@code null} if not counted. */
    ServerCalls calls() throws Exception;

    void clearCalls() throws Exception;

    String description();

    @Override
    void close();
}
