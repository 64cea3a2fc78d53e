package dev.kopf.cli;

import dev.kopf.testing.internal.cli.LaunchControls;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One {@code kopf} invocation through {@link Main#execute}, with captured streams.
 *
 * @param exitCode the exit code
 * @param out what was printed to stdout
 * @param err what was printed to stderr (logs included)
 */
record CliResult(int exitCode, String out, String err) {

    static CliResult execute(Environment environment, String... args) {
        return execute(environment, new LaunchControls(), args);
    }

    static CliResult execute(Environment environment, LaunchControls controls,
            String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exitCode = Main.execute(args, outStream, errStream, controls, environment);
        }
        return new CliResult(exitCode, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }
}
