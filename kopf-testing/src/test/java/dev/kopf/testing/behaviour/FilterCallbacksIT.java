package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.await;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static dev.kopf.testing.behaviour.TestCluster.operator;
import static dev.kopf.testing.behaviour.TestCluster.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kopf.HandlerDeclarationException;
import dev.kopf.Kopf;
import dev.kopf.OnCreate;
import dev.kopf.Spec;
import dev.kopf.testing.KopfRunner;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kopf's callable filter values and the not/all/any/none combinators, on annotations. */
class FilterCallbacksIT {

    private static final String R = "kopfexamples.kopf.dev";

    @BeforeEach
    @AfterEach
    void clean() {
        TestCluster.deleteAll();
    }

    public static class CallbackHandlers {
        @OnCreate(value = R, labels = "tier=" + Kopf.CALLBACK + "isGold")
        public String goldLabel() {
            return "yes";
        }

        @OnCreate(value = R, labels = "missing=" + Kopf.CALLBACK + "isGold")
        public String missingLabel() {
            return "yes";
        }

        @OnCreate(value = R, field = "spec.size", fieldValue = Kopf.CALLBACK + "isLarge")
        public String large() {
            return "yes";
        }

        @OnCreate(value = R, field = "spec.size", fieldValue = Kopf.CALLBACK + "not(isLarge)")
        public String small() {
            return "yes";
        }

        @OnCreate(value = R, when = "all(hasSize, not(isPaused))")
        public String running() {
            return "yes";
        }

        @OnCreate(value = R, when = "any(isPaused, none(hasSize))")
        public String idle() {
            return "yes";
        }

        public boolean isGold(String tier) {
            return tier != null && tier.startsWith("gold");
        }

        public boolean isLarge(Integer size) {
            return size != null && size > 10;
        }

        public boolean hasSize(Spec spec) {
            return spec.get("size") != null;
        }

        public boolean isPaused(Spec spec) {
            return Boolean.TRUE.equals(spec.get("paused"));
        }
    }

    @Test
    void callbacksDecideWhichHandlersRun() throws Exception {
        String name = newName("callbacks");
        try (KopfRunner runner = operator(CallbackHandlers.class)) {
            create(name, Map.of("size", 50), Map.of("tier", "gold-1"), Map.of());
            assertThat(runner.awaitOutput("[default/" + name
                    + "] Creation is processed: 4 succeeded; 0 failed.", WAIT)).isTrue();
            @SuppressWarnings("unchecked")
            Map<String, Object> status = (Map<String, Object>) await(name,
                    o -> status(o, "kopf") != null).getAdditionalProperties().get("status");
            // As in Kopf, a changing cause matches when the new or the old value passes: on
            // creation the old size is absent (null), which is not large, so "small" runs.
            assertThat(status.keySet()).filteredOn(key -> !key.equals("kopf"))
                    .containsExactlyInAnyOrder("goldLabel", "large/spec.size",
                            "small/spec.size", "running");
        }
    }

    public static class BadCallbacks {
        @OnCreate(value = R, when = "maybe(isA)")
        public void unknownCombinator() {
        }

        @OnCreate(value = R, field = "spec.size", fieldValue = Kopf.CALLBACK + "isNothing")
        public void missingMethod() {
        }

        @OnCreate(value = R, field = "spec.size", fieldValue = Kopf.CALLBACK + "twoValues")
        public void wrongShape() {
        }

        public boolean twoValues(Object a, Object b) {
            return true;
        }
    }

    @Test
    void badCallbacksAreDeclarationErrors() {
        KopfRunner runner = KopfRunner.builder().client(TestCluster.client())
                .namespaces(TestCluster.NAMESPACE).handlers(BadCallbacks.class).start();
        assertThatThrownBy(runner::close).isInstanceOf(HandlerDeclarationException.class)
                .hasMessageContaining("3 problems")
                .hasMessageContaining("Filter callback \"maybe(isA)\" uses 'maybe(…)'.")
                .hasMessageContaining("Filter callback method 'isNothing' does not exist in")
                .hasMessageContaining("The value filter callback must take one parameter");
    }
}
