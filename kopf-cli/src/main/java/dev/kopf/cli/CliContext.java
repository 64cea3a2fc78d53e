package dev.kopf.cli;

import dev.kopf.testing.internal.cli.LaunchControls;
import java.io.PrintStream;

/**
 * What one invocation of the command works with: its streams, the controls through which a
 * caller stops it or learns it is ready, and the environment that cluster detection reads.
 * Passed to the commands by picocli's factory, so that tests never touch the real process.
 *
 * @param out where results are printed
 * @param err where logs and error messages are printed
 * @param controls the stop flag, readiness and presets
 * @param environment environment variables and well-known paths
 */
record CliContext(PrintStream out, PrintStream err, LaunchControls controls,
        Environment environment) {
}
