package dev.kopf.internal.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The verb and resource of an API request, named as Kubernetes' authorization names them. */
class ApiRequestMeterTest {

    @ParameterizedTest
    @CsvSource({
        "GET, /apis/kopf.dev/v1/kopfexamples, list, kopfexamples",
        "GET, /apis/kopf.dev/v1/namespaces/ns1/kopfexamples?watch=true&rv=5, watch,"
                + " kopfexamples",
        "GET, /api/v1/namespaces/ns1/pods/pod1, get, pods",
        "PATCH, /apis/kopf.dev/v1/namespaces/ns1/kopfexamples/ex1/status, patch,"
                + " kopfexamples/status",
        "POST, /api/v1/namespaces/ns1/events, create, events",
        "PUT, /apis/coordination.k8s.io/v1/namespaces/ns1/leases/l1, update, leases",
        "DELETE, /api/v1/namespaces/ns1/pods/pod1, delete, pods",
        "DELETE, /api/v1/namespaces/ns1/pods, deletecollection, pods",
        "GET, /api/v1/namespaces, list, namespaces",
        "GET, /api/v1/namespaces/ns1, get, namespaces",
        "PUT, /api/v1/namespaces/ns1/finalize, update, namespaces/finalize",
        "GET, /apis/apiextensions.k8s.io/v1/customresourcedefinitions, list,"
                + " customresourcedefinitions",
    })
    void requestsAreNamedAsKubernetesAuthorizesThem(String method, String uri, String verb,
            String resource) {
        URI parsed = URI.create(uri);
        assertThat(ApiRequestMeter.verbOf(method, parsed)).isEqualTo(verb);
        assertThat(ApiRequestMeter.resourceOf(parsed.getRawPath())).isEqualTo(resource);
    }

    @ParameterizedTest
    @CsvSource({
        "/apis/kopf.dev/v1/namespaces/ns1/kopfexamples, kopfexamples.v1.kopf.dev",
        "/apis/kopf.dev/v1/kopfexamples, kopfexamples.v1.kopf.dev",
        "/api/v1/namespaces/ns1/pods, pods.v1",
    })
    void watchedResourcesAreNamedAsTheOtherMetersNameThem(String path, String name) {
        assertThat(ApiRequestMeter.nameOf(path)).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource({"/apis", "/api", "/version", "/apis/kopf.dev/v1", "/api/v1"})
    void discoveryHasNoResource(String path) {
        assertThat(ApiRequestMeter.resourceOf(path)).isEmpty();
    }
}
