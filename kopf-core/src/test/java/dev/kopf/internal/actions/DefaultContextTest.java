package dev.kopf.internal.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.Body;
import dev.kopf.Memo;
import dev.kopf.Patch;
import dev.kopf.Reason;
import dev.kopf.Retry;
import dev.kopf.SubHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class DefaultContextTest {

    private final Body body = new Body(Map.of("metadata", Map.of("name", "obj1"),
            "spec", Map.of("size", 1), "status", Map.of("phase", "ok")));

    @Test
    void buildsWithEveryValueAndViewsOfTheBody() {
        Patch patch = new Patch();
        Memo memo = new Memo();
        DefaultContext context = DefaultContext.builder().body(body).patch(patch).memo(memo)
                .reason(Reason.CREATE).handlerId("createFn").param("p").build();
        assertThat(context.body()).isSameAs(body);
        assertThat(context.spec().get("size")).isEqualTo(1);
        assertThat(context.meta().name()).isEqualTo("obj1");
        assertThat(context.status().get("phase")).isEqualTo("ok");
        assertThat(context.patch()).isSameAs(patch);
        assertThat(context.memo()).isSameAs(memo);
        assertThat(context.reason()).isEqualTo(Reason.CREATE);
        assertThat(context.diff()).isNull();
        assertThat(context.event()).isNull();
        assertThat(context).hasToString(
                "DefaultContext[handlerId=createFn, reason=CREATE, resource=null, name=obj1]");
    }

    @Test
    void defaultsToAnEmptyParamAndNullViewsWithoutABody() {
        DefaultContext context = DefaultContext.builder().build();
        assertThat(context.param()).isEmpty();
        assertThat(context.spec()).isNull();
        assertThat(context.meta()).isNull();
        assertThat(context.status()).isNull();
    }

    @Test
    void copiesWithOneValueChanged() {
        Logger logger = LoggerFactory.getLogger("other");
        Retry retry = new Retry(1, Instant.EPOCH, Duration.ofSeconds(3));
        SubHandlers subhandlers = (id, fn) -> { };
        DefaultContext parent = DefaultContext.builder().body(body).handlerId("parent")
                .param("p").build();
        DefaultContext child = parent.withHandlerId("parent/child").withRetry(retry)
                .withSubhandlers(subhandlers).withLogger(logger).withParam("");
        assertThat(child.handlerId()).isEqualTo("parent/child");
        assertThat(child.retry()).isSameAs(retry);
        assertThat(child.subhandlers()).isSameAs(subhandlers);
        assertThat(child.logger()).isSameAs(logger);
        assertThat(child.param()).isEmpty();
        assertThat(child.body()).isSameAs(body);
        assertThat(parent.handlerId()).isEqualTo("parent");
        assertThat(parent.retry()).isNull();
    }
}
