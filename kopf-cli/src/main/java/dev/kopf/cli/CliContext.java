package dev.kopf.cli;

import dev.kopf.Operator;
import dev.kopf.testing.internal.cli.LaunchControls;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one invocation of the command works with: its streams, the controls through which a
 * caller stops it or learns it is ready, and the environment that cluster detection reads.
 * Passed to the commands by picocli's factory, so that tests never touch the real process.
 *
 * @param out where results are printed
 * @param err where logs and error messages are printed
 * @param controls the stop flag, readiness and presets
 * @param environment environment variables and well-known paths
 * @param running the operator once started, so that a signal can read its exit settings
 */
record CliContext(PrintStream out, PrintStream err, LaunchControls controls,
        Environment environment, AtomicReference<Operator> running) {
}
