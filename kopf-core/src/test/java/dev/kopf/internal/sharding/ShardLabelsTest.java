package dev.kopf.internal.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.ShardingSettings.HashingKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The labels, Lease names and hashing keys sharding writes and reads. */
class ShardLabelsTest {

    private final ShardLabels labels = new ShardLabels("web");

    @Test
    void labelsAndLeasesAreNamedAfterTheRing() {
        assertThat(labels.assignment()).isEqualTo("sharding.kopf.dev/web");
        assertThat(labels.drain()).isEqualTo("sharding.kopf.dev/web-drain");
        assertThat(labels.memberLease("pod-1")).isEqualTo("web-pod-1");
        assertThat(labels.sharderLease()).isEqualTo("web-sharder");
        assertThat(labels.selectorOf("pod-1")).isEqualTo("sharding.kopf.dev/web=pod-1");
    }

    @Test
    void podNamesAreMembersAsTheyAre() {
        assertThat(ShardLabels.memberName("operator-7d9f8-x2x4z"))
                .isEqualTo("operator-7d9f8-x2x4z");
    }

    @Test
    void otherIdentitiesBecomeValidLabelValuesThatStayDistinct() {
        String one = ShardLabels.memberName("Jane@Host.example.com/20261203081500/abc");
        String two = ShardLabels.memberName("Jane@Host.example.com/20261203081500/abd");
        assertThat(one).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?").hasSizeLessThanOrEqualTo(63)
                .isNotEqualTo(two);
        assertThat(ShardLabels.memberName("x".repeat(200) + "@h")).hasSizeLessThanOrEqualTo(63);
    }

    @Test
    void ownersAndDrainsAreReadFromTheLabels() {
        Map<String, Object> drained = Map.of("sharding.kopf.dev/web", "a",
                "sharding.kopf.dev/web-drain", "b");
        assertThat(labels.ownerOf(drained)).isEqualTo("a");
        assertThat(labels.drainOf(drained)).isEqualTo("b");
        assertThat(labels.ownerOf(null)).isNull();
        assertThat(labels.drainOf(Map.of("sharding.kopf.dev/web", "a"))).isNull();
    }

    @Test
    void theOwnerModeHashesTheControllerOwnerSoChildrenLandWithTheirParent() {
        Map<String, Object> parent = Map.of("namespace", "ns", "name", "parent", "uid", "u-1");
        Map<String, Object> child = Map.of("namespace", "ns", "name", "child", "uid", "u-2",
                "ownerReferences", List.of(Map.of("uid", "u-0", "controller", false),
                        Map.of("uid", "u-1", "controller", true)));
        assertThat(ShardKeys.keyOf(HashingKey.OWNER, child))
                .isEqualTo(ShardKeys.keyOf(HashingKey.OWNER, parent)).isEqualTo("u-1");
        assertThat(ShardKeys.keyOf(HashingKey.NAME, child)).isEqualTo("ns/child");
        assertThat(ShardKeys.keyOf(HashingKey.NAME, Map.of("name", "cluster-wide")))
                .isEqualTo("/cluster-wide");
    }
}
