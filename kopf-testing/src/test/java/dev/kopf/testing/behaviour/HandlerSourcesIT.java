package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.await;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static dev.kopf.testing.behaviour.TestCluster.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kopf.HandlerDeclarationException;
import dev.kopf.OnCreate;
import dev.kopf.Spec;
import dev.kopf.testing.KopfRunner;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Handlers supplied as objects (beans of a DI container) rather than classes. */
class HandlerSourcesIT {

    @BeforeEach
    @AfterEach
    void clean() {
        TestCluster.deleteAll();
    }

    /** A handler class the operator could not create itself: its constructor needs a value. */
    public static class GreetingHandlers {
        private final String greeting;

        public GreetingHandlers(String greeting) {
            this.greeting = greeting;
        }

        @OnCreate("kopfexamples.kopf.dev")
        public String greet(Spec spec) {
            return greeting + ", " + spec.get("field");
        }
    }

    static KopfRunner start(KopfRunner.Builder builder) throws InterruptedException {
        KopfRunner runner = builder.client(TestCluster.client())
                .namespaces(TestCluster.NAMESPACE).settings(TestCluster.fastSettings()).start();
        if (!runner.awaitReady(WAIT)) {
            runner.close();
            throw new IllegalStateException("The operator did not become ready: "
                    + runner.output());
        }
        return runner;
    }

    @Test
    void handlersOfAGivenObjectAreBoundToThatObject() throws Exception {
        String name = newName("instance");
        try (KopfRunner runner = start(KopfRunner.builder()
                .handlers(new GreetingHandlers("hello")))) {
            create(name, Map.of("field", "world"));
            assertThat(status(await(name, o -> status(o, "greet") != null), "greet"))
                    .isEqualTo("hello, world");
        }
    }

    @Test
    void twoObjectsOfOneClassAreADeclarationError() throws Exception {
        KopfRunner runner = KopfRunner.builder().client(TestCluster.client())
                .namespaces(TestCluster.NAMESPACE)
                .handlers(new GreetingHandlers("a"), new GreetingHandlers("b")).start();
        assertThatThrownBy(runner::close).isInstanceOf(HandlerDeclarationException.class)
                .hasMessageContaining("Two objects of class " + GreetingHandlers.class.getName()
                        + " are given as handlers.");
    }
}
