package dev.kopf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.cli.RunRecords.Run;
import dev.kopf.cli.handlers.ChaosHandlers;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite's SIGKILL storm (issue 13): 300 objects × 3 handlers, the operator process
 * killed 6–10 times at seeded moments (a number of finished handler runs) and started again.
 * Judged by the objects and the handlers' own records: everything ends done, nothing whose
 * success was stored runs again, and the duplicate runs (a success not yet written when the
 * kill came) are counted and printed. {@code -Dkopf.chaos.seed=N} repeats a storm.
 */
@Tag("chaos")
class SigkillStormIT {
    private static final int OBJECTS = 300;
    /** Runs per object when nothing is killed: three successes and one temporary failure. */
    private static final int RUNS_PER_OBJECT = 4;

    @TempDir
    Path temp;

    @Test
    void progressSurvivesRepeatedSigkills() throws Exception {
        long seed = Long.getLong("kopf.chaos.seed", System.nanoTime());
        Random random = new Random(seed);
        List<Long> moments = killMoments(random);
        System.out.printf("SIGKILL storm: seed %d (-Dkopf.chaos.seed=%d), %d kills after %s "
                + "finished runs.%n", seed, seed, moments.size(), moments);
        Path classes = ClassFolders.of(temp.resolve("classes"), ChaosHandlers.class);
        RunRecords records = new RunRecords(temp);
        List<Set<String>> storedBeforeKill = new ArrayList<>();
        int processes;
        try (ChaosCluster cluster = ChaosCluster.open(temp, "chaos-storm")) {
            ChaosObjects objects = new ChaosObjects(cluster);
            objects.create("storm", OBJECTS);
            try (ChaosOperators operators = new ChaosOperators(cluster, classes, records)) {
                for (long moment : moments) {
                    OperatorProcess operator = operators.start(Map.of());
                    int started = operators.started();
                    ChaosObjects.await(moment + " finished runs (" + operator.output() + ")",
                            () -> records.ends(started) >= moment || !operator.isAlive());
                    assertThat(operator.isAlive()).as(operator.output()).isTrue();
                    storedBeforeKill.add(objects.storedSuccesses());
                    operator.kill();
                }
                OperatorProcess last = operators.start(Map.of());
                ChaosObjects.await("every object done", objects::allDone);
                last.terminate();
                assertThat(last.awaitExit(60)).as(last.output()).isZero();

                List<GenericKubernetesResource> all = objects.list();
                assertThat(all).hasSize(OBJECTS).allMatch(ChaosObjects::isDone);
                processes = operators.started();
            }
        }

        List<Run> runs = records.read(processes);
        // Nothing whose success was stored before a kill starts in a later process.
        for (int kill = 0; kill < storedBeforeKill.size(); kill++) {
            int killed = kill;
            Set<String> stored = storedBeforeKill.get(kill);
            assertThat(runs).filteredOn(run -> run.process() > killed && run.isStart())
                    .as("runs after kill %d of handlers whose success was stored", kill)
                    .noneMatch(run -> stored.contains(run.key()));
        }
        // Every handler succeeded, once per process at most: a repeat needs a kill.
        Map<String, List<Integer>> successes = new HashMap<>();
        runs.stream().filter(Run::isSuccess).forEach(run -> successes
                .computeIfAbsent(run.key(), key -> new ArrayList<>()).add(run.process()));
        assertThat(successes).hasSize(OBJECTS * ChaosObjects.HANDLERS.size());
        assertThat(successes.values()).allSatisfy(inProcesses ->
                assertThat(inProcesses).doesNotHaveDuplicates());
        int duplicates = successes.values().stream().mapToInt(p -> p.size() - 1).sum();
        long interrupted = runs.stream().filter(Run::isStart).count()
                - runs.stream().filter(run -> !run.isStart()).count();
        long repeated = successes.values().stream().filter(p -> p.size() > 1).count();
        System.out.printf("SIGKILL storm: seed %d, %d kills, %d handler runs (%d cut by a "
                + "kill), %d duplicate successes (%d handlers of %d objects ran to success "
                + "more than once).%n", seed, moments.size(),
                runs.stream().filter(Run::isStart).count(), interrupted, duplicates, repeated,
                successes.entrySet().stream().filter(e -> e.getValue().size() > 1)
                        .map(e -> e.getKey().split("/")[0]).distinct().count());
    }

    /** 6–10 distinct moments, as numbers of finished runs, within the storm's runs. */
    private static List<Long> killMoments(Random random) {
        int kills = 6 + random.nextInt(5);
        long total = (long) OBJECTS * RUNS_PER_OBJECT;
        TreeSet<Long> moments = new TreeSet<>();
        while (moments.size() < kills) {
            moments.add(total / 20 + random.nextInt((int) (total * 9 / 10)));
        }
        return List.copyOf(moments);
    }
}
