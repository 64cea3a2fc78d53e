package dev.kopf.examples.children;

import dev.kopf.Kopf;
import dev.kopf.OnCreate;
import dev.kopf.Spec;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/** Creates a child pod for each example object and remembers its uid in the status. */
public class ChildrenHandlers {

    @OnCreate("kopfexamples")
    public Map<String, Object> createFn(Spec spec, KubernetesClient client) {

        // Render the pod with some spec fields used in the template.
        Object duration = spec.get("duration") != null ? spec.get("duration") : 0;
        Object field = spec.get("field") != null ? spec.get("field") : "default-value";
        Pod pod = new PodBuilder()
                .withNewSpec()
                .addNewContainer()
                .withName("the-only-one")
                .withImage("busybox")
                .withCommand("sh", "-x", "-c")
                .withArgs("echo \"FIELD=$FIELD\"\nsleep " + duration + "\n")
                .addNewEnv().withName("FIELD").withValue(String.valueOf(field)).endEnv()
                .endContainer()
                .endSpec()
                .build();

        // Make it our child: assign the namespace, name, labels, owner references, etc.
        Kopf.adopt(pod);

        // Actually create an object by requesting the Kubernetes API.
        Pod created = client.resource(pod).create();

        // Update the parent's status.
        return Map.of("children", List.of(created.getMetadata().getUid()));
    }
}
