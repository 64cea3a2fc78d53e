package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.NAMESPACE;
import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.client;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.example;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kopf.AdmissionException;
import dev.kopf.DryRun;
import dev.kopf.OnMutate;
import dev.kopf.OnValidate;
import dev.kopf.Patch;
import dev.kopf.Spec;
import dev.kopf.Warnings;
import dev.kopf.WebhookServer;
import dev.kopf.testing.KopfRunner;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Admission handlers served by a running operator, with managed webhook configurations,
 * called by the API server on writes: mutations stored, rejections with the handler's code,
 * dry runs admitted but not stored, and the configurations patched down at exit.
 */
class AdmissionIT {

    static final List<String> DRY_RUNS = new CopyOnWriteArrayList<>();

    public static class Webhooks {
        @OnValidate(value = "kopfexamples.kopf.dev", sideEffects = true)
        public void check(Spec spec, Warnings warnings, DryRun dryRun) {
            warnings.add("Checked by the operator.");
            DRY_RUNS.add(String.valueOf(dryRun));
            if ("bad".equals(spec.get("field"))) {
                throw new AdmissionException("Meh! I don't like it. Change the field.", 555);
            }
        }

        @OnValidate(value = "kopfexamples.kopf.dev", subresource = "*", persistent = true,
                id = "statusCheck")
        public void statusCheck(Spec spec) {
            if ("locked".equals(spec.get("field"))) {
                throw new AdmissionException("Locked.", 403);
            }
        }

        @OnMutate(value = "kopfexamples.kopf.dev", labels = "mutate")
        public void fill(Patch patch) {
            patch.spec().put("filled", "yes");
        }
    }

    private String managed;

    @BeforeEach
    @AfterEach
    void clean() {
        DRY_RUNS.clear();
        TestCluster.deleteAll();
        if (managed != null) {
            client().admissionRegistration().v1().validatingWebhookConfigurations()
                    .withName(managed).delete();
            client().admissionRegistration().v1().mutatingWebhookConfigurations()
                    .withName(managed).delete();
        }
    }

    private KopfRunner operator() throws InterruptedException {
        managed = newName("admission") + ".kopf.dev";
        WebhookServer server = TestCluster.isEmbedded() ? WebhookServer.local()
                : WebhookServer.auto().withPort(9443);
        KopfRunner runner = KopfRunner.builder().client(client()).handlers(Webhooks.class)
                .namespaces(NAMESPACE).settings(TestCluster.fastSettings().toBuilder()
                        .admission(a -> a.server(server).managed(managed)).build())
                .start();
        assertThat(runner.awaitReady(WAIT)).as(runner.output()).isTrue();
        return runner;
    }

    @SuppressWarnings("unchecked")
    private static Object spec(GenericKubernetesResource object, String key) {
        return ((Map<String, Object>) object.getAdditionalProperties().get("spec")).get(key);
    }

    @Test
    void managesOneWebhookPerHandlerAsKopfDoes() throws Exception {
        try (KopfRunner runner = operator()) {
            List<ValidatingWebhook> webhooks = client().admissionRegistration().v1()
                    .validatingWebhookConfigurations().withName(managed).get().getWebhooks();
            assertThat(webhooks).extracting(ValidatingWebhook::getName)
                    .containsExactly("check." + managed, "statuscheck." + managed);
            ValidatingWebhook check = webhooks.get(0);
            assertThat(check.getSideEffects()).isEqualTo("NoneOnDryRun");
            assertThat(check.getFailurePolicy()).isEqualTo("Fail");
            assertThat(check.getMatchPolicy()).isEqualTo("Equivalent");
            assertThat(check.getTimeoutSeconds()).isEqualTo(30);
            assertThat(check.getAdmissionReviewVersions()).containsExactly("v1", "v1beta1");
            assertThat(check.getClientConfig().getUrl()).endsWith("/check");
            assertThat(check.getClientConfig().getCaBundle()).isNotEmpty();
            assertThat(check.getRules()).singleElement().satisfies(rule -> {
                assertThat(rule.getApiGroups()).containsExactly("kopf.dev");
                assertThat(rule.getResources()).containsExactly("kopfexamples");
                assertThat(rule.getOperations()).containsExactly("*");
            });
            assertThat(webhooks.get(1).getRules().get(0).getResources())
                    .containsExactly("kopfexamples/*");
            var mutating = client().admissionRegistration().v1()
                    .mutatingWebhookConfigurations().withName(managed).get().getWebhooks();
            assertThat(mutating).singleElement().satisfies(webhook -> assertThat(
                    webhook.getObjectSelector().getMatchExpressions().get(0).getOperator())
                    .isEqualTo("Exists"));
        }
        assertThat(client().admissionRegistration().v1().validatingWebhookConfigurations()
                .withName(managed).get().getWebhooks())
                .as("only persistent webhooks stay after a graceful exit")
                .extracting(ValidatingWebhook::getName).containsExactly("statuscheck." + managed);
        assertThat(client().admissionRegistration().v1().mutatingWebhookConfigurations()
                .withName(managed).get().getWebhooks()).isEmpty();
    }

    @Test
    void storesMutationsOnlyForObjectsMatchingTheLabelFilter() throws Exception {
        String labelled = newName("mutated");
        String plain = newName("plain");
        try (KopfRunner runner = operator()) {
            GenericKubernetesResource created = create(labelled, Map.of("field", "value"),
                    Map.of("mutate", "yes"), Map.of());
            assertThat(spec(created, "filled")).isEqualTo("yes");
            assertThat(spec(example(labelled).get(), "filled")).isEqualTo("yes");
            assertThat(spec(create(plain, Map.of("field", "value")), "filled")).isNull();
        }
    }

    @Test
    void rejectsWithTheHandlersCodeAndMessage() throws Exception {
        String name = newName("rejected");
        try (KopfRunner runner = operator()) {
            KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
                    () -> create(name, Map.of("field", "bad")));
            assertThat(e).isNotNull();
            assertThat(e.getCode()).isEqualTo(555);
            assertThat(e.getStatus().getMessage()).isEqualTo("admission webhook \"check."
                    + managed + "\" denied the request: Meh! I don't like it. Change the field.");
            assertThat(example(name).get()).isNull();
        }
    }

    @Test
    void callsSubresourceWebhooksOnStatusWrites() throws Exception {
        String name = newName("status");
        try (KopfRunner runner = operator()) {
            create(name, Map.of("field", "value"));
            example(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"spec\":{\"field\":\"locked\"}}");
            KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
                    () -> example(name).subresource("status").patch(
                            PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"x\":1}}"));
            assertThat(e).isNotNull();
            assertThat(e.getCode()).isEqualTo(403);
        }
    }

    @Test
    void admitsDryRunsWithoutStoringThem() throws Exception {
        String name = newName("dry");
        try (KopfRunner runner = operator()) {
            GenericKubernetesResource object = new GenericKubernetesResource();
            object.setApiVersion("kopf.dev/v1");
            object.setKind("KopfExample");
            object.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                    .withName(name).withNamespace(NAMESPACE).build());
            object.setAdditionalProperty("spec", Map.of("field", "value"));
            GenericKubernetesResource answered = client().genericKubernetesResources(
                    TestCluster.KOPFEXAMPLES).inNamespace(NAMESPACE).resource(object).dryRun()
                    .create();
            assertThat(answered.getMetadata().getName()).isEqualTo(name);
            assertThat(example(name).get()).isNull();
            assertThat(DRY_RUNS).containsExactly("ON");
        }
    }
}
