package dev.kopf.testing.internal.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code labelSelector}: equality-based ({@code =}, {@code ==}, {@code !=}),
 * set-based ({@code in}, {@code notin}, {@code key}, {@code !key}) and numeric ({@code >},
 * {@code <}) requirements, all of which must hold.
 */
final class LabelSelector {
    static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    private static final String KEY = "([A-Za-z0-9][-A-Za-z0-9_./]*)";
    private static final String VALUE = "([-A-Za-z0-9_.]*)";
    private static final Pattern EXISTS = Pattern.compile("(!?)\\s*" + KEY);
    private static final Pattern EQUALITY = Pattern.compile(KEY + "\\s*(==|=|!=)\\s*" + VALUE);
    private static final Pattern SET = Pattern.compile(KEY + "\\s+(in|notin)\\s*\\((.*)\\)");
    private static final Pattern NUMERIC = Pattern.compile(KEY + "\\s*([<>])\\s*(-?\\d+)");

    private enum Operator { EXISTS, NOT_EXISTS, IN, NOT_IN, GREATER, LESS }

    private record Requirement(String key, Operator operator, Set<String> values) {
        boolean matches(JsonNode labels) {
            JsonNode node = labels.get(key);
            String value = node != null && node.isValueNode() ? node.asText() : null;
            return switch (operator) {
                case EXISTS -> value != null;
                case NOT_EXISTS -> value == null;
                case IN -> value != null && values.contains(value);
                case NOT_IN -> value == null || !values.contains(value);
                case GREATER -> isNumber(value)
                        && Long.parseLong(value) > Long.parseLong(values.iterator().next());
                case LESS -> isNumber(value)
                        && Long.parseLong(value) < Long.parseLong(values.iterator().next());
            };
        }

        private static boolean isNumber(String value) {
            return value != null && value.matches("-?\\d{1,18}");
        }
    }

    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        this.requirements = List.copyOf(requirements);
    }

    /** Parses a selector; a 400 Status names the requirement that cannot be parsed. */
    static LabelSelector parse(String selector) {
        if (selector == null || selector.isBlank()) {
            return EVERYTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        for (String part : splitTopLevel(selector)) {
            requirements.add(parseRequirement(part.trim()));
        }
        return new LabelSelector(requirements);
    }

    boolean matches(JsonNode labels) {
        JsonNode safeLabels = labels == null ? JsonNodes.object() : labels;
        for (Requirement requirement : requirements) {
            if (!requirement.matches(safeLabels)) {
                return false;
            }
        }
        return true;
    }

    private static Requirement parseRequirement(String text) {
        Matcher matcher = SET.matcher(text);
        if (matcher.matches()) {
            Set<String> values = new LinkedHashSet<>();
            for (String value : matcher.group(3).split(",")) {
                if (!value.isBlank()) {
                    values.add(value.trim());
                }
            }
            return new Requirement(matcher.group(1),
                    matcher.group(2).equals("in") ? Operator.IN : Operator.NOT_IN, values);
        }
        matcher = EQUALITY.matcher(text);
        if (matcher.matches()) {
            return new Requirement(matcher.group(1),
                    matcher.group(2).equals("!=") ? Operator.NOT_IN : Operator.IN,
                    Set.of(matcher.group(3)));
        }
        matcher = NUMERIC.matcher(text);
        if (matcher.matches()) {
            return new Requirement(matcher.group(1),
                    matcher.group(2).equals(">") ? Operator.GREATER : Operator.LESS,
                    Set.of(matcher.group(3)));
        }
        matcher = EXISTS.matcher(text);
        if (matcher.matches()) {
            return new Requirement(matcher.group(2),
                    matcher.group(1).isEmpty() ? Operator.EXISTS : Operator.NOT_EXISTS, Set.of());
        }
        throw ApiStatusException.badRequest(
                "unable to parse requirement: found '" + text + "', expected: key, !key,"
                        + " key=value, key!=value, key in (values), key notin (values)");
    }

    /** Splits at commas that are not inside the parentheses of an {@code in} list. */
    private static List<String> splitTopLevel(String selector) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(selector.substring(start));
        return parts;
    }
}
