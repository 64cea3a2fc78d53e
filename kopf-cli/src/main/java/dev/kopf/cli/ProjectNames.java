package dev.kopf.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names of a project that {@code kopf init} writes, checked against what Kubernetes,
 * Java and Maven allow, and the names derived from them (plural, CRD name, artifact).
 * Kept apart from {@link InitCommand} so that the rules can be tested without a command
 * line, and from {@link Scaffold} so that it only writes valid names.
 *
 * @param name the project's name: its Maven artifactId and the name of its Kubernetes
 *     objects (a DNS-1123 label)
 * @param group the API group of the custom resource
 * @param kind the kind of the custom resource
 * @param javaPackage the Java package of the handler class
 * @param namespaced whether the custom resource is namespaced (else cluster-scoped)
 */
record ProjectNames(String name, String group, String kind, String javaPackage,
        boolean namespaced) {

    static final String DEFAULT_GROUP = "example.com";
    static final String DEFAULT_KIND = "Example";

    static final String KIND_RULE = "Allowed: letters and digits, starting with an uppercase "
            + "letter, at most 63 characters (CamelCase, e.g. Example or MyDatabase).";
    static final String GROUP_RULE = "Allowed: a DNS subdomain with at least one dot, of "
            + "lowercase letters, digits, '-' and '.' (e.g. example.com).";
    static final String PACKAGE_RULE = "Allowed: lowercase Java identifiers (letters, "
            + "digits, '_') separated by dots, none a Java keyword (e.g. com.example.operator).";

    private static final Pattern KIND = Pattern.compile("[A-Z][A-Za-z0-9]{0,62}");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern PACKAGE_PART = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final int MAX_LABEL = 63;
    private static final int MAX_SUBDOMAIN = 253;
    private static final Set<String> JAVA_RESERVED = Set.of("abstract", "assert", "boolean",
            "break", "byte", "case", "catch", "char", "class", "const", "continue", "default",
            "do", "double", "else", "enum", "extends", "final", "finally", "float", "for",
            "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
            "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw",
            "throws", "transient", "try", "void", "volatile", "while", "true", "false",
            "null", "var", "record", "yield", "sealed", "permits", "_");

    /**
     * Checks the names given on the command line and fills in the defaults.
     *
     * @param directory the project folder; its last segment names the project
     * @param group {@code --group}, or {@code null} for {@link #DEFAULT_GROUP}
     * @param kind {@code --kind}, or {@code null} for {@link #DEFAULT_KIND}
     * @param javaPackage {@code --package}, or {@code null} to derive it from the group
     * @param namespaced whether the resource is namespaced
     * @return the names
     * @throws IllegalArgumentException naming the bad value and what is allowed
     */
    static ProjectNames of(Path directory, String group, String kind, String javaPackage,
            boolean namespaced) {
        String theGroup = group == null ? DEFAULT_GROUP : group;
        String theKind = kind == null ? DEFAULT_KIND : kind;
        if (!KIND.matcher(theKind).matches()) {
            throw new IllegalArgumentException("Invalid --kind: '" + theKind + "'. "
                    + KIND_RULE);
        }
        if (!isGroup(theGroup)) {
            throw new IllegalArgumentException("Invalid --group: '" + theGroup + "'. "
                    + GROUP_RULE);
        }
        String thePackage = javaPackage == null ? packageOf(theGroup) : javaPackage;
        if (!isPackage(thePackage)) {
            throw new IllegalArgumentException("Invalid --package: '" + thePackage + "'. "
                    + PACKAGE_RULE);
        }
        String plural = pluralOf(theKind.toLowerCase(Locale.ROOT));
        if (plural.length() > MAX_LABEL) {
            throw new IllegalArgumentException("Invalid --kind: '" + theKind + "'. Its plural '"
                    + plural + "' is longer than 63 characters. " + KIND_RULE);
        }
        if (plural.length() + 1 + theGroup.length() > MAX_SUBDOMAIN) {
            throw new IllegalArgumentException("The CRD name '" + plural + "." + theGroup
                    + "' is longer than 253 characters. Use a shorter --group or --kind.");
        }
        return new ProjectNames(nameOf(directory, plural), theGroup, theKind, thePackage,
                namespaced);
    }

    /** The resource's plural name, as in the CRD and in kubectl: {@code examples}. */
    String plural() {
        return pluralOf(kind.toLowerCase(Locale.ROOT));
    }

    /** The resource's singular name: {@code example}. */
    String singular() {
        return kind.toLowerCase(Locale.ROOT);
    }

    /** The CRD's name, which is also how handlers select the resource. */
    String crdName() {
        return plural() + "." + group;
    }

    /** The Maven groupId: the Java package without its last segment, if it has several. */
    String mavenGroupId() {
        int dot = javaPackage.lastIndexOf('.');
        return dot < 0 ? javaPackage : javaPackage.substring(0, dot);
    }

    // English plurals as kubebuilder forms them for the common endings.
    private static String pluralOf(String singular) {
        if (singular.matches(".*(s|x|z|ch|sh)")) {
            return singular + "es";
        }
        if (singular.matches(".*[^aeiou]y")) {
            return singular.substring(0, singular.length() - 1) + "ies";
        }
        return singular + "s";
    }

    private static boolean isGroup(String group) {
        if (group.length() > MAX_SUBDOMAIN || !group.contains(".")) {
            return false;
        }
        for (String label : group.split("\\.", -1)) {
            if (label.length() > MAX_LABEL || !DNS_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPackage(String javaPackage) {
        for (String part : javaPackage.split("\\.", -1)) {
            if (!PACKAGE_PART.matcher(part).matches() || JAVA_RESERVED.contains(part)) {
                return false;
            }
        }
        return true;
    }

    // example.com → com.example.operator, as Java names packages after reversed domains.
    private static String packageOf(String group) {
        String[] labels = group.split("\\.");
        StringBuilder result = new StringBuilder();
        for (int i = labels.length - 1; i >= 0; i--) {
            String part = labels[i].replace('-', '_');
            if (Character.isDigit(part.charAt(0)) || JAVA_RESERVED.contains(part)) {
                part = "_" + part;
            }
            result.append(part).append('.');
        }
        return result.append("operator").toString();
    }

    // The folder's name made a DNS label; the resource's name if nothing of it is usable.
    private static String nameOf(Path directory, String plural) {
        Path file = directory.toAbsolutePath().normalize().getFileName();
        String raw = file == null ? "" : file.toString().toLowerCase(Locale.ROOT);
        String name = raw.replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        if (name.length() > MAX_LABEL) {
            name = name.substring(0, MAX_LABEL).replaceAll("-+$", "");
        }
        return name.isEmpty() ? plural + "-operator" : name;
    }
}
