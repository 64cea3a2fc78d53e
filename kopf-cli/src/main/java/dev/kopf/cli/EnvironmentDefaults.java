package dev.kopf.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Takes the default of every subcommand option from a {@code KOPF_<COMMAND>_<OPTION>}
 * environment variable, as Kopf's click options do ({@code auto_envvar_prefix='KOPF'}):
 * {@code KOPF_RUN_NAMESPACES}, {@code KOPF_RUN_VERBOSE}, {@code KOPF_RUN_LOG_FORMAT}. Set
 * once on the root command, so options added later get their variable without a line here.
 *
 * <p>The name is Kopf's parameter name where Kopf has the option, else the long option
 * name. Flags take click's words ({@code 1/true/yes/on}, {@code 0/false/no/off}). As in
 * click, positional parameters and the root command's options have no variable.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {

    static final String PREFIX = "KOPF";

    /** Kopf's click parameter names where they differ from the long option name. */
    private static final Map<String, String> KOPF_NAMES = Map.of(
            "--all-namespaces", "CLUSTERWIDE",
            "--namespace", "NAMESPACES",
            "--liveness", "LIVENESS_ENDPOINT");

    private static final Set<String> TRUE = Set.of("1", "true", "t", "yes", "y", "on");
    private static final Set<String> FALSE = Set.of("0", "false", "f", "no", "n", "off");

    private final Environment environment;

    EnvironmentDefaults(Environment environment) {
        this.environment = environment;
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option) || option.usageHelp()
                || option.versionHelp()) {
            return null;
        }
        String name = variableName(option);
        String value = name == null ? null : environment.variable(name);
        if (value == null) {
            return null;
        }
        if (isFlag(option)) {
            String word = value.strip().toLowerCase(Locale.ROOT);
            return TRUE.contains(word) ? "true" : FALSE.contains(word) ? "false" : value;
        }
        // Kopf splits a multiple option's variable on whitespace; -n also takes commas.
        return "--namespace".equals(option.longestName()) ? String.join(",",
                value.strip().split("\\s+")) : value;
    }

    /**
     * Names the variable of an option.
     *
     * @param option the option
     * @return e.g. {@code KOPF_RUN_LOG_FORMAT}, or {@code null} for the root's options
     */
    static String variableName(OptionSpec option) {
        CommandSpec command = option.command();
        if (command == null || command.parent() == null) {
            return null;
        }
        StringBuilder name = new StringBuilder(PREFIX);
        for (String part : command.qualifiedName(" ").split(" ")) {
            if (name.length() > PREFIX.length() || !part.equals(command.root().name())) {
                name.append('_').append(normalise(part));
            }
        }
        String longest = option.longestName();
        String own = KOPF_NAMES.getOrDefault(longest, normalise(longest));
        return name.append('_').append(own).toString();
    }

    private static String normalise(String text) {
        return text.replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static boolean isFlag(OptionSpec option) {
        Class<?> type = option.type();
        return (type == boolean.class || type == Boolean.class) && option.arity().max() == 0;
    }
}
