package dev.kopf;

import static dev.kopf.HierarchyOption.FORCED;
import static dev.kopf.HierarchyOption.STRICT;
import static dev.kopf.HierarchyOption.nested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kopf.internal.actions.CurrentContext;
import dev.kopf.internal.actions.DefaultContext;
import dev.kopf.internal.structs.DictPaths;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The hierarchy methods of the {@link Kopf} facade on fabric8 objects and on map bodies. */
class KopfHierarchiesTest {

    private static final Map<String, Object> OWNER = Map.of("apiVersion", "kopf.dev/v1",
            "kind", "KopfExample", "metadata", Map.of("name", "kex1", "namespace", "ns1",
                    "uid", "uid-1", "labels", Map.of("app", "kex", "tier", "db")));

    private static Map<String, Object> mutable(Map<String, ?> content) {
        return DictPaths.deepCopyMap(content);
    }

    private static Object path(Map<String, Object> body, String dotted) {
        return DictPaths.resolve(body, DictPaths.parse(dotted));
    }

    /** Runs code as a handler of the owner would run it. */
    private static void inHandler(Consumer<Context> code) throws Exception {
        Context context = DefaultContext.builder().body(new Body(mutable(OWNER))).build();
        CurrentContext.call(ctx -> {
            code.accept(ctx);
            return null;
        }, context);
    }

    @Test
    void adoptingAPodFromAHandlerOwnsNamesPlacesAndLabelsIt() throws Exception {
        Pod pod = new Pod();
        inHandler(ctx -> Kopf.adopt(pod));
        ObjectMeta meta = pod.getMetadata();
        assertThat(meta.getGenerateName()).isEqualTo("kex1-");
        assertThat(meta.getName()).isNull();
        assertThat(meta.getNamespace()).isEqualTo("ns1");
        assertThat(meta.getLabels()).isEqualTo(Map.of("app", "kex", "tier", "db"));
        assertThat(meta.getOwnerReferences()).containsExactly(new OwnerReferenceBuilder()
                .withApiVersion("kopf.dev/v1").withKind("KopfExample").withName("kex1")
                .withUid("uid-1").withController(true).withBlockOwnerDeletion(true).build());
    }

    @Test
    void adoptingKeepsWhatTheChildHasUnlessForced() {
        Pod pod = new PodBuilder().withNewMetadata().withName("own").withNamespace("other")
                .addToLabels("app", "mine").endMetadata().build();
        Kopf.adopt(pod, OWNER);
        assertThat(pod.getMetadata().getName()).isEqualTo("own");
        assertThat(pod.getMetadata().getNamespace()).isEqualTo("other");
        assertThat(pod.getMetadata().getLabels()).isEqualTo(Map.of("app", "mine", "tier", "db"));

        Kopf.adopt(pod, OWNER, FORCED, STRICT);
        assertThat(pod.getMetadata().getName()).isEqualTo("kex1");
        assertThat(pod.getMetadata().getNamespace()).isEqualTo("ns1");
        assertThat(pod.getMetadata().getLabels()).isEqualTo(Map.of("app", "kex", "tier", "db"));
        assertThat(pod.getMetadata().getOwnerReferences()).hasSize(1);
    }

    @Test
    void adoptingMapsAndFabric8ObjectsTogetherWithAFabric8Owner() {
        ConfigMap owner = new ConfigMapBuilder().withNewMetadata().withName("cm")
                .withNamespace("ns2").withUid("uid-cm").endMetadata().build();
        Map<String, Object> child = new LinkedHashMap<>();
        ConfigMap sibling = new ConfigMap();
        Kopf.adopt(List.of(child, sibling), owner, STRICT);
        assertThat(child).isEqualTo(Map.of("metadata", Map.of(
                "ownerReferences", List.of(Map.of("controller", true, "blockOwnerDeletion", true,
                        "apiVersion", "v1", "kind", "ConfigMap", "name", "cm", "uid", "uid-cm")),
                "name", "cm", "namespace", "ns2", "labels", Map.of())));
        assertThat(sibling.getMetadata().getName()).isEqualTo("cm");
        assertThat(sibling.getMetadata().getOwnerReferences()).extracting(OwnerReference::getUid)
                .containsExactly("uid-cm");
    }

    @Test
    void adoptingLabelsPodTemplatesOnlyWhenNested() {
        Deployment plain = new DeploymentBuilder().withNewSpec().withNewTemplate().endTemplate()
                .endSpec().build();
        Deployment deep = new DeploymentBuilder(plain).build();
        Kopf.adopt(plain, OWNER);
        Kopf.adopt(deep, OWNER, nested("spec.template", "spec.absent.field"));
        assertThat(plain.getSpec().getTemplate().getMetadata()).isNull();
        assertThat(deep.getSpec().getTemplate().getMetadata().getLabels())
                .isEqualTo(Map.of("app", "kex", "tier", "db"));
        assertThat(deep.getSpec().getTemplate().getMetadata().getOwnerReferences()).isEmpty();
        assertThat(deep.getSpec().getTemplate().getMetadata().getGenerateName()).isNull();
    }

    @Test
    void labellingNestedFieldsOfMapsAndOfGenericResources() {
        Map<String, Object> body = mutable(Map.of("spec", Map.of("template", Map.of())));
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setAdditionalProperty("spec", mutable(Map.of("template", Map.of())));
        Kopf.label(List.of(body, resource), Map.of("a", "b"), nested("spec.template"));
        assertThat(path(body, "spec.template.metadata.labels")).isEqualTo(Map.of("a", "b"));
        assertThat(path(body, "metadata.labels")).isEqualTo(Map.of("a", "b"));
        assertThat(resource.getMetadata().getLabels()).isEqualTo(Map.of("a", "b"));
        assertThat(path(DictPaths.cast(resource.getAdditionalProperties()),
                "spec.template.metadata.labels")).isEqualTo(Map.of("a", "b"));
    }

    @Test
    void labellingWithTheHandledObjectsLabels() throws Exception {
        Map<String, Object> body = mutable(Map.of("metadata", Map.of("labels",
                Map.of("app", "own"))));
        inHandler(ctx -> Kopf.label(body));
        assertThat(path(body, "metadata.labels")).isEqualTo(Map.of("app", "own", "tier", "db"));
        inHandler(ctx -> Kopf.label(body, FORCED));
        assertThat(path(body, "metadata.labels")).isEqualTo(Map.of("app", "kex", "tier", "db"));
    }

    @Test
    void ownerReferencesCanBeNonControllingAndAreRemovedByUid() {
        Pod pod = new Pod();
        Kopf.appendOwnerReference(pod, new Body(OWNER), OwnerReferenceOption.NOT_CONTROLLER,
                OwnerReferenceOption.NOT_BLOCKING_OWNER_DELETION);
        Kopf.appendOwnerReference(pod, OWNER);
        OwnerReference ref = pod.getMetadata().getOwnerReferences().get(0);
        assertThat(pod.getMetadata().getOwnerReferences()).hasSize(1);
        assertThat(ref.getController()).isFalse();
        assertThat(ref.getBlockOwnerDeletion()).isFalse();

        Map<String, Object> other = mutable(OWNER);
        DictPaths.set(other, List.of("metadata", "uid"), "uid-2");
        Kopf.appendOwnerReference(pod, other);
        Kopf.removeOwnerReference(pod, OWNER);
        assertThat(pod.getMetadata().getOwnerReferences()).extracting(OwnerReference::getUid)
                .containsExactly("uid-2");
    }

    @Test
    void removingTheHandledObjectFromOwners() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        inHandler(ctx -> Kopf.appendOwnerReference(body));
        assertThat((List<?>) path(body, "metadata.ownerReferences")).hasSize(1);
        inHandler(ctx -> Kopf.removeOwnerReference(body));
        assertThat((List<?>) path(body, "metadata.ownerReferences")).isEmpty();
    }

    @Test
    void namingAndNamespacingFromTheHandledObjectOrExplicitly() throws Exception {
        ConfigMap configMap = new ConfigMap();
        configMap.setMetadata(null);
        inHandler(ctx -> {
            Kopf.harmonizeNaming(configMap);
            Kopf.adjustNamespace(configMap);
        });
        assertThat(configMap.getMetadata().getGenerateName()).isEqualTo("kex1-");
        assertThat(configMap.getMetadata().getNamespace()).isEqualTo("ns1");

        Kopf.harmonizeNaming(configMap, "explicit", STRICT);
        Kopf.adjustNamespace(configMap, "ns9");
        assertThat(configMap.getMetadata().getGenerateName()).isEqualTo("kex1-");
        Kopf.harmonizeNaming(configMap, "explicit", FORCED, STRICT);
        Kopf.adjustNamespace(configMap, "ns9", FORCED);
        assertThat(configMap.getMetadata().getName()).isEqualTo("explicit");
        assertThat(configMap.getMetadata().getGenerateName()).isNull();
        assertThat(configMap.getMetadata().getNamespace()).isEqualTo("ns9");
    }

    @Test
    void aClusterScopedOwnerLeavesTheNamespaceAbsent() {
        Namespace owner = new NamespaceBuilder().withNewMetadata().withName("team")
                .withUid("uid-ns").endMetadata().build();
        ConfigMap child = new ConfigMap();
        Map<String, Object> body = new LinkedHashMap<>();
        Kopf.adopt(List.of(child, body), owner);
        assertThat(child.getMetadata().getNamespace()).isNull();
        assertThat(DictPaths.cast(body.get("metadata"))).containsEntry("namespace", null);
    }

    @Test
    void referencesAreBuiltFromAnyKindOfOwner() {
        Pod pod = new PodBuilder().withNewMetadata().withName("p").withNamespace("ns")
                .withUid("uid-p").endMetadata().build();
        assertThat(Kopf.buildOwnerReference(pod)).containsExactly(Map.entry("controller", true),
                Map.entry("blockOwnerDeletion", true), Map.entry("apiVersion", "v1"),
                Map.entry("kind", "Pod"), Map.entry("name", "p"), Map.entry("uid", "uid-p"));
        assertThat(Kopf.buildOwnerReference(new Body(OWNER), OwnerReferenceOption.NOT_CONTROLLER))
                .containsEntry("controller", false).containsEntry("blockOwnerDeletion", true);
        assertThat(Kopf.buildObjectReference(OWNER)).containsExactly(
                Map.entry("apiVersion", "kopf.dev/v1"), Map.entry("kind", "KopfExample"),
                Map.entry("name", "kex1"), Map.entry("uid", "uid-1"),
                Map.entry("namespace", "ns1"));
    }

    @Test
    void withoutAnOwnerOutsideOfHandlersTheCallFails() {
        List<Runnable> calls = List.of(() -> Kopf.adopt(new Pod()),
                () -> Kopf.appendOwnerReference(new Pod()),
                () -> Kopf.removeOwnerReference(new Pod()),
                () -> Kopf.label(new Pod()), () -> Kopf.harmonizeNaming(new Pod()),
                () -> Kopf.adjustNamespace(new Pod()), () -> Kopf.adopt(new Pod(), (Object) null));
        for (Runnable call : calls) {
            assertThatThrownBy(call::run).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("The owner must be passed to Kopf.")
                    .hasMessageEndingWith(" explicitly, since it is called outside of a handler.");
        }
    }

    @Test
    void unsupportedObjectsOwnersAndOptionsAreNamed() {
        assertThatThrownBy(() -> Kopf.label(List.of("text"), Map.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Kopf.label() cannot handle java.lang.String as a Kubernetes object."
                        + " Pass a fabric8 HasMetadata, a Map body, or a Collection of those.");
        assertThatThrownBy(() -> Kopf.adopt(new Pod(), 42))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The owner given to Kopf.adopt() must be a fabric8 HasMetadata, a "
                        + "Body or a Map, but it is java.lang.Integer.");
        assertThatThrownBy(() -> Kopf.adjustNamespace(new Pod(), "ns", STRICT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Option STRICT does not apply to Kopf.adjustNamespace(). "
                        + "Allowed: FORCED.");
        assertThatThrownBy(() -> Kopf.harmonizeNaming(new Pod(), "n", nested("spec.template")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Option nested(spec.template) does not apply to "
                        + "Kopf.harmonizeNaming(). Allowed: FORCED, STRICT.");
    }

    @Test
    void aNestedFieldWithoutMetadataIsNamed() {
        Deployment deployment = new DeploymentBuilder().withNewSpec().withReplicas(1).endSpec()
                .build();
        assertThatThrownBy(() -> Kopf.label(deployment, Map.of("a", "b"), nested("spec")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Kopf.label() cannot label the nested field 'spec': "
                        + "io.fabric8.kubernetes.api.model.apps.DeploymentSpec has no ObjectMeta");
    }

    @Test
    void anOwnerWithoutANameCannotNameChildren() {
        Map<String, Object> nameless = Map.of("metadata", Map.of("uid", "u"));
        Pod pod = new Pod();
        assertThatThrownBy(() -> Kopf.adopt(pod, nameless))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Kopf.adopt() needs a name");
        assertThat(pod.getMetadata()).isNull();
    }

    @Test
    void existingOwnerReferenceObjectsAreKeptWhenNothingChanges() {
        Pod pod = new Pod();
        Kopf.appendOwnerReference(pod, OWNER);
        List<OwnerReference> refs = pod.getMetadata().getOwnerReferences();
        Kopf.appendOwnerReference(pod, OWNER);
        Kopf.label(pod, Map.of("x", "y"));
        assertThat(pod.getMetadata().getOwnerReferences()).isSameAs(refs);
    }

    @Test
    void nestedCollectionsAndHasMetadataSubtypesAreWalked() {
        List<HasMetadata> pods = new ArrayList<>(List.of(new Pod(), new Pod()));
        Kopf.adjustNamespace(List.of(pods, List.of()), "ns");
        assertThat(pods).allSatisfy(p -> assertThat(p.getMetadata().getNamespace())
                .isEqualTo("ns"));
    }
}
