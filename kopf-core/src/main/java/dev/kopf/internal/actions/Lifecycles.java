package dev.kopf.internal.actions;

import dev.kopf.Lifecycle;
import dev.kopf.storage.ProgressRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Plans which due handlers run in a cycle, as Kopf's {@code lifecycles.py}: given the due
 * handlers (unfinished, not sleeping) in declaration order, returns those to run, in order.
 *
 * <p>Used by the {@link HandlerExecutor} for handlers and sub-handlers alike.
 */
final class Lifecycles {

    private Lifecycles() {
    }

    static <H extends ExecutableHandler> List<H> plan(Lifecycle lifecycle, List<H> due,
            Map<String, ProgressRecord> state, Random random) {
        if (due.isEmpty()) {
            return due;
        }
        return switch (lifecycle) {
            case ALL_AT_ONCE -> due;
            case ONE_BY_ONE -> due.subList(0, 1);
            case RANDOMIZED -> List.of(due.get(random.nextInt(due.size())));
            case SHUFFLED -> {
                List<H> shuffled = new ArrayList<>(due);
                Collections.shuffle(shuffled, random);
                yield shuffled;
            }
            case ASAP -> List.of(due.stream().min(Comparator.comparingInt(
                    (H handler) -> retries(state.get(handler.id())))).orElseThrow());
        };
    }

    private static int retries(ProgressRecord record) {
        return record == null ? 0 : record.retries();
    }
}
