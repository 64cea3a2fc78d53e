package dev.kopf.internal.structs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EssenceTest {

    // The body of Kopf's examples/obj.yaml as seen in a cluster, with other operators' traces.
    private static final String BODY = "{\"apiVersion\":\"kopf.dev/v1\",\"kind\":\"KopfExample\","
            + "\"metadata\":{\"name\":\"kopf-example-1\",\"namespace\":\"default\",\"uid\":\"u1\","
            + "\"resourceVersion\":\"42\",\"generation\":2,"
            + "\"labels\":{\"somelabel\":\"somevalue\"},"
            + "\"annotations\":{\"someannotation\":\"somevalue\","
            + "\"kubectl.kubernetes.io/last-applied-configuration\":\"{}\\n\","
            + "\"kopf.zalando.org/last-handled-configuration\":\"{}\\n\","
            + "\"kopf.zalando.org/create_fn\":\"{}\","
            + "\"other.example.com/kopf-managed\":\"yes\",\"other.example.com/create_fn\":\"{}\","
            + "\"team.kopf.zalando.org/x\":\"1\",\"kopf.zalando.org.evil.com/y\":\"2\"}},"
            + "\"spec\":{\"duration\":\"1m\",\"field\":\"value\",\"items\":[\"item1\",\"item2\"]},"
            + "\"status\":{\"phase\":\"Running\","
            + "\"kopf\":{\"progress\":{\"create_fn\":{\"retries\":1}}},"
            + "\"create_fn\":{\"message\":\"hello\"}}}";

    private static Map<String, Object> body() {
        return CompactJson.readMap(BODY);
    }

    @Test
    void keepsSpecLabelsAndForeignAnnotationsInKopfsOrder() {
        Map<String, Object> essence = Essences.essence(body(), List.of(), List.of(), key -> false);

        // Python 3.11 with Kopf's DiffBaseStorage.build: json.dumps(essence, separators=(',', ':'))
        assertThat(CompactJson.write(essence)).isEqualTo("{\"spec\":{\"duration\":\"1m\","
                + "\"field\":\"value\",\"items\":[\"item1\",\"item2\"]},\"metadata\":{\"labels\":"
                + "{\"somelabel\":\"somevalue\"},\"annotations\":{\"someannotation\":\"somevalue\","
                + "\"kopf.zalando.org.evil.com/y\":\"2\"}}}");
    }

    @Test
    void putsBackExtraFieldsAndRemovesIgnoredOnes() {
        Map<String, Object> essence = Essences.essence(body(),
                List.of(List.of("status", "phase"), List.of("status", "missing")),
                List.of(List.of("spec", "items"), List.of("metadata", "labels", "somelabel")),
                key -> false);

        assertThat(CompactJson.write(essence)).isEqualTo("{\"spec\":{\"duration\":\"1m\","
                + "\"field\":\"value\"},\"metadata\":{\"annotations\":{\"someannotation\":"
                + "\"somevalue\",\"kopf.zalando.org.evil.com/y\":\"2\"}},"
                + "\"status\":{\"phase\":\"Running\"}}");
    }

    @Test
    void removesTheAnnotationsThePredicateNames() {
        Map<String, Object> essence = Essences.essence(body(), List.of(), List.of(),
                key -> key.equals("someannotation") || key.startsWith("kopf.zalando.org."));

        assertThat(essence.get("metadata"))
                .isEqualTo(Map.of("labels", Map.of("somelabel", "somevalue")));
    }

    @Test
    void dropsEmptyStanzasAndKeepsOtherTopLevelFields() {
        Map<String, Object> configMap = CompactJson.readMap("{\"apiVersion\":\"v1\","
                + "\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm\",\"labels\":{},"
                + "\"annotations\":{\"kopf.zalando.org/last-handled-configuration\":\"x\"}},"
                + "\"data\":{\"k\":\"v\"},\"status\":{}}");

        Map<String, Object> essence =
                Essences.essence(configMap, List.of(), List.of(), key -> false);

        assertThat(CompactJson.write(essence)).isEqualTo("{\"data\":{\"k\":\"v\"}}");
    }

    @Test
    void leavesTheBodyUntouched() {
        Map<String, Object> body = body();
        Map<String, Object> before = DictPaths.deepCopyMap(body);

        Map<String, Object> essence = Essences.essence(body, List.of(List.of("status")),
                List.of(List.of("spec", "field")), key -> true);
        DictPaths.cast(essence.get("spec")).put("mutated", true);

        assertThat(body).isEqualTo(before);
    }

    @Test
    void handlesBodiesWithoutMetadata() {
        Map<String, Object> essence = Essences.essence(
                Map.of("spec", Map.of("a", 1)), null, null, key -> false);

        assertThat(essence).isEqualTo(Map.of("spec", Map.of("a", 1)));
    }
}
