package dev.kopf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.cli.RunRecords.Run;
import dev.kopf.cli.handlers.ChaosHandlers;
import dev.kopf.testing.EmbeddedKubernetes;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite's shutdown under load (issue 13): SIGTERM while 500 objects are in flight,
 * their handlers each taking longer than {@code queueing.exitTimeout}. The process exits when
 * that timeout cuts the running handlers off (not when they end), loses none of the
 * progress stored before the signal, and the next start finishes every object without
 * running again what was stored.
 */
@Tag("chaos")
class ShutdownUnderLoadIT {
    private static final int OBJECTS = 500;
    private static final long WORK_MS = 1500;
    private static final long EXIT_TIMEOUT_MS = 1000;

    @TempDir
    Path temp;

    private final List<OperatorProcess> processes = new ArrayList<>();

    @AfterEach
    void killAll() {
        OperatorProcess.killAll(processes);
    }

    @Test
    void sigtermWithObjectsInFlightExitsWithinTheExitTimeoutAndTheNextStartFinishes()
            throws Exception {
        Path classes = ClassFolders.of(temp.resolve("classes"), ChaosHandlers.class);
        RunRecords records = new RunRecords(temp);
        try (EmbeddedKubernetes server = EmbeddedKubernetes.start();
                KubernetesClient client = server.newClient()) {
            ChaosObjects objects = new ChaosObjects(server, client);
            objects.create("load", OBJECTS);
            Path kubeconfig = server.writeKubeconfig(temp.resolve("kubeconfig"));

            OperatorProcess loaded = start(kubeconfig, classes, records, Map.of(
                    "KOPF_CHAOS_WORK_MS", String.valueOf(WORK_MS),
                    "KOPF_CHAOS_EXIT_TIMEOUT_MS", String.valueOf(EXIT_TIMEOUT_MS)));
            // In flight: every object's first handler has ended, and more runs have started.
            ChaosObjects.await("the first handler of every object to end", () ->
                    records.read(1).stream().filter(r -> !r.isStart()).count() >= OBJECTS);
            Set<String> storedBeforeTerm = objects.storedSuccesses();
            int startedBeforeTerm = (int) records.read(1).stream().filter(Run::isStart).count();
            long signalled = System.nanoTime();
            loaded.terminate();
            Integer exitCode = loaded.awaitExit(ChaosObjects.WAIT.toSeconds());
            long exitMillis = (System.nanoTime() - signalled) / 1_000_000;
            assertThat(exitCode).as(loaded.output()).isZero();
            // The exit timeout, not the handlers, decided when the process ended: runs that
            // were still going at the exit never ended.
            List<Run> first = records.read(1);
            long cutOff = first.stream().filter(Run::isStart).count()
                    - first.stream().filter(run -> !run.isStart()).count();
            assertThat(cutOff).isPositive();

            Set<String> storedAtExit = objects.storedSuccesses();
            assertThat(storedAtExit).containsAll(storedBeforeTerm);
            assertThat(objects.allDone()).isFalse();

            start(kubeconfig, classes, records, Map.of());
            ChaosObjects.await("every object done", objects::allDone);
            processes.get(1).terminate();
            assertThat(processes.get(1).awaitExit(60)).isZero();

            List<Run> resumed = records.read(2).stream().filter(run -> run.process() == 1)
                    .toList();
            assertThat(resumed).filteredOn(Run::isStart)
                    .noneMatch(run -> storedAtExit.contains(run.key()));
            Set<String> unwritten = new HashSet<>();
            records.read(1).stream().filter(Run::isSuccess).map(Run::key)
                    .filter(key -> !storedAtExit.contains(key)).forEach(unwritten::add);
            System.out.printf("Shutdown under load: SIGTERM with %d runs started and %d "
                    + "successes stored; exited with 0 after %d ms (exitTimeout %d ms, "
                    + "handlers of %d ms); %d runs cut off at the exit; %d successes ended "
                    + "but were not written and ran again; the next start ran %d handlers.%n",
                    startedBeforeTerm, storedBeforeTerm.size(), exitMillis, EXIT_TIMEOUT_MS,
                    WORK_MS, cutOff, unwritten.size(),
                    resumed.stream().filter(Run::isStart).count());
        }
    }

    private OperatorProcess start(Path kubeconfig, Path classes, RunRecords records,
            Map<String, String> env) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("KOPF_CHAOS_RECORDS", records.file(processes.size()).toString());
        OperatorProcess operator = OperatorProcess.start(kubeconfig, classes, all);
        processes.add(operator);
        return operator;
    }
}
