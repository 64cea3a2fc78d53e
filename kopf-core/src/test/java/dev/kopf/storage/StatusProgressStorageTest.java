package dev.kopf.storage;

import static dev.kopf.storage.AnnotationsProgressStorageTest.KOPF_RECORD;
import static dev.kopf.storage.AnnotationsProgressStorageTest.RESOURCE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.Patch;
import dev.kopf.internal.structs.CompactJson;
import dev.kopf.internal.structs.DictPaths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StatusProgressStorageTest {

    private final StatusProgressStorage storage = new StatusProgressStorage();

    private static Map<String, Object> body(String status) {
        return CompactJson.readMap("{\"kind\":\"KopfExample\",\"metadata\":{\"name\":\"x\"},"
                + "\"spec\":{\"a\":1},\"status\":" + status + "}");
    }

    private static ProgressRecord record() {
        return ProgressRecord.fromJson(KOPF_RECORD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"create_fn", "create_fn/item1", "update_fn/spec.field", "fn<lambda>"})
    void storesRecordsUnderTheUnchangedHandlerId(String handlerId) {
        Patch patch = new Patch();

        storage.store(RESOURCE, handlerId, record(), body("{}"), patch);
        Map<String, Object> stored = MergePatches.apply(body("{}"), patch);

        Object container = DictPaths.resolve(stored, List.of("status", "kopf", "progress"));
        assertThat(DictPaths.cast(container)).containsOnlyKeys(handlerId);
        assertThat(storage.fetch(RESOURCE, handlerId, stored)).contains(record());
    }

    @Test
    void writesNullsToEraseStaleFields() {
        Patch patch = new Patch();

        storage.store(RESOURCE, "fn", record(), body("{}"), patch);

        Object written =
                DictPaths.resolve(patch.asMap(), List.of("status", "kopf", "progress", "fn"));
        assertThat(DictPaths.cast(written)).containsEntry("delayed", null)
                .containsEntry("retries", 1).containsEntry("purpose", "create");
    }

    @Test
    void fetchesRecordsWrittenByKopf() {
        Map<String, Object> body = body("{\"kopf\":{\"progress\":{\"create_fn\":" + KOPF_RECORD
                + ",\"broken\":\"not-a-record\",\"bad\":{\"started\":\"yesterday\"}}}}");

        assertThat(storage.fetch(RESOURCE, "create_fn", body)).contains(record());
        assertThat(storage.fetch(RESOURCE, "broken", body)).isEmpty();
        assertThat(storage.fetch(RESOURCE, "bad", body)).isEmpty();
        assertThat(storage.fetch(RESOURCE, "create_fn", body("\"not-a-map\""))).isEmpty();
    }

    @Test
    void purgesOnlyWhatExists() {
        Map<String, Object> body = body("{\"kopf\":{\"progress\":{\"create_fn\":{}}}}");
        Patch existing = new Patch();
        Patch absent = new Patch();

        storage.purge(RESOURCE, "create_fn", body, existing);
        storage.purge(RESOURCE, "other_fn", body, absent);

        assertThat(MergePatches.apply(body, existing)).isEqualTo(
                CompactJson.readMap("{\"kind\":\"KopfExample\",\"metadata\":{\"name\":\"x\"},"
                        + "\"spec\":{\"a\":1},\"status\":{\"kopf\":{\"progress\":{}}}}"));
        assertThat(absent.isEmpty()).isTrue();
    }

    @Test
    void touchesTheDummyField() {
        Patch touch = new Patch();
        Patch untouch = new Patch();

        storage.touch(RESOURCE, body("{}"), touch, "2021-01-01T00:00:00.000000+00:00");
        storage.touch(RESOURCE, body("{\"kopf\":{\"dummy\":\"x\"}}"), untouch, null);

        assertThat(touch.status()).isEqualTo(
                Map.of("kopf", Map.of("dummy", "2021-01-01T00:00:00.000000+00:00")));
        assertThat(DictPaths.contains(untouch.asMap(), List.of("status", "kopf", "dummy")))
                .isTrue();
    }

    @Test
    void usesCustomNamesAndFields() {
        StatusProgressStorage custom = StatusProgressStorage.builder().name("my-op").build();
        StatusProgressStorage moved = StatusProgressStorage.builder()
                .field("status.state.{name}").build();
        Patch patch = new Patch();

        custom.store(RESOURCE, "fn", record(), body("{}"), patch);
        moved.store(RESOURCE, "fn", record(), body("{}"), patch);

        assertThat(custom.field()).containsExactly("status", "my-op", "progress");
        assertThat(patch.status()).containsOnlyKeys("my-op", "state");
    }

    @Test
    void clearsProgressAndTheDummyFromEssences() {
        Map<String, Object> essence = CompactJson.readMap("{\"spec\":{\"a\":1},\"status\":"
                + "{\"kopf\":{\"progress\":{\"fn\":{}},\"dummy\":\"x\"}}}");

        assertThat(storage.clear(essence)).isEqualTo(Map.of("spec", Map.of("a", 1)));
    }
}
