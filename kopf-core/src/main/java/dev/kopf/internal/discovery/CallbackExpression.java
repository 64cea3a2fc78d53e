package dev.kopf.internal.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A filter callback named in an annotation: a method name, or Kopf's combinators over
 * names, {@code not(a)}, {@code all(a, b)}, {@code any(a, b)}, {@code none(a, b)}
 * (Kopf's {@code kopf.not_}, {@code all_}, {@code any_}, {@code none_}), nested freely.
 *
 * <p>Parsed by the declaration reader for {@code when} and the value callbacks; the leaves
 * are bound to methods there.
 *
 * @param operator {@code null} for a method name, else {@code not}, {@code all}, {@code any}
 *     or {@code none}
 * @param name the method name of a leaf, else {@code null}
 * @param operands the operands of a combinator
 */
record CallbackExpression(String operator, String name, List<CallbackExpression> operands) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final List<String> OPERATORS = List.of("not", "all", "any", "none");

    /**
     * Parses an expression.
     *
     * @param text e.g. {@code isReady} or {@code all(isReady, not(isPaused))}
     * @return the expression
     * @throws IllegalArgumentException with a sentence for the user when ill-formed
     */
    static CallbackExpression parse(String text) {
        Parser parser = new Parser(text);
        CallbackExpression expression = parser.expression();
        parser.skipSpaces();
        if (parser.position != text.length()) {
            throw parser.error();
        }
        return expression;
    }

    /**
     * Folds the expression: leaves through {@code leaf}, combinators through {@code combine}.
     *
     * @param leaf turns a method name into a value, or {@code null} when it cannot
     * @param combine turns an operator and its operands' values into a value
     * @param <T> the value type
     * @return the value, or {@code null} when any leaf gave {@code null}
     */
    <T> T fold(Function<String, T> leaf, Combiner<T> combine) {
        if (operator == null) {
            return leaf.apply(name);
        }
        List<T> values = new ArrayList<>();
        boolean complete = true;
        for (CallbackExpression operand : operands) {
            T value = operand.fold(leaf, combine);
            complete &= value != null;
            values.add(value);
        }
        return complete ? combine.combine(operator, values) : null;
    }

    /** Combines operands' values. */
    @FunctionalInterface
    interface Combiner<T> {
        T combine(String operator, List<T> operands);
    }

    /** A recursive-descent parser over the text. */
    private static final class Parser {
        private final String text;
        private int position;

        Parser(String text) {
            this.text = text;
        }

        CallbackExpression expression() {
            skipSpaces();
            var matcher = NAME.matcher(text).region(position, text.length());
            if (!matcher.lookingAt()) {
                throw error();
            }
            String word = matcher.group();
            position = matcher.end();
            skipSpaces();
            if (position >= text.length() || text.charAt(position) != '(') {
                return new CallbackExpression(null, word, List.of());
            }
            if (!OPERATORS.contains(word)) {
                throw new IllegalArgumentException("Filter callback \"" + text + "\" uses '"
                        + word + "(…)'. Combine method names with not(…), all(…), any(…) or"
                        + " none(…).");
            }
            position++;
            List<CallbackExpression> operands = new ArrayList<>();
            operands.add(expression());
            skipSpaces();
            while (position < text.length() && text.charAt(position) == ',') {
                position++;
                operands.add(expression());
                skipSpaces();
            }
            if (position >= text.length() || text.charAt(position) != ')') {
                throw error();
            }
            position++;
            if (word.equals("not") && operands.size() != 1) {
                throw new IllegalArgumentException("Filter callback \"" + text + "\" gives"
                        + " not(…) " + operands.size() + " operands. not(…) takes one.");
            }
            return new CallbackExpression(word, null, List.copyOf(operands));
        }

        void skipSpaces() {
            while (position < text.length() && text.charAt(position) == ' ') {
                position++;
            }
        }

        IllegalArgumentException error() {
            return new IllegalArgumentException("Filter callback \"" + text + "\" is not a"
                    + " method name or a combination of them (at character " + (position + 1)
                    + "). Write e.g. \"isReady\" or \"all(isReady, not(isPaused))\".");
        }
    }
}
