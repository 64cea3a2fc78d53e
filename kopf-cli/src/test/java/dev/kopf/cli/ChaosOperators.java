package dev.kopf.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator processes of one chaos test, started one after another on the same
 * cluster, namespace and handler classes, each recording its handlers' runs to its own file of the
 * {@link RunRecords}; closing kills whatever still runs.
 */
final class ChaosOperators implements AutoCloseable {
    private final ChaosCluster cluster;
    private final Path classes;
    private final RunRecords records;
    private final List<OperatorProcess> processes = new ArrayList<>();

    ChaosOperators(ChaosCluster cluster, Path classes, RunRecords records) {
        this.cluster = cluster;
        this.classes = classes;
        this.records = records;
    }

    /** Starts the next process, with extra environment for the handlers. */
    OperatorProcess start(Map<String, String> env) throws IOException {
        Map<String, String> all = new HashMap<>(env);
        all.put("KOPF_CHAOS_RECORDS", records.file(processes.size()).toString());
        OperatorProcess operator = OperatorProcess.start(cluster.kubeconfig(),
                cluster.namespace(), classes, all);
        processes.add(operator);
        return operator;
    }

    /** How many processes were started; also the number of records files. */
    int started() {
        return processes.size();
    }

    @Override
    public void close() {
        OperatorProcess.killAll(processes);
    }
}
