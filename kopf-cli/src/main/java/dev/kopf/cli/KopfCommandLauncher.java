package dev.kopf.cli;

import dev.kopf.testing.internal.cli.CommandLauncher;
import dev.kopf.testing.internal.cli.LaunchControls;
import java.io.PrintStream;

/**
 * Lets {@code KopfRunner.run(args)} in kopf-testing run this command. Registered in
 * {@code META-INF/services}; public only because {@link java.util.ServiceLoader} requires
 * it. Not API.
 */
public final class KopfCommandLauncher implements CommandLauncher {

    /** Creates the launcher; called by {@link java.util.ServiceLoader}. */
    public KopfCommandLauncher() {
    }

    @Override
    public int execute(String[] args, PrintStream out, PrintStream err,
            LaunchControls controls) {
        return Main.execute(args, out, err, controls, Environment.ofProcess());
    }
}
