package dev.kopf.cli;

import dev.kopf.OperatorSettings;
import picocli.CommandLine.Option;

/** {@code kopf run}'s leader election options; see docs/peering.md. */
final class LeaderElectionOptions {

    @Option(order = 11, names = "--leader-election",
            description = "Elect a leader among the replicas on a Lease; the others are hot "
                    + "standbys.")
    boolean enabled;

    @Option(order = 12, names = "--lease-name", paramLabel = "NAME",
            description = "The Lease's name (default: kopf-leader).")
    String name;

    @Option(order = 13, names = "--lease-namespace", paramLabel = "NS",
            description = "The Lease's namespace (default: $POD_NAMESPACE, else default).")
    String namespace;

    OperatorSettings apply(OperatorSettings settings) {
        if (!enabled) {
            return settings;
        }
        return settings.toBuilder().leaderElection(le -> le.withLease(
                name != null ? name : le.leaseName(),
                namespace != null ? namespace : le.leaseNamespace())).build();
    }
}
