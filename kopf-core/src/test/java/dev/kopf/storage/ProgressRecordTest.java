package dev.kopf.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProgressRecordTest {

    private static final Instant STARTED = Instant.parse("2020-12-31T23:59:59.123456Z");
    private static final Instant STOPPED = Instant.parse("2020-12-31T23:59:59.234567Z");

    // Python Kopf 1.37+: json.dumps(record, separators=(',', ':')), Nones dropped.
    private static final String KOPF_SUCCESS = "{\"started\":\"2020-12-31T23:59:59.123456+00:00\","
            + "\"stopped\":\"2020-12-31T23:59:59.234567+00:00\",\"purpose\":\"create\","
            + "\"retries\":1,\"success\":true,\"failure\":false}";

    private static ProgressRecord succeeded() {
        return new ProgressRecord(STARTED, STOPPED, null, "create", 1, true, false, null, null);
    }

    @Test
    void writesKopfsCompactFormat() {
        assertThat(succeeded().toJson()).isEqualTo(KOPF_SUCCESS);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        KOPF_SUCCESS,
        "{\"started\":\"2020-12-31T23:59:59.123456+00:00\",\"delayed\":\"2021-01-01T00:01:00.000000"
            + "+00:00\",\"purpose\":\"update\",\"retries\":3,\"success\":false,\"failure\":false,"
            + "\"message\":\"Not ready yet.\",\"subrefs\":[\"fn/a\",\"fn/b\"]}",
        "{\"started\":\"2020-12-31T23:59:59.123456+00:00\",\"stopped\":\"2020-12-31T23:59:59.2345"
            + "67+00:00\",\"purpose\":\"delete\",\"retries\":2,\"success\":false,\"failure\":true,"
            + "\"message\":\"Boom \\u2603\"}",
    })
    void roundTripsRecordsWrittenByKopf(String json) {
        assertThat(ProgressRecord.fromJson(json).toJson()).isEqualTo(json);
    }

    @Test
    void readsNaiveTimestampsAsUtcAndFillsMissingFields() {
        // Kopf before 1.37 (from its docstring), with json.dumps' default spacing.
        ProgressRecord record = ProgressRecord.fromJson(
                "{\"started\": \"2020-02-14T16:58:25.396364\", \"stopped\":"
                + " \"2020-02-14T16:58:25.401844\", \"retries\": 1, \"success\": true}");

        assertThat(record.started()).isEqualTo(Instant.parse("2020-02-14T16:58:25.396364Z"));
        assertThat(record.purpose()).isNull();
        assertThat(record.failure()).isFalse();
        assertThat(record.subrefs()).isEmpty();
        assertThat(record.toJson()).isEqualTo("{\"started\":\"2020-02-14T16:58:25.396364+00:00\","
                + "\"stopped\":\"2020-02-14T16:58:25.401844+00:00\",\"retries\":1,"
                + "\"success\":true,\"failure\":false}");
    }

    @Test
    void readsAnyNumberTypeAndEmptyRecords() {
        assertThat(ProgressRecord.fromJson(Map.of("retries", 2.0)).retries()).isEqualTo(2);
        assertThat(ProgressRecord.fromJson(Map.of("retries", 3L)).retries()).isEqualTo(3);
        assertThat(ProgressRecord.fromJson("{}")).isEqualTo(
                new ProgressRecord(null, null, null, null, 0, false, false, null, List.of()));
        assertThat(ProgressRecord.fromJson("{}").toJson())
                .isEqualTo("{\"retries\":0,\"success\":false,\"failure\":false}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2020-12-31T23:59:59.123456+00:00 | 2020-12-31T23:59:59.123456Z",
        "2020-12-31T23:59:59.123456     | 2020-12-31T23:59:59.123456Z",
        "2020-12-31T23:59:59Z           | 2020-12-31T23:59:59Z",
        "2020-12-31T23:59:59.5+02:00    | 2020-12-31T21:59:59.500Z",
        "2020-12-31 23:59:59,999999     | 2020-12-31T23:59:59.999999Z",
    })
    void parsesTimestampsAsIso8601(String text, String expected) {
        assertThat(ProgressRecord.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void formatsTimestampsWithMicrosecondsAndAnExplicitOffset() {
        assertThat(ProgressRecord.format(Instant.parse("2020-12-31T23:59:59Z")))
                .isEqualTo("2020-12-31T23:59:59.000000+00:00");
        assertThat(ProgressRecord.format(Instant.parse("2020-12-31T23:59:59.123456789Z")))
                .isEqualTo("2020-12-31T23:59:59.123456+00:00");
        assertThat(ProgressRecord.format(null)).isNull();
    }

    @Test
    void rejectsUnreadableTimestamps() {
        assertThatThrownBy(() -> ProgressRecord.fromJson(Map.of("started", "yesterday")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("yesterday");
    }

    @Test
    void sortsAndDeduplicatesSubrefs() {
        ProgressRecord record = new ProgressRecord(null, null, null, null, 0, false, false, null,
                List.of("fn/b", "fn/a", "fn/b"));

        assertThat(record.subrefs()).containsExactly("fn/a", "fn/b");
    }

    @Test
    void listsAllFieldsInKopfsOrderForTheStatus() {
        Map<String, Object> map = succeeded().toMap();

        assertThat(map.keySet()).containsExactly("started", "stopped", "delayed", "purpose",
                "retries", "success", "failure", "message", "subrefs");
        assertThat(map.get("delayed")).isNull();
        assertThat(map.get("subrefs")).isNull();
    }

    @Test
    void tellsFinishedAndSleepingStates() {
        Instant now = Instant.parse("2021-01-01T00:00:00Z");
        ProgressRecord delayed = new ProgressRecord(STARTED, null, now.plusSeconds(60), "create",
                1, false, false, "Not yet.", null);

        assertThat(succeeded().isFinished()).isTrue();
        assertThat(delayed.isFinished()).isFalse();
        assertThat(delayed.isSleeping(now)).isTrue();
        assertThat(delayed.isSleeping(now.plusSeconds(60))).isFalse();
        assertThat(succeeded().isSleeping(now)).isFalse();
    }
}
