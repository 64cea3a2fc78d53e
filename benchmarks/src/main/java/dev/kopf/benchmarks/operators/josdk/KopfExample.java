package dev.kopf.benchmarks.operators.josdk;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.Map;

/** The {@code kopfexamples.kopf.dev} custom resource, typed as JOSDK wants it. */
@Group("kopf.dev")
@Version("v1")
@Kind("KopfExample")
@Plural("kopfexamples")
public class KopfExample extends CustomResource<Map<String, Object>, KopfExampleStatus>
        implements Namespaced {
    private static final long serialVersionUID = 1L;
}
