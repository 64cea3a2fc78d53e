package dev.kopf.cli;

import dev.kopf.PeeringSettings;
import dev.kopf.internal.clients.ApiException;
import dev.kopf.internal.clients.Scanner;
import dev.kopf.internal.clients.WatchOptions;
import dev.kopf.internal.concurrent.ToggleSet;
import dev.kopf.internal.engines.PeerIdentity;
import dev.kopf.internal.engines.Peerings;
import dev.kopf.internal.logging.LogBackend;
import dev.kopf.internal.logging.LogConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What {@code kopf freeze} and {@code kopf resume} share, as Kopf's {@code touch_command}:
 * where the peering objects are ({@code -n}/{@code -A}), who writes ({@code -i}, else
 * {@code $POD_ID}, else {@code user@host}), and the one write of the record in each.
 */
final class PeeringTouch {

    private static final Logger logger = LoggerFactory.getLogger("kopf.cli");

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(order = 1, names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "The KopfPeering object in this namespace. Repeatable.")
    List<String> namespaces = new ArrayList<>();

    @Option(order = 2, names = {"-A", "--all-namespaces"},
            description = "The ClusterKopfPeering object (cluster-wide).")
    boolean clusterwide;

    @Option(order = 3, names = {"-i", "--id"}, paramLabel = "ID",
            description = "The identity of the record (default: $POD_ID, else user@host).")
    String id;

    /**
     * Writes the record (or removes it, with a zero lifetime) in each peering object.
     *
     * @param context the invocation
     * @param logging the log options
     * @param settings the peering name and priority
     * @param lifetime the record's lifetime
     * @return the exit code
     */
    int touch(CliContext context, LoggingOptions logging, PeeringSettings settings,
            Duration lifetime) {
        LogConfig previous = LogBackend.configure(logging.toConfig(context.err()));
        try {
            if (clusterwide && !namespaces.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "Either --namespace or --all-namespaces can be used, not both.");
            }
            if (namespaces.isEmpty() && !clusterwide) {
                logger.warn(RunCommand.NO_SCOPE);
            }
            PeeringSettings scoped = settings.withClusterwide(namespaces.isEmpty());
            String identity = id != null ? id : PeerIdentity.detect(true);
            try (ClusterConnection cluster = context.controls().client() != null
                    ? ClusterConnection.preset(context.controls().client())
                    : ClusterConnection.detect(context.environment())) {
                List<String> missing = Peerings.touchOnce(new Peerings.Config(cluster.client(),
                        Scanner.scan(cluster.client()), namespaces, scoped, identity,
                        new ToggleSet(), WatchOptions.DEFAULTS), lifetime);
                missing.forEach(where -> logger.warn("The peering object {} is not found.",
                        where));
                return 0;
            } catch (ApiException e) {
                throw new ConfigurationException("Cannot write the peering record: "
                        + e.getMessage(), e);
            }
        } finally {
            LogBackend.configure(previous);
        }
    }
}
