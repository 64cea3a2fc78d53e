package dev.kopf.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.Lifecycle;
import dev.kopf.Operator;
import dev.kopf.spring.example.ExampleOperatorApplication;
import dev.kopf.testing.EmbeddedKubernetes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The example application, started against the embedded API server. */
class KopfStarterTest {

    private static final ResourceDefinitionContext KOPFEXAMPLES =
            new ResourceDefinitionContext.Builder().withGroup("kopf.dev").withVersion("v1")
                    .withPlural("kopfexamples").withKind("KopfExample").withNamespaced(true)
                    .build();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static EmbeddedKubernetes server;
    private static KubernetesClient client;

    @BeforeAll
    static void startServer() throws Exception {
        server = EmbeddedKubernetes.start();
        client = server.newClient();
        try (InputStream in = Files.newInputStream(Path.of("..", "examples", "crd.yaml"))) {
            client.resource(in).createOr(existing -> existing.update());
        }
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.close();
    }

    @Test
    void componentHandlersRunWithTheApplicationAndStopWithIt() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(
                ExampleOperatorApplication.class)
                .initializers(ctx -> {
                    var beans = ((ConfigurableApplicationContext) ctx).getBeanFactory();
                    beans.registerSingleton("kubernetesClient", client);
                    beans.registerSingleton("meterRegistry", new SimpleMeterRegistry());
                })
                .properties("kopf.namespaces=default", "kopf.execution.lifecycle=one-by-one",
                        "kopf.execution.default-backoff=1s")
                .run();
        Operator operator = context.getBean(Operator.class);
        try {
            assertThat(operator.awaitReady(WAIT)).isTrue();
            assertThat(operator.settings().execution().lifecycle())
                    .isEqualTo(Lifecycle.ONE_BY_ONE);
            assertThat(operator.settings().execution().defaultBackoff())
                    .isEqualTo(Duration.ofSeconds(1));
            assertThat(context.getBean("kopfHealthIndicator", HealthIndicator.class).health()
                    .getStatus()).isEqualTo(Status.UP);

            String name = "spring-" + ProcessHandle.current().pid();
            GenericKubernetesResource object = new GenericKubernetesResource();
            object.setApiVersion("kopf.dev/v1");
            object.setKind("KopfExample");
            object.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("default")
                    .build());
            object.setAdditionalProperty("spec", Map.of("field", "world"));
            var examples = client.genericKubernetesResources(KOPFEXAMPLES).inNamespace("default");
            examples.resource(object).create();
            GenericKubernetesResource handled = examples.withName(name).waitUntilCondition(
                    o -> o != null && o.getAdditionalProperties().get("status") instanceof Map<?, ?>
                            status && status.get("greet") != null,
                    WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(((Map<?, ?>) handled.getAdditionalProperties().get("status")).get("greet"))
                    .isEqualTo("Hello, world");
            assertThat(context.getBean(MeterRegistry.class).find("kopf.handler.calls")
                    .tag("outcome", "success").counters()).isNotEmpty()
                    .allSatisfy(counter -> assertThat(counter.count()).isPositive());
            examples.withName(name).delete();
        } finally {
            context.close();
        }
        assertThat(operator.awaitTermination(WAIT)).isTrue();
    }
}
