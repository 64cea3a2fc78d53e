package dev.kopf.internal.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What sharding adds to the permissions derived from the handlers. */
class ShardingNeedsTest {

    @Test
    void leasesInTheOperatorsNamespaceAndLabelPatchesOnEveryWatchedResource() {
        List<PermissionNeed> derived = List.of(
                PermissionNeed.served("kopf.dev", "kopfexamples", List.of("list", "watch"),
                        "watch-stream of @Index 'byName'"),
                PermissionNeed.cluster("", "namespaces", List.of("list", "watch"),
                        "namespaces matching the patterns"));

        List<PermissionNeed> needs = FeatureNeeds.sharding(null, derived);

        assertThat(needs).containsExactly(
                PermissionNeed.inNamespace(null, "coordination.k8s.io", "leases",
                        List.of("get", "list", "create", "update", "delete"),
                        "sharding (--shards)"),
                PermissionNeed.served("kopf.dev", "kopfexamples", List.of("get", "patch"),
                        "sharding (--shards): the labels"));
    }
}
