package dev.kopf.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kopf.HandlerDeclarationException;
import dev.kopf.OnCreate;
import dev.kopf.Spec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** {@code KopfRunner.builder()}: the Operator API in a background thread. */
class KopfRunnerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ResourceDefinitionContext KOPFEXAMPLES =
            new ResourceDefinitionContext.Builder().withGroup("kopf.dev").withVersion("v1")
                    .withPlural("kopfexamples").withKind("KopfExample").withNamespaced(true)
                    .build();

    private static EmbeddedKubernetes server;
    private static KubernetesClient client;

    /** A valid operator: Kopf's minimal example. */
    public static class ExampleHandlers {
        @OnCreate("kopfexamples.v1.kopf.dev")
        public Map<String, Object> createFn(Spec spec, Logger logger) {
            logger.info("Creating with {}.", spec.get("field"));
            return Map.of("message", "hello world");
        }
    }

    /** An invalid operator. */
    public static class BadHandlers {
        @OnCreate("kopfexamples.v1.kopf.dev")
        public void created(Clock clock) {
        }
    }

    @BeforeAll
    static void startServer() throws IOException {
        server = EmbeddedKubernetes.start();
        client = server.newClient();
        try (InputStream crd = Files.newInputStream(Path.of("..", "examples", "crd.yaml"))) {
            client.resource(crd).createOr(existing -> existing.update());
        }
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.close();
    }

    private static GenericKubernetesResource example(String name) {
        return new GenericKubernetesResourceBuilder().withApiVersion("kopf.dev/v1")
                .withKind("KopfExample").withNewMetadata().withName(name)
                .withNamespace("default").endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("field", "value")))
                .build();
    }

    @Test
    void runsTheOperatorUntilClosed() throws InterruptedException {
        KopfRunner runner = KopfRunner.builder().handlers(ExampleHandlers.class).client(client)
                .namespaces("default").start();
        try (runner) {
            assertThat(runner.awaitReady(WAIT)).isTrue();
            client.genericKubernetesResources(KOPFEXAMPLES).resource(example("runner-1"))
                    .create();
            assertThat(runner.awaitOutput(
                    "[default/runner-1] Handler 'createFn' succeeded.", WAIT)).isTrue();
            client.genericKubernetesResources(KOPFEXAMPLES).inNamespace("default")
                    .withName("runner-1").waitUntilCondition(
                            o -> o.get("status", "createFn") != null,
                            WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(runner.output()).contains("[default/runner-1] Creating with value.");
            assertThatThrownBy(runner::exitCode).isInstanceOf(IllegalStateException.class)
                    .hasMessage("The operator is still running; close() the runner first.");
        }

        assertThat(runner.exitCode()).isZero();
        assertThat(runner.exception()).isNull();
        assertThat(runner.output())
                .as("DEBUG lines are captured although the console shows INFO")
                .contains("[default/runner-1] Handler 'createFn' is invoked.");
    }

    @Test
    void closeReraisesDeclarationErrors() {
        KopfRunner runner = KopfRunner.builder().handlers(BadHandlers.class).client(client)
                .clusterwide().start();

        assertThatThrownBy(runner::close).isInstanceOf(HandlerDeclarationException.class)
                .hasMessageContaining("BadHandlers.created");
        assertThat(runner.exitCode()).isEqualTo(1);
    }

    @Test
    void noReraiseKeepsTheExceptionForInspection() throws InterruptedException {
        KopfRunner runner = KopfRunner.builder().handlers(BadHandlers.class).client(client)
                .clusterwide().noReraise().start();

        assertThat(runner.awaitReady(WAIT)).isFalse();
        assertThat(runner.awaitOutput("never logged", WAIT)).isFalse();
        runner.close();

        assertThat(runner.exitCode()).isEqualTo(1);
        assertThat(runner.exception()).isInstanceOf(HandlerDeclarationException.class);
    }

    @Test
    void closingTwiceIsHarmless() {
        KopfRunner runner = KopfRunner.builder().handlers(ExampleHandlers.class).client(client)
                .clusterwide().start();
        runner.close();
        runner.close();

        assertThat(runner.exitCode()).isZero();
    }

    @Test
    void runningTheCommandLineNeedsKopfCli() {
        assertThatThrownBy(() -> KopfRunner.run("run", "-A"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("KopfRunner.run(args) needs dev.kopf:kopf-cli on the test "
                        + "classpath; add it, or use KopfRunner.builder().");
    }

    @Test
    void argumentsExcludeBuilderScopes() {
        assertThatThrownBy(() -> KopfRunner.builder().args("run").clusterwide().start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("-n or -A in the arguments");
    }

    @Test
    void timeoutMustBePositive() {
        assertThatThrownBy(() -> KopfRunner.builder().timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be positive: PT0S");
    }
}
