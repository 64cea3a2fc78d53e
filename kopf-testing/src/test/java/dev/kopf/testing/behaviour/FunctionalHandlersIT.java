package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.await;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.mergePatch;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static dev.kopf.testing.behaviour.TestCluster.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kopf.Diff;
import dev.kopf.HandlerDeclarationException;
import dev.kopf.HandlerRegistry;
import dev.kopf.Patch;
import dev.kopf.Spec;
import dev.kopf.testing.KopfRunner;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Handlers registered as functions through {@link HandlerRegistry}. */
class FunctionalHandlersIT {

    private static final String RESOURCE = "kopfexamples.kopf.dev";

    @BeforeEach
    @AfterEach
    void clean() {
        TestCluster.deleteAll();
    }

    public String created(Spec spec) {
        return "by reference: " + spec.get("field");
    }

    @Test
    void aLambdaGetsTheValuesOfItsDeclaredTypes() throws Exception {
        String name = newName("lambda");
        HandlerRegistry registry = new HandlerRegistry();
        registry.onCreate(RESOURCE, (Spec spec, Patch patch) -> {
            patch.status().put("seen", spec.get("field"));
            return null;
        });
        registry.onCreate(RESOURCE, this::created);
        try (KopfRunner runner = HandlerSourcesIT.start(KopfRunner.builder()
                .handlers(registry))) {
            create(name, Map.of("field", "value"));
            var object = await(name, o -> status(o, "seen") != null
                    && status(o, "created") != null);
            assertThat(status(object, "seen")).isEqualTo("value");
            // A method reference has the id of its method, as an annotated method.
            assertThat(status(object, "created")).isEqualTo("by reference: value");
        }
    }

    @Test
    void optionsAndValueCallbacksWorkAsTheAnnotations() throws Exception {
        String name = newName("options");
        HandlerRegistry registry = new HandlerRegistry();
        registry.onUpdate(RESOURCE).id("grown").field("spec.size")
                .newValue(value -> value instanceof Number n && n.intValue() > 10)
                .label("tier", value -> value != null && value.startsWith("gold"))
                .handle((Diff diff) -> "grew");
        registry.onUpdate(RESOURCE).id("any").handle((Spec spec) -> spec.get("size"));
        // Updates need a handled creation first; this one marks it.
        registry.onCreate(RESOURCE).id("created").handle(() -> "yes");
        try (KopfRunner runner = HandlerSourcesIT.start(KopfRunner.builder()
                .handlers(registry))) {
            create(name, Map.of("size", 1), Map.of("tier", "gold-1"), Map.of());
            await(name, o -> status(o, "created") != null);
            mergePatch(name, "{\"spec\":{\"size\":5}}");
            var small = await(name, o -> Integer.valueOf(5).equals(status(o, "any")));
            assertThat(status(small, "grown/spec.size")).isNull();
            mergePatch(name, "{\"spec\":{\"size\":50}}");
            var object = await(name, o -> status(o, "grown/spec.size") != null);
            assertThat(status(object, "grown/spec.size")).isEqualTo("grew");
            assertThat(runner.outcomes()).filteredOn(o -> o.handlerId().equals("grown/spec.size"))
                    .hasSize(1);
        }
    }

    @Test
    void badRegistrationsAreReportedWithTheAnnotatedOnes() throws Exception {
        HandlerRegistry registry = new HandlerRegistry();
        registry.onCreate(RESOURCE).interval(Duration.ofSeconds(1)).handle((Spec spec) -> null);
        registry.onCreate(RESOURCE).id("clock").handle((Clock clock) -> null);
        KopfRunner runner = KopfRunner.builder().client(TestCluster.client())
                .namespaces(TestCluster.NAMESPACE).handlers(registry).start();
        assertThatThrownBy(runner::close).isInstanceOf(HandlerDeclarationException.class)
                .hasMessageContaining("2 problems")
                .hasMessageContaining("@OnCreate has no option 'interval'.")
                .hasMessageContaining("Cannot inject parameter #1 of type java.time.Clock.")
                .hasMessageContaining("at registry.onCreate(\"" + RESOURCE
                        + "\") with a lambda in " + FunctionalHandlersIT.class.getName());
    }
}
