package dev.kopf.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The templates' small mustache: variables, sections, and their mistakes. */
class ScaffoldTemplateTest {

    @Test
    void missingTemplatesAreReportedByName() {
        assertThatThrownBy(() -> ScaffoldTemplate.load("nope.txt"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The kopf init template is missing: nope.txt");
    }

    @Test
    void everyFileOfTheProjectHasATemplateWithKnownVariablesOnly() {
        for (boolean namespaced : new boolean[] {true, false}) {
            ProjectNames names = ProjectNames.of(Path.of("p"), null, null, null,
                    namespaced);
            Scaffold scaffold = new Scaffold(names, "1.2.3");
            assertThat(scaffold.files()).allSatisfy((target, template) ->
                    assertThat(ScaffoldTemplate.load(template)).isNotNull());
        }
    }

    @Test
    void leavesDollarExpressionsAlone() {
        assertThat(render("<v>${kopf.version}</v> {{x}}", Map.of("x", "$1\\"), Map.of()))
                .isEqualTo("<v>${kopf.version}</v> $1\\");
    }

    @Test
    void keepsSectionsByTheirFlags() {
        String text = "a\n{{#on}}\nb\n{{/on}}\n{{^on}}\nc\n{{/on}}\nd";

        assertThat(render(text, Map.of(), Map.of("on", true))).isEqualTo("a\nb\nd");
        assertThat(render(text, Map.of(), Map.of("on", false))).isEqualTo("a\nc\nd");
    }

    @Test
    void unknownVariablesAndUnbalancedSectionsAreBugs() {
        assertThatThrownBy(() -> render("{{nope}}", Map.of(), Map.of()))
                .hasMessage("The kopf init template t is broken: unknown variable nope.");
        assertThatThrownBy(() -> render("{{#on}}\nx", Map.of(), Map.of("on", true)))
                .hasMessage("The kopf init template t is broken: unclosed {{#on}}.");
        assertThatThrownBy(() -> render("{{/on}}", Map.of(), Map.of("on", true)))
                .hasMessage("The kopf init template t is broken: unbalanced {{/on}}.");
        assertThatThrownBy(() -> render("{{#off}}\n{{/off}}", Map.of(), Map.of()))
                .hasMessage("The kopf init template t is broken: unknown flag off.");
    }

    private static String render(String text, Map<String, String> values,
            Map<String, Boolean> flags) {
        return ScaffoldTemplate.of("t", text).render(values, flags);
    }
}
