package dev.kopf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoTest {

    @Test
    void aCopyStartsWithTheValuesAndThenGoesItsOwnWay() {
        Memo operator = new Memo();
        operator.put("shared", "yes");
        Memo object = operator.copy();
        object.put("own", 1);
        operator.put("later", true);
        assertThat(object.asMap()).containsOnlyKeys("shared", "own");
        assertThat(operator.asMap()).containsOnlyKeys("shared", "later");
    }

    @Test
    void aCopyOfAnEmptyMemoTakesValues() {
        Memo object = new Memo().copy();
        assertThat(object.asMap()).isEmpty();
        assertThat(object.computeIfAbsent("k", key -> "v")).isEqualTo("v");
        assertThat(object.get("k")).isEqualTo("v");
    }
}
