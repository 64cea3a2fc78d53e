package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.await;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.example;
import static dev.kopf.testing.behaviour.TestCluster.mergePatch;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static dev.kopf.testing.behaviour.TestCluster.operator;
import static dev.kopf.testing.behaviour.TestCluster.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.OnUpdate;
import dev.kopf.Param;
import dev.kopf.Patch;
import dev.kopf.testing.KopfRunner;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Patch transformations (Kopf's patch.fns) and typed params. */
class PatchFunctionsIT {

    @BeforeEach
    @AfterEach
    void clean() {
        TestCluster.deleteAll();
    }

    public enum Tier { GOLD, SILVER }

    public record Sizing(int replicas, Tier tier) {
    }

    public static class ConditionHandlers {
        /** Updates need a handled creation first; this one marks it. */
        @dev.kopf.OnCreate("kopfexamples.kopf.dev")
        public String created() {
            return "yes";
        }

        @OnUpdate(value = "kopfexamples.kopf.dev", field = "spec.step", param = "2")
        public void grow(@Param int count, Patch patch) {
            for (int i = 0; i < count; i++) {
                patch.append("status.conditions", Map.of("type", "Step" + i));
            }
        }

        @OnUpdate(value = "kopfexamples.kopf.dev", field = "spec.step", id = "sized",
                param = "{\"replicas\": 3, \"tier\": \"GOLD\"}")
        public String sized(@Param Sizing sizing) {
            return sizing.tier() + "x" + sizing.replicas();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void appendedItemsKeepWhatTheListHolds() throws Exception {
        String name = newName("append");
        try (KopfRunner runner = operator(ConditionHandlers.class)) {
            create(name, Map.of("step", 0));
            await(name, o -> status(o, "created") != null);
            // Someone else's condition, written before the handler runs.
            example(name).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"status\":{\"conditions\":[{\"type\":\"External\"}]}}");
            mergePatch(name, "{\"spec\":{\"step\":1}}");
            var object = await(name, o -> status(o, "conditions") instanceof List<?> list
                    && list.size() == 3);
            assertThat((List<Object>) status(object, "conditions")).containsExactly(
                    Map.of("type", "External"), Map.of("type", "Step0"), Map.of("type", "Step1"));
            assertThat(status(await(name, o -> status(o, "sized/spec.step") != null),
                    "sized/spec.step")).isEqualTo("GOLDx3");
        }
    }
}
