package dev.kopf.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CallbackExpressionTest {

    private static boolean eval(String text, Map<String, Boolean> values) {
        return CallbackExpression.parse(text).fold(values::get, (operator, operands) -> {
            long matched = operands.stream().filter(Boolean::booleanValue).count();
            return switch (operator) {
                case "all" -> matched == operands.size();
                case "any" -> matched > 0;
                default -> matched == 0;
            };
        });
    }

    @Test
    void combinesNamesAsKopfsCombinators() {
        Map<String, Boolean> values = Map.of("a", true, "b", false);
        assertThat(eval("a", values)).isTrue();
        assertThat(eval("not(a)", values)).isFalse();
        assertThat(eval("all(a, not(b))", values)).isTrue();
        assertThat(eval("any(b, none(a, b))", values)).isFalse();
        assertThat(eval(" any( b , a ) ", values)).isTrue();
    }

    @Test
    void rejectsIllFormedExpressionsWithAHint() {
        assertThatThrownBy(() -> CallbackExpression.parse("maybe(a)"))
                .hasMessage("Filter callback \"maybe(a)\" uses 'maybe(…)'. Combine method names"
                        + " with not(…), all(…), any(…) or none(…).");
        assertThatThrownBy(() -> CallbackExpression.parse("not(a, b)"))
                .hasMessageContaining("not(…) takes one.");
        assertThatThrownBy(() -> CallbackExpression.parse("all(a"))
                .hasMessageContaining("is not a method name or a combination of them");
        assertThatThrownBy(() -> CallbackExpression.parse("a b"))
                .hasMessageContaining("(at character 3)");
    }
}
