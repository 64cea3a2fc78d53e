package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.await;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.mergePatch;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static dev.kopf.testing.behaviour.TestCluster.operator;
import static dev.kopf.testing.behaviour.TestCluster.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.Context;
import dev.kopf.Kopf;
import dev.kopf.OnCreate;
import dev.kopf.OnUpdate;
import dev.kopf.Spec;
import dev.kopf.SubHandlers;
import dev.kopf.testing.KopfRunner;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Filters of every kind, Kopf's stealth rule, and sub-handlers. */
class FiltersIT {

    @BeforeEach
    @AfterEach
    void clean() {
        TestCluster.deleteAll();
    }

    public static class FilteredHandlers {
        @OnCreate(value = "kopfexamples.kopf.dev", labels = "somelabel=somevalue")
        public String labelValue() {
            return "yes";
        }

        @OnCreate(value = "kopfexamples.kopf.dev", labels = "somelabel=othervalue")
        public String labelWrongValue() {
            return "yes";
        }

        @OnCreate(value = "kopfexamples.kopf.dev", labels = "somelabel")
        public String labelPresent() {
            return "yes";
        }

        @OnCreate(value = "kopfexamples.kopf.dev", labels = "!somelabel")
        public String labelAbsent() {
            return "yes";
        }

        @OnCreate(value = "kopfexamples.kopf.dev", annotations = "someannotation=somevalue")
        public String annotationValue() {
            return "yes";
        }

        @OnCreate(value = "kopfexamples.kopf.dev", annotations = "!someannotation")
        public String annotationAbsent() {
            return "yes";
        }

        @OnCreate(value = "kopfexamples.kopf.dev", field = "spec.field", fieldValue = "value")
        public String fieldValue() {
            return "yes";
        }

        @OnCreate(value = "kopfexamples.kopf.dev", field = "spec.field", fieldValue = "other")
        public String fieldWrongValue() {
            return "yes";
        }

        @OnCreate(value = "kopfexamples.kopf.dev", field = "spec.missing",
                fieldValue = Kopf.ABSENT)
        public String fieldAbsent() {
            return "yes";
        }

        @OnCreate(value = "kopfexamples.kopf.dev", when = "isWanted")
        public String whenTrue() {
            return "yes";
        }

        @OnCreate(value = "kopfexamples.kopf.dev", when = "isUnwanted")
        public String whenFalse() {
            return "yes";
        }

        public boolean isWanted(Spec spec) {
            return "value".equals(spec.get("field"));
        }

        public boolean isUnwanted(Spec spec) {
            return !isWanted(spec);
        }
    }

    @Test
    void onlyHandlersWhoseFiltersMatchRun() throws Exception {
        String name = newName("filters");
        try (KopfRunner runner = operator(FilteredHandlers.class)) {
            create(name, Map.of("field", "value"), Map.of("somelabel", "somevalue"),
                    Map.of("someannotation", "somevalue"));
            assertThat(runner.awaitOutput("[default/" + name
                    + "] Creation is processed: 6 succeeded; 0 failed.", WAIT)).isTrue();
            GenericKubernetesResource object = await(name, o -> status(o, "kopf") != null);
            @SuppressWarnings("unchecked")
            Map<String, Object> status =
                    (Map<String, Object>) object.getAdditionalProperties().get("status");
            List<String> ran = status.keySet().stream().filter(k -> !k.equals("kopf"))
                    .sorted().collect(Collectors.toList());
            // As in Kopf, a handler with a field filter gets the field appended to its id.
            assertThat(ran).containsExactly("annotationValue", "fieldAbsent/spec.missing",
                    "fieldValue/spec.field", "labelPresent", "labelValue", "whenTrue");
        }
    }

    public static class StealthHandlers {
        @OnCreate(value = "kopfexamples.kopf.dev", labels = "wanted=yes")
        public String createFn() {
            return "created";
        }

        @OnUpdate(value = "kopfexamples.kopf.dev", labels = "wanted=yes")
        public String updateFn() {
            return "updated";
        }
    }

    @Test
    void anObjectThatStartsMatchingCountsAsCreated() throws Exception {
        String name = newName("stealth");
        try (KopfRunner runner = operator(StealthHandlers.class)) {
            create(name, Map.of("field", "value"));
            mergePatch(name, "{\"metadata\":{\"labels\":{\"wanted\":\"yes\"}}}");
            GenericKubernetesResource object = await(name, o -> status(o, "createFn") != null);
            assertThat(status(object, "createFn")).isEqualTo("created");
            assertThat(status(object, "updateFn")).isNull();
            assertThat(runner.output()).doesNotContain("[default/" + name + "] Updating");
        }
    }

    public static class ParentHandlers {
        @OnCreate("kopfexamples.kopf.dev")
        public void createFn(Spec spec, SubHandlers subhandlers) {
            for (Object item : (List<?>) spec.get("items")) {
                subhandlers.register(item.toString(), (Context ctx) -> {
                    ctx.logger().info("Handling {}.", item);
                    return Map.of("item", item);
                });
            }
        }
    }

    @Test
    void subHandlersRunUnderParentSlashChildIds() throws Exception {
        String name = newName("sub");
        try (KopfRunner runner = operator(ParentHandlers.class)) {
            create(name, Map.of("items", List.of("item1", "item2")));
            GenericKubernetesResource object = await(name,
                    o -> status(o, "createFn/item2") != null);
            assertThat(status(object, "createFn/item1")).isEqualTo(Map.of("item", "item1"));
            assertThat(status(object, "createFn/item2")).isEqualTo(Map.of("item", "item2"));
            assertThat(runner.awaitOutput("[default/" + name
                    + "] Creation is processed: 1 succeeded; 0 failed.", WAIT)).isTrue();
            assertThat(runner.output()).contains("Handler 'createFn/item1' succeeded.",
                    "Handler 'createFn/item2' succeeded.", "Handler 'createFn' succeeded.");
        }
    }
}
