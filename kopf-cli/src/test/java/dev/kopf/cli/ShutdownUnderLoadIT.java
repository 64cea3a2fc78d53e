package dev.kopf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.cli.RunRecords.Run;
import dev.kopf.cli.handlers.ChaosHandlers;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite's shutdown under load (issue 13): SIGTERM while 500 objects are in flight,
 * the retry of one handler held until the process ends, so that only
 * {@code queueing.exitTimeout} can end it. The process exits when that timeout cuts the
 * running handlers off, loses none of the progress stored before the signal, and the next
 * start finishes every object without running again what was stored.
 */
@Tag("chaos")
class ShutdownUnderLoadIT {
    private static final int OBJECTS = 500;
    private static final long EXIT_TIMEOUT_MS = 1000;

    @TempDir
    Path temp;

    @Test
    void sigtermWithObjectsInFlightExitsWithinTheExitTimeoutAndTheNextStartFinishes()
            throws Exception {
        Path classes = ClassFolders.of(temp.resolve("classes"), ChaosHandlers.class);
        RunRecords records = new RunRecords(temp);
        try (ChaosCluster cluster = ChaosCluster.open(temp, "chaos-shutdown")) {
            ChaosObjects objects = new ChaosObjects(cluster);
            objects.create("load", OBJECTS);

            try (ChaosOperators operators = new ChaosOperators(cluster, classes, records)) {
                OperatorProcess loaded = operators.start(Map.of(
                        "KOPF_CHAOS_HOLD", ChaosHandlers.HELD,
                        "KOPF_CHAOS_EXIT_TIMEOUT_MS", String.valueOf(EXIT_TIMEOUT_MS)));
                // In flight: objects whose first cycle is stored have the retry of the held
                // handler running, until the process exits; the others wait for a worker.
                ChaosObjects.await("a held retry to start", () -> records.read(1).stream()
                        .filter(r -> r.isStart() && r.handler().equals(ChaosHandlers.HELD))
                        .collect(Collectors.groupingBy(Run::name, Collectors.counting()))
                        .containsValue(2L));
                Set<String> storedBeforeTerm = objects.storedSuccesses();
                int startedBeforeTerm =
                        (int) records.read(1).stream().filter(Run::isStart).count();
                long signalled = System.nanoTime();
                loaded.terminate();
                Integer exitCode = loaded.awaitExit(ChaosObjects.WAIT.toSeconds());
                long exitMillis = (System.nanoTime() - signalled) / 1_000_000;
                assertThat(exitCode).as(loaded.output()).isZero();
                // The exit timeout, not the handlers, decided when the process ended: the held
                // runs never ended.
                List<Run> first = records.read(1);
                long cutOff = first.stream().filter(Run::isStart).count()
                        - first.stream().filter(run -> !run.isStart()).count();
                assertThat(cutOff).isPositive();

                Set<String> storedAtExit = objects.storedSuccesses();
                assertThat(storedBeforeTerm).isNotEmpty();
                assertThat(storedAtExit).containsAll(storedBeforeTerm);
                assertThat(objects.allDone()).isFalse();

                OperatorProcess next = operators.start(Map.of());
                ChaosObjects.await("every object done", objects::allDone);
                next.terminate();
                assertThat(next.awaitExit(60)).as(next.output()).isZero();

                List<Run> resumed = records.read(2).stream().filter(run -> run.process() == 1)
                        .toList();
                assertThat(resumed).filteredOn(Run::isStart)
                        .noneMatch(run -> storedAtExit.contains(run.key()));
                Set<String> unwritten = new HashSet<>();
                records.read(1).stream().filter(Run::isSuccess).map(Run::key)
                        .filter(key -> !storedAtExit.contains(key)).forEach(unwritten::add);
                System.out.printf("Shutdown under load: SIGTERM with %d runs started and %d "
                        + "successes stored; exited with 0 after %d ms (exitTimeout %d ms, "
                        + "handler '%s' held); %d runs cut off at the exit; %d successes ended "
                        + "but were not written and ran again; the next start ran %d handlers.%n",
                        startedBeforeTerm, storedBeforeTerm.size(), exitMillis, EXIT_TIMEOUT_MS,
                        ChaosHandlers.HELD, cutOff, unwritten.size(),
                        resumed.stream().filter(Run::isStart).count());
            }
        }
    }
}
