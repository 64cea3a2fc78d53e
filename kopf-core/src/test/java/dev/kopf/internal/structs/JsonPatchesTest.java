package dev.kopf.internal.structs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonPatchesTest {

    @Test
    void grownListsAreAppendedToAndOtherChangesReplaced() {
        Map<String, Object> before = Map.of("status", Map.of("conditions", List.of("a"),
                "phase", "Old", "gone", 1), "spec", Map.of("list", List.of(1, 2)));
        Map<String, Object> after = Map.of("status", Map.of("conditions", List.of("a", "b"),
                "phase", "New", "a/b~c", true), "spec", Map.of("list", List.of(2)));
        assertThat(JsonPatches.diff(before, after)).containsExactlyInAnyOrder(
                Map.of("op", "add", "path", "/status/conditions/-", "value", "b"),
                Map.of("op", "replace", "path", "/status/phase", "value", "New"),
                Map.of("op", "remove", "path", "/status/gone"),
                Map.of("op", "add", "path", "/status/a~1b~0c", "value", true),
                Map.of("op", "replace", "path", "/spec/list", "value", List.of(2)));
    }

    @Test
    void equalDocumentsNeedNoOperations() {
        assertThat(JsonPatches.diff(Map.of("a", List.of(1)), Map.of("a", List.of(1)))).isEmpty();
    }
}
