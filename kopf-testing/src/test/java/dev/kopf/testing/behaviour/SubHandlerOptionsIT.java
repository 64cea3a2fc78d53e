package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.await;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static dev.kopf.testing.behaviour.TestCluster.operator;
import static dev.kopf.testing.behaviour.TestCluster.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.Context;
import dev.kopf.ErrorsMode;
import dev.kopf.HandlerOutcome;
import dev.kopf.Kopf;
import dev.kopf.OnCreate;
import dev.kopf.SubHandlerOptions;
import dev.kopf.SubHandlers;
import dev.kopf.TemporaryException;
import dev.kopf.testing.KopfRunner;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sub-handlers with options and filters, and imperative sub-handlers with Kopf.execute. */
class SubHandlerOptionsIT {

    private static final String R = "kopfexamples.kopf.dev";

    @BeforeEach
    @AfterEach
    void clean() {
        TestCluster.deleteAll();
    }

    public static class OptionedSubHandlers {
        @OnCreate(R)
        public void parent(SubHandlers subhandlers) {
            subhandlers.register("flaky", SubHandlerOptions.defaults().retries(2)
                    .backoff(Duration.ofMillis(50)), (Context ctx) -> {
                        throw new IllegalStateException("always broken");
                    });
            subhandlers.register("ignored", SubHandlerOptions.defaults()
                    .errors(ErrorsMode.IGNORED), (Context ctx) -> {
                        throw new IllegalStateException("ignore me");
                    });
            subhandlers.register("unlabelled", SubHandlerOptions.defaults().labels("wanted"),
                    (Context ctx) -> "ran");
            subhandlers.register("whenFalse", SubHandlerOptions.defaults()
                    .when(ctx -> ctx.spec().get("never") != null), (Context ctx) -> "ran");
        }
    }

    @Test
    void subHandlerOptionsAndFiltersApply() throws Exception {
        String name = newName("suboptions");
        try (KopfRunner runner = operator(OptionedSubHandlers.class)) {
            create(name, Map.of("field", "value"));
            assertThat(runner.awaitOutput("[default/" + name
                    + "] Creation is processed: 0 succeeded; 1 failed.", WAIT)).isTrue();
            assertThat(runner.output()).contains("Handler 'parent/flaky' has exceeded 2 retries.")
                    .contains("Handler 'parent/ignored' failed with an exception and will"
                            + " ignore it: ignore me")
                    .doesNotContain("parent/unlabelled").doesNotContain("parent/whenFalse");
            assertThat(runner.outcomes()).filteredOn(o -> o.handlerId().equals("parent/flaky"))
                    .extracting(HandlerOutcome::result).last()
                    .isEqualTo(HandlerOutcome.Result.FAILED);
        }
    }

    public static class ImperativeSubHandlers {
        @OnCreate(R)
        public String parent() {
            Map<String, SubHandlers.Fn> fns = new LinkedHashMap<>();
            fns.put("first", ctx -> "one");
            fns.put("second", ctx -> {
                if (ctx.retry().attempt() == 0) {
                    throw new TemporaryException("Not yet.", Duration.ofMillis(100));
                }
                return "two";
            });
            Kopf.execute(fns);
            return "after";  // only reached once both sub-handlers succeeded
        }
    }

    @Test
    void executeRunsSubHandlersBeforeTheRestOfTheParent() throws Exception {
        String name = newName("execute");
        try (KopfRunner runner = operator(ImperativeSubHandlers.class)) {
            create(name, Map.of("field", "value"));
            assertThat(runner.awaitOutput("[default/" + name
                    + "] Creation is processed: 1 succeeded; 0 failed.", WAIT)).isTrue();
            var object = await(name, o -> status(o, "parent") != null);
            assertThat(status(object, "parent")).isEqualTo("after");
            assertThat(status(object, "parent/first")).isEqualTo("one");
            assertThat(status(object, "parent/second")).isEqualTo("two");
            assertThat(runner.output()).containsOnlyOnce("Handler 'parent/first' succeeded.");
            // As in Kopf, the records of the parent and its sub-handlers are purged at the end.
            @SuppressWarnings("unchecked")
            Map<String, Object> kopf = (Map<String, Object>) status(object, "kopf");
            Object progress = kopf == null ? null : kopf.get("progress");
            assertThat(progress == null || ((Map<?, ?>) progress).isEmpty()).isTrue();
        }
    }
}
