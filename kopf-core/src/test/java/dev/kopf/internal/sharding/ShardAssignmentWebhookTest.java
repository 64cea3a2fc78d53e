package dev.kopf.internal.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.Memo;
import dev.kopf.Resource;
import dev.kopf.ShardingSettings.HashingKey;
import dev.kopf.internal.admission.AdmissionProcessor;
import dev.kopf.internal.intents.Selector;
import dev.kopf.internal.structs.CompactJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The assignment at creation: when the webhook decides, and the JSONPatch it answers. */
class ShardAssignmentWebhookTest {

    private static final Resource KEX = new Resource("kopf.dev", "v1", "kopfexamples",
            "KopfExample", true, List.of("kex"), List.of());
    private static final Selector SELECTOR = Selector.parse("kopfexamples.kopf.dev", null,
            null, null, null);
    private static final String LABEL = "sharding.kopf.dev/web";
    private final HashRing ring = new HashRing(List.of("a", "b", "c"), 64);
    private final ShardLabels labels = new ShardLabels("web");

    private ShardAssignmentWebhook webhook(HashingKey mode, HashRing current) {
        return new ShardAssignmentWebhook(labels, mode, () -> current);
    }

    private static Map<String, Object> object(Map<String, Object> metadata) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", "kopf.dev/v1");
        object.put("kind", "KopfExample");
        object.put("metadata", metadata);
        return object;
    }

    private static Map<String, Object> named(String name) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", "ns");
        return metadata;
    }

    @Test
    void objectsWithANameGoToTheHashOwnerOfTheirNamespaceAndName() {
        assertThat(webhook(HashingKey.NAME, ring).memberFor(object(named("kex-1"))))
                .isEqualTo(ring.ownerOf("ns/kex-1"));
    }

    @Test
    void objectsCreatedWithGenerateNameAreLeftToTheSharder() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("generateName", "kex-");
        metadata.put("namespace", "ns");
        assertThat(webhook(HashingKey.NAME, ring).memberFor(object(metadata))).isNull();
        metadata.put("name", "");
        assertThat(webhook(HashingKey.NAME, ring).memberFor(object(metadata))).isNull();
    }

    @Test
    void theOwnerKeyNeedsAControllerOwnerNotTheObjectsOwnUid() {
        Map<String, Object> metadata = named("child");
        metadata.put("uid", "own-uid");
        metadata.put("ownerReferences", List.of(Map.of("uid", "not-controller")));
        assertThat(webhook(HashingKey.OWNER, ring).memberFor(object(metadata))).isNull();
        metadata.put("ownerReferences", List.of(Map.of("uid", "not-controller"),
                Map.of("uid", "parent-uid", "controller", true)));
        assertThat(webhook(HashingKey.OWNER, ring).memberFor(object(metadata)))
                .isEqualTo(ring.ownerOf("parent-uid"));
        // The same key as the sharder's, once the object is stored.
        assertThat(ShardKeys.keyOf(HashingKey.OWNER, metadata)).isEqualTo("parent-uid");
    }

    @Test
    void objectsAlreadyAssignedAreLeftAlone() {
        Map<String, Object> metadata = named("kex-1");
        metadata.put("labels", Map.of(LABEL, "somebody"));
        assertThat(webhook(HashingKey.NAME, ring).memberFor(object(metadata))).isNull();
    }

    @Test
    void anEmptyRingAssignsNothing() {
        assertThat(webhook(HashingKey.NAME, new HashRing(List.of(), 1))
                .memberFor(object(named("kex-1")))).isNull();
    }

    @Test
    void withoutLabelsTheLabelMapIsAdded() {
        List<Object> patch = patchOf(review(object(named("kex-1")), "ns"));
        assertThat(patch).containsExactly(Map.of("op", "add", "path", "/metadata/labels",
                "value", Map.of(LABEL, ring.ownerOf("ns/kex-1"))));
    }

    @Test
    void withLabelsTheLabelIsAddedWithTheSlashEscapedAsInRfc6901() {
        Map<String, Object> metadata = named("kex-1");
        metadata.put("labels", Map.of("app", "web"));
        List<Object> patch = patchOf(review(object(metadata), "ns"));
        assertThat(patch).containsExactly(Map.of("op", "add",
                "path", "/metadata/labels/sharding.kopf.dev~1web",
                "value", ring.ownerOf("ns/kex-1")));
    }

    @Test
    void theNamespaceComesFromTheRequestWhenTheBodyLeavesItOut() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", "kex-1");
        List<Object> patch = patchOf(review(object(metadata), "other"));
        assertThat(patch).containsExactly(Map.of("op", "add", "path", "/metadata/labels",
                "value", Map.of(LABEL, ring.ownerOf("other/kex-1"))));
    }

    @Test
    void unknownKeysAnswerWithoutAPatch() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("generateName", "kex-");
        Map<String, Object> answer = serve(review(object(metadata), "ns"));
        assertThat(response(answer)).containsEntry("allowed", true).doesNotContainKey("patch");
    }

    @Test
    void theSharderLeavesAnObjectLabelledAtCreationInPlace() {
        for (int i = 0; i < 50; i++) {
            String member = webhook(HashingKey.NAME, ring).memberFor(object(named("kex-" + i)));
            assertThat(RebalancePlan.plan(List.of(seen("kex-" + i, member)), ring)).isEmpty();
        }
    }

    @Test
    void theSharderCorrectsALabelFromAStaleViewAsAnyOther() {
        // The webhook's view lags: "c" has joined, "gone" has left.
        HashRing stale = new HashRing(List.of("a", "b", "gone"), 64);
        boolean drained = false;
        boolean reassigned = false;
        for (int i = 0; i < 200; i++) {
            String name = "kex-" + i;
            String member = webhook(HashingKey.NAME, stale).memberFor(object(named(name)));
            List<RebalancePlan.Move> moves = RebalancePlan.plan(List.of(seen(name, member)),
                    ring);
            String wanted = ring.ownerOf("ns/" + name);
            if (member.equals(wanted)) {
                assertThat(moves).isEmpty();
            } else if (member.equals("gone")) {
                assertThat(moves).singleElement().satisfies(move -> {
                    assertThat(move.action()).isEqualTo(RebalancePlan.Action.ASSIGN);
                    assertThat(move.target()).isEqualTo(wanted);
                });
                reassigned = true;
            } else {
                assertThat(moves).singleElement().satisfies(move -> {
                    assertThat(move.action()).isEqualTo(RebalancePlan.Action.DRAIN);
                    assertThat(move.target()).isEqualTo(wanted);
                });
                drained = true;
            }
        }
        assertThat(drained).isTrue();
        assertThat(reassigned).isTrue();
    }

    private static RebalancePlan.Seen seen(String name, String owner) {
        return new RebalancePlan.Seen(new ObjectId(KEX, "ns", name, "uid-" + name),
                ShardKeys.keyOf(HashingKey.NAME, named(name)), owner, null, "1", true);
    }

    private Map<String, Object> serve(Map<String, Object> review) {
        ShardAssignmentWebhook webhook = webhook(HashingKey.NAME, ring);
        AdmissionProcessor processor = new AdmissionProcessor(
                webhook.handlers(List.of(SELECTOR)), List.of(KEX), new Memo(), null, null);
        return processor.serve(review, new AdmissionProcessor.Call(webhook.idOf(SELECTOR),
                null, null, null));
    }

    @SuppressWarnings("unchecked")
    private List<Object> patchOf(Map<String, Object> review) {
        Map<String, Object> response = response(serve(review));
        assertThat(response).containsEntry("allowed", true)
                .containsEntry("patchType", "JSONPatch");
        return (List<Object>) CompactJson.read(new String(Base64.getDecoder().decode(
                (String) response.get("patch")), StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> response(Map<String, Object> answer) {
        return (Map<String, Object>) answer.get("response");
    }

    private static Map<String, Object> review(Map<String, Object> object, String namespace) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("uid", "uid-1");
        request.put("kind", Map.of("group", "kopf.dev", "version", "v1", "kind", "KopfExample"));
        request.put("resource", Map.of("group", "kopf.dev", "version", "v1",
                "resource", "kopfexamples"));
        request.put("namespace", namespace);
        request.put("operation", "CREATE");
        request.put("userInfo", Map.of("username", "admin"));
        request.put("object", object);
        Map<String, Object> review = new LinkedHashMap<>();
        review.put("apiVersion", "admission.k8s.io/v1");
        review.put("kind", "AdmissionReview");
        review.put("request", request);
        return review;
    }
}
