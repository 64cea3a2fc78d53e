package dev.kopf.testing.internal.cli;

import java.io.PrintStream;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Runs the {@code kopf} command in the calling thread, steered by {@link LaunchControls}.
 * Implemented by kopf-cli and registered in its {@code META-INF/services}; used by
 * {@code KopfRunner.run(String...)}, which calls it on a background thread.
 */
public interface CommandLauncher {

    /**
     * Runs the command with the given arguments and returns when it ends: by itself, on
     * an error, or after {@link LaunchControls#requestStop()}.
     *
     * <p>The command reports its operator to {@code controls} once started (for stop
     * requests and readiness), records the exception behind a non-zero exit code with
     * {@link LaunchControls#fail(Throwable)}, writes logs and messages to {@code err} and
     * results to {@code out}, and never calls {@code System.exit}.
     *
     * @param args the arguments, e.g. {@code run -A --verbose path/to/classes}
     * @param out where the command prints results
     * @param err where the command prints logs and error messages
     * @param controls the stop flag, the readiness report and the presets
     * @return the exit code: 0 on success, 1 on errors, 2 on usage errors
     */
    int execute(String[] args, PrintStream out, PrintStream err, LaunchControls controls);

    /**
     * Finds the launcher on the class path of the context class loader.
     *
     * @return the launcher, or empty when kopf-cli is not on the class path
     */
    static Optional<CommandLauncher> find() {
        return ServiceLoader.load(CommandLauncher.class).findFirst();
    }
}
