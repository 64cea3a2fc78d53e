package dev.kopf.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kopf.Patch;
import dev.kopf.Resource;
import dev.kopf.internal.structs.CompactJson;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnnotationsProgressStorageTest {

    static final Resource RESOURCE = new Resource("kopf.dev", "v1", "kopfexamples",
            "KopfExample", true, List.of(), List.of("status"));

    static final String KOPF_RECORD = "{\"started\":\"2020-12-31T23:59:59.123456+00:00\","
            + "\"stopped\":\"2020-12-31T23:59:59.234567+00:00\",\"purpose\":\"create\","
            + "\"retries\":1,\"success\":true,\"failure\":false}";

    private static final String LONG_ID = "parent_handler/very_long_sub_handler_name_number_one"
            + "/and/another/one";
    private static final String LONG_V2 =
            "kopf.zalando.org/parent_handler.very_long_sub_handler_name_number_one.and-fsY7kQ";
    private static final String LONG_V1 =
            "kopf.zalando.org/parent_handler.very_long_sub_handler_na-jPjhuA";

    private final AnnotationsProgressStorage storage = new AnnotationsProgressStorage();

    static Map<String, Object> bodyWithAnnotations(Map<String, Object> annotations) {
        return CompactJson.readMap(CompactJson.write(Map.of("kind", "KopfExample",
                "metadata", Map.of("name", "kopf-example-1", "annotations", annotations))));
    }

    private static ProgressRecord record() {
        return ProgressRecord.fromJson(KOPF_RECORD);
    }

    @Test
    void storesCompactJsonUnderTheHandlerKey() {
        Patch patch = new Patch();

        storage.store(RESOURCE, "create_fn/item1", record(), bodyWithAnnotations(Map.of()), patch);

        assertThat(patch.asMap()).isEqualTo(Map.of("metadata", Map.of("annotations",
                Map.of("kopf.zalando.org/create_fn.item1", KOPF_RECORD))));
    }

    @Test
    void fetchesRecordsWrittenByKopf() {
        Map<String, Object> body = bodyWithAnnotations(Map.of("kopf.zalando.org/create_fn",
                KOPF_RECORD, "kopf.zalando.org/other_fn", "{\"retries\":0}"));

        assertThat(storage.fetch(RESOURCE, "create_fn", body)).contains(record());
        assertThat(storage.fetch(RESOURCE, "missing_fn", body)).isEmpty();
    }

    @Test
    void writesBothKeysOfLongIdsAndReadsV2First() {
        Patch patch = new Patch();
        storage.store(RESOURCE, LONG_ID, record(), bodyWithAnnotations(Map.of()), patch);

        assertThat(patch.metadata().annotations()).containsOnlyKeys(LONG_V2, LONG_V1);

        Map<String, Object> onlyV1 = bodyWithAnnotations(Map.of(LONG_V1, KOPF_RECORD));
        Map<String, Object> both = bodyWithAnnotations(Map.of(LONG_V1, "{\"retries\":9}",
                LONG_V2, KOPF_RECORD));
        assertThat(storage.fetch(RESOURCE, LONG_ID, onlyV1)).contains(record());
        assertThat(storage.fetch(RESOURCE, LONG_ID, both)).contains(record());
    }

    @Test
    void writesOnlyV2KeysWhenToldSo() {
        AnnotationsProgressStorage v2only = AnnotationsProgressStorage.builder()
                .withoutV1Keys().build();
        Patch patch = new Patch();

        v2only.store(RESOURCE, LONG_ID, record(), bodyWithAnnotations(Map.of()), patch);

        assertThat(patch.metadata().annotations()).containsOnlyKeys(LONG_V2);
        assertThat(v2only.fetch(RESOURCE, LONG_ID, bodyWithAnnotations(Map.of(LONG_V1,
                KOPF_RECORD)))).isEmpty();
    }

    @Test
    void writesNullsWhenVerbose() {
        AnnotationsProgressStorage verbose = AnnotationsProgressStorage.builder().verbose().build();
        Patch patch = new Patch();

        verbose.store(RESOURCE, "fn", record(), bodyWithAnnotations(Map.of()), patch);

        assertThat(patch.metadata().annotations().get("kopf.zalando.org/fn")).isEqualTo(
                "{\"started\":\"2020-12-31T23:59:59.123456+00:00\",\"stopped\":"
                + "\"2020-12-31T23:59:59.234567+00:00\",\"delayed\":null,\"purpose\":\"create\","
                + "\"retries\":1,\"success\":true,\"failure\":false,\"message\":null,"
                + "\"subrefs\":null}");
    }

    @Test
    void marksCustomPrefixesOnce() {
        AnnotationsProgressStorage custom = AnnotationsProgressStorage.builder()
                .prefix("my-op.example.com").build();
        Patch patch = new Patch();
        Patch second = new Patch();

        custom.store(RESOURCE, "fn", record(), bodyWithAnnotations(Map.of()), patch);
        custom.store(RESOURCE, "fn", record(), bodyWithAnnotations(
                Map.of("my-op.example.com/kopf-managed", "yes")), second);

        assertThat(patch.metadata().annotations())
                .containsEntry("my-op.example.com/kopf-managed", "yes")
                .containsEntry("my-op.example.com/fn", KOPF_RECORD);
        assertThat(second.metadata().annotations()).containsOnlyKeys("my-op.example.com/fn");
    }

    @Test
    void marksKeysOfReplicaSetsOwnedByDeployments() {
        Map<String, Object> replicaSet = CompactJson.readMap("{\"kind\":\"ReplicaSet\","
                + "\"metadata\":{\"ownerReferences\":[{\"kind\":\"Deployment\",\"name\":\"d\"}],"
                + "\"annotations\":{\"kopf.zalando.org/fn\":\"{\\\"retries\\\":7}\"}}}");
        Patch patch = new Patch();

        storage.store(RESOURCE, "fn", record(), replicaSet, patch);

        assertThat(patch.metadata().annotations()).containsOnlyKeys("kopf.zalando.org/fn-ofDRS");
        assertThat(storage.fetch(RESOURCE, "fn", replicaSet)).isEmpty();
    }

    @Test
    void purgesOnlyWhatExists() {
        Map<String, Object> body = bodyWithAnnotations(Map.of(LONG_V1, KOPF_RECORD));
        Patch patch = new Patch();

        storage.purge(RESOURCE, LONG_ID, body, patch);
        storage.purge(RESOURCE, "absent_fn", body, patch);

        Map<String, Object> expected = new HashMap<>();
        expected.put(LONG_V1, null);
        assertThat(patch.metadata().annotations()).isEqualTo(expected);
    }

    @Test
    void purgeDropsPendingWritesOfAbsentRecords() {
        Map<String, Object> body = bodyWithAnnotations(Map.of());
        Patch patch = new Patch();
        storage.store(RESOURCE, "fn", record(), body, patch);

        storage.purge(RESOURCE, "fn", body, patch);

        assertThat(patch.isEmpty()).isTrue();
    }

    @Test
    void touchesAndUntouchesOnlyWhenNeeded() {
        String now = ProgressRecord.format(Instant.parse("2021-01-01T00:00:00Z"));
        Patch touch = new Patch();
        Patch noop = new Patch();
        Patch untouch = new Patch();
        Patch untouchAbsent = new Patch();

        storage.touch(RESOURCE, bodyWithAnnotations(Map.of()), touch, now);
        Map<String, Object> touched = MergePatches.apply(bodyWithAnnotations(Map.of()), touch);
        storage.touch(RESOURCE, touched, noop, now);
        storage.touch(RESOURCE, touched, untouch, null);
        storage.touch(RESOURCE, bodyWithAnnotations(Map.of()), untouchAbsent, null);

        assertThat(touch.metadata().annotations())
                .isEqualTo(Map.of("kopf.zalando.org/touch-dummy", now));
        assertThat(noop.isEmpty()).isTrue();
        assertThat(untouch.metadata().annotations()).containsEntry("kopf.zalando.org/touch-dummy",
                null);
        assertThat(untouchAbsent.isEmpty()).isTrue();
    }

    @Test
    void clearsItsPrefixFromEssences() {
        Map<String, Object> essence = CompactJson.readMap("{\"spec\":{},\"metadata\":{"
                + "\"annotations\":{\"kopf.zalando.org/fn\":\"{}\"}}}");

        assertThat(storage.clear(essence)).isEqualTo(Map.of("spec", Map.of()));
        assertThat(essence).containsKey("metadata");
    }

    @Test
    void skipsUnreadableRecords() {
        Map<String, Object> body = bodyWithAnnotations(Map.of("kopf.zalando.org/fn", "{oops"));

        assertThat(storage.fetch(RESOURCE, "fn", body)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {""})
    void requiresAPrefix(String prefix) {
        assertThatThrownBy(() -> AnnotationsProgressStorage.builder().prefix(prefix).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be prefixed");
    }
}
