package dev.kopf.examples.e2e;

import dev.kopf.testing.EmbeddedKubernetes;
import dev.kopf.testing.KopfRunner;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Path;

/**
 * What an example's own checks get: the runner, the client, and the example object.
 *
 * @param runner the runner of {@code kopf run}
 * @param client the client of the test cluster
 */
record ExampleRun(KopfRunner runner, KubernetesClient client) {

    static final String NAMESPACE = "default";
    static final String NAME = "kopf-example-1";
    static final ResourceDefinitionContext KOPFEXAMPLES = new ResourceDefinitionContext.Builder()
            .withGroup("kopf.dev").withVersion("v1").withPlural("kopfexamples")
            .withKind("KopfExample").withNamespaced(true).build();

    /** The example object of {@code examples/obj.yaml}. */
    Resource<GenericKubernetesResource> object() {
        return client.genericKubernetesResources(KOPFEXAMPLES).inNamespace(NAMESPACE)
                .withName(NAME);
    }

    String output() {
        return runner.output();
    }

    /**
     * What an example's setup gets, before the operator starts.
     *
     * @param client the client of the test cluster
     * @param server the embedded API server, or {@code null} on a real cluster
     * @param directory a directory for the test's files
     */
    record Cluster(KubernetesClient client, EmbeddedKubernetes server, Path directory) {
    }
}
