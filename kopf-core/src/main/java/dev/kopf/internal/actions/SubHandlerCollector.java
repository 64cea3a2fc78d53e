package dev.kopf.internal.actions;

import dev.kopf.Context;
import dev.kopf.PermanentException;
import dev.kopf.SubHandlerOptions;
import dev.kopf.SubHandlers;
import dev.kopf.TemporaryException;
import dev.kopf.storage.ProgressRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The sub-handlers of one parent call: those registered to run after the parent returns
 * (Kopf's {@code @kopf.subhandler}), and those run at once by {@code Kopf.execute(...)}
 * (Kopf's {@code kopf.execute}), whose ids join the parent's sub-references either way so
 * that their records are loaded and purged with the parent's.
 *
 * <p>Made by the {@link HandlerExecutor} per parent attempt; runs children through it.
 */
final class SubHandlerCollector implements SubHandlers {

    /** What the collector needs of the executor's cycle. */
    interface Runner {
        <H extends ExecutableHandler> List<H> plan(List<H> handlers);

        ProgressRecord execute(ExecutableHandler handler);

        ProgressRecord current(String id);

        Instant now();
    }

    /**
     * How a group of children stands.
     *
     * @param finished whether all finished
     * @param failed whether any failed
     * @param due when the earliest unfinished one is due, or {@code null}
     */
    record Summary(boolean finished, boolean failed, Instant due) {
    }

    /** Thrown by {@code Kopf.execute} while its sub-handlers are unfinished. */
    static final class ChildrenPending extends TemporaryException {
        private static final long serialVersionUID = 1L;

        ChildrenPending(Duration delay) {
            super("Sub-handlers are unfinished.", delay);
        }
    }

    private final ExecutableHandler parent;
    private final Runner runner;
    final List<ExecutableHandler> registered = new ArrayList<>();
    private final TreeSet<String> refs = new TreeSet<>();
    private List<ExecutableHandler> batch;

    SubHandlerCollector(ExecutableHandler parent, Runner runner) {
        this.parent = parent;
        this.runner = runner;
    }

    @Override
    public void register(String id, Fn fn) {
        register(id, SubHandlerOptions.defaults(), fn);
    }

    @Override
    public void register(String id, SubHandlerOptions options, Fn fn) {
        if (!SubHandlerFilters.matches(options, CurrentContext.get())) {
            return;  // as in Kopf, a sub-handler whose filters do not match does not run
        }
        ExecutableHandler child = parent.subhandler(id, fn::call, options);
        (batch != null ? batch : registered).add(child);
    }

    /**
     * Runs sub-handlers now, within the parent's call, as Kopf's {@code kopf.execute}.
     *
     * @param declare registers the sub-handlers
     * @throws TemporaryException while any is unfinished: the parent is called again
     * @throws PermanentException when any failed
     */
    void executeNow(Consumer<SubHandlers> declare) {
        List<ExecutableHandler> previous = batch;
        batch = new ArrayList<>();
        List<ExecutableHandler> children;
        try {
            declare.accept(this);
            children = batch;
        } finally {
            batch = previous;
        }
        Summary summary = run(children);
        if (!summary.finished()) {
            Duration wait = Duration.between(runner.now(), summary.due());
            throw new ChildrenPending(wait.isNegative() ? Duration.ZERO : wait);
        }
        if (summary.failed()) {
            throw new PermanentException("One or more sub-handlers failed.");
        }
    }

    /**
     * Runs the due children as the lifecycle plans and sums up all of them.
     *
     * @param children the children
     * @return how they stand
     */
    Summary run(List<ExecutableHandler> children) {
        for (ExecutableHandler child : runner.plan(children)) {
            runner.execute(child);
        }
        boolean finished = true;
        boolean failed = false;
        Instant due = null;
        for (ExecutableHandler child : children) {
            ProgressRecord record = runner.current(child.id());
            refs.add(child.id());
            Instant when = runner.now();
            if (record != null) {
                refs.addAll(record.subrefs());
                failed |= record.failure();
                if (record.isFinished()) {
                    continue;
                }
                when = record.delayed() == null ? when : record.delayed();
            }
            finished = false;
            due = due == null || when.isBefore(due) ? when : due;
        }
        return new Summary(finished, failed, due);
    }

    /**
     * Returns the parent's sub-references: the stored ones and every child's of this call.
     *
     * @param previous the stored references
     * @return the union, sorted
     */
    List<String> refs(List<String> previous) {
        TreeSet<String> all = new TreeSet<>(previous);
        all.addAll(refs);
        return List.copyOf(all);
    }

    /**
     * Runs sub-handlers now for the handler whose context this is.
     *
     * @param context the current handler's context
     * @param declare registers the sub-handlers
     * @throws IllegalStateException outside of a changing handler
     */
    static void executeNow(Context context, Consumer<SubHandlers> declare) {
        if (context == null || !(context.subhandlers() instanceof SubHandlerCollector collector)) {
            throw new IllegalStateException("Kopf.execute() runs sub-handlers of a changing"
                    + " handler, so it works only inside one (@OnCreate, @OnUpdate, @OnDelete,"
                    + " @OnResume, @OnField).");
        }
        collector.executeNow(declare);
    }

    /**
     * Runs functions as sub-handlers now; see {@link #executeNow(Context, Consumer)}.
     *
     * @param context the current handler's context
     * @param fns the functions by child id, in order
     */
    static void executeNow(Context context, Map<String, Fn> fns) {
        executeNow(context, subs -> fns.forEach(subs::register));
    }
}
