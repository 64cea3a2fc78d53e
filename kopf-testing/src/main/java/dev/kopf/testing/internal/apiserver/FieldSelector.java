package dev.kopf.testing.internal.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code fieldSelector}: terms {@code path=value}, {@code path==value} or
 * {@code path!=value} over dotted paths such as {@code metadata.name},
 * {@code involvedObject.uid} or {@code status.phase}, all of which must hold.
 *
 * <p>Unlike the real server, any path is accepted for any kind; a missing field reads as the
 * empty string, as the real server's field sets do.
 */
final class FieldSelector {
    static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    private static final Pattern TERM =
            Pattern.compile("\\s*([A-Za-z0-9_.-]+)\\s*(==|=|!=)\\s*(.*?)\\s*");

    private record Term(String[] path, boolean equal, String value) {
        boolean matches(JsonNode object) {
            JsonNode current = object;
            for (String field : path) {
                current = current == null ? null : current.get(field);
            }
            String actual = current != null && current.isValueNode() && !current.isNull()
                    ? current.asText() : "";
            return actual.equals(value) == equal;
        }
    }

    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = List.copyOf(terms);
    }

    /** Parses a selector; a 400 Status names the term that cannot be parsed. */
    static FieldSelector parse(String selector) {
        if (selector == null || selector.isBlank()) {
            return EVERYTHING;
        }
        List<Term> terms = new ArrayList<>();
        for (String part : selector.split(",")) {
            Matcher matcher = TERM.matcher(part);
            if (!matcher.matches()) {
                throw ApiStatusException.badRequest("invalid selector: '" + selector
                        + "'; can't understand '" + part + "'");
            }
            terms.add(new Term(matcher.group(1).split("\\."),
                    !matcher.group(2).equals("!="), matcher.group(3)));
        }
        return new FieldSelector(terms);
    }

    boolean matches(JsonNode object) {
        for (Term term : terms) {
            if (!term.matches(object)) {
                return false;
            }
        }
        return true;
    }
}
