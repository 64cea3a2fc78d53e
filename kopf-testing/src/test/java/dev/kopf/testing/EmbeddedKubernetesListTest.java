package dev.kopf.testing;

import static dev.kopf.testing.EmbeddedKubernetesFixtures.configMap;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.createCrd;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.example;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.examples;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.failure;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.newNamespace;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Item 9: lists, paging, label selectors and field selectors. */
class EmbeddedKubernetesListTest extends EmbeddedKubernetesTestBase {
    @BeforeAll
    void installCrds() {
        createCrd(client, "kopfexamples-crd.yaml");
    }

    @Test
    void aListHasItsKindTheCurrentVersionAndAStableOrder() {
        String namespace = newNamespace(client);
        for (String name : List.of("c", "a", "b")) {
            client.configMaps().inNamespace(namespace).resource(configMap(name, Map.of()))
                    .create();
        }
        ConfigMap last = client.configMaps().inNamespace(namespace).withName("a").edit(cm -> {
            cm.getData().put("k", "changed");
            return cm;
        });
        ConfigMapList list = client.configMaps().inNamespace(namespace).list();
        assertThat(list.getKind()).isEqualTo("ConfigMapList");
        assertThat(list.getApiVersion()).isEqualTo("v1");
        assertThat(list.getMetadata().getResourceVersion())
                .isEqualTo(last.getMetadata().getResourceVersion());
        assertThat(list.getItems()).extracting(cm -> cm.getMetadata().getName())
                .containsExactly("a", "b", "c");

        examples(client).inNamespace(namespace).resource(example("x", Map.of())).create();
        GenericKubernetesResourceList custom = examples(client).inNamespace(namespace).list();
        assertThat(custom.getKind()).isEqualTo("KopfExampleList");
        assertThat(custom.getApiVersion()).isEqualTo("kopf.dev/v1");
    }

    @Test
    void limitAndContinuePageThroughOneSnapshot() {
        String namespace = newNamespace(client);
        for (int i = 0; i < 7; i++) {
            client.configMaps().inNamespace(namespace).resource(configMap("item-" + i, Map.of()))
                    .create();
        }
        var configMaps = client.configMaps().inNamespace(namespace);
        ConfigMapList first = configMaps.list(new ListOptionsBuilder().withLimit(3L).build());
        assertThat(first.getItems()).hasSize(3);
        assertThat(first.getMetadata().getContinue()).isNotEmpty();
        assertThat(first.getMetadata().getRemainingItemCount()).isEqualTo(4L);

        configMaps.resource(configMap("item-9-late", Map.of())).create();
        List<String> names = new ArrayList<>();
        first.getItems().forEach(cm -> names.add(cm.getMetadata().getName()));
        ConfigMapList page = first;
        while (page.getMetadata().getContinue() != null) {
            page = configMaps.list(new ListOptionsBuilder().withLimit(3L)
                    .withContinue(page.getMetadata().getContinue()).build());
            assertThat(page.getMetadata().getResourceVersion())
                    .isEqualTo(first.getMetadata().getResourceVersion());
            page.getItems().forEach(cm -> names.add(cm.getMetadata().getName()));
        }
        assertThat(names).containsExactly("item-0", "item-1", "item-2", "item-3", "item-4",
                "item-5", "item-6");
        assertThat(failure(() -> configMaps.list(new ListOptionsBuilder().withLimit(3L)
                .withContinue("bm90LWEtdG9rZW4").build())).getCode()).isIn(400, 410);
    }

    @Test
    void labelSelectorsSupportEqualityAndSetBasedRequirements() {
        String namespace = newNamespace(client);
        var configMaps = client.configMaps().inNamespace(namespace);
        configMaps.resource(configMap("prod", Map.of("env", "prod", "tier", "web"))).create();
        configMaps.resource(configMap("dev", Map.of("env", "dev"))).create();
        configMaps.resource(configMap("qa", Map.of("env", "qa", "legacy", "true"))).create();
        configMaps.resource(configMap("bare", Map.of())).create();

        assertThat(names(configMaps.withLabelIn("env", "prod", "dev")))
                .containsExactly("dev", "prod");
        assertThat(names(configMaps.withLabelNotIn("env", "prod", "dev")))
                .containsExactly("bare", "qa");
        assertThat(names(configMaps.withLabel("tier"))).containsExactly("prod");
        assertThat(names(configMaps.withoutLabel("env"))).containsExactly("bare");
        assertThat(names(configMaps.withLabel("env", "qa"))).containsExactly("qa");
        assertThat(names(configMaps.withoutLabel("env", "qa")))
                .containsExactly("bare", "dev", "prod");
        assertThat(names(configMaps.withLabelSelector("env in (prod, qa),!legacy")))
                .containsExactly("prod");
        assertThat(names(configMaps.withLabelSelector("env==dev"))).containsExactly("dev");
        assertThat(failure(() -> configMaps.withLabelSelector("env in prod)").list())
                .getCode()).isEqualTo(400);
    }

    @Test
    void fieldSelectorsWorkOnNamesNamespacesAndOtherPaths() {
        String namespace = newNamespace(client);
        var configMaps = client.configMaps().inNamespace(namespace);
        configMaps.resource(configMap("one", Map.of())).create();
        ConfigMap two = configMap("two", Map.of());
        two.setData(Map.of("key", "special"));
        configMaps.resource(two).create();

        assertThat(names(configMaps.withField("metadata.name", "one"))).containsExactly("one");
        assertThat(names(configMaps.withoutField("metadata.name", "one")))
                .containsExactly("two");
        assertThat(names(configMaps.withField("data.key", "special"))).containsExactly("two");
        assertThat(client.configMaps().inAnyNamespace()
                .withField("metadata.namespace", namespace).list().getItems()).hasSize(2);
    }

    private static List<String> names(
            FilterWatchListDeletable<ConfigMap, ConfigMapList, Resource<ConfigMap>> filtered) {
        return filtered.list().getItems().stream().map(cm -> cm.getMetadata().getName())
                .toList();
    }
}
