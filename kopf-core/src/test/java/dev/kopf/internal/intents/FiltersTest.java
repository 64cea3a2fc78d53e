package dev.kopf.internal.intents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kopf.Kopf;
import dev.kopf.internal.actions.DefaultContext;
import dev.kopf.internal.structs.Diffs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FiltersTest {

    private static final Map<String, Object> BODY = Map.of(
            "metadata", Map.of(
                    "labels", Map.of("app", "web", "tier", "front"),
                    "annotations", Map.of("owner", "me")),
            "spec", Map.of("size", 3, "name", "x", "items", List.of("a", "b")));

    private static Filters labels(String... entries) {
        List<String> problems = new ArrayList<>();
        Map<String, String> labels = Filters.parseMetaFilters("Label", entries, problems);
        assertThat(problems).isEmpty();
        return new Filters(labels, null, null, null, null, null, null);
    }

    private static Filters annotations(String... entries) {
        List<String> problems = new ArrayList<>();
        Map<String, String> annotations =
                Filters.parseMetaFilters("Annotation", entries, problems);
        assertThat(problems).isEmpty();
        return new Filters(null, annotations, null, null, null, null, null);
    }

    private static Filters field(String field, String value, String old, String nu) {
        return new Filters(null, null, Filters.parseField(field), value, old, nu, null);
    }

    private static Map<String, Object> spec(Object... keysAndValues) {
        Map<String, Object> spec = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            spec.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Map.of("spec", spec);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "app=web, true",
        "app=db, false",
        "app, true",
        "!app, false",
        "zone, false",
        "!zone, true",
        "zone=, false",
    })
    void matchesLabelsByLiteralPresenceAndAbsence(String entry, boolean expected) {
        assertThat(labels(entry).matchesMeta(BODY)).isEqualTo(expected);
    }

    @Test
    void requiresAllLabelFiltersToMatch() {
        assertThat(labels("app=web", "tier=front", "!zone").matchesMeta(BODY)).isTrue();
        assertThat(labels("app=web", "tier=back").matchesMeta(BODY)).isFalse();
    }

    @Test
    void treatsMissingMetadataAsNoLabels() {
        assertThat(labels("!app").matchesMeta(Map.of())).isTrue();
        assertThat(labels("app").matchesMeta(Map.of())).isFalse();
        assertThat(labels().matchesMeta(Map.of())).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"owner=me, true", "owner=you, false", "owner, true", "!owner, false",
        "!other, true"})
    void matchesAnnotationsLikeLabels(String entry, boolean expected) {
        assertThat(annotations(entry).matchesMeta(BODY)).isEqualTo(expected);
    }

    @Test
    void acceptsPrefixedKeysAndValuesWithEquals() {
        List<String> problems = new ArrayList<>();
        Map<String, String> parsed = Filters.parseMetaFilters("Annotation",
                new String[] {"example.com/owner=a=b", "!kopf.dev/skip", "x"}, problems);
        assertThat(problems).isEmpty();
        assertThat(parsed).containsExactly(Map.entry("example.com/owner", "a=b"),
                Map.entry("kopf.dev/skip", Kopf.ABSENT), Map.entry("x", Kopf.PRESENT));
    }

    @Test
    void reportsIllFormedMetaFilters() {
        List<String> problems = new ArrayList<>();
        Filters.parseMetaFilters("Label", new String[] {"", "!app=web", "my app", "=web",
            "app", "app=x"}, problems);
        String allowed = " Use \"key=value\" (equal), \"key\" (present) or \"!key\" (absent).";
        String keys = ". Keys are an optional DNS prefix and '/', then letters, digits, '-', '_'"
                + " and '.'." + allowed;
        assertThat(problems).containsExactly(
                "Label filter \"\" has an invalid key \"\"" + keys,
                "Label filter \"!app=web\" both negates and compares." + allowed,
                "Label filter \"my app\" has an invalid key \"my app\"" + keys,
                "Label filter \"=web\" has an invalid key \"\"" + keys,
                "Label filter \"app=x\" repeats the key \"app\". Give each key once.");
    }

    @Test
    void rejectsIllFormedFields() {
        assertThat(Filters.parseField("spec.size")).containsExactly("spec", "size");
        assertThatThrownBy(() -> Filters.parseField("spec..size"))
                .hasMessage("Field \"spec..size\" is not a dotted path. Give keys separated by"
                        + " single dots, e.g. \"spec.field\".");
        assertThatThrownBy(() -> Filters.parseField(".spec")).isInstanceOf(
                IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} at creation -> {1}")
    @CsvSource(nullValues = "null", value = {"null, true", "3, true", "4, false"})
    void matchesFieldValuesAtCreation(String value, boolean expected) {
        Filters filters = field("spec.size", value, null, null);
        assertThat(filters.matchesFieldValues(BODY, null, spec("size", 3), true))
                .isEqualTo(expected);
    }

    @Test
    void matchesPresentAndAbsentFieldValues() {
        Filters present = field("spec.size", Kopf.PRESENT, null, null);
        Filters absent = field("spec.size", Kopf.ABSENT, null, null);
        assertThat(present.matchesFieldValues(BODY, null, spec("size", 3), true)).isTrue();
        assertThat(absent.matchesFieldValues(BODY, null, spec("size", 3), true)).isTrue();
        assertThat(absent.matchesFieldValues(BODY, spec("size", 3), spec("size", 3), true))
                .isFalse();
        assertThat(present.matchesFieldValues(BODY, spec(), spec(), true)).isFalse();
        assertThat(present.matchesFieldValues(BODY, spec("size", null), spec(), true)).isTrue();
    }

    @Test
    void matchesFieldValuesOfTheOldOrTheNewEssenceOnUpdates() {
        Filters filters = field("spec.size", "3", null, null);
        assertThat(filters.matchesFieldValues(BODY, spec("size", 3), spec("size", 4), true))
                .isTrue();
        assertThat(filters.matchesFieldValues(BODY, spec("size", 2), spec("size", 4), true))
                .isFalse();
    }

    @Test
    void matchesFieldValuesOfTheBodyForEvents() {
        assertThat(field("spec.name", "x", null, null)
                .matchesFieldValues(BODY, null, null, false)).isTrue();
        assertThat(field("spec.name", "y", null, null)
                .matchesFieldValues(BODY, null, null, false)).isFalse();
        assertThat(field("spec.missing", Kopf.ABSENT, null, null)
                .matchesFieldValues(BODY, null, null, false)).isTrue();
    }

    @Test
    void comparesStructuresAsJson() {
        assertThat(field("spec.items", "[\"a\", \"b\"]", null, null)
                .matchesFieldValues(BODY, null, null, false)).isTrue();
        assertThat(field("spec", "{\"name\": \"x\", \"size\": 3, \"items\": [\"a\", \"b\"]}",
                null, null).matchesFieldValues(BODY, null, null, false)).isTrue();
        assertThat(field("spec.items", "a,b", null, null)
                .matchesFieldValues(BODY, null, null, false)).isFalse();
    }

    @Test
    void matchesEverythingWithoutAField() {
        Filters none = Filters.NONE;
        assertThat(none.matchesFieldValues(BODY, null, null, false)).isTrue();
        assertThat(none.matchesFieldChanges(null, null, true)).isTrue();
        assertThat(none.matchesFieldChanges(Diffs.diff(null, null))).isTrue();
    }

    @Test
    void requiresAChangeOfTheFieldWhenNeeded() {
        Filters filters = field("spec.size", null, null, null);
        assertThat(filters.matchesFieldChanges(spec("size", 3), spec("size", 3), true))
                .isFalse();
        assertThat(filters.matchesFieldChanges(spec("size", 3), spec("size", 3.0), true))
                .isFalse();
        assertThat(filters.matchesFieldChanges(spec("size", 3), spec("size", 4), true)).isTrue();
        assertThat(filters.matchesFieldChanges(null, spec("size", 4), true)).isTrue();
        assertThat(filters.matchesFieldChanges(spec("size", null), spec(), true)).isTrue();
        assertThat(filters.matchesFieldChanges(spec("size", 3), spec("size", 3), false))
                .isTrue();
    }

    @Test
    void matchesOldAndNewValueFilters() {
        Filters transition = field("spec.size", null, "3", "4");
        assertThat(transition.matchesFieldChanges(spec("size", 3), spec("size", 4), true))
                .isTrue();
        assertThat(transition.matchesFieldChanges(spec("size", 2), spec("size", 4), true))
                .isFalse();
        Filters appearing = field("spec.size", null, Kopf.ABSENT, Kopf.PRESENT);
        assertThat(appearing.matchesFieldChanges(null, spec("size", 1), true)).isTrue();
        assertThat(appearing.matchesFieldChanges(spec("size", 1), spec("size", 2), true))
                .isFalse();
        Filters disappearing = field("spec.size", null, Kopf.PRESENT, Kopf.ABSENT);
        assertThat(disappearing.matchesFieldChanges(spec("size", 1), spec(), true)).isTrue();
    }

    @Test
    void tellsWhetherADiffAffectsTheField() {
        Filters filters = field("spec.size", null, null, null);
        assertThat(filters.matchesFieldChanges(Diffs.diff(spec("size", 1), spec("size", 2))))
                .isTrue();
        assertThat(filters.matchesFieldChanges(Diffs.diff(null, spec("size", 2)))).isTrue();
        assertThat(filters.matchesFieldChanges(Diffs.diff(spec("size", 1, "name", "a"),
                spec("size", 1, "name", "b")))).isFalse();
    }

    @Test
    void callsTheWhenCallback() throws Exception {
        DefaultContext context = DefaultContext.builder().param("yes").build();
        Filters yes = new Filters(null, null, null, null, null, null,
                ctx -> ctx.param().equals("yes"));
        Filters nulls = new Filters(null, null, null, null, null, null, ctx -> null);
        assertThat(yes.matchesWhen(context)).isTrue();
        assertThat(yes.matchesWhen(context.withParam("no"))).isFalse();
        assertThat(nulls.matchesWhen(context)).isFalse();
        assertThat(Filters.NONE.matchesWhen(null)).isTrue();
    }

    @Test
    void propagatesExceptionsOfTheWhenCallback() {
        IllegalStateException failure = new IllegalStateException("boom");
        Filters failing = new Filters(null, null, null, null, null, null, ctx -> {
            throw failure;
        });
        assertThatThrownBy(() -> failing.matchesWhen(DefaultContext.builder().build()))
                .isSameAs(failure);
    }

    @Test
    void treatsTheUnsetMarkerAsNoFilter() {
        Filters filters = new Filters(null, null, List.of("spec", "size"), Kopf.UNSET,
                Kopf.UNSET, Kopf.UNSET, null);
        assertThat(filters.fieldValue()).isNull();
        assertThat(filters.oldValue()).isNull();
        assertThat(filters.newValue()).isNull();
    }
}
