package dev.kopf.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One file of {@code kopf init}'s project, read from the resources under
 * {@code dev/kopf/cli/init/} and filled in: {@code {{name}}} is replaced by a value, and the
 * lines between {@code {{#flag}}} (or {@code {{^flag}}}, negated) and {@code {{/flag}}}, each
 * on a line of its own, are kept only when the flag is true (false). A small mustache: the
 * templates stay readable as the files they become, and {@code ${...}} in the pom and the
 * Dockerfile is left alone.
 */
final class ScaffoldTemplate {

    static final String FOLDER = "init/";

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{([a-zA-Z]+)}}");
    private static final Pattern SECTION = Pattern.compile("\\s*\\{\\{([#^/])([a-zA-Z]+)}}\\s*");

    private final String name;
    private final String text;

    private ScaffoldTemplate(String name, String text) {
        this.name = name;
        this.text = text;
    }

    /**
     * Reads a template from the class path.
     *
     * @param name the file name under {@code dev/kopf/cli/init/}
     * @return the template
     * @throws IllegalStateException when it is missing (a packaging bug)
     */
    static ScaffoldTemplate load(String name) {
        try (InputStream input = ScaffoldTemplate.class.getResourceAsStream(FOLDER + name)) {
            if (input == null) {
                throw new IllegalStateException("The kopf init template is missing: " + name);
            }
            return new ScaffoldTemplate(name, new String(input.readAllBytes(),
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the kopf init template " + name, e);
        }
    }

    /**
     * Makes a template of a text, for tests.
     *
     * @param name the name in error messages
     * @param text the template's text
     * @return the template
     */
    static ScaffoldTemplate of(String name, String text) {
        return new ScaffoldTemplate(name, text);
    }

    /**
     * Fills the template in.
     *
     * @param values the variables' values
     * @param flags the sections' flags
     * @return the file's content
     * @throws IllegalStateException on an unknown variable or flag, or unbalanced sections
     */
    String render(Map<String, String> values, Map<String, Boolean> flags) {
        StringBuilder result = new StringBuilder();
        Deque<Boolean> keeping = new ArrayDeque<>();
        Deque<String> open = new ArrayDeque<>();
        for (String line : text.split("\n", -1)) {
            Matcher section = SECTION.matcher(line);
            if (section.matches()) {
                String flag = section.group(2);
                if (section.group(1).equals("/")) {
                    if (!flag.equals(open.poll())) {
                        throw problem("unbalanced {{/" + flag + "}}");
                    }
                    keeping.pop();
                } else {
                    Boolean value = flags.get(flag);
                    if (value == null) {
                        throw problem("unknown flag " + flag);
                    }
                    open.push(flag);
                    keeping.push(section.group(1).equals("#") == value);
                }
                continue;
            }
            if (!keeping.contains(false)) {
                result.append(substitute(line, values)).append('\n');
            }
        }
        if (!open.isEmpty()) {
            throw problem("unclosed {{#" + open.peek() + "}}");
        }
        return result.substring(0, result.length() - 1);
    }

    private String substitute(String line, Map<String, String> values) {
        Matcher variable = VARIABLE.matcher(line);
        StringBuilder result = new StringBuilder();
        while (variable.find()) {
            String value = values.get(variable.group(1));
            if (value == null) {
                throw problem("unknown variable " + variable.group(1));
            }
            variable.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        return variable.appendTail(result).toString();
    }

    private IllegalStateException problem(String what) {
        return new IllegalStateException("The kopf init template " + name + " is broken: "
                + what + ".");
    }
}
