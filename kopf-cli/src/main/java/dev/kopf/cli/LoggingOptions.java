package dev.kopf.cli;

import dev.kopf.internal.logging.LogConfig;
import dev.kopf.internal.logging.LogFormat;
import dev.kopf.internal.logging.LogLevel;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Kopf's logging options, shared by the commands as a picocli mixin: {@code -v},
 * {@code -d}, {@code -q}, {@code --log-format}, {@code --log-prefix/--no-log-prefix} and
 * {@code --log-refkey}.
 */
final class LoggingOptions {

    /** The values of {@code --log-format} as users type them. */
    static final class Formats extends java.util.ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Formats() {
            super(List.of("plain", "full", "json"));
        }
    }

    @Option(order = 20, names = {"-v", "--verbose"}, description = "Log debug messages.")
    boolean verbose;

    @Option(order = 21, names = {"-d", "--debug"},
            description = "Log debug messages, also of the client libraries, and print stack "
                    + "traces of errors.")
    boolean debug;

    @Option(order = 22, names = {"-q", "--quiet"}, description = "Log warnings and errors only.")
    boolean quiet;

    @Option(order = 23, names = "--log-format", paramLabel = "FORMAT", defaultValue = "full",
            completionCandidates = Formats.class,
            description = "Log format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    LogFormat format;

    @Option(order = 24, names = "--log-prefix", negatable = true,
            description = "Prefix messages with [namespace/name] of their object "
                    + "(default: yes, except for the json format).")
    Boolean prefix;

    @Option(order = 25, names = "--log-refkey", paramLabel = "KEY",
            description = "The JSON key of the object reference in the json format "
                    + "(default: object).")
    String refkey;

    /**
     * Returns the backend configuration these options select, as Kopf's
     * {@code configure()}: DEBUG with {@code -v} or {@code -d}, WARNING with {@code -q},
     * else INFO; client libraries at WARNING unless {@code -d}.
     *
     * @param stream where to log
     * @return the configuration
     */
    LogConfig toConfig(PrintStream stream) {
        LogLevel level = debug || verbose ? LogLevel.DEBUG
                : quiet ? LogLevel.WARNING : LogLevel.INFO;
        return LogConfig.defaults()
                .withLevel(level)
                .withLibraryLevel(debug ? LogLevel.DEBUG : LogLevel.WARNING)
                .withFormat(format == null ? LogFormat.FULL : format)
                .withStream(stream)
                .withPrefix(prefix)
                .withRefkey(refkey);
    }
}
