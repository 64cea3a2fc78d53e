package dev.kopf.storage;

import static dev.kopf.storage.AnnotationsProgressStorageTest.KOPF_RECORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.Patch;
import dev.kopf.Resource;
import dev.kopf.internal.structs.CompactJson;
import dev.kopf.internal.structs.DictPaths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmartStorageTest {

    private static final Resource CRD = new Resource("kopf.dev", "v1", "kopfexamples",
            "KopfExample", true, List.of(), List.of("status"));
    private static final Resource PODS = new Resource("", "v1", "pods", "Pod", true,
            List.of("po"), List.of("status"));
    private static final Resource CONFIGMAPS = new Resource("", "v1", "configmaps",
            "ConfigMap", true, List.of("cm"), List.of());

    private static final List<String> STATUS_RECORD =
            List.of("status", "kopf", "progress", "create_fn");
    private static final List<String> ANNOTATION_RECORD =
            List.of("metadata", "annotations", "kopf.zalando.org/create_fn");

    private static Map<String, Object> body() {
        return CompactJson.readMap("{\"kind\":\"KopfExample\",\"metadata\":{\"name\":\"x\","
                + "\"labels\":{\"l\":\"v\"}},\"spec\":{\"a\":1}}");
    }

    private static ProgressRecord record(int retries) {
        return new ProgressRecord(null, null, null, "create", retries, false, false, null, null);
    }

    @Test
    void progressGoesToTheStatusByDefault() {
        SmartProgressStorage storage = new SmartProgressStorage();
        Patch patch = new Patch();

        storage.store(CRD, "create_fn", record(1), body(), patch);

        assertThat(DictPaths.contains(patch.asMap(), STATUS_RECORD)).isTrue();
        assertThat(DictPaths.contains(patch.asMap(), ANNOTATION_RECORD)).isFalse();
        assertThat(storage.fetch(CRD, "create_fn", MergePatches.apply(body(), patch)))
                .contains(record(1));
    }

    @Test
    void progressGoesToAnnotationsForResourcesThatCannotKeepStatus() {
        SmartProgressStorage storage = new SmartProgressStorage();
        storage.useAnnotationsFor(PODS);
        Patch patch = new Patch();

        storage.store(PODS, "create_fn", record(1), body(), patch);

        assertThat(storage.usesAnnotations(PODS)).isTrue();
        assertThat(storage.usesAnnotations(CRD)).isFalse();
        assertThat(DictPaths.resolve(patch.asMap(), ANNOTATION_RECORD))
                .isEqualTo(record(1).toJson());
        assertThat(DictPaths.contains(patch.asMap(), List.of("status"))).isFalse();
    }

    @Test
    void progressWrittenByPythonKopfIsHonoured() {
        SmartProgressStorage storage = new SmartProgressStorage();
        Map<String, Object> body = body();
        DictPaths.set(body, ANNOTATION_RECORD, KOPF_RECORD);

        assertThat(storage.fetch(CRD, "create_fn", body))
                .contains(ProgressRecord.fromJson(KOPF_RECORD));

        DictPaths.set(body, STATUS_RECORD, record(5).toCompactMap());
        assertThat(storage.fetch(CRD, "create_fn", body)).contains(record(5));
        storage.useAnnotationsFor(CRD);
        assertThat(storage.fetch(CRD, "create_fn", body))
                .contains(ProgressRecord.fromJson(KOPF_RECORD));
    }

    @Test
    void progressIsPurgedFromBothPlacesWhereItExists() {
        SmartProgressStorage storage = new SmartProgressStorage();
        Map<String, Object> both = body();
        DictPaths.set(both, ANNOTATION_RECORD, KOPF_RECORD);
        DictPaths.set(both, STATUS_RECORD, record(5).toCompactMap());
        Patch purgeBoth = new Patch();
        Patch purgeNone = new Patch();

        storage.purge(CRD, "create_fn", both, purgeBoth);
        storage.purge(CRD, "create_fn", body(), purgeNone);

        Map<String, Object> annotations = new HashMap<>();
        annotations.put("kopf.zalando.org/create_fn", null);
        Map<String, Object> progress = new HashMap<>();
        progress.put("create_fn", null);
        assertThat(purgeBoth.metadata().annotations()).isEqualTo(annotations);
        assertThat(DictPaths.resolve(purgeBoth.asMap(), List.of("status", "kopf", "progress")))
                .isEqualTo(progress);
        assertThat(purgeNone.isEmpty()).isTrue();
    }

    @Test
    void touchesTheWritePlaceAndUntouchesBoth() {
        SmartProgressStorage storage = new SmartProgressStorage();
        Map<String, Object> touched = body();
        DictPaths.set(touched, List.of("status", "kopf", "dummy"), "t1");
        DictPaths.set(touched, List.of("metadata", "annotations", "kopf.zalando.org/touch-dummy"),
                "t1");
        Patch touch = new Patch();
        Patch untouch = new Patch();

        storage.touch(CRD, body(), touch, "t2");
        storage.touch(CRD, touched, untouch, null);

        assertThat(touch.asMap())
                .isEqualTo(Map.of("status", Map.of("kopf", Map.of("dummy", "t2"))));
        assertThat(DictPaths.contains(untouch.asMap(), List.of("status", "kopf", "dummy")))
                .isTrue();
        assertThat(untouch.metadata().annotations()).containsKey("kopf.zalando.org/touch-dummy");
    }

    @Test
    void progressTracesAreClearedFromEssences() {
        Map<String, Object> essence = CompactJson.readMap("{\"spec\":{},\"status\":{\"kopf\":"
                + "{\"progress\":{\"fn\":{}}},\"phase\":\"Running\"},\"metadata\":{\"annotations\":"
                + "{\"kopf.zalando.org/fn\":\"{}\"}}}");

        assertThat(new SmartProgressStorage().clear(essence)).isEqualTo(
                Map.of("spec", Map.of(), "status", Map.of("phase", "Running")));
    }

    @Test
    void diffBaseGoesToTheStatusOnlyWithAStatusSubresource() {
        SmartDiffBaseStorage storage = new SmartDiffBaseStorage();
        Patch crd = new Patch();
        Patch configMap = new Patch();

        storage.store(CRD, body(), crd, Map.of("spec", Map.of("a", 1)));
        storage.store(CONFIGMAPS, body(), configMap, Map.of("data", Map.of()));

        assertThat(crd.asMap()).isEqualTo(Map.of("status", Map.of("kopf",
                Map.of("last-handled-configuration", "{\"spec\":{\"a\":1}}"))));
        assertThat(configMap.asMap()).isEqualTo(Map.of("metadata", Map.of("annotations",
                Map.of("kopf.zalando.org/last-handled-configuration", "{\"data\":{}}\n"))));
        assertThat(storage.usesAnnotations(CONFIGMAPS)).isTrue();
    }

    @Test
    void diffBaseGoesToAnnotationsWhenTold() {
        SmartDiffBaseStorage storage = new SmartDiffBaseStorage();
        storage.useAnnotationsFor(PODS);
        Patch patch = new Patch();

        storage.store(PODS, body(), patch, Map.of("spec", Map.of()));

        assertThat(patch.metadata().annotations())
                .containsOnlyKeys("kopf.zalando.org/last-handled-configuration");
    }

    @Test
    void diffBaseWrittenByPythonKopfIsHonoured() {
        SmartDiffBaseStorage storage = new SmartDiffBaseStorage();
        Map<String, Object> body = body();
        DictPaths.set(body, List.of("metadata", "annotations",
                "kopf.zalando.org/last-handled-configuration"), "{\"spec\":{\"a\":0}}\n");

        assertThat(storage.fetch(CRD, body)).contains(Map.of("spec", Map.of("a", 0)));

        DictPaths.set(body, List.of("status", "kopf", "last-handled-configuration"),
                "{\"spec\":{\"a\":1}}");
        assertThat(storage.fetch(CRD, body)).contains(Map.of("spec", Map.of("a", 1)));
    }

    @Test
    void diffBaseEssencesLackTheIgnoredFieldsOfBothStorages() {
        SmartDiffBaseStorage storage = new SmartDiffBaseStorage(
                StatusDiffBaseStorage.builder().ignoredFields(List.of("spec.a")).build(),
                AnnotationsDiffBaseStorage.builder().ignoredFields(List.of("metadata")).build());
        Map<String, Object> body = body();
        DictPaths.set(body, List.of("spec", "b"), 2);

        assertThat(storage.build(body, List.of())).isEqualTo(Map.of("spec", Map.of("b", 2)));
    }

    @Test
    void diffBaseEssencesHoldNoTracesOfEitherStorage() {
        Map<String, Object> body = body();
        DictPaths.set(body, List.of("metadata", "annotations",
                "kopf.zalando.org/last-handled-configuration"), "{}\n");
        DictPaths.set(body, List.of("status", "kopf", "last-handled-configuration"), "{}");
        DictPaths.set(body, List.of("status", "phase"), "Running");

        Map<String, Object> essence =
                new SmartDiffBaseStorage().build(body, List.of(List.of("status")));

        assertThat(essence).isEqualTo(Map.of("spec", Map.of("a", 1),
                "metadata", Map.of("labels", Map.of("l", "v")),
                "status", Map.of("phase", "Running")));
    }
}
