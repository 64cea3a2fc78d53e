package dev.kopf.internal.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IndexGateTest {

    @Test
    void isOpenFromTheStartWithoutIndexes() {
        IndexGate gate = new IndexGate(false);

        assertThat(gate.isOpen()).isTrue();
        assertThat(gate.opened()).isDone();
    }

    @Test
    void opensOnceEveryStreamHasListedAndEveryListedObjectIsIndexed() {
        IndexGate gate = new IndexGate(true);
        gate.indexed("r/early");
        assertThat(gate.isOpen()).as("before the streams are even known").isFalse();

        gate.expect(2);
        gate.listed(List.of("r/early", "r/a"));
        assertThat(gate.isOpen()).isFalse();
        gate.indexed("r/a");
        assertThat(gate.isOpen()).as("one stream has not listed yet").isFalse();
        gate.listed(List.of("r/b"));
        gate.indexed("r/b");

        assertThat(gate.isOpen()).isTrue();
        assertThat(gate.opened()).isDone();
    }

    @Test
    void opensAtOnceWhenNoIndexedResourceIsServed() {
        IndexGate gate = new IndexGate(true);

        gate.expect(0);

        assertThat(gate.isOpen()).isTrue();
    }
}
