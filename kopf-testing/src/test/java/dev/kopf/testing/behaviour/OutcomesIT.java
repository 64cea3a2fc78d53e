package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.await;
import static dev.kopf.testing.behaviour.TestCluster.client;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static dev.kopf.testing.behaviour.TestCluster.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.kopf.HandlerOutcome;
import dev.kopf.Operator;
import dev.kopf.Reason;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Handler outcomes are observable through the embedding API, without parsing logs. */
class OutcomesIT {

    @BeforeEach
    @AfterEach
    void clean() {
        TestCluster.deleteAll();
    }

    @Test
    void everyAttemptIsReportedToOutcomeListeners() throws Exception {
        String name = newName("outcomes");
        List<HandlerOutcome> outcomes = new CopyOnWriteArrayList<>();
        try (Operator operator = Operator.builder().client(client())
                .handlers(RetriesIT.TemporaryHandlers.class).namespaces(List.of("default"))
                .settings(TestCluster.fastSettings()).outcomeListener(outcomes::add).build()) {
            operator.start();
            assertThat(operator.awaitReady(WAIT)).isTrue();
            create(name, Map.of("field", "value"));
            await(name, o -> status(o, "createFn") != null);
        }
        assertThat(outcomes).filteredOn(o -> o.name().equals(name))
                .extracting(HandlerOutcome::handlerId, HandlerOutcome::reason,
                        HandlerOutcome::result, HandlerOutcome::attempt,
                        HandlerOutcome::message)
                .containsExactly(
                        tuple("createFn", Reason.CREATE, HandlerOutcome.Result.RETRYING, 0,
                                "Not yet."),
                        tuple("createFn", Reason.CREATE, HandlerOutcome.Result.RETRYING, 1,
                                "Not yet."),
                        tuple("createFn", Reason.CREATE, HandlerOutcome.Result.SUCCEEDED, 2,
                                null));
    }
}
