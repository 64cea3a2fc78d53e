package dev.kopf.internal.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kopf.AdmissionException;
import dev.kopf.DryRun;
import dev.kopf.Memo;
import dev.kopf.OnMutate;
import dev.kopf.OnValidate;
import dev.kopf.Operation;
import dev.kopf.OperatorSettings;
import dev.kopf.Patch;
import dev.kopf.PermanentException;
import dev.kopf.Resource;
import dev.kopf.Spec;
import dev.kopf.Subresource;
import dev.kopf.UserInfo;
import dev.kopf.Warnings;
import dev.kopf.internal.discovery.HandlerDiscovery;
import dev.kopf.internal.discovery.OperatorInjectables;
import dev.kopf.internal.intents.OperatorRegistry;
import dev.kopf.internal.structs.CompactJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The AdmissionReview wire format in and out, against Kopf's build_response. */
class AdmissionProcessorTest {

    static final List<String> CALLS = new ArrayList<>();
    static final Resource KEX = new Resource("kopf.dev", "v1", "kopfexamples", "KopfExample",
            true, List.of("kex"), List.of("status"));

    public static class Handlers {
        @OnValidate("kex")
        public void validate(Spec spec, Warnings warnings, DryRun dryRun, UserInfo user,
                Operation operation, Subresource subresource) {
            CALLS.add("validate " + operation + " " + subresource.name() + " " + dryRun + " "
                    + user.username());
            warnings.add("look out");
            Object mode = spec.get("mode");
            if ("admission".equals(mode)) {
                throw new AdmissionException("Meh! I don't like it. Change the field.", 555);
            }
            if ("permanent".equals(mode)) {
                throw new PermanentException("permanently bad");
            }
            if ("arbitrary".equals(mode)) {
                throw new IllegalStateException("arbitrarily bad");
            }
        }

        @OnValidate(value = "kex", id = "second")
        public void second(Spec spec) {
            if ("two".equals(spec.get("mode"))) {
                throw new IllegalStateException("second is arbitrary");
            }
        }

        @OnValidate(value = "kex", subresource = "status", id = "statusOnly")
        public void statusOnly() {
            CALLS.add("statusOnly");
        }

        @OnMutate(value = "kex", labels = "somelabel")
        public void mutate(Patch patch) {
            CALLS.add("mutate");
            patch.spec().put("mutated", true);
            patch.metadata().labels().put("somelabel", null);
        }

        @OnMutate(value = "kex", operations = Operation.DELETE)
        public void onDelete(Patch patch) {
            CALLS.add("onDelete");
        }
    }

    private AdmissionProcessor processor;

    @BeforeEach
    void setUp() {
        CALLS.clear();
        OperatorRegistry registry = HandlerDiscovery.register(List.of(Handlers.class),
                new OperatorInjectables(null, OperatorSettings.defaults(), new Memo()));
        processor = new AdmissionProcessor(registry.webhookHandlers(), List.of(KEX), new Memo(),
                null, null);
    }

    static Map<String, Object> review(String version, String operation, Map<String, Object> object,
            Map<String, Object> oldObject, String subresource) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("uid", "uid-1");
        request.put("kind", Map.of("group", "kopf.dev", "version", "v1", "kind", "KopfExample"));
        request.put("resource", Map.of("group", "kopf.dev", "version", "v1",
                "resource", "kopfexamples"));
        if (subresource != null) {
            request.put("subResource", subresource);
        }
        request.put("operation", operation);
        request.put("userInfo", Map.of("username", "admin", "groups", List.of("system:masters")));
        request.put("object", object);
        request.put("oldObject", oldObject);
        request.put("dryRun", true);
        Map<String, Object> review = new LinkedHashMap<>();
        review.put("apiVersion", version);
        review.put("kind", "AdmissionReview");
        review.put("request", request);
        return review;
    }

    static Map<String, Object> object(String mode, boolean labelled) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", "kex1");
        meta.put("namespace", "default");
        if (labelled) {
            meta.put("labels", Map.of("somelabel", "x"));
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("mode", mode);
        return new LinkedHashMap<>(Map.of("apiVersion", "kopf.dev/v1", "kind", "KopfExample",
                "metadata", meta, "spec", spec));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> response(Map<String, Object> answer) {
        return (Map<String, Object>) answer.get("response");
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @ValueSource(strings = {"admission.k8s.io/v1", "admission.k8s.io/v1beta1"})
    void answersInTheRequestsVersionWithWarningsAndThePatch(String version) {
        Map<String, Object> answer = processor.serve(
                review(version, "CREATE", object("fine", true), null, null),
                new AdmissionProcessor.Call(null, null, null, null));
        assertThat(answer).containsEntry("apiVersion", version)
                .containsEntry("kind", "AdmissionReview");
        Map<String, Object> response = response(answer);
        assertThat(response).containsEntry("uid", "uid-1").containsEntry("allowed", true)
                .containsEntry("warnings", List.of("look out"))
                .containsEntry("patchType", "JSONPatch").doesNotContainKey("status");
        String patch = new String(Base64.getDecoder().decode((String) response.get("patch")),
                StandardCharsets.UTF_8);
        assertThat((List<Object>) CompactJson.read(patch)).containsExactlyInAnyOrder(
                Map.of("op", "remove", "path", "/metadata/labels/somelabel"),
                Map.of("op", "add", "path", "/spec/mutated", "value", true));
        // As in Kopf, operations only go into the managed rules; the webhook does not check.
        assertThat(CALLS).containsExactly("validate CREATE null ON admin", "mutate", "onDelete");
    }

    @Test
    void choosesTheAdmissionExceptionWithItsCode() {
        Map<String, Object> response = response(processor.serve(
                review("admission.k8s.io/v1", "UPDATE", object("admission", false),
                        object("fine", false), null),
                new AdmissionProcessor.Call(null, null, null, null)));
        assertThat(response).containsEntry("allowed", false).doesNotContainKey("patch")
                .containsEntry("status", Map.of("message",
                        "Meh! I don't like it. Change the field.", "code", 555));
    }

    @Test
    void prefersPermanentToArbitraryErrorsAndGivesThemCode500() {
        Map<String, Object> permanent = response(processor.serve(
                review("admission.k8s.io/v1", "CREATE", object("permanent", false), null, null),
                new AdmissionProcessor.Call(null, null, null, null)));
        assertThat(permanent).containsEntry("status",
                Map.of("message", "permanently bad", "code", 500));
        Map<String, Object> arbitrary = response(processor.serve(
                review("admission.k8s.io/v1", "CREATE", object("two", false), null, null),
                new AdmissionProcessor.Call(null, null, null, null)));
        assertThat(arbitrary).containsEntry("allowed", false).containsEntry("status",
                Map.of("message", "second is arbitrary", "code", 500));
    }

    @Test
    void callsOnlyTheHandlerNamedInTheUrl() {
        processor.serve(review("admission.k8s.io/v1", "CREATE", object("fine", true), null,
                null), new AdmissionProcessor.Call("mutate", null, null, null));
        assertThat(CALLS).containsExactly("mutate");
        CALLS.clear();
        processor.serve(review("admission.k8s.io/v1", "CREATE", object("fine", true), null,
                null), new AdmissionProcessor.Call(null,
                dev.kopf.internal.intents.WebhookHandler.WebhookType.VALIDATING, null, null));
        assertThat(CALLS).containsExactly("validate CREATE null ON admin");
    }

    @Test
    void matchesSubresourcesAndSkipsMutationsOfDeletionsUnlessAskedFor() {
        processor.serve(review("admission.k8s.io/v1", "UPDATE", object("fine", true),
                object("fine", true), "status"), new AdmissionProcessor.Call(null, null, null,
                null));
        assertThat(CALLS).containsExactly("statusOnly");
        CALLS.clear();
        processor.serve(review("admission.k8s.io/v1", "DELETE", null, object("fine", true),
                null), new AdmissionProcessor.Call(null, null, null, null));
        assertThat(CALLS).containsExactly("validate DELETE null ON admin", "onDelete");
    }

    @Test
    void rejectsMalformedReviewsWith400() {
        Map<String, Object> noUser = review("admission.k8s.io/v1", "CREATE",
                object("fine", false), null, null);
        ((Map<String, Object>) noUser.get("request")).remove("userInfo");
        List<Object> bodies = List.of("text", Map.of("kind", "AdmissionReview"),
                review("admission.k8s.io/v2", "CREATE", object("fine", false), null, null),
                review("admission.k8s.io/v1", "PUNCH", object("fine", false), null, null),
                review("admission.k8s.io/v1", "CREATE", null, null, null), noUser);
        for (Object body : bodies) {
            WebhookRequestException e = catchThrowableOfType(WebhookRequestException.class,
                    () -> processor.serve(body, new AdmissionProcessor.Call(null, null, null,
                            null)));
            assertThat(e).as("for %s", body).isNotNull();
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).doesNotContain("\n").endsWith(".");
        }
    }

    @Test
    void answers404ForResourcesWithoutHandlers() {
        Map<String, Object> review = review("admission.k8s.io/v1", "CREATE",
                object("fine", false), null, null);
        ((Map<String, Object>) review.get("request")).put("resource",
                Map.of("group", "", "version", "v1", "resource", "secrets"));
        WebhookRequestException e = catchThrowableOfType(WebhookRequestException.class,
                () -> processor.serve(review, new AdmissionProcessor.Call(null, null, null,
                        null)));
        assertThat(e.status()).isEqualTo(404);
    }
}
