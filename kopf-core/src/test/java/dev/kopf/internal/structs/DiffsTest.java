package dev.kopf.internal.structs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.kopf.Diff;
import dev.kopf.DiffItem;
import dev.kopf.DiffItem.Op;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DiffsTest {

    private static DiffItem item(Op op, List<String> path, Object oldValue, Object newValue) {
        return new DiffItem(op, path, oldValue, newValue);
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static Stream<Arguments> equalValues() {
        return Stream.of(
                arguments(null, null),
                arguments(1, 1L),
                arguments(1, 1.0),
                arguments(1L, BigInteger.ONE),
                arguments(2.5, new BigDecimal("2.50")),
                arguments("x", "x"),
                arguments(List.of(1, 2), List.of(1L, 2.0)),
                arguments(Map.of(), new LinkedHashMap<>()),
                arguments(map("a", 1, "b", 2), map("b", 2L, "a", 1.0)));
    }

    @ParameterizedTest
    @MethodSource("equalValues")
    void equalValuesHaveAnEmptyDiff(Object a, Object b) {
        assertThat(Diffs.diff(a, b)).isEqualTo(Diff.EMPTY);
        assertThat(Diffs.isEqual(a, b)).isTrue();
    }

    static Stream<Arguments> rootLevelChanges() {
        return Stream.of(
                arguments(null, Map.of(), item(Op.ADD, List.of(), null, Map.of())),
                arguments(Map.of(), null, item(Op.REMOVE, List.of(), Map.of(), null)),
                arguments(null, "x", item(Op.ADD, List.of(), null, "x")),
                arguments("x", null, item(Op.REMOVE, List.of(), "x", null)),
                arguments("x", "y", item(Op.CHANGE, List.of(), "x", "y")),
                arguments(1, "1", item(Op.CHANGE, List.of(), 1, "1")),
                arguments(true, 1, item(Op.CHANGE, List.of(), true, 1)),
                arguments(List.of(1), Map.of(), item(Op.CHANGE, List.of(), List.of(1), Map.of())),
                arguments(Map.of(), List.of(), item(Op.CHANGE, List.of(), Map.of(), List.of())));
    }

    @ParameterizedTest
    @MethodSource("rootLevelChanges")
    void comparesNonMappingsAsAWhole(Object a, Object b, DiffItem expected) {
        assertThat(Diffs.diff(a, b).items()).containsExactly(expected);
    }

    @Test
    void recursesIntoMappingsInAStableOrder() {
        Map<String, Object> a = map("spec", map("size", "1G", "gone", 1, "same", 2),
                "metadata", map("labels", map()));
        Map<String, Object> b = map("fresh", map("x", 1), "metadata", map("labels", map("l1", "v")),
                "spec", map("same", 2, "size", "2G"));

        assertThat(Diffs.diff(a, b).items()).containsExactly(
                item(Op.CHANGE, List.of("spec", "size"), "1G", "2G"),
                item(Op.REMOVE, List.of("spec", "gone"), 1, null),
                item(Op.ADD, List.of("metadata", "labels", "l1"), null, "v"),
                item(Op.ADD, List.of("fresh"), null, map("x", 1)));
    }

    @Test
    void replacesListsAsAWhole() {
        Map<String, Object> a = map("spec", map("items", List.of("item1", "item2")));
        Map<String, Object> b = map("spec", map("items", List.of("item1", "item3")));

        assertThat(Diffs.diff(a, b).items()).containsExactly(item(Op.CHANGE,
                List.of("spec", "items"), List.of("item1", "item2"), List.of("item1", "item3")));
    }

    @Test
    void treatsNullValuesAsAbsentKeys() {
        Map<String, Object> a = map("spec", map("x", null));
        Map<String, Object> b = map("spec", map("y", null));

        assertThat(Diffs.diff(a, b)).isEqualTo(Diff.EMPTY);
    }

    @Test
    void printsAsKopf() {
        Diff diff = Diffs.diff(map("spec", map("size", "1G"), "metadata", map("labels", map())),
                map("metadata", map("labels", map("l1", "v")), "spec", map("size", "2G")));

        assertThat(diff).hasToString("(('change', ('spec', 'size'), '1G', '2G'),"
                + " ('add', ('metadata', 'labels', 'l1'), None, 'v'))");
    }

    @Test
    void prefixesPaths() {
        assertThat(Diffs.diff(1, 2, List.of("spec", "x")).items())
                .containsExactly(item(Op.CHANGE, List.of("spec", "x"), 1, 2));
    }

    @Test
    void reducesItemsBelowTheFieldByCuttingThePrefix() {
        Diff diff = new Diff(List.of(
                item(Op.CHANGE, List.of("spec", "struct", "field"), 1, 2),
                item(Op.ADD, List.of("spec", "struct", "other", "x"), null, 3),
                item(Op.CHANGE, List.of("spec", "unrelated"), 1, 2),
                item(Op.CHANGE, List.of("metadata", "labels", "x"), "a", "b")));

        assertThat(Diffs.reduce(diff, List.of("spec", "struct")).items()).containsExactly(
                item(Op.CHANGE, List.of("field"), 1, 2),
                item(Op.ADD, List.of("other", "x"), null, 3));
    }

    @Test
    void reducesAnItemAtTheFieldToTheRoot() {
        Diff diff = new Diff(List.of(item(Op.CHANGE, List.of("spec", "field"), "a", "b")));

        assertThat(Diffs.reduce(diff, List.of("spec", "field")).items())
                .containsExactly(item(Op.CHANGE, List.of(), "a", "b"));
    }

    @Test
    void reducesItemsAboveTheFieldByDiffingAtTheField() {
        Diff diff = new Diff(List.of(
                item(Op.ADD, List.of("spec"), null, map("struct", map("field", "v", "x", 1))),
                item(Op.REMOVE, List.of("status"), map("phase", "Running"), null)));

        assertThat(Diffs.reduce(diff, List.of("spec", "struct")).items())
                .containsExactly(item(Op.ADD, List.of(), null, map("field", "v", "x", 1)));
        assertThat(Diffs.reduce(diff, List.of("spec", "struct", "field")).items())
                .containsExactly(item(Op.ADD, List.of(), null, "v"));
        assertThat(Diffs.reduce(diff, List.of("status", "phase")).items())
                .containsExactly(item(Op.REMOVE, List.of(), "Running", null));
    }

    @Test
    void reducesAnAboveItemToNothingWhenTheFieldIsUnchanged() {
        Diff diff = new Diff(List.of(item(Op.CHANGE, List.of("spec"),
                map("field", 1, "other", 1), map("field", 1.0, "other", 2))));

        assertThat(Diffs.reduce(diff, List.of("spec", "field"))).isEqualTo(Diff.EMPTY);
    }

    @Test
    void reducesThroughNonMappingsAsAbsent() {
        Diff diff = new Diff(List.of(item(Op.CHANGE, List.of("spec"), "text", map("f", 1))));

        assertThat(Diffs.reduce(diff, List.of("spec", "f")).items())
                .containsExactly(item(Op.ADD, List.of(), null, 1));
    }

    @Test
    void keepsTheDiffAsItIsForTheRoot() {
        Diff diff = new Diff(List.of(item(Op.CHANGE, List.of("a"), 1, 2)));

        assertThat(Diffs.reduce(diff, List.of())).isEqualTo(diff);
        assertThat(Diffs.reduce(Diff.EMPTY, List.of("a"))).isEqualTo(Diff.EMPTY);
    }

    @Test
    void doesNotAliasTheCallersPath() {
        List<String> path = new ArrayList<>(List.of("spec"));
        Diff diff = Diffs.diff(1, 2, path);
        path.add("mutated");

        assertThat(diff.items().get(0).path()).containsExactly("spec");
    }
}
