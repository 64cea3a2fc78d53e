package dev.kopf.internal.reactor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Kopf's namespace patterns: comma-separated globs ({@code *}, {@code ?}), {@code !} to
 * exclude, the rightmost matching glob wins, and a leading exclusion implies a preceding
 * {@code *}.
 */
final class NamespacePatterns {

    private record Glob(boolean negated, Pattern pattern, String text) {
    }

    private final List<Glob> globs = new ArrayList<>();

    NamespacePatterns(List<String> values) {
        for (String value : values) {
            for (String part : value.split(",")) {
                String text = part.strip();
                if (text.isEmpty()) {
                    continue;
                }
                boolean negated = text.startsWith("!");
                String glob = negated ? text.substring(1) : text;
                if (globs.isEmpty() && negated) {
                    globs.add(new Glob(false, Pattern.compile(".*"), "*"));
                }
                globs.add(new Glob(negated, toRegex(glob), glob));
            }
        }
    }

    /** Tells whether every pattern is a plain name, so no namespace listing is needed. */
    boolean isLiteral() {
        return globs.stream().noneMatch(g -> g.negated || g.text.contains("*")
                || g.text.contains("?"));
    }

    List<String> literals() {
        return globs.stream().map(Glob::text).distinct().toList();
    }

    /**
     * The plain names among the patterns (no glob, no exclusion): Kopf's fallback when the
     * namespaces cannot be listed.
     */
    List<String> specific() {
        return globs.stream().filter(g -> !g.negated && !g.text.contains("*")
                && !g.text.contains("?")).map(Glob::text).distinct().toList();
    }

    boolean matches(String namespace) {
        boolean matched = false;
        for (Glob glob : globs) {
            if (glob.pattern.matcher(namespace).matches()) {
                matched = !glob.negated;
            }
        }
        return matched;
    }

    private static Pattern toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
