package dev.kopf.internal.structs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DictPathsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "spec.field | spec,field",
        "status.kopf.progress | status,kopf,progress",
        "spec | spec",
    })
    void parsesDottedPaths(String dotted, String keys) {
        assertThat(DictPaths.parse(dotted)).containsExactly(keys.split(","));
    }

    @Test
    void parsesNullAsTheRoot() {
        assertThat(DictPaths.parse(null)).isEmpty();
    }

    @Test
    void resolvesPresentAbsentAndNonMapPaths() {
        Map<String, Object> tree = Map.of("spec", Map.of("field", "v", "list", List.of(1)));

        assertThat(DictPaths.resolve(tree, List.of("spec", "field"))).isEqualTo("v");
        assertThat(DictPaths.resolve(tree, List.of())).isSameAs(tree);
        assertThat(DictPaths.resolve(tree, List.of("spec", "missing"))).isNull();
        assertThat(DictPaths.resolve(tree, List.of("spec", "field", "deeper"))).isNull();
        assertThat(DictPaths.resolve(tree, List.of("spec", "list", "0"))).isNull();
        assertThat(DictPaths.resolve(null, List.of("spec"))).isNull();
    }

    @Test
    void distinguishesNullValuesFromAbsentKeys() {
        Map<String, Object> tree = new HashMap<>();
        tree.put("key", null);

        assertThat(DictPaths.contains(tree, List.of("key"))).isTrue();
        assertThat(DictPaths.contains(tree, List.of("other"))).isFalse();
        assertThat(DictPaths.contains(tree, List.of("key", "deeper"))).isFalse();
    }

    @Test
    void setsValuesCreatingIntermediateMaps() {
        Map<String, Object> tree = new LinkedHashMap<>(Map.of("status", "not-a-map"));

        DictPaths.set(tree, List.of("status", "kopf", "progress"), 1);
        DictPaths.set(tree, List.of("spec", "x"), null);

        assertThat(tree).isEqualTo(Map.of(
                "status", Map.of("kopf", Map.of("progress", 1)),
                "spec", new HashMap<>(java.util.Collections.singletonMap("x", null))));
    }

    @Test
    void removesValuesAndTheParentsLeftEmpty() {
        Map<String, Object> tree = DictPaths.deepCopyMap(Map.of(
                "status", Map.of("kopf", Map.of("progress", Map.of("fn", 1))),
                "spec", Map.of("a", 1, "b", 2)));

        DictPaths.remove(tree, List.of("status", "kopf", "progress"));
        DictPaths.remove(tree, List.of("spec", "a"));
        DictPaths.remove(tree, List.of("missing", "deeper"));

        assertThat(tree).isEqualTo(Map.of("spec", Map.of("b", 2)));
    }

    @Test
    void refusesToSetOrRemoveTheRoot() {
        Map<String, Object> tree = new HashMap<>();
        assertThatThrownBy(() -> DictPaths.set(tree, List.of(), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DictPaths.remove(tree, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deepCopiesIntoIndependentMutableStructures() {
        Map<String, Object> original = Map.of("a", List.of(Map.of("b", 1)), "c", "d");

        Map<String, Object> copy = DictPaths.deepCopyMap(original);
        DictPaths.cast(((List<?>) copy.get("a")).get(0)).put("b", 2);

        assertThat(original).isEqualTo(Map.of("a", List.of(Map.of("b", 1)), "c", "d"));
        assertThat(copy.get("a")).isInstanceOf(ArrayList.class);
    }

    @Test
    void cherrypicksOnlyExistingFields() {
        Map<String, Object> source = Map.of("status", Map.of("phase", "Running"));
        Map<String, Object> target = new LinkedHashMap<>();

        DictPaths.cherrypick(source, target,
                List.of(List.of("status", "phase"), List.of("status", "missing")));

        assertThat(target).isEqualTo(Map.of("status", Map.of("phase", "Running")));
    }
}
