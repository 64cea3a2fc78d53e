package dev.kopf.testing;

import dev.kopf.OperatorSettings;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test class against a Kubernetes API with an operator around each test.
 *
 * <p>Before the class: the embedded API server starts ({@link EmbeddedKubernetes}), or the
 * cluster in {@code KUBECONFIG} is used when the system property (or environment variable)
 * {@code kopf.test.cluster} / {@code KOPF_TEST_CLUSTER} is {@code kubeconfig}, as with
 * {@code mvn verify -Pe2e}; then the {@link #crds()} are installed and awaited until
 * established. Before each test: a {@link KopfRunner} starts with the {@link #handlers()}
 * (or the command line of {@link #args()}) and is awaited until ready. After each test: the
 * runner is closed (its failure fails the test), and every object created during the test
 * in the CRDs' resources and the {@link #cleanup()} resources is deleted, finalizers and all.
 *
 * <p>Fields and parameters of these types are injected: {@code KubernetesClient} (one per
 * class; static fields too), {@link EmbeddedKubernetes} ({@code null} on a real cluster;
 * static fields too) and {@link KopfRunner} (one per test: instance fields, and parameters
 * of test and {@code @BeforeEach}/{@code @AfterEach} methods). Nested test classes share
 * the cluster of their outer class.
 *
 * <pre>{@code
 * @KopfTest(handlers = ExampleHandlers.class, crds = "src/test/resources/crd.yaml")
 * class ExampleHandlersTest {
 *     KubernetesClient client;
 *     KopfRunner runner;
 *
 *     @Test
 *     void createsTheMessage() throws InterruptedException {
 *         client.resource(example).create();
 *         assertThat(runner.awaitOutput("Handler 'createFn' succeeded.", ofSeconds(30)))
 *                 .isTrue();
 *     }
 * }
 * }</pre>
 *
 * @see KopfExtension
 * @since 0.1
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(KopfExtension.class)
public @interface KopfTest {

    /**
     * Handler classes to run around each test with {@link KopfRunner#builder()}. With
     * {@link #args()}, they are handed to the command line in addition to its PATHs. Neither
     * given: no runner is started, and the test gets the client and the server only.
     *
     * @return the handler classes
     */
    Class<?>[] handlers() default {};

    /**
     * A {@code kopf} command line to run around each test instead of the API, e.g.
     * {@code {"run", "-A", "--standalone", "--verbose", "target/classes"}}. Needs
     * {@code dev.kopf:kopf-cli} on the test class path. The client is handed to the command,
     * so it uses the same cluster as the test.
     *
     * @return the arguments, starting with the subcommand
     */
    String[] args() default {};

    /**
     * YAML files with CustomResourceDefinitions to install before the class: paths relative
     * to the working directory (the module's directory under Maven), or class path resources.
     * Their custom resources are cleaned after each test.
     *
     * @return the CRD files
     */
    String[] crds() default {};

    /**
     * Namespaces (names or globs, as {@code kopf run -n}) for a {@link #handlers()} run;
     * empty to serve the whole cluster (as {@code -A}). Not used with {@link #args()}.
     *
     * @return the namespace patterns
     */
    String[] namespaces() default {};

    /**
     * Supplies the operator settings, through a public no-argument constructor; e.g. a class
     * returning {@code OperatorSettings.builder().execution(e ->
     * e.withDefaultBackoff(Duration.ofSeconds(1))).build()}.
     *
     * @return the supplier class
     */
    Class<? extends Supplier<OperatorSettings>> settings() default DefaultSettings.class;

    /**
     * More resources whose objects created during a test are deleted after it, in kubectl's
     * forms: {@code "pods"}, {@code "deployments.apps"}.
     *
     * @return the resources
     */
    String[] cleanup() default {};

    /**
     * Seconds to wait for the operator to become ready, for it to stop, and for CRDs and
     * deleted objects.
     *
     * @return the timeout in seconds
     */
    double timeout() default 60;

    /**
     * The default of {@link #settings()}: {@link OperatorSettings#defaults()}.
     *
     * @since 0.1
     */
    final class DefaultSettings implements Supplier<OperatorSettings> {
        @Override
        public OperatorSettings get() {
            return OperatorSettings.defaults();
        }
    }
}
