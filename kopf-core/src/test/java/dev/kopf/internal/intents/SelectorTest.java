package dev.kopf.internal.intents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kopf.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SelectorTest {

    private static final Resource KEX_V1 = resource("kopf.dev", "v1", "kopfexamples",
            "KopfExample", "kex");
    private static final Resource KEX_V1BETA1 = resource("kopf.dev", "v1beta1", "kopfexamples",
            "KopfExample", "kex");
    private static final Resource PODS = resource("", "v1", "pods", "Pod", "po");
    private static final Resource METRICS_PODS = resource("metrics.k8s.io", "v1beta1", "pods",
            "PodMetrics");
    private static final Resource DEPLOYMENTS = resource("apps", "v1", "deployments",
            "Deployment", "deploy");
    private static final Resource WIDGETS_A = resource("a.example.com", "v1", "widgets",
            "Widget");
    private static final Resource WIDGETS_B = resource("b.example.com", "v1", "widgets",
            "Widget");

    private static final List<Resource> SERVED = List.of(PODS, DEPLOYMENTS, KEX_V1, KEX_V1BETA1,
            METRICS_PODS, WIDGETS_A, WIDGETS_B);

    private static Resource resource(String group, String version, String plural, String kind,
            String... shortNames) {
        return new Resource(group, version, plural, kind, true, List.of(shortNames), List.of());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "null", value = {
        "pods,                                  null,               null,     pods",
        "deployments.apps,                      apps,               null,     deployments",
        "kopfexamples.kopf.dev,                 kopf.dev,           null,     kopfexamples",
        "kopfexamples.v1.kopf.dev,              kopf.dev,           v1,       kopfexamples",
        "kopfexamples.v1beta1.kopf.dev,         kopf.dev,           v1beta1,  kopfexamples",
        "crontabs.v2alpha3.stable.example.com,  stable.example.com, v2alpha3, crontabs",
        "myresources.foo1.example.com,          foo1.example.com,   null,     myresources",
        "pods.v1,                               null,               v1,       pods",
        "KopfExample,                           null,               null,     KopfExample",
        "kex,                                   null,               null,     kex",
    })
    void parsesKubectlForms(String value, String group, String version, String name) {
        Selector selector = Selector.parse(value, "", "", "", "");
        assertThat(selector).isEqualTo(new Selector(group, version, null, null, name));
        assertThat(selector.toString()).isEqualTo(value);
    }

    @Test
    void parsesAttributesGivenApart() {
        Selector byPlural = Selector.parse("", "kopf.dev", "v1", "kopfexamples", "");
        assertThat(byPlural).isEqualTo(new Selector("kopf.dev", "v1", "kopfexamples", null,
                null));
        assertThat(byPlural).hasToString("group=kopf.dev, version=v1, plural=kopfexamples");
        Selector byKind = Selector.parse(null, null, null, null, "KopfExample");
        assertThat(byKind).isEqualTo(new Selector(null, null, null, "KopfExample", null));
        assertThat(byKind).hasToString("kind=KopfExample");
    }

    @ParameterizedTest(name = "{5}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "''|''|''|''|''| No resource is given.",
        "pods|apps|''|''|''| Resource \"pods\" is given together with group, version, plural or"
                + " kind.",
        ".pods|''|''|''|''| Resource \".pods\" has a dot in the wrong place.",
        "pods.|''|''|''|''| Resource \"pods.\" has a dot in the wrong place.",
        "pods..apps|''|''|''|''| Resource \"pods..apps\" has a dot in the wrong place.",
        "apps/v1/deployments|''|''|''|''| Resource \"apps/v1/deployments\" has the character"
                + " '/' in it.",
        "my pods|''|''|''|''| Resource \"my pods\" has the character ' ' in it.",
        "KopfExamples.kopf.dev|''|''|''|''| Resource \"KopfExamples.kopf.dev\" has uppercase"
                + " letters before the group.",
        "pods.Apps|''|''|''|''| Resource \"pods.Apps\" has an invalid API group \"Apps\".",
        "''|kopf.dev|''|KopfExamples|''| Plural \"KopfExamples\" is not a lowercase name.",
        "''|''|''|kopfexamples.kopf.dev|''| Plural \"kopfexamples.kopf.dev\" is not a"
                + " lowercase name.",
        "''|''|''|pods|Pod| Resource is given by both plural \"pods\" and kind \"Pod\".",
        "''|apps|v1|''|''| Resource with group \"apps\" and version \"v1\" has no name.",
        "''|''|''|''|kopfexample| Kind \"kopfexample\" is not a kind.",
        "''|''|v1.2|pods|''| Version \"v1.2\" is not a version.",
    })
    void rejectsBadSyntaxWithASentence(String value, String group, String version,
            String plural, String kind, String message) {
        assertThatThrownBy(() -> Selector.parse(value, group, version, plural, kind))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message.strip())
                .hasMessageEndingWith(".");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "everything", "EVERYTHING"})
    void refusesSelectingEveryResource(String value) {
        assertThatThrownBy(() -> Selector.parse(value, "", "", "", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Resource \"" + value + "\" would select every resource"
                        + " (Kopf's EVERYTHING), which is not supported. Declare a handler per"
                        + " resource.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"all", "category=all"})
    void refusesSelectingACategory(String value) {
        assertThatThrownBy(() -> Selector.parse(value, "", "", "", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Resource \"" + value + "\" would select a category of"
                        + " resources (as 'kubectl get all'), which is not supported.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kopfexamples", "KopfExample", "kopfexample", "kex", "KEX",
        "kopfexamples.kopf.dev", "kopfexamples.v1.kopf.dev", "kopfexample.kopf.dev"})
    void matchesByAnyNameAsKubectl(String value) {
        assertThat(Selector.parse(value, "", "", "", "").matches(KEX_V1)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kopfexample2", "kopfexamples.apps", "kopfexamples.v2.kopf.dev",
        "pods"})
    void doesNotMatchOtherNamesGroupsOrVersions(String value) {
        assertThat(Selector.parse(value, "", "", "", "").matches(KEX_V1)).isFalse();
    }

    @Test
    void matchesAttributesExactly() {
        assertThat(Selector.parse("", "", "", "", "KopfExample").matches(KEX_V1)).isTrue();
        assertThat(Selector.parse("", "", "", "", "Kopfexample").matches(KEX_V1)).isFalse();
        assertThat(Selector.parse("", "kopf.dev", "", "kopfexamples", "").matches(KEX_V1))
                .isTrue();
        assertThat(Selector.parse("", "", "", "kex", "").matches(KEX_V1)).isFalse();
    }

    @Test
    void selectsOnlyThePreferredVersionWithoutAVersion() {
        assertThat(Selector.parse("kopfexamples.kopf.dev", "", "", "", "").select(SERVED))
                .containsExactly(KEX_V1);
    }

    @Test
    void selectsAnExplicitVersionEvenIfNotPreferred() {
        assertThat(Selector.parse("kopfexamples.v1beta1.kopf.dev", "", "", "", "")
                .select(SERVED)).containsExactly(KEX_V1BETA1);
    }

    @Test
    void prefersTheCoreGroupWhenANameIsInSeveralGroups() {
        Selector pods = Selector.parse("pods", "", "", "", "");
        assertThat(pods.candidates(SERVED)).containsExactly(PODS);
        assertThat(pods.select(SERVED)).containsExactly(PODS);
    }

    @Test
    void selectsNothingWhenAmbiguousOutsideTheCoreGroup() {
        Selector widgets = Selector.parse("widgets", "", "", "", "");
        assertThat(widgets.candidates(SERVED)).containsExactly(WIDGETS_A, WIDGETS_B);
        assertThat(widgets.select(SERVED)).isEmpty();
        assertThat(Selector.parse("widgets.a.example.com", "", "", "", "").select(SERVED))
                .containsExactly(WIDGETS_A);
    }

    @Test
    void selectsNothingWhenNotServed() {
        assertThat(Selector.parse("gadgets", "", "", "", "").select(SERVED)).isEmpty();
    }
}
