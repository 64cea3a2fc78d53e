package dev.kopf.internal.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kopf.Body;
import dev.kopf.Context;
import dev.kopf.Diff;
import dev.kopf.DiffItem;
import dev.kopf.Memo;
import dev.kopf.Meta;
import dev.kopf.New;
import dev.kopf.Old;
import dev.kopf.Param;
import dev.kopf.Patch;
import dev.kopf.RawEvent;
import dev.kopf.Reason;
import dev.kopf.Resource;
import dev.kopf.Retry;
import dev.kopf.Spec;
import dev.kopf.Status;
import dev.kopf.SubHandlers;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class InvokerTest {

    private static final Map<String, Object> BODY = Map.of(
            "apiVersion", "v1", "kind", "Pod",
            "metadata", Map.of("name", "pod1", "namespace", "ns1"),
            "spec", Map.of("nodeName", "node1", "unknownField", 1),
            "status", Map.of("phase", "Running"));

    private static final Logger LOGGER = LoggerFactory.getLogger("test");

    private final Patch patch = new Patch();
    private final Memo memo = new Memo();
    private final Retry retry = new Retry(2, Instant.EPOCH, Duration.ofSeconds(5));
    private final Resource resource =
            new Resource("", "v1", "pods", "Pod", true, List.of("po"), List.of("status"));
    private final Diff diff = new Diff(List.of(
            new DiffItem(DiffItem.Op.CHANGE, List.of("spec", "size"), 1, 2)));
    private final SubHandlers subhandlers = (id, fn) -> { };
    private final RawEvent event = new RawEvent("MODIFIED", BODY);

    private DefaultContext context() {
        return DefaultContext.builder().body(new Body(BODY)).patch(patch).diff(diff)
                .oldValue(Map.of("size", 1, "name", "old")).newValue(Map.of("size", 2))
                .reason(Reason.UPDATE).logger(LOGGER).memo(memo).retry(retry).event(event)
                .resource(resource).client(null).param("p1").handlerId("fn")
                .subhandlers(subhandlers).build();
    }

    public static class Handlers {
        public Object[] everything(Body body, Spec spec, Meta meta, Status status, Patch patch,
                Diff diff, Reason reason, Logger logger, Memo memo, Retry retry,
                Resource resource, KubernetesClient client, Context context,
                SubHandlers subhandlers, @Old Object old, @New Object nu, @Param String param) {
            return new Object[] {body, spec, meta, status, patch, diff, reason, logger, memo,
                    retry, resource, client, context, subhandlers, old, nu, param};
        }

        public Object[] event(RawEvent event, Body body, Patch patch, Logger logger,
                Resource resource, Context context, @Param String param) {
            return new Object[] {event, body, patch, logger, resource, context, param};
        }

        public Pod pod(Pod pod) {
            return pod;
        }

        public SizeRecord record(@New SizeRecord size) {
            return size;
        }

        public SizePojo pojo(@Old SizePojo size) {
            return size;
        }

        public Object[] scalars(@Old Map<String, Object> old, @New String nu) {
            return new Object[] {old, nu};
        }

        public static String staticOne(@Param String param) {
            return "static " + param;
        }

        public void nothing() {
        }

        public void checked() throws IOException {
            throw new IOException("disk full");
        }

        public void unchecked() {
            throw new IllegalStateException("broken");
        }

        public boolean isReady(Spec spec) {
            return spec.get("nodeName") != null;
        }

        public void badTypes(Spec spec, Clock clock, Map<String, Object> map) {
        }

        public void badEvent(Diff diff, @Old Object old, Retry retry, SubHandlers sub) {
        }

        public void badQualifiers(@Old int size, @Old @New Object both, @Param int number,
                @New Spec spec) {
        }

        public void repeated(Spec first, Spec second, @Old Object old, @New Object nu) {
        }

        public void partOfModel(PodSpec spec) {
        }

        public String notBoolean(Spec spec) {
            return "yes";
        }
    }

    public record SizeRecord(int size) {
    }

    public static class SizePojo {
        public int size;
        public String name;
    }

    private static Method method(String name) {
        return Arrays.stream(Handlers.class.getMethods())
                .filter(method -> method.getName().equals(name)).findFirst().orElseThrow();
    }

    private static HandlerFn bind(String name, Invoker.Kind kind) {
        List<String> problems = new ArrayList<>();
        HandlerFn fn = Invoker.bind(method(name), new Handlers(), kind, problems);
        assertThat(problems).isEmpty();
        return fn;
    }

    private static List<String> problems(String name, Invoker.Kind kind) {
        List<String> problems = new ArrayList<>();
        assertThat(Invoker.bind(method(name), new Handlers(), kind, problems)).isNull();
        return problems;
    }

    @Test
    void injectsEveryTypeIntoChangingHandlers() throws Exception {
        DefaultContext context = context();
        Object[] values = (Object[]) bind("everything", Invoker.Kind.CHANGING).call(context);
        assertThat(values).containsExactly(new Body(BODY), new Spec(Map.of("nodeName", "node1",
                "unknownField", 1)), context.meta(), context.status(), patch, diff,
                Reason.UPDATE, LOGGER, memo, retry, resource, null, context, subhandlers,
                Map.of("size", 1, "name", "old"), Map.of("size", 2), "p1");
    }

    @Test
    void injectsEventValuesIntoEventHandlers() throws Exception {
        DefaultContext context = context();
        Object[] values = (Object[]) bind("event", Invoker.Kind.EVENT).call(context);
        assertThat(values).containsExactly(event, new Body(BODY), patch, LOGGER, resource,
                context, "p1");
    }

    @Test
    void convertsTheBodyToFabric8Models() throws Exception {
        Pod pod = (Pod) bind("pod", Invoker.Kind.CHANGING).call(context());
        assertThat(pod.getMetadata().getName()).isEqualTo("pod1");
        assertThat(pod.getSpec().getNodeName()).isEqualTo("node1");
    }

    @Test
    void convertsOldAndNewValuesToTheParameterTypes() throws Exception {
        assertThat(bind("record", Invoker.Kind.CHANGING).call(context()))
                .isEqualTo(new SizeRecord(2));
        SizePojo pojo = (SizePojo) bind("pojo", Invoker.Kind.CHANGING).call(context());
        assertThat(pojo.size).isEqualTo(1);
        assertThat(pojo.name).isEqualTo("old");
        Object[] scalars = (Object[]) bind("scalars", Invoker.Kind.CHANGING).call(context());
        assertThat(scalars).containsExactly(Map.of("size", 1, "name", "old"), "{\"size\":2}");
    }

    @Test
    void passesAbsentValuesAsNull() throws Exception {
        DefaultContext context = context().toBuilder().oldValue(null).newValue(null).build();
        assertThat(bind("record", Invoker.Kind.CHANGING).call(context)).isNull();
        assertThat(bind("pojo", Invoker.Kind.CHANGING).call(context)).isNull();
    }

    @Test
    void callsStaticMethodsWithoutAnInstance() throws Exception {
        List<String> problems = new ArrayList<>();
        HandlerFn fn = Invoker.bind(method("staticOne"), null, Invoker.Kind.CHANGING, problems);
        assertThat(fn.call(context())).isEqualTo("static p1");
    }

    @Test
    void returnsNullForVoidMethods() throws Exception {
        assertThat(bind("nothing", Invoker.Kind.CHANGING).call(context())).isNull();
    }

    @Test
    void bindsWhenFiltersReturningBooleans() throws Exception {
        assertThat(bind("isReady", Invoker.Kind.WHEN_CHANGING).call(context())).isEqualTo(true);
    }

    @Test
    void propagatesCheckedExceptionsUnwrapped() {
        HandlerFn fn = bind("checked", Invoker.Kind.CHANGING);
        assertThatThrownBy(() -> fn.call(context()))
                .isExactlyInstanceOf(IOException.class).hasMessage("disk full");
    }

    @Test
    void propagatesUncheckedExceptionsUnwrapped() {
        HandlerFn fn = bind("unchecked", Invoker.Kind.CHANGING);
        assertThatThrownBy(() -> fn.call(context()))
                .isExactlyInstanceOf(IllegalStateException.class).hasMessage("broken");
    }

    @Test
    void reportsTypesThatCannotBeInjected() {
        assertThat(problems("badTypes", Invoker.Kind.CHANGING)).containsExactly(
                "Cannot inject parameter #2 of type java.time.Clock. Injectable types for"
                        + " changing handlers: " + Invoker.injectableTypes(Invoker.Kind.CHANGING)
                        + ".",
                "Cannot inject parameter #3 of type java.util.Map. Qualify old and new values"
                        + " with @Old or @New, the param with @Param. Injectable types for"
                        + " changing handlers: " + Invoker.injectableTypes(Invoker.Kind.CHANGING)
                        + ".");
    }

    @Test
    void listsTheInjectableTypesOfEachKind() {
        assertThat(Invoker.injectableTypes(Invoker.Kind.CHANGING)).isEqualTo("Body, Spec, Meta,"
                + " Status, Patch, Diff, Reason, Logger, Memo, Retry, Resource, KubernetesClient,"
                + " Context, SubHandlers, @Old/@New values, @Param values, @IndexOf IndexView,"
                + " or a fabric8 model class (HasMetadata)");
        assertThat(Invoker.injectableTypes(Invoker.Kind.EVENT)).isEqualTo("Body, Spec, Meta,"
                + " Status, Patch, Logger, Memo, RawEvent, Resource, KubernetesClient, Context,"
                + " @Param values, @IndexOf IndexView, or a fabric8 model class (HasMetadata)");
    }

    @Test
    void reportsChangingValuesInEventHandlers() {
        String types = " Injectable types for event handlers: "
                + Invoker.injectableTypes(Invoker.Kind.EVENT) + ".";
        assertThat(problems("badEvent", Invoker.Kind.EVENT)).containsExactly(
                "Cannot inject parameter #1 of type Diff into event handlers." + types,
                "@Old parameter #2 is not available to event handlers: they have no old and"
                        + " new values.",
                "Cannot inject parameter #3 of type Retry into event handlers." + types,
                "Cannot inject parameter #4 of type SubHandlers into event handlers." + types);
    }

    @ParameterizedTest
    @EnumSource(value = Invoker.Kind.class, names = {"WHEN_CHANGING", "WHEN_EVENT"})
    void reportsSubHandlersAndRetriesInWhenFilters(Invoker.Kind kind) {
        assertThat(problems("badEvent", kind))
                .anyMatch(problem -> problem.startsWith("Cannot inject parameter #3 of type"
                        + " Retry into when-filters"))
                .anyMatch(problem -> problem.startsWith("Cannot inject parameter #4 of type"
                        + " SubHandlers into when-filters"));
    }

    @Test
    void reportsMisusedQualifiers() {
        assertThat(problems("badQualifiers", Invoker.Kind.CHANGING)).containsExactly(
                "@Old parameter #1 has the primitive type int, which cannot hold an absent"
                        + " value. Use Integer.",
                "Parameter #2 has more than one of @Old, @New, @Param and @IndexOf. Use one"
                        + " qualifier per parameter.",
                "@New cannot qualify parameter #4 of type Spec. Use Object, Map, String, a"
                        + " number, or a class of your own.");
    }

    @Test
    void reportsRepeatedUnqualifiedTypes() {
        assertThat(problems("repeated", Invoker.Kind.CHANGING)).containsExactly(
                "Parameter #2 repeats the type Spec of parameter #1. Ask for each type once;"
                        + " tell values apart with @Old or @New.");
    }

    @Test
    void explainsThatPartsOfModelsAreNotConverted() {
        assertThat(problems("partOfModel", Invoker.Kind.CHANGING)).singleElement()
                .asString().startsWith("Cannot inject parameter #1 of type"
                        + " io.fabric8.kubernetes.api.model.PodSpec. Only whole objects"
                        + " (HasMetadata) are converted; for a part, use"
                        + " spec.as(PodSpec.class).");
    }

    @Test
    void reportsWhenFiltersThatDoNotReturnBooleans() {
        assertThat(problems("notBoolean", Invoker.Kind.WHEN_EVENT))
                .containsExactly("The when-filter must return boolean, not java.lang.String.");
    }

    @Test
    void checksWithoutBinding() {
        List<String> problems = new ArrayList<>();
        Invoker.check(method("badTypes"), Invoker.Kind.CHANGING, problems);
        assertThat(problems).hasSize(2);
    }
}
