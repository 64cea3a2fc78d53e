package dev.kopf.cli;

import dev.kopf.Operator;
import dev.kopf.OperatorSettings;
import dev.kopf.testing.internal.cli.LaunchControls;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.IParameterExceptionHandler;

/**
 * The entry point of the {@code kopf} command.
 *
 * <pre>
 * kopf run [PATH…] [-n NS]… | [-A] [--standalone] [-L URL] [--embedded] [--apply FILE]…
 *          [--stop-when-idle SECONDS] [-v|-d|-q] [--log-format plain|full|json]
 * kopf init DIR [--group G] [--kind K] [--package P] [--namespaced|--cluster]
 * kopf manifests PATH… [-n NS]… | [-A] [--name N] [--image IMG] [--replicas R] [-o DIR] …
 * kopf --version
 * </pre>
 *
 * <p>Exit codes: 0 after a graceful stop, 1 for configuration, declaration and operator
 * errors (the message only, with the stack trace under {@code -d}), 2 for bad arguments
 * (with the usage).
 *
 * @since 0.1
 */
public final class Main {


    private Main() {
    }

    /**
     * Runs the command and exits the JVM with its exit code. SIGTERM and Ctrl-C stop the
     * operator gracefully (handlers finish, progress is kept) and then exit the same way.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        useSmallBufferPools();
        StartupWarmUp.startFor(args, Environment.ofProcess());
        LaunchControls controls = LaunchControls.forCommandLine();
        AtomicInteger exitCode = new AtomicInteger(1);
        AtomicBoolean exiting = new AtomicBoolean();
        AtomicReference<Operator> running = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> stopOnSignal(controls, exitCode, exiting, running), "kopf-shutdown"));
        try {
            exitCode.set(execute(args, System.out, System.err, controls,
                    Environment.ofProcess(), running));
        } finally {
            exiting.set(true);
            controls.finish();
        }
        System.exit(exitCode.get());
    }

    /**
     * Gives the HTTP client's Netty one pool of direct buffers and one of heap buffers,
     * unless the user chose otherwise: Netty's default is two per core, 4 MiB each once
     * touched, which an operator's few connections never need (12 MiB of resident memory
     * on 2 cores, more on bigger machines; docs/performance.md).
     */
    private static void useSmallBufferPools() {
        for (String property : new String[] {"io.netty.allocator.numDirectArenas",
                "io.netty.allocator.numHeapArenas"}) {
            if (System.getProperty(property) == null) {
                System.setProperty(property, "1");
            }
        }
    }

    /**
     * Runs the command with the given streams and returns its exit code, without exiting
     * the JVM: for tests and embedding.
     *
     * @param args the command-line arguments
     * @param out where results, help and the version are printed
     * @param err where logs, usage errors and error messages are printed
     * @return the exit code: 0 on success, 1 on errors, 2 on usage errors
     */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        return execute(args, out, err, LaunchControls.forCommandLine(),
                Environment.ofProcess());
    }

    static int execute(String[] args, PrintStream out, PrintStream err, LaunchControls controls,
            Environment environment) {
        return execute(args, out, err, controls, environment, new AtomicReference<>());
    }

    private static int execute(String[] args, PrintStream out, PrintStream err,
            LaunchControls controls, Environment environment,
            AtomicReference<Operator> running) {
        CliContext context = new CliContext(out, err, controls, environment, running);
        CommandLine commandLine = new CommandLine(new KopfCommand(), new Factory(context));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setDefaultValueProvider(new EnvironmentDefaults(environment));
        IParameterExceptionHandler usage = commandLine.getParameterExceptionHandler();
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            controls.fail(exception);
            return usage.handleParseException(exception, arguments);
        });
        commandLine.setExecutionExceptionHandler(new ErrorReporter(controls, err));
        return commandLine.execute(args);
    }

    // Runs in the JVM's shutdown sequence: on a signal, the main thread is still inside
    // execute(); once it returns, halt() makes the JVM exit with the command's exit code
    // instead of the signal's (System.exit would block during shutdown). A stop that takes
    // longer than Kopf's ultimate exiting timeout (process.ultimateExitingTimeout, 600 s by
    // default) is given up on, and the JVM exits anyway.
    private static void stopOnSignal(LaunchControls controls, AtomicInteger exitCode,
            AtomicBoolean exiting, AtomicReference<Operator> running) {
        if (exiting.get()) {
            return;
        }
        Operator operator = running.get();
        Duration timeout = operator != null
                ? operator.settings().process().ultimateExitingTimeout()
                : OperatorSettings.defaults().process().ultimateExitingTimeout();
        controls.requestStop();
        try {
            if (controls.awaitFinished(timeout) && exiting.get()) {
                System.out.flush();
                System.err.flush();
                Runtime.getRuntime().halt(exitCode.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Creates the commands with the invocation's context; picocli does the rest. */
    static final class Factory implements IFactory {
        private final CliContext context;

        Factory(CliContext context) {
            this.context = context;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == RunCommand.class) {
                return type.cast(new RunCommand(context));
            }
            if (type == FreezeCommand.class) {
                return type.cast(new FreezeCommand(context));
            }
            if (type == ResumeCommand.class) {
                return type.cast(new ResumeCommand(context));
            }
            if (type == ManifestsCommand.class) {
                return type.cast(new ManifestsCommand(context));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
