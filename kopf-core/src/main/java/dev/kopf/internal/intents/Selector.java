package dev.kopf.internal.intents;

import dev.kopf.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A resource selector as declared on a handler: a name in one of kubectl's forms, or the
 * group, version, plural and kind given apart. Ported from Kopf's {@code references.Selector}.
 *
 * <p>Made by discovery ({@link #parse}); used by the registry to match handlers to resources
 * and by the runtime to pick the served resources ({@link #select}). Only one of
 * {@code plural}, {@code kind} and {@code name} is set.
 *
 * @param group the API group, {@code ""} for the core group, or {@code null} for any group
 * @param version the API version, or {@code null} for each group's preferred version
 * @param plural the exact plural name, or {@code null}
 * @param kind the exact kind, or {@code null}
 * @param name a plural, kind, singular or short name, compared ignoring case as kubectl
 *     does, or {@code null}
 */
public record Selector(String group, String version, String plural, String kind, String name) {

    /** Kopf's test for a version in the second segment: {@code v1}, {@code v1beta1}. */
    private static final Pattern VERSION = Pattern.compile("v\\d+(?:(?:alpha|beta)\\d+)?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");
    private static final Pattern LOWER_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern GROUP =
            Pattern.compile("[a-z0-9][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)*");
    private static final String FORMS = "Use kubectl's forms: \"pods\", \"deployments.apps\","
            + " \"kopfexamples.kopf.dev\", \"kopfexamples.v1.kopf.dev\", a kind or a short name.";

    /** Checks that the selector names exactly one resource name. */
    public Selector {
        int names = (plural == null ? 0 : 1) + (kind == null ? 0 : 1) + (name == null ? 0 : 1);
        if (names != 1) {
            throw new IllegalArgumentException("A selector needs exactly one of plural, kind and"
                    + " name: " + List.of(String.valueOf(plural), String.valueOf(kind),
                    String.valueOf(name)) + ".");
        }
    }

    /**
     * Parses a selector from a handler annotation's attributes.
     *
     * @param value a name in one of kubectl's forms, or empty
     * @param group the group; empty or {@code null} for any group
     * @param version the version; empty or {@code null} for the preferred one
     * @param plural the plural name; empty or {@code null} when not given
     * @param kind the kind; empty or {@code null} when not given
     * @return the selector
     * @throws IllegalArgumentException with a sentence for the user when the syntax is wrong
     */
    public static Selector parse(String value, String group, String version, String plural,
            String kind) {
        value = blankToNull(value);
        group = blankToNull(group);
        version = blankToNull(version);
        plural = blankToNull(plural);
        kind = blankToNull(kind);
        boolean attributes = group != null || version != null || plural != null || kind != null;
        if (value != null && attributes) {
            throw new IllegalArgumentException("Resource \"" + value + "\" is given together"
                    + " with group, version, plural or kind. Give either the value or the"
                    + " attributes, not both.");
        }
        if (value != null) {
            return parseValue(value);
        }
        if (!attributes) {
            throw new IllegalArgumentException("No resource is given. " + FORMS
                    + " Or give plural or kind, with group and version if needed.");
        }
        return parseAttributes(group, version, plural, kind);
    }

    private static Selector parseValue(String value) {
        refuseSelectionOfMany(value);
        for (char c : value.toCharArray()) {
            if (!Character.isLetterOrDigit(c) && c != '.' && c != '-') {
                throw new IllegalArgumentException("Resource \"" + value + "\" has the character"
                        + " '" + c + "' in it. " + FORMS);
            }
        }
        String[] segments = value.split("\\.", -1);
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("Resource \"" + value + "\" has a dot in the"
                        + " wrong place. " + FORMS);
            }
        }
        String name = segments[0];
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Resource \"" + value + "\" has an invalid name \""
                    + name + "\". " + FORMS);
        }
        if (segments.length == 1) {
            return new Selector(null, null, null, null, name);
        }
        if (!name.equals(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Resource \"" + value + "\" has uppercase letters"
                    + " before the group. Names with a group are lowercase plurals, e.g. \""
                    + value.toLowerCase(Locale.ROOT) + "\"; for a kind, give kind"
                    + " and group apart.");
        }
        boolean versioned = VERSION.matcher(segments[1]).matches();
        String version = versioned ? segments[1] : null;
        int groupStart = versioned ? 2 : 1;
        String group = segments.length > groupStart
                ? String.join(".", List.of(segments).subList(groupStart, segments.length))
                : null;
        if (group != null) {
            checkGroup(value, group);
        }
        return new Selector(group, version, null, null, name);
    }

    private static Selector parseAttributes(String group, String version, String plural,
            String kind) {
        if (plural != null && kind != null) {
            throw new IllegalArgumentException("Resource is given by both plural \"" + plural
                    + "\" and kind \"" + kind + "\". Give one of them.");
        }
        if (plural == null && kind == null) {
            throw new IllegalArgumentException("Resource with group \"" + nullToEmpty(group)
                    + "\" and version \"" + nullToEmpty(version) + "\" has no name."
                    + " Give plural or kind too.");
        }
        if (plural != null && !LOWER_NAME.matcher(plural).matches()) {
            throw new IllegalArgumentException("Plural \"" + plural + "\" is not a lowercase"
                    + " name. Plurals are lowercase letters, digits and '-', e.g."
                    + " \"kopfexamples\"; put the group in group.");
        }
        if (kind != null && (!NAME.matcher(kind).matches()
                || !Character.isUpperCase(kind.charAt(0)))) {
            throw new IllegalArgumentException("Kind \"" + kind + "\" is not a kind. Kinds are"
                    + " capitalised names such as \"KopfExample\"; put the group in group.");
        }
        if (version != null && !LOWER_NAME.matcher(version).matches()) {
            throw new IllegalArgumentException("Version \"" + version + "\" is not a version."
                    + " Versions look like \"v1\" or \"v1beta1\".");
        }
        if (group != null) {
            checkGroup(group, group);
        }
        return new Selector(group, version, plural, kind, null);
    }

    private static void checkGroup(String given, String group) {
        if (!GROUP.matcher(group).matches()) {
            throw new IllegalArgumentException("Resource \"" + given + "\" has an invalid API"
                    + " group \"" + group + "\". Groups are lowercase DNS names such as"
                    + " \"apps\" or \"kopf.dev\".");
        }
    }

    /**
     * Tells whether a resource matches, regardless of whether its version is preferred.
     *
     * @param resource a served resource
     * @return {@code true} when the group, version and name match
     */
    public boolean matches(Resource resource) {
        return (group == null || group.equals(resource.group()))
                && (version == null || version.equals(resource.version()))
                && (plural == null || plural.equals(resource.plural()))
                && (kind == null || kind.equals(resource.kind()))
                && (name == null || isNamed(resource));
    }

    private boolean isNamed(Resource resource) {
        if (name.equalsIgnoreCase(resource.plural())
                || (resource.kind() != null && name.equalsIgnoreCase(resource.kind()))) {
            return true;
        }
        return resource.shortNames().stream().anyMatch(name::equalsIgnoreCase);
    }

    /**
     * Returns the served resources this selector matches before the ambiguity rule: only
     * preferred versions unless a version is given, and only the core group's resources if
     * any of them match (Kubernetes and kubectl give the core group priority).
     *
     * @param served every served resource, each group's versions in preference order
     * @return the candidates, in the order served; more than one means ambiguous
     */
    public List<Resource> candidates(List<Resource> served) {
        Map<String, String> preferred = new HashMap<>();
        for (Resource resource : served) {
            preferred.putIfAbsent(resource.group(), resource.version());
        }
        Set<Resource> matched = new LinkedHashSet<>();
        for (Resource resource : served) {
            boolean versionOk = version != null
                    || resource.version().equals(preferred.get(resource.group()));
            if (versionOk && matches(resource)) {
                matched.add(resource);
            }
        }
        List<Resource> core = matched.stream().filter(r -> r.group().isEmpty()).toList();
        return core.isEmpty() ? List.copyOf(matched) : core;
    }

    /**
     * Selects the one served resource this selector means, as Kopf does.
     *
     * @param served every served resource, each group's versions in preference order
     * @return the resource in a list, or an empty list when none or several match
     *     (the caller logs a warning; see {@link #candidates})
     */
    public List<Resource> select(List<Resource> served) {
        List<Resource> candidates = candidates(served);
        return candidates.size() > 1 ? List.of() : candidates;
    }

    /**
     * Returns the selector as the user wrote it.
     *
     * @return e.g. {@code kopfexamples.v1.kopf.dev}, or {@code kind=KopfExample, group=kopf.dev}
     */
    @Override
    public String toString() {
        if (name != null) {
            return name + (version == null ? "" : "." + version)
                    + (group == null ? "" : "." + group);
        }
        List<String> parts = new ArrayList<>();
        if (group != null) {
            parts.add("group=" + group);
        }
        if (version != null) {
            parts.add("version=" + version);
        }
        parts.add(plural != null ? "plural=" + plural : "kind=" + kind);
        return String.join(", ", parts);
    }

    // Kopf can also select every resource (kopf.EVERYTHING) or a category (category="all").
    // Neither is supported: watching every served resource needs a watch per resource and
    // RBAC for all of them, and categories need discovery's categories (docs/limitations.md).
    private static void refuseSelectionOfMany(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("*") || lower.equals("everything")) {
            throw new IllegalArgumentException("Resource \"" + value + "\" would select every "
                    + "resource (Kopf's EVERYTHING), which is not supported. Declare a handler"
                    + " per resource. " + FORMS);
        }
        if (lower.equals("all") || lower.startsWith("category=")) {
            throw new IllegalArgumentException("Resource \"" + value + "\" would select a "
                    + "category of resources (as 'kubectl get all'), which is not supported. "
                    + "Declare a handler per resource. " + FORMS);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
