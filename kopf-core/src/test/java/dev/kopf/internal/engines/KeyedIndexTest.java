package dev.kopf.internal.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyedIndexTest {

    private final KeyedIndex index = new KeyedIndex();

    @Test
    void eachKeyHoldsTheValuesOfEveryObjectThatProducedIt() {
        index.replace("ns/a/1", Map.of("x", "a"));
        index.replace("ns/b/2", Map.of("x", "b", "y", "b"));

        assertThat(index.get("x")).containsExactlyInAnyOrder("a", "b");
        assertThat(index.get("y")).containsExactly("b");
        assertThat(index.keySet()).containsExactlyInAnyOrder("x", "y");
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void replacingAnObjectsEntriesDropsTheKeysItNoLongerProduces() {
        index.replace("ns/a/1", Map.of("x", "a", "y", "a"));
        index.replace("ns/a/1", Map.of("y", "a2"));

        assertThat(index.containsKey("x")).isFalse();
        assertThat(index.get("y")).containsExactly("a2");
    }

    @Test
    void discardingAnObjectRemovesItsValuesAndEmptiedKeys() {
        index.replace("ns/a/1", Map.of("x", "a"));
        index.replace("ns/b/2", Map.of("x", "b"));
        index.discard("ns/a/1");
        index.discard("ns/unknown/3");

        assertThat(index.get("x")).containsExactly("b");
        index.discard("ns/b/2");
        assertThat(index.isEmpty()).isTrue();
        assertThat(index.get("x")).isEmpty();
    }

    @Test
    void resultsThatAreNotMapsGoUnderTheNullKey() {
        index.replace("ns/a/1", Collections.singletonMap(null, "plain"));

        assertThat(index.containsKey(null)).isTrue();
        assertThat(index.get(null)).containsExactly("plain");
        assertThat(index.keySet()).containsExactly((Object) null);
        assertThat(index.asMap()).containsEntry(null, List.of("plain"));
    }

    @Test
    void readersGetImmutableSnapshots() {
        index.replace("ns/a/1", Map.of("x", "a"));
        var values = index.get("x");
        index.replace("ns/b/2", Map.of("x", "b"));

        assertThat(values).containsExactly("a");
        assertThatThrownBy(() -> values.add("c"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
