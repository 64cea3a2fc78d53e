package dev.kopf.cli;

import dev.kopf.Operator;
import dev.kopf.OperatorSettings;
import dev.kopf.PeeringSettings;
import dev.kopf.internal.engines.HealthReporter;
import dev.kopf.internal.logging.LogBackend;
import dev.kopf.internal.logging.LogConfig;
import dev.kopf.testing.internal.cli.LaunchControls;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kopf run}: connects to a cluster, builds the operator from the handler classes in
 * the given jars or folders, and runs it until it is stopped (SIGTERM, Ctrl-C, a
 * KopfRunner's close, or {@code --stop-when-idle}).
 */
@Command(name = "run", sortOptions = false,
        description = "Start an operator process and handle all the objects.")
final class RunCommand implements Callable<Integer> {

    private static final Logger logger = LoggerFactory.getLogger("kopf.cli");

    static final String NO_SCOPE = "Neither --namespace nor --all-namespaces is specified; "
            + "assuming --all-namespaces. This will be an error in the future.";
    static final String NO_PATH = "No handlers found: no PATH is given. Give the jars or "
            + "class folders with the handler classes.";

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    LeaderElectionOptions leaderElection;

    @Mixin
    ObservabilityOptions observability;

    @Mixin
    AdmissionOptions admission;

    @Mixin
    ShardingOptions sharding;

    @Option(order = 30, names = {"-h", "--help"}, usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Jars or class folders with the handler classes.")
    List<Path> paths = new ArrayList<>();

    @Option(order = 1, names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "Serve this namespace (a name, or comma-separated globs with ! to "
                    + "exclude). Repeatable.")
    List<String> namespaces = new ArrayList<>();

    @Option(order = 2, names = {"-A", "--all-namespaces"},
            description = "Serve all namespaces with cluster-wide watches.")
    boolean clusterwide;

    @Option(order = 3, names = "--standalone",
            description = "Run without peering, even if the peering object exists.")
    boolean standalone;

    @Option(order = 4, names = "--dev",
            description = "Developer mode: peering priority 666, which pauses the others.")
    boolean dev;

    @Option(order = 5, names = {"-L", "--liveness"}, paramLabel = "URL",
            description = "Serve the liveness endpoint with the probes' results at this URL, "
                    + "e.g. http://0.0.0.0:8080/healthz.")
    String liveness;

    @Option(order = 6, names = {"-P", "--peering"}, paramLabel = "NAME",
            defaultValue = "${env:KOPF_RUN_PEERING}",
            description = "Peer in the KopfPeering/ClusterKopfPeering object of this name; "
                    + "it must exist (default: 'default', if it exists; env: KOPF_RUN_PEERING).")
    String peering;

    @Option(order = 7, names = {"-p", "--priority"}, paramLabel = "N",
            description = "Peering priority (default 0): a live peer of a higher one pauses "
                    + "this operator, one of the same pauses both.")
    Integer priority;

    @Option(order = 8, names = "--embedded",
            description = "Start an embedded Kubernetes API server instead of connecting to "
                    + "a cluster.")
    boolean embedded;

    @Option(order = 9, names = "--apply", paramLabel = "FILE",
            description = "Create or replace the objects of this YAML file before the "
                    + "operator starts (CRDs first). Repeatable.")
    List<Path> applyFiles = new ArrayList<>();

    @Option(order = 10, names = "--stop-when-idle", paramLabel = "SECONDS",
            description = "Stop once nothing has happened for this long. With --embedded, "
                    + "print the applied objects as YAML afterwards.")
    Double stopWhenIdle;

    RunCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        LogConfig previous = LogBackend.configure(logging.toConfig(context.err()));
        try {
            return run();
        } finally {
            LogBackend.configure(previous);
        }
    }

    private int run() throws InterruptedException {
        validate();
        LaunchControls controls = context.controls();
        if (namespaces.isEmpty() && !clusterwide) {
            logger.warn(NO_SCOPE);
            clusterwide = true;
        }
        try (ClusterConnection cluster = connect(controls)) {
            Operator operator = buildOperator(cluster, controls);
            cluster.checkReachable();
            List<HasMetadata> applied = Manifests.apply(cluster.client(), applyFiles);
            if (controls.isStopRequested()) {
                return 0;
            }
            int exitCode = runUntilStopped(operator, controls);
            if (cluster.isEmbedded() && stopWhenIdle != null) {
                Manifests.print(cluster.client(), applied, context.out());
            }
            return exitCode;
        }
    }

    // Bad combinations are usage errors (exit code 2); unsupported features are
    // configuration errors (exit code 1).
    private void validate() {
        if (clusterwide && !namespaces.isEmpty()) {
            throw new ParameterException(spec.commandLine(),
                    "Either --namespace or --all-namespaces can be used, not both.");
        }
        if (stopWhenIdle != null && (stopWhenIdle < 0 || stopWhenIdle.isNaN())) {
            throw new ParameterException(spec.commandLine(),
                    "--stop-when-idle must be >= 0: " + stopWhenIdle + ".");
        }
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new ParameterException(spec.commandLine(),
                        "PATH does not exist: " + path + ". Give jars or class folders.");
            }
        }
        for (Path file : applyFiles) {
            if (!Files.isRegularFile(file)) {
                throw new ParameterException(spec.commandLine(),
                        "--apply file does not exist: " + file + ".");
            }
        }
        admission.check(spec.commandLine());
        sharding.check(spec.commandLine());
        if (liveness != null) {
            try {
                HealthReporter.parse(liveness);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
    }

    private ClusterConnection connect(LaunchControls controls) {
        if (controls.client() != null) {
            return ClusterConnection.preset(controls.client());
        }
        if (embedded) {
            return ClusterConnection.embedded(context.environment().workingDirectory());
        }
        return ClusterConnection.detect(context.environment());
    }

    private Operator buildOperator(ClusterConnection cluster, LaunchControls controls) {
        if (paths.isEmpty() && controls.handlers().isEmpty()) {
            throw new ConfigurationException(NO_PATH);
        }
        Operator.Builder builder = Operator.builder()
                .client(cluster.client())
                .classpath(paths)
                .handlers(controls.handlers().toArray(Class<?>[]::new));
        if (controls.recordsOutcomes()) {
            builder.outcomeListener(controls.outcomeListener());
        }
        if (clusterwide) {
            builder.clusterwide();
        } else {
            builder.namespaces(namespaces);
        }
        builder.settings(sharding.apply(admission.apply(leaderElection.apply(withPeering(
                controls.settings() != null ? controls.settings()
                        : OperatorSettings.defaults())))));
        if (stopWhenIdle != null) {
            builder.stopWhenIdle(Duration.ofNanos((long) (stopWhenIdle * 1_000_000_000L)));
        }
        if (liveness != null) {
            builder.liveness(liveness);
        }
        observability.applyTo(builder);
        return builder.build();
    }

    // As Kopf's run(): the options override the settings' peering group.
    private OperatorSettings withPeering(OperatorSettings settings) {
        return settings.toBuilder().peering(p -> {
            PeeringSettings changed = p;
            if (peering != null && !peering.isEmpty()) {
                changed = changed.withMandatoryName(peering);
            }
            if (standalone) {
                changed = changed.withStandalone(true);
            }
            if (dev || priority != null) {
                changed = changed.withPriority(dev ? 666 : priority);
            }
            return changed;
        }).build();
    }

    private int runUntilStopped(Operator operator, LaunchControls controls)
            throws InterruptedException {
        Throwable failure = controls.runAttached(operator,
                () -> context.running().set(operator));
        if (failure == null) {
            return 0;
        }
        ErrorReporter.print(failure, logging.debug, context.err());
        return 1;
    }
}
