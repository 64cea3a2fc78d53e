package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.await;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.mergePatch;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static dev.kopf.testing.behaviour.TestCluster.operator;
import static dev.kopf.testing.behaviour.TestCluster.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.ErrorsMode;
import dev.kopf.Index;
import dev.kopf.IndexOf;
import dev.kopf.IndexView;
import dev.kopf.Meta;
import dev.kopf.OnCreate;
import dev.kopf.OnUpdate;
import dev.kopf.Spec;
import dev.kopf.testing.KopfRunner;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Errors in index handlers, as Kopf's: IGNORED keeps the object's previous entries,
 * PERMANENT removes them and excludes the object from the index from then on. The changing
 * handlers report what they see, since an event is indexed before they run.
 */
class IndexErrorsIT {

    @BeforeEach
    @AfterEach
    void clean() {
        TestCluster.deleteAll();
    }

    static Map<String, String> entry(Spec spec, Meta meta) {
        if (Boolean.TRUE.equals(spec.get("fail"))) {
            throw new IllegalStateException("Cannot index this.");
        }
        return Map.of(String.valueOf(spec.get("field")), meta.name());
    }

    static Map<String, List<String>> snapshot(IndexView<String, String> index) {
        Map<String, List<String>> copy = new TreeMap<>();
        index.asMap().forEach((key, names) -> copy.put(key, names.stream().sorted().toList()));
        return copy;
    }

    public static class IgnoredErrors {
        @Index(value = "kopfexamples.kopf.dev", errors = ErrorsMode.IGNORED)
        public Map<String, String> byField(Spec spec, Meta meta) {
            return entry(spec, meta);
        }

        @OnCreate("kopfexamples.kopf.dev")
        public Map<String, List<String>> created(
                @IndexOf("byField") IndexView<String, String> index) {
            return snapshot(index);
        }

        @OnUpdate("kopfexamples.kopf.dev")
        public Map<String, List<String>> updated(
                @IndexOf("byField") IndexView<String, String> index) {
            return snapshot(index);
        }
    }

    @Test
    void anIgnoredErrorKeepsThePreviousEntries() throws Exception {
        String name = newName("ignored");
        try (KopfRunner runner = operator(IgnoredErrors.class)) {
            create(name, Map.of("field", "x"));
            await(name, o -> status(o, "created") != null);
            mergePatch(name, "{\"spec\":{\"field\":\"y\",\"fail\":true}}");

            var object = await(name, o -> status(o, "updated") != null);

            assertThat(status(object, "created")).isEqualTo(Map.of("x", List.of(name)));
            assertThat(status(object, "updated")).isEqualTo(Map.of("x", List.of(name)));
            assertThat(runner.output()).contains("[default/" + name + "] Indexer 'byField' "
                    + "failed with an exception and will ignore it: Cannot index this.");
        }
    }

    public static class PermanentErrors {
        @Index(value = "kopfexamples.kopf.dev", errors = ErrorsMode.PERMANENT)
        public Map<String, String> byField(Spec spec, Meta meta) {
            return entry(spec, meta);
        }

        @OnCreate("kopfexamples.kopf.dev")
        public Map<String, List<String>> created(
                @IndexOf("byField") IndexView<String, String> index) {
            return snapshot(index);
        }

        @OnUpdate("kopfexamples.kopf.dev")
        public Map<String, Object> updated(Spec spec,
                @IndexOf("byField") IndexView<String, String> index) {
            return Map.of("field", spec.get("field"), "index", snapshot(index));
        }
    }

    @Test
    void aPermanentErrorExcludesTheObjectFromTheIndex() throws Exception {
        String name = newName("permanent");
        try (KopfRunner runner = operator(PermanentErrors.class)) {
            create(name, Map.of("field", "x"));
            await(name, o -> status(o, "created") != null);
            mergePatch(name, "{\"spec\":{\"field\":\"y\",\"fail\":true}}");
            var failed = await(name, o -> status(o, "updated") instanceof Map<?, ?> m
                    && "y".equals(m.get("field")));
            // A good change later does not bring it back: the handler is not called again.
            mergePatch(name, "{\"spec\":{\"field\":\"z\",\"fail\":false}}");
            var later = await(name, o -> status(o, "updated") instanceof Map<?, ?> m
                    && "z".equals(m.get("field")));

            assertThat(status(failed, "created")).isEqualTo(Map.of("x", List.of(name)));
            assertThat(status(failed, "updated")).isEqualTo(Map.of("field", "y",
                    "index", Map.of()));
            assertThat(status(later, "updated")).isEqualTo(Map.of("field", "z",
                    "index", Map.of()));
            assertThat(Logs.count(runner.output(), "[default/" + name + "] Indexer 'byField' "
                    + "failed with an exception and will stop now: Cannot index this."))
                    .isEqualTo(1);
        }
    }
}
