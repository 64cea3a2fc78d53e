package dev.kopf.internal.structs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AnnotationKeysTest {

    private static final String A50 = "a".repeat(50);
    private static final String A63 = "a".repeat(63);
    private static final String A64 = "a".repeat(64);
    private static final String LONG_PREFIX = "x".repeat(70);

    // Expected values computed with Python 3.11 from Kopf's conventions.py algorithm.
    static Stream<Arguments> kopfKeys() {
        return Stream.of(
            arguments("kopf.zalando.org", "create_fn",
                "kopf.zalando.org/create_fn", "kopf.zalando.org/create_fn"),
            arguments("kopf.zalando.org", "create_fn/item1",
                "kopf.zalando.org/create_fn.item1", "kopf.zalando.org/create_fn.item1"),
            arguments("kopf.zalando.org", "update_fn/spec.field",
                "kopf.zalando.org/update_fn.spec.field", "kopf.zalando.org/update_fn.spec.field"),
            arguments("kopf.zalando.org", "fn<lambda>",
                "kopf.zalando.org/fn_lambda_", "kopf.zalando.org/fn_lambda_"),
            arguments("kopf.zalando.org", A50, "kopf.zalando.org/" + A50,
                "kopf.zalando.org/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-koaVtw"),
            arguments("kopf.zalando.org", A63, "kopf.zalando.org/" + A63,
                "kopf.zalando.org/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-LcrRHA"),
            arguments("kopf.zalando.org", A64,
                "kopf.zalando.org/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-5Keq3A",
                "kopf.zalando.org/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-5Keq3A"),
            arguments("kopf.zalando.org",
                "parent_handler/very_long_sub_handler_name_number_one/and/another/one",
                "kopf.zalando.org/parent_handler.very_long_sub_handler_name_number_one.and-fsY7kQ",
                "kopf.zalando.org/parent_handler.very_long_sub_handler_na-jPjhuA"),
            arguments("lengthy-operator-name-to-hit-63-chars.example.com", "update/sub1",
                "lengthy-operator-name-to-hit-63-chars.example.com/update.sub1",
                "lengthy-operator-name-to-hit-63-chars.example.com/update.sub1"),
            arguments(LONG_PREFIX, "create_fn",
                LONG_PREFIX + "/create_fn", LONG_PREFIX + "/-AZjFuA"));
    }

    @ParameterizedTest
    @MethodSource("kopfKeys")
    void buildsKeysAsKopf(String prefix, String key, String v2, String v1) {
        assertThat(AnnotationKeys.v2Key(prefix, key)).isEqualTo(v2);
        assertThat(AnnotationKeys.v1Key(prefix, key)).isEqualTo(v1);
    }

    @Test
    void listsTheV2KeyFirstAndTheV1KeyOnlyWhenDifferent() {
        assertThat(AnnotationKeys.keys("kopf.zalando.org", "create_fn", true, null))
                .containsExactly("kopf.zalando.org/create_fn");
        assertThat(AnnotationKeys.keys("kopf.zalando.org", A50, true, null)).containsExactly(
                "kopf.zalando.org/" + A50,
                "kopf.zalando.org/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-koaVtw");
        assertThat(AnnotationKeys.keys("kopf.zalando.org", A50, false, null))
                .containsExactly("kopf.zalando.org/" + A50);
    }

    @Test
    void marksKeysOfReplicaSetsOwnedByDeployments() {
        Map<String, Object> replicaSet = Map.of("kind", "ReplicaSet", "metadata",
                Map.of("ownerReferences", List.of(Map.of("kind", "Deployment", "name", "d"))));
        Map<String, Object> orphan = Map.of("kind", "ReplicaSet", "metadata", Map.of());
        Map<String, Object> pod = Map.of("kind", "Pod", "metadata",
                Map.of("ownerReferences", List.of(Map.of("kind", "Deployment"))));

        assertThat(AnnotationKeys.keys("kopf.zalando.org", "create_fn", true, replicaSet))
                .containsExactly("kopf.zalando.org/create_fn-ofDRS");
        assertThat(AnnotationKeys.markKey("create_fn", orphan)).isEqualTo("create_fn");
        assertThat(AnnotationKeys.markKey("create_fn", pod)).isEqualTo("create_fn");
    }

    @Test
    void detectsKopfOwnedPrefixesAsASet() {
        Set<String> owned = AnnotationKeys.ownedPrefixes(List.of(
                "kopf.zalando.org/create_fn", "team.kopf.zalando.org/x",
                "other.example.com/kopf-managed", "other.example.com/create_fn",
                "kopf.zalando.org.evil.com/y", "plain", "example.com/kopf-managed-not"));

        assertThat(owned).containsExactlyInAnyOrder(
                "kopf.zalando.org", "team.kopf.zalando.org", "other.example.com");
        assertThat(AnnotationKeys.isKopfOwned("other.example.com/create_fn", owned)).isTrue();
        assertThat(AnnotationKeys.isKopfOwned("kopf.zalando.org.evil.com/y", owned)).isFalse();
        assertThat(AnnotationKeys.isKopfOwned("plain", owned)).isFalse();
    }

    @Test
    void needsAMarkerOnlyForPrefixesNotStartingWithKopf() {
        assertThat(AnnotationKeys.markerKey("kopf.zalando.org")).isNull();
        assertThat(AnnotationKeys.markerKey("kopf.example.com")).isNull();
        assertThat(AnnotationKeys.markerKey("my-op.example.com"))
                .isEqualTo("my-op.example.com/kopf-managed");
    }

    @Test
    void listsAllVariantsForCleaning() {
        assertThat(AnnotationKeys.allKeys("example.com", "last-handled-configuration"))
                .containsExactly("example.com/last-handled-configuration",
                        "example.com/last-handled-configuration-ofDRS");
    }
}
