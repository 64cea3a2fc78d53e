package dev.kopf.internal.structs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompactJsonTest {

    @Test
    void writesAsPythonJsonDumpsWithCompactSeparators() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("a", "\u00e9 \u2603 \ud83d\ude00 \u0001\u007f\n\t\"\\ /");
        value.put("b", Arrays.asList(1, 2.5, null, true));

        // Python 3.11: json.dumps(value, separators=(',', ':'))
        assertThat(CompactJson.write(value)).isEqualTo("{\"a\":\"\\u00e9 \\u2603 \\ud83d\\ude00"
                + " \\u0001\\u007f\\n\\t\\\"\\\\ /\",\"b\":[1,2.5,null,true]}");
    }

    @Test
    void keepsInsertionOrder() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("z", 1);
        value.put("a", Map.of("k", List.of()));

        assertThat(CompactJson.write(value)).isEqualTo("{\"z\":1,\"a\":{\"k\":[]}}");
    }

    @Test
    void readsObjectsInOrderAndRoundTrips() {
        String text = "{\"spec\":{\"b\":1,\"a\":[1,2.5]},"
                + "\"metadata\":{\"labels\":{\"x\":\"\\u00e9\"}}}";

        Map<String, Object> map = CompactJson.readMap(text);

        assertThat(map.keySet()).containsExactly("spec", "metadata");
        assertThat(CompactJson.write(map)).isEqualTo(text);
    }

    @Test
    void rejectsInvalidJsonAndNonObjects() {
        assertThatThrownBy(() -> CompactJson.readMap("{not json"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CompactJson.readMap("[1]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Expected a JSON object");
    }
}
