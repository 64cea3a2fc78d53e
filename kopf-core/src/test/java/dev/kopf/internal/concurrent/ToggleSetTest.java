package dev.kopf.internal.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The operator's pause: on while any toggle is on; listeners see each change once. */
class ToggleSetTest {

    @Test
    void isOnWhileAnyToggleIsOnAndTellsOnlyChanges() {
        ToggleSet set = new ToggleSet();
        List<Boolean> told = new CopyOnWriteArrayList<>();
        set.onChange(told::add);
        ToggleSet.Toggle peering = set.makeToggle("default@ns", false);
        ToggleSet.Toggle lease = set.makeToggle("lease", true);
        assertThat(set.isOn()).isTrue();
        peering.turnTo(true);
        lease.turnTo(false);
        assertThat(set.activeNames()).containsExactly("default@ns");
        peering.turnTo(false);
        assertThat(set.isOn()).isFalse();
        assertThat(told).containsExactly(false, true, false);
    }

    @Test
    void droppingAToggleThatIsOnResumes() {
        ToggleSet set = new ToggleSet();
        ToggleSet.Toggle toggle = set.makeToggle("missing CRD", true);
        set.dropToggle(toggle);
        assertThat(set.isOn()).isFalse();
        assertThat(set.activeNames()).isEmpty();
    }
}
