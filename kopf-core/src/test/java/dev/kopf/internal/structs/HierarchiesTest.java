package dev.kopf.internal.structs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Kopf's tests/hierarchies, on maps: owner references, labels, names, namespaces, walking. */
class HierarchiesTest {

    private static final boolean FORCED = true;
    private static final boolean NOT_FORCED = false;
    private static final boolean STRICT = true;
    private static final boolean NOT_STRICT = false;

    private static Map<String, Object> owner(String uid) {
        return Map.of("apiVersion", "owner-api-version", "kind", "OwnerKind",
                "metadata", Map.of("namespace", "owner-namespace", "name", "owner-name",
                        "uid", uid, "labels", Map.of("label-1", "value-1")));
    }

    /** A mutable body parsed from nested maps, as JSON gives them. */
    private static Map<String, Object> body(Map<String, ?> content) {
        return DictPaths.deepCopyMap(content);
    }

    private static Map<String, Object> meta(Map<String, Object> obj) {
        return DictPaths.cast(obj.get("metadata"));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> refs(Map<String, Object> obj) {
        return (List<Object>) meta(obj).get("ownerReferences");
    }

    @Nested
    class References {

        @Test
        void ownerReferenceHasKopfsFieldsInKopfsOrder() {
            Map<String, Object> ref = Hierarchies.buildOwnerReference(owner("uid-1"), true, true);
            assertThat(ref).containsExactly(Map.entry("controller", true),
                    Map.entry("blockOwnerDeletion", true),
                    Map.entry("apiVersion", "owner-api-version"), Map.entry("kind", "OwnerKind"),
                    Map.entry("name", "owner-name"), Map.entry("uid", "uid-1"));
        }

        @Test
        void ownerReferenceKeepsFalseFlagsAndDropsNullFields() {
            Map<String, Object> ref = Hierarchies.buildOwnerReference(
                    Map.of("kind", "Node", "metadata", Map.of("name", "n1")), false, null);
            assertThat(ref).containsExactly(Map.entry("controller", false),
                    Map.entry("kind", "Node"), Map.entry("name", "n1"));
        }

        @Test
        void objectReferenceDropsEmptyFieldsIncludingTheNamespaceOfClusterObjects() {
            Map<String, Object> ref = Hierarchies.buildObjectReference(Map.of("apiVersion", "v1",
                    "kind", "Node", "metadata", Map.of("name", "n1", "uid", "u1",
                            "namespace", "")));
            assertThat(ref).containsExactly(Map.entry("apiVersion", "v1"),
                    Map.entry("kind", "Node"), Map.entry("name", "n1"), Map.entry("uid", "u1"));
        }
    }

    @Nested
    class OwnerReferences {

        @Test
        void appendingCreatesMetadataAndTheList() {
            Map<String, Object> obj = new LinkedHashMap<>();
            Map<String, Object> ref = Hierarchies.buildOwnerReference(owner("uid-1"), true, true);
            Hierarchies.appendOwnerReference(obj, ref);
            assertThat(refs(obj)).containsExactly(ref);
            assertThat(refs(obj).get(0)).isNotSameAs(ref);
        }

        @Test
        void appendingDeduplicatesByUidIgnoringOtherFields() {
            Map<String, Object> obj = new LinkedHashMap<>();
            Map<String, Object> renamed = body(owner("uid-0"));
            meta(renamed).put("name", "name-b");
            renamed.put("kind", "KindB");
            Hierarchies.appendOwnerReference(obj,
                    Hierarchies.buildOwnerReference(owner("uid-0"), true, true));
            Hierarchies.appendOwnerReference(obj,
                    Hierarchies.buildOwnerReference(renamed, true, true));
            assertThat(refs(obj)).hasSize(1);
        }

        @Test
        void appendingDistinguishesByUid() {
            Map<String, Object> obj = new LinkedHashMap<>();
            for (String uid : List.of("uid-a", "uid-b")) {
                Hierarchies.appendOwnerReference(obj,
                        Hierarchies.buildOwnerReference(owner(uid), true, true));
            }
            assertThat(refs(obj)).<Object>extracting(ref -> ((Map<?, ?>) ref).get("uid"))
                    .containsExactly("uid-a", "uid-b");
        }

        @Test
        void removingDropsEveryReferenceWithTheUidAndKeepsOthers() {
            Map<String, Object> obj = body(Map.of("metadata", Map.of("ownerReferences", List.of(
                    Map.of("uid", "uid-a", "kind", "KindA"), Map.of("uid", "uid-b"),
                    Map.of("uid", "uid-a", "kind", "KindB")))));
            Hierarchies.removeOwnerReference(obj,
                    Hierarchies.buildOwnerReference(owner("uid-a"), true, true));
            assertThat(refs(obj)).containsExactly(Map.of("uid", "uid-b"));
        }

        @Test
        void removingFromAnObjectWithoutReferencesLeavesAnEmptyListAsKopfDoes() {
            Map<String, Object> obj = new LinkedHashMap<>();
            Hierarchies.removeOwnerReference(obj,
                    Hierarchies.buildOwnerReference(owner("uid-a"), true, true));
            assertThat(refs(obj)).isEmpty();
        }

        @Test
        void anOwnerWithoutUidIsRejected() {
            Map<String, Object> ref = Hierarchies.buildOwnerReference(
                    Map.of("kind", "OwnerKind", "metadata", Map.of("name", "x")), true, true);
            assertThatThrownBy(() -> Hierarchies.appendOwnerReference(new LinkedHashMap<>(), ref))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("The owner has no metadata.uid")
                    .hasMessageContaining("kind=OwnerKind");
        }
    }

    @Nested
    class Labels {

        @Test
        void newLabelsAreAddedAndExistingOnesKeptUnlessForced() {
            Map<String, Object> obj = body(Map.of("metadata", Map.of("labels",
                    Map.of("a", "old", "b", "kept"))));
            Hierarchies.label(obj, Map.of("a", "new", "c", "added"), NOT_FORCED);
            assertThat(meta(obj).get("labels"))
                    .isEqualTo(Map.of("a", "old", "b", "kept", "c", "added"));
        }

        @Test
        void forcedLabelsOverwrite() {
            Map<String, Object> obj = body(Map.of("metadata", Map.of("labels",
                    Map.of("a", "old", "b", "kept"))));
            Hierarchies.label(obj, Map.of("a", "new"), FORCED);
            assertThat(meta(obj).get("labels")).isEqualTo(Map.of("a", "new", "b", "kept"));
        }

        @Test
        void labelsAreCreatedWhenAbsentEvenIfEmpty() {
            Map<String, Object> obj = new LinkedHashMap<>();
            Hierarchies.label(obj, Map.of(), NOT_FORCED);
            assertThat(obj).isEqualTo(Map.of("metadata", Map.of("labels", Map.of())));
        }

        @Test
        void nullValuedLabelsAreWrittenAndAnExistingNullIsKeptUnlessForced() {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("gone", null);
            Map<String, Object> obj = new LinkedHashMap<>();
            Hierarchies.label(obj, labels, NOT_FORCED);
            Hierarchies.label(obj, Map.of("gone", "back"), NOT_FORCED);
            assertThat(DictPaths.cast(meta(obj).get("labels"))).containsEntry("gone", null);
        }
    }

    @Nested
    class Naming {

        @Test
        void nonStrictNamingSetsAPrefixForKubernetesToComplete() {
            Map<String, Object> obj = new LinkedHashMap<>();
            Hierarchies.harmonizeNaming(obj, "parent", NOT_FORCED, NOT_STRICT);
            assertThat(obj).isEqualTo(Map.of("metadata", Map.of("generateName", "parent-")));
        }

        @Test
        void strictNamingSetsTheExactName() {
            Map<String, Object> obj = body(Map.of("metadata", Map.of()));
            Hierarchies.harmonizeNaming(obj, "parent", NOT_FORCED, STRICT);
            assertThat(obj).isEqualTo(Map.of("metadata", Map.of("name", "parent")));
        }

        @ParameterizedTest
        @ValueSource(strings = {"name", "generateName"})
        void existingNamesArePreservedUnlessForced(String key) {
            Map<String, Object> obj = body(Map.of("metadata", Map.of(key, "own")));
            Hierarchies.harmonizeNaming(obj, "parent", NOT_FORCED, STRICT);
            Hierarchies.harmonizeNaming(obj, "parent", NOT_FORCED, NOT_STRICT);
            assertThat(meta(obj)).isEqualTo(Map.of(key, "own"));
        }

        @Test
        void aNullNameStillCountsAsANameAsInKopf() {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("name", null);
            Map<String, Object> obj = body(Map.of());
            obj.put("metadata", metadata);
            Hierarchies.harmonizeNaming(obj, "parent", NOT_FORCED, NOT_STRICT);
            assertThat(meta(obj)).containsOnlyKeys("name");
        }

        @Test
        void forcedStrictNamingReplacesTheNameAndRemovesThePrefix() {
            Map<String, Object> obj = body(Map.of("metadata", Map.of("generateName", "own-")));
            Hierarchies.harmonizeNaming(obj, "parent", FORCED, STRICT);
            assertThat(meta(obj)).isEqualTo(Map.of("name", "parent"));
        }

        @Test
        void forcedNonStrictNamingReplacesThePrefixAndRemovesTheName() {
            Map<String, Object> obj = body(Map.of("metadata", Map.of("name", "own")));
            Hierarchies.harmonizeNaming(obj, "parent", FORCED, NOT_STRICT);
            assertThat(meta(obj)).isEqualTo(Map.of("generateName", "parent-"));
        }
    }

    @Nested
    class Namespaces {

        @Test
        void anAbsentNamespaceIsSet() {
            Map<String, Object> obj = new LinkedHashMap<>();
            Hierarchies.adjustNamespace(obj, "ns", NOT_FORCED);
            assertThat(obj).isEqualTo(Map.of("metadata", Map.of("namespace", "ns")));
        }

        @Test
        void aNullNamespaceCountsAsAbsent() {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("namespace", null);
            Map<String, Object> obj = new LinkedHashMap<>(Map.of("metadata", metadata));
            Hierarchies.adjustNamespace(obj, "ns", NOT_FORCED);
            assertThat(meta(obj)).isEqualTo(Map.of("namespace", "ns"));
        }

        @Test
        void anExistingNamespaceIsPreservedUnlessForced() {
            Map<String, Object> obj = body(Map.of("metadata", Map.of("namespace", "a")));
            Hierarchies.adjustNamespace(obj, "ns", NOT_FORCED);
            assertThat(meta(obj)).isEqualTo(Map.of("namespace", "a"));
            Hierarchies.adjustNamespace(obj, "ns", FORCED);
            assertThat(meta(obj)).isEqualTo(Map.of("namespace", "ns"));
        }

        @Test
        void theNullNamespaceOfAClusterScopedOwnerIsWrittenAsIs() {
            Map<String, Object> obj = body(Map.of("metadata", Map.of("namespace", "a")));
            Hierarchies.adjustNamespace(obj, null, FORCED);
            assertThat(meta(obj)).containsEntry("namespace", null);
        }
    }

    @Nested
    class Walking {

        @Test
        void nestedIterablesAreFlattenedAndNullsSkipped() {
            Map<String, Object> a = new LinkedHashMap<>();
            Map<String, Object> b = new LinkedHashMap<>(Map.of("b", 1));
            List<Object> objs = new ArrayList<>(List.of(a, List.of(b)));
            objs.add(null);
            assertThat(Hierarchies.walk(objs, List.of())).containsExactly(a, b);
        }

        @Test
        void nestedFieldsFollowTheirMapAndAbsentOnesAreSkipped() {
            Map<String, Object> template = new LinkedHashMap<>();
            Map<String, Object> deployment = body(Map.of("spec", Map.of()));
            DictPaths.cast(deployment.get("spec")).put("template", template);
            Map<String, Object> pod = body(Map.of("spec", "not-a-map"));
            List<Object> found = Hierarchies.walk(List.of(deployment, pod),
                    List.of(List.of("spec", "template")));
            assertThat(found).hasSize(3);
            assertThat(found.get(0)).isSameAs(deployment);
            assertThat(found.get(1)).isSameAs(template);
            assertThat(found.get(2)).isSameAs(pod);
        }

        @Test
        void otherObjectsAreReturnedForTheCallerToHandle() {
            assertThat(Hierarchies.walk(List.of("text", 1), List.of())).containsExactly("text", 1);
        }
    }

    @Test
    void aNonMapMetadataIsReportedWithItsValue() {
        Map<String, Object> obj = new LinkedHashMap<>(Map.of("metadata", "oops"));
        assertThatThrownBy(() -> Hierarchies.adjustNamespace(obj, "ns", NOT_FORCED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Field 'metadata' must be a map, but it is a java.lang.String: oops.");
    }
}
