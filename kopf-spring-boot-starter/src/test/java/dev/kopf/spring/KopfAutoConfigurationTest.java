package dev.kopf.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.HandlerDeclarationException;
import dev.kopf.Lifecycle;
import dev.kopf.OnCreate;
import dev.kopf.Operator;
import dev.kopf.OperatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import dev.kopf.testing.EmbeddedKubernetes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The auto-configuration's beans, with the embedded API server as the cluster. */
class KopfAutoConfigurationTest {

    private static EmbeddedKubernetes server;
    private static KubernetesClient client;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KopfAutoConfiguration.class))
            .withPropertyValues("kopf.namespaces=default")
            .withBean(KubernetesClient.class, () -> client);

    @BeforeAll
    static void startServer() {
        server = EmbeddedKubernetes.start();
        client = server.newClient();
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.close();
    }

    public static class BrokenHandlers {
        @OnCreate("kopfexamples.kopf.dev")
        public void created(java.time.Clock clock) {
        }
    }

    @Test
    void declarationErrorsFailTheStart() {
        runner.withBean(BrokenHandlers.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(HandlerDeclarationException.class)
                    .hasMessageContaining("Cannot inject parameter #1 of type java.time.Clock.");
        });
    }

    @Test
    void customizersRunAfterTheProperties() {
        runner.withPropertyValues("kopf.execution.lifecycle=asap")
                .withBean(OperatorCustomizer.class, () -> builder -> builder.settings(
                        OperatorSettings.builder().execution(e -> e.withLifecycle(
                                Lifecycle.RANDOMIZED)).build()))
                .run(context -> assertThat(context.getBean(Operator.class).settings()
                        .execution().lifecycle()).isEqualTo(Lifecycle.RANDOMIZED));
    }

    @Test
    void anOperatorSettingsBeanIsTheBaseOfTheProperties() {
        runner.withPropertyValues("kopf.execution.lifecycle=one-by-one")
                .withBean(OperatorSettings.class, () -> OperatorSettings.builder()
                        .execution(e -> e.withMaxWorkers(7)).build())
                .run(context -> {
                    OperatorSettings settings = context.getBean(Operator.class).settings();
                    assertThat(settings.execution().lifecycle()).isEqualTo(Lifecycle.ONE_BY_ONE);
                    assertThat(settings.execution().maxWorkers()).isEqualTo(7);
                });
    }

    @Test
    void theStartersClientWatchesOverPlainHttp() {
        // The handlers get this client: fabric8's Vert.x WebSocket client can lose a watch's
        // first message.
        try (KubernetesClient own = new KopfAutoConfiguration().kubernetesClient()) {
            assertThat(own.getConfiguration().isOnlyHttpWatches()).isTrue();
        }
    }

    @Test
    void disabledMeansNoOperator() {
        runner.withPropertyValues("kopf.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(Operator.class));
    }
}
