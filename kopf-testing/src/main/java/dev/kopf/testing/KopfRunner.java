package dev.kopf.testing;

import dev.kopf.HandlerOutcome;
import dev.kopf.Operator;
import dev.kopf.OperatorSettings;
import dev.kopf.testing.internal.cli.CommandLauncher;
import dev.kopf.testing.internal.cli.LaunchControls;
import dev.kopf.testing.internal.cli.OutputCapture;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Runs an operator in a background thread for the duration of a test, as Kopf's
 * {@code kopf.testing.KopfRunner} does.
 *
 * <pre>{@code
 * try (KopfRunner runner = KopfRunner.run("run", "-A", "--verbose", "target/classes")) {
 *     assertThat(runner.awaitReady(Duration.ofSeconds(30))).isTrue();
 *     client.resource(example).create();
 *     assertThat(runner.awaitOutput("Handler 'createFn' succeeded.", Duration.ofSeconds(30)))
 *             .isTrue();
 * }
 * assertThat(runner.exitCode()).isZero();
 * }</pre>
 *
 * <p>{@link #run(String...)} runs the {@code kopf} command line (it needs
 * {@code dev.kopf:kopf-cli} on the test class path); {@link #builder()} runs the
 * {@link Operator} API directly, with handler classes and a client given as objects.
 * Either way the runner returns at once: the operator starts in the background, and
 * {@link #awaitReady(Duration)} waits until it has listed the watched resources.
 *
 * <p>{@link #close()} raises the stop flag (the operator stops gracefully and keeps its
 * progress), waits for the run to end, and re-throws the operator's exception unless the
 * runner was built with {@link Builder#noReraise()}. Afterwards {@link #output()},
 * {@link #exitCode()} and {@link #exception()} tell how the run went.
 *
 * <p>{@link #outcomes()} and {@link #awaitOutcome(Predicate, Duration)} tell what each
 * attempt of each changing handler came to, without parsing logs.
 *
 * <p>Output is captured from Kopf's logging backend (which kopf-testing registers with
 * SLF4J) for the whole process while the run lasts. A {@link #builder()} run captures
 * DEBUG lines and up (the console keeps its INFO); a command-line run captures what the
 * command prints and logs at its {@code -v}/{@code -q} level, as in Kopf. If another
 * SLF4J backend wins, log lines are not captured and a warning says so.
 *
 * <p>Thread-safe: any thread may read the output or close the runner.
 *
 * @since 0.1
 */
public final class KopfRunner implements AutoCloseable {

    /** How long {@link #close()} waits for the operator to stop, unless configured. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final String NO_CLI = "KopfRunner.run(args) needs dev.kopf:kopf-cli on "
            + "the test classpath; add it, or use KopfRunner.builder().";
    private static final String NO_OUTCOMES = "This kopf-cli does not report handler "
            + "outcomes to KopfRunner; use KopfRunner.builder().handlers(...) without args, "
            + "or read output().";

    private final LaunchControls controls;
    private final OutputCapture capture = new OutputCapture();
    private final Duration timeout;
    private final boolean reraise;
    private final Thread thread;
    private volatile int exitCode = -1;
    private boolean closed;

    private KopfRunner(Builder builder, RunPresets presets, CommandLauncher launcher) {
        this.controls = new LaunchControls(builder.handlers, builder.client, builder.settings);
        this.timeout = builder.timeout;
        this.reraise = builder.reraise;
        // Built now, so that later changes to the builder do not reach the running thread.
        String[] args = builder.args.toArray(String[]::new);
        Operator.Builder operator = launcher != null ? null : presets.operatorBuilder(controls);
        Runnable body = launcher != null
                ? () -> runCommand(launcher, args)
                : () -> runOperator(operator);
        this.thread = new Thread(body, "kopf-runner");
        this.thread.setDaemon(true);
    }

    /**
     * Runs {@code kopf} with the given arguments in a background thread, and returns at
     * once. The arguments are those of the command line, starting with the subcommand:
     * {@code KopfRunner.run("run", "-A", "--verbose", "target/test-classes")}.
     *
     * <p>Close the runner (preferably with try-with-resources) to stop the operator.
     *
     * @param args the command-line arguments, e.g. {@code run -n default path}
     * @return the started runner
     * @throws IllegalStateException when kopf-cli is not on the class path
     */
    public static KopfRunner run(String... args) {
        return builder().args(args).start();
    }

    /**
     * Starts configuring a runner: handler classes and a client for a run without the
     * command line, or {@link Builder#args(String...)} for the command line with a
     * non-default timeout, {@link Builder#noReraise()}, or preset handlers and client.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Waits until the operator is ready: it has started and listed every watched resource,
     * so that handlers see all existing objects.
     *
     * @param timeout how long to wait at most
     * @return {@code true} when ready; {@code false} on timeout, or when the run ended or
     *     failed before becoming ready
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return controls.awaitReady(timeout);
    }

    /**
     * Waits until the captured output contains the given text, e.g. a log message.
     *
     * @param text the text to find, e.g. {@code "Handler 'createFn' succeeded."}
     * @param timeout how long to wait at most
     * @return {@code true} once the output contains it; {@code false} on timeout, or when
     *     the run ended without it
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitOutput(String text, Duration timeout) throws InterruptedException {
        return capture.awaitText(Objects.requireNonNull(text, "text"), timeout);
    }

    /**
     * Returns everything logged and printed while the runner ran, lines joined with
     * {@code "\n"}. Before {@link #close()}, returns what has been captured so far without
     * waiting.
     *
     * @return the output; empty when nothing was captured
     */
    public String output() {
        return capture.text();
    }

    /**
     * Returns what every attempt of every changing handler came to so far, in the order they
     * happened: the object, the handler id, the cause, and whether it succeeded, will be
     * retried, failed or was ignored. For tests that would otherwise parse
     * {@link #output()}. Never blocks.
     *
     * <pre>{@code
     * assertThat(runner.outcomes()).filteredOn(o -> o.name().equals("kopf-example-1"))
     *         .extracting(HandlerOutcome::handlerId, HandlerOutcome::result)
     *         .containsExactly(tuple("createFn", HandlerOutcome.Result.SUCCEEDED));
     * }</pre>
     *
     * @return an immutable list; empty before the first outcome
     * @throws UnsupportedOperationException for a command-line run whose {@code kopf-cli}
     *     does not report outcomes to the runner
     */
    public List<HandlerOutcome> outcomes() {
        requireOutcomes();
        return controls.outcomes();
    }

    /**
     * Waits until an outcome matching the condition has been reported, e.g.
     * {@code o -> o.handlerId().equals("createFn") && o.result() == Result.SUCCEEDED}.
     * Outcomes reported before the call count too.
     *
     * @param condition what to wait for
     * @param timeout how long to wait at most
     * @return {@code true} once one matches; {@code false} on timeout, or when the run ended
     *     without one
     * @throws InterruptedException when interrupted while waiting
     * @throws UnsupportedOperationException for a command-line run whose {@code kopf-cli}
     *     does not report outcomes to the runner
     */
    public boolean awaitOutcome(Predicate<? super HandlerOutcome> condition, Duration timeout)
            throws InterruptedException {
        Objects.requireNonNull(condition, "condition");
        boolean found = controls.awaitOutcome(condition, timeout);
        if (!found) {
            requireOutcomes();
        }
        return found;
    }

    private void requireOutcomes() {
        if (controls.isKnownNotToReportOutcomes()) {
            throw new UnsupportedOperationException(NO_OUTCOMES);
        }
    }

    /**
     * Returns the exit code of the run: 0 after a graceful stop, 1 when the operator or its
     * configuration failed, 2 for bad command-line arguments.
     *
     * @return the exit code
     * @throws IllegalStateException when the run has not ended yet (close the runner first)
     */
    public int exitCode() {
        requireEnded();
        return exitCode;
    }

    /**
     * Returns the exception that ended the run, as {@link #close()} would re-throw it: for
     * example a {@code HandlerDeclarationException}, or the operator's fatal error.
     *
     * @return the exception, or {@code null} after a graceful stop
     * @throws IllegalStateException when the run has not ended yet (close the runner first)
     */
    public Throwable exception() {
        requireEnded();
        return controls.exception();
    }

    /**
     * Stops the operator gracefully and waits for the run to end, at most for the
     * {@linkplain Builder#timeout(Duration) timeout}. Calling it again does nothing.
     *
     * @throws IllegalStateException "The operator didn't stop, still running." when the
     *     run does not end in time
     * @throws RuntimeException the run's {@linkplain #exception() exception}, unless the
     *     runner was built with {@link Builder#noReraise()}; a checked exception comes
     *     wrapped in an {@code IllegalStateException}
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        controls.requestStop();
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "Interrupted while waiting for the operator to stop.", e);
        } finally {
            capture.detachLogs();
        }
        if (thread.isAlive()) {
            throw new IllegalStateException("The operator didn't stop, still running.");
        }
        Throwable error = controls.exception();
        if (reraise && error != null) {
            if (error instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (error instanceof Error fatal) {
                throw fatal;
            }
            throw new IllegalStateException("The operator failed: " + error, error);
        }
    }

    private KopfRunner begin(boolean viaCommand) {
        // A direct run only logs: capture DEBUG, as Kopf's tests do with --verbose. The
        // command logs into its err stream instead, captured in runCommand(), at its level.
        if (!viaCommand) {
            capture.attachLogs();
        }
        thread.start();
        return this;
    }

    private void runCommand(CommandLauncher launcher, String[] args) {
        try (PrintStream out = capture.stream(System.out);
                PrintStream err = capture.stream(System.err)) {
            exitCode = launcher.execute(args, out, err, controls);
        } catch (RuntimeException | Error e) {
            controls.fail(e);
            exitCode = 1;
        } finally {
            ended();
        }
    }

    // Declaration errors surface here, in the background, and are re-thrown by close(),
    // as in Kopf, where everything happens in the runner's thread.
    private void runOperator(Operator.Builder operatorBuilder) {
        try {
            Operator operator = operatorBuilder.build();
            if (!controls.isStopRequested()) {
                controls.runAttached(operator, () -> { });
            }
        } catch (RuntimeException | Error | InterruptedException e) {
            controls.fail(e);
        } finally {
            exitCode = controls.exception() == null ? 0 : 1;
            ended();
        }
    }

    private void ended() {
        controls.finish();
        capture.end();
    }

    private void requireEnded() {
        if (!controls.isFinished()) {
            throw new IllegalStateException(
                    "The operator is still running; close() the runner first.");
        }
    }

    /**
     * Configures a {@link KopfRunner}. Without {@link #args(String...)} it runs the
     * {@link Operator} API with the given handlers, client, namespaces and settings; with
     * arguments it runs the command line, to which the handlers, client and settings are
     * handed as presets (as Kopf's {@code KopfRunner(args, registry=, settings=)}).
     *
     * @since 0.1
     */
    public static final class Builder {
        private final List<String> args = new ArrayList<>();
        private final List<Class<?>> handlers = new ArrayList<>();
        private final List<Object> instances = new ArrayList<>();
        private final List<String> namespaces = new ArrayList<>();
        private KubernetesClient client;
        private OperatorSettings settings;
        private boolean clusterwide;
        private Duration timeout = DEFAULT_TIMEOUT;
        private boolean reraise = true;
        private io.micrometer.core.instrument.MeterRegistry registry;

        private Builder() {
        }

        /**
         * Adds handler classes: their annotated methods become the operator's handlers.
         *
         * @param classes the classes
         * @return this builder
         */
        public Builder handlers(Class<?>... classes) {
            handlers.addAll(List.of(classes));
            return this;
        }

        /**
         * Adds handler objects (e.g. beans): their annotated methods become handlers bound
         * to them; see {@link Operator.Builder#handlers(Object...)}. Only without
         * {@link #args(String...)}.
         *
         * @param objects the objects
         * @return this builder
         * @since 0.2
         */
        public Builder handlers(Object... objects) {
            instances.addAll(List.of(objects));
            return this;
        }

        /**
         * Sets the client, e.g. {@code EmbeddedKubernetes.newClient()}; by default the
         * operator (or the command) detects the cluster. The runner does not close it.
         *
         * @param value the client
         * @return this builder
         */
        public Builder client(KubernetesClient value) {
            client = Objects.requireNonNull(value, "client");
            return this;
        }

        /**
         * Serves only these namespaces (names or globs, as {@code kopf run -n}); not
         * allowed together with {@link #args(String...)}, where {@code -n} says it.
         *
         * @param patterns namespace patterns
         * @return this builder
         */
        public Builder namespaces(String... patterns) {
            namespaces.addAll(List.of(patterns));
            return this;
        }

        /**
         * Serves all namespaces with cluster-wide watches (as {@code kopf run -A}); not
         * allowed together with {@link #args(String...)}, where {@code -A} says it.
         *
         * @return this builder
         */
        public Builder clusterwide() {
            clusterwide = true;
            return this;
        }

        /**
         * Sets the operator settings.
         *
         * @param value the settings
         * @return this builder
         */
        public Builder settings(OperatorSettings value) {
            settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /**
         * Records the operator's meters in a registry, e.g. a {@code SimpleMeterRegistry},
         * to assert on them; see {@code Operator.Builder.meterRegistry}. Only for runs of
         * the {@link Operator} API; the command line serves its own with
         * {@code --metrics}.
         *
         * @param value the registry
         * @return this builder
         */
        public Builder meterRegistry(io.micrometer.core.instrument.MeterRegistry value) {
            registry = Objects.requireNonNull(value, "registry");
            return this;
        }

        /**
         * Runs the command line with these arguments instead of the {@link Operator} API;
         * see {@link KopfRunner#run(String...)}.
         *
         * @param values the arguments, starting with the subcommand ({@code run})
         * @return this builder
         */
        public Builder args(String... values) {
            args.addAll(List.of(values));
            return this;
        }

        /**
         * Sets how long {@link KopfRunner#close()} waits for the operator to stop.
         *
         * @param value the timeout; {@link KopfRunner#DEFAULT_TIMEOUT} unless set
         * @return this builder
         */
        public Builder timeout(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + value);
            }
            timeout = value;
            return this;
        }

        /**
         * Makes {@link KopfRunner#close()} keep the run's exception for
         * {@link KopfRunner#exception()} instead of re-throwing it (Kopf's
         * {@code reraise=False}).
         *
         * @return this builder
         */
        public Builder noReraise() {
            reraise = false;
            return this;
        }

        /**
         * Starts the run in a background thread and returns at once.
         *
         * @return the running runner; close it to stop the operator
         * @throws IllegalStateException when arguments are given but kopf-cli is not on
         *     the class path, or together with {@link #namespaces(String...)} or
         *     {@link #clusterwide()}
         */
        public KopfRunner start() {
            RunPresets presets = new RunPresets(handlers, instances, namespaces, client,
                    settings, clusterwide, registry);
            if (args.isEmpty()) {
                return new KopfRunner(this, presets, null).begin(false);
            }
            presets.checkForCommand();
            CommandLauncher launcher = CommandLauncher.find()
                    .orElseThrow(() -> new IllegalStateException(NO_CLI));
            return new KopfRunner(this, presets, launcher).begin(true);
        }
    }
}
