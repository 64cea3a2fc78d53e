package dev.kopf.internal.intents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.ErrorsMode;
import dev.kopf.Reason;
import dev.kopf.Resource;
import dev.kopf.internal.actions.DefaultContext;
import dev.kopf.internal.actions.HandlerFn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorRegistryTest {

    private static final Resource KEX = new Resource("kopf.dev", "v1", "kopfexamples",
            "KopfExample", true, List.of("kex"), List.of("status"));
    private static final Resource PODS = new Resource("", "v1", "pods", "Pod", true,
            List.of("po"), List.of());
    private static final HandlerFn FN = context -> null;
    private static final Map<String, Object> BODY =
            Map.of("metadata", Map.of("labels", Map.of("app", "web")));

    private static ChangingHandler handler(String id, String selector, Set<Reason> reasons,
            Filters filters, boolean optional) {
        return new ChangingHandler(id, Selector.parse(selector, "", "", "", ""), reasons,
                filters, FN, ErrorsMode.PERMANENT, 3, Duration.ofSeconds(10),
                Duration.ofSeconds(1), "p", optional, false, "Cls." + id + "()");
    }

    private static Filters labels(String... entries) {
        return new Filters(Filters.parseMetaFilters("Label", entries, new ArrayList<>()),
                null, null, null, null, null, null);
    }

    @Test
    void findsHandlersByResource() {
        ChangingHandler create = handler("create", "kex", Set.of(Reason.CREATE), null, false);
        ChangingHandler pods = handler("pods", "pods", Set.of(Reason.UPDATE), null, false);
        WatchingHandler event = new WatchingHandler("event",
                Selector.parse("kopfexamples.kopf.dev", "", "", "", ""), null, FN, null, null,
                "Cls.event()");
        OperatorRegistry registry = new OperatorRegistry(List.of(create, pods), List.of(event));
        assertThat(registry.changingHandlersFor(KEX)).containsExactly(create);
        assertThat(registry.changingHandlersFor(PODS)).containsExactly(pods);
        assertThat(registry.watchingHandlersFor(KEX)).containsExactly(event);
        assertThat(registry.watchingHandlersFor(PODS)).isEmpty();
        assertThat(registry.selectors()).containsExactly(create.selector(), pods.selector(),
                event.selector());
        assertThat(registry.isEmpty()).isFalse();
        assertThat(new OperatorRegistry(List.of(), List.of()).isEmpty()).isTrue();
    }

    @Test
    void requiresTheFinalizerForMatchingMandatoryDeleteHandlers() throws Exception {
        ChangingHandler matching = handler("del", "kex", Set.of(Reason.DELETE), labels("app"),
                false);
        ChangingHandler optional = handler("opt", "kex", Set.of(Reason.DELETE), null, true);
        ChangingHandler filtered = handler("flt", "kex", Set.of(Reason.DELETE), labels("!app"),
                false);
        assertThat(new OperatorRegistry(List.of(matching), List.of())
                .requiresFinalizer(KEX, BODY)).isTrue();
        assertThat(new OperatorRegistry(List.of(matching), List.of())
                .requiresFinalizer(PODS, BODY)).isFalse();
        assertThat(new OperatorRegistry(List.of(optional, filtered), List.of())
                .requiresFinalizer(KEX, BODY)).isFalse();
        assertThat(new OperatorRegistry(List.of(matching), List.of())
                .requiresFinalizer(KEX, BODY, null, Map.of(), handler -> null)).isTrue();
    }

    @Test
    void consultsWhenFiltersInPrematching() throws Exception {
        Filters when = new Filters(null, null, null, null, null, null,
                context -> context.param().equals("yes"));
        ChangingHandler handler = handler("h", "kex", Set.of(Reason.DELETE), when, false);
        OperatorRegistry registry = new OperatorRegistry(List.of(handler), List.of());
        assertThat(registry.prematches(KEX, BODY, null, Map.of(),
                h -> DefaultContext.builder().param("yes").build())).isTrue();
        assertThat(registry.requiresFinalizer(KEX, BODY, null, Map.of(),
                h -> DefaultContext.builder().param("no").build())).isFalse();
    }

    @Test
    void makesSubHandlersWithDefaultOptions() {
        ChangingHandler parent = handler("parent", "kex", Set.of(Reason.UPDATE), labels("app"),
                false);
        HandlerFn child = context -> "child";
        ChangingHandler sub = parent.subhandler("item1", child);
        assertThat(sub.id()).isEqualTo("parent/item1");
        assertThat(sub.fn()).isSameAs(child);
        assertThat(sub.selector()).isEqualTo(parent.selector());
        assertThat(sub.reasons()).containsExactly(Reason.UPDATE);
        assertThat(sub.filters()).isEqualTo(Filters.NONE);
        assertThat(sub.errors()).isEqualTo(ErrorsMode.TEMPORARY);
        assertThat(sub.retries()).isEqualTo(Integer.MAX_VALUE);
        assertThat(sub.timeout()).isNull();
        assertThat(sub.backoff()).isNull();
        assertThat(sub.param()).isEmpty();
    }

    @Test
    void needsFieldChangesOnlyForUpdateAndFieldHandlers() {
        assertThat(handler("u", "kex", Set.of(Reason.UPDATE), null, false).fieldNeedsChange())
                .isTrue();
        assertThat(handler("f", "kex", Set.of(), null, false).fieldNeedsChange()).isTrue();
        assertThat(handler("c", "kex", Set.of(Reason.CREATE), null, false).fieldNeedsChange())
                .isFalse();
        assertThat(handler("f", "kex", Set.of(), null, false).handles(Reason.DELETE)).isTrue();
        assertThat(handler("c", "kex", Set.of(Reason.CREATE), null, false)
                .handles(Reason.UPDATE)).isFalse();
    }
}
