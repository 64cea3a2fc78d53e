package dev.kopf.internal.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.Memo;
import dev.kopf.OnCreate;
import dev.kopf.OperatorSettings;
import dev.kopf.Resource;
import dev.kopf.WebhookServer;
import dev.kopf.internal.discovery.HandlerDiscovery;
import dev.kopf.internal.discovery.OperatorInjectables;
import dev.kopf.internal.intents.OperatorRegistry;
import dev.kopf.internal.intents.WebhookHandler;
import dev.kopf.internal.intents.WebhookHandler.WebhookType;
import dev.kopf.internal.sharding.Sharding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The framework's own webhooks in the managed configurations: sharding's assignment. */
class BuiltInWebhooksTest {

    static final Resource KEX = new Resource("kopf.dev", "v1", "kopfexamples", "KopfExample",
            true, List.of("kex"), List.of());

    public static class Handlers {
        @OnCreate("kopfexamples.kopf.dev")
        public void created() {
        }
    }

    private static final OperatorRegistry REGISTRY = HandlerDiscovery.register(
            List.of(Handlers.class), new OperatorInjectables(null, OperatorSettings.defaults(),
                    new Memo()));

    private static OperatorSettings settings(boolean sharded, boolean served) {
        OperatorSettings.Builder builder = OperatorSettings.defaults().toBuilder();
        if (sharded) {
            builder.sharding(s -> s.withRing("web"));
        }
        if (served) {
            builder.admission(a -> a.server(WebhookServer.local()));
        }
        return builder.build();
    }

    private static List<WebhookHandler> builtIn(OperatorSettings settings) {
        return Sharding.of(settings.sharding(), "replica-1").assignmentWebhooks(REGISTRY,
                settings);
    }

    @Test
    void theAssignmentWebhookIsServedOnlyWithShardingAndAnAdmissionServer() {
        assertThat(builtIn(settings(true, false))).isEmpty();
        assertThat(builtIn(settings(false, true))).isEmpty();
        assertThat(builtIn(settings(true, true))).singleElement().satisfies(handler -> {
            assertThat(handler.id()).isEqualTo("kopf.sharding.web.kopfexamples.kopf.dev");
            assertThat(handler.type()).isEqualTo(WebhookType.MUTATING);
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void itIsRegisteredForCreationOfUnassignedObjectsWithPolicyIgnoreAndAShortTimeout() {
        List<Map<String, Object>> webhooks = ManagedWebhooks.build(
                builtIn(settings(true, true)), WebhookType.MUTATING, List.of(KEX),
                "auto.kopf.dev", Map.of("url", "https://localhost:9443"), false);
        assertThat(webhooks).singleElement().satisfies(webhook -> {
            assertThat(webhook).containsEntry("name",
                    "kopf.sharding.web.kopfexamples.kopf.dev.auto.kopf.dev")
                    .containsEntry("failurePolicy", "Ignore")
                    .containsEntry("sideEffects", "None")
                    .containsEntry("timeoutSeconds", 5)
                    .containsEntry("objectSelector", Map.of("matchExpressions", List.of(
                            Map.of("key", "sharding.kopf.dev/web",
                                    "operator", "DoesNotExist"))));
            assertThat((List<Map<String, Object>>) webhook.get("rules")).singleElement()
                    .satisfies(rule -> {
                        assertThat(rule).containsEntry("operations", List.of("CREATE"))
                                .containsEntry("resources", List.of("kopfexamples"))
                                .containsEntry("apiGroups", List.of("kopf.dev"));
                    });
            assertThat((Map<String, Object>) webhook.get("clientConfig"))
                    .containsEntry("url", "https://localhost:9443/"
                            + "kopf.sharding.web.kopfexamples.kopf.dev");
        });
        // Not kept at a graceful exit: a replica that is gone does not answer.
        assertThat(ManagedWebhooks.build(builtIn(settings(true, true)), WebhookType.MUTATING,
                List.of(KEX), "auto.kopf.dev", Map.of("url", "https://localhost:9443"), true))
                .isEmpty();
    }
}
