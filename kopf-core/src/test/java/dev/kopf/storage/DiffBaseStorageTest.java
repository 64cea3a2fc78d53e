package dev.kopf.storage;

import static dev.kopf.storage.AnnotationsProgressStorageTest.RESOURCE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.Patch;
import dev.kopf.internal.structs.CompactJson;
import dev.kopf.internal.structs.DictPaths;
import dev.kopf.internal.structs.Diffs;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DiffBaseStorageTest {

    private static final String KEY = "kopf.zalando.org/last-handled-configuration";

    // Kopf's examples/obj.yaml as seen in a cluster after Python Kopf handled it.
    private static final String KOPF_ESSENCE = "{\"spec\":{\"duration\":\"1m\",\"field\":"
            + "\"value\",\"items\":[\"item1\",\"item2\"]},\"metadata\":{\"labels\":{\"somelabel\":"
            + "\"somevalue\"},\"annotations\":{\"someannotation\":\"somevalue\"}}}";

    private static Map<String, Object> body(String lastHandled) {
        String annotation = lastHandled == null ? ""
                : ",\"" + KEY + "\":" + CompactJson.write(lastHandled);
        return CompactJson.readMap("{\"apiVersion\":\"kopf.dev/v1\",\"kind\":\"KopfExample\","
                + "\"metadata\":{\"name\":\"kopf-example-1\",\"namespace\":\"default\","
                + "\"labels\":{\"somelabel\":\"somevalue\"},\"annotations\":{\"someannotation\":"
                + "\"somevalue\"" + annotation + "}},\"spec\":{\"duration\":\"1m\",\"field\":"
                + "\"value\",\"items\":[\"item1\",\"item2\"]},\"status\":{\"phase\":\"Running\"}}");
    }

    static Stream<DiffBaseStorage> storages() {
        return Stream.of(new AnnotationsDiffBaseStorage(), new StatusDiffBaseStorage(),
                new SmartDiffBaseStorage(),
                new MultiDiffBaseStorage(List.of(new StatusDiffBaseStorage(),
                        new AnnotationsDiffBaseStorage())));
    }

    @ParameterizedTest
    @MethodSource("storages")
    void roundTripsTheEssenceWithoutTracesOrDiffs(DiffBaseStorage storage) {
        Map<String, Object> body = body(null);
        Map<String, Object> essence = storage.build(body, List.of(List.of("status")));
        Patch patch = new Patch();

        storage.store(RESOURCE, body, patch, essence);
        Map<String, Object> stored = MergePatches.apply(body, patch);

        assertThat(storage.fetch(RESOURCE, body)).isEmpty();
        assertThat(storage.fetch(RESOURCE, stored)).contains(essence);
        Map<String, Object> rebuilt = storage.build(stored, List.of(List.of("status")));
        assertThat(rebuilt).isEqualTo(essence);
        assertThat(Diffs.diff(essence, rebuilt).isEmpty()).isTrue();
    }

    @Test
    void storesKopfsAnnotationFormat() {
        AnnotationsDiffBaseStorage storage = new AnnotationsDiffBaseStorage();
        Map<String, Object> body = body(null);
        Patch patch = new Patch();

        storage.store(RESOURCE, body, patch, storage.build(body, List.of()));

        assertThat(patch.metadata().annotations()).isEqualTo(Map.of(KEY, KOPF_ESSENCE + "\n"));
    }

    @Test
    void readsAnnotationsWrittenByAnyKopfVersion() {
        AnnotationsDiffBaseStorage storage = new AnnotationsDiffBaseStorage();
        String spaced = "{\"spec\": {\"field\": \"value\"}}";  // before Kopf 0.28

        assertThat(storage.fetch(RESOURCE, body(KOPF_ESSENCE + "\n")))
                .contains(CompactJson.readMap(KOPF_ESSENCE));
        assertThat(storage.fetch(RESOURCE, body(spaced)))
                .contains(Map.of("spec", Map.of("field", "value")));
        assertThat(storage.fetch(RESOURCE, body("{broken"))).isEmpty();
    }

    @Test
    void excludesItsOwnKeyAndOtherKopfKeysFromTheEssence() {
        Map<String, Object> body = body(KOPF_ESSENCE + "\n");
        DictPaths.set(body, List.of("metadata", "annotations", "example.com/lhc"), "{}");
        AnnotationsDiffBaseStorage custom = AnnotationsDiffBaseStorage.builder()
                .prefix("example.com").key("lhc").build();

        assertThat(new AnnotationsDiffBaseStorage().build(body, List.of()))
                .isEqualTo(CompactJson.readMap(KOPF_ESSENCE.replace(
                        "somevalue\"}}}", "somevalue\",\"example.com/lhc\":\"{}\"}}}")));
        assertThat(custom.build(body, List.of())).isEqualTo(CompactJson.readMap(KOPF_ESSENCE));
    }

    @Test
    void removesIgnoredFields() {
        AnnotationsDiffBaseStorage storage = AnnotationsDiffBaseStorage.builder()
                .ignoredFields(List.of("spec.items", "metadata.annotations")).build();

        Map<String, Object> essence = storage.build(body(null), List.of());

        assertThat(CompactJson.write(essence)).isEqualTo("{\"spec\":{\"duration\":\"1m\","
                + "\"field\":\"value\"},\"metadata\":{\"labels\":{\"somelabel\":\"somevalue\"}}}");
    }

    @Test
    void storesAJsonStringInTheStatus() {
        StatusDiffBaseStorage storage = new StatusDiffBaseStorage();
        Map<String, Object> body = body(null);
        Patch patch = new Patch();

        storage.store(RESOURCE, body, patch, storage.build(body, List.of()));

        assertThat(patch.asMap()).isEqualTo(Map.of("status", Map.of("kopf",
                Map.of("last-handled-configuration", KOPF_ESSENCE))));
    }

    @Test
    void keepsTheStatusFieldOutOfTheEssence() {
        StatusDiffBaseStorage storage = StatusDiffBaseStorage.builder().name("my-op").build();
        Map<String, Object> body = body(null);
        DictPaths.set(body, List.of("status", "my-op", "last-handled-configuration"), "{}");

        Map<String, Object> essence = storage.build(body, List.of(List.of("status")));

        assertThat(essence.get("status")).isEqualTo(Map.of("phase", "Running"));
        assertThat(storage.clear(Map.of("status", Map.of("my-op",
                Map.of("last-handled-configuration", "{}"))))).isEmpty();
    }

    @Test
    void multiReadsTheFirstHitAndWritesToAll() {
        MultiDiffBaseStorage storage = new MultiDiffBaseStorage(List.of(
                new StatusDiffBaseStorage(), new AnnotationsDiffBaseStorage()));
        Map<String, Object> body = body(KOPF_ESSENCE + "\n");
        DictPaths.set(body, List.of("status", "kopf", "last-handled-configuration"), "{\"a\":1}");
        Patch patch = new Patch();

        storage.store(RESOURCE, body, patch, Map.of("spec", Map.of()));

        assertThat(storage.fetch(RESOURCE, body)).contains(Map.of("a", 1));
        assertThat(patch.metadata().annotations()).containsEntry(KEY, "{\"spec\":{}}\n");
        assertThat(DictPaths.resolve(patch.asMap(),
                List.of("status", "kopf", "last-handled-configuration")))
                .isEqualTo("{\"spec\":{}}");
    }
}
