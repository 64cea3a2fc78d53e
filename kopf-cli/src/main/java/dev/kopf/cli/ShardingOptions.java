package dev.kopf.cli;

import dev.kopf.OperatorSettings;
import dev.kopf.internal.rbac.FeatureNeeds;
import dev.kopf.internal.rbac.PermissionNeed;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The sharding options of {@code kopf run} and {@code kopf manifests}; see docs/sharding.md. */
final class ShardingOptions {

    @Option(order = 60, names = "--shards", paramLabel = "MODE",
            description = "Divide the objects among the replicas by consistent hashing: "
                    + "'auto' (the members are the replicas with a live Lease).")
    String shards;

    @Option(order = 61, names = "--ring", paramLabel = "NAME",
            description = "The sharding ring's name, for its labels and Leases (default: "
                    + "kopf). Needs --shards.")
    String ring;

    @Option(order = 62, names = "--shard-lease-namespace", paramLabel = "NS",
            description = "The namespace of the ring's Leases (default: $POD_NAMESPACE, else "
                    + "default). Needs --shards.")
    String namespace;

    /** Refuses bad values as usage errors (exit code 2). */
    void check(CommandLine commandLine) {
        if (shards != null && !"auto".equals(shards)) {
            throw new ParameterException(commandLine, "--shards must be 'auto': '" + shards
                    + "'. The members of the ring are the replicas with a live Lease.");
        }
        if (shards == null && (ring != null || namespace != null)) {
            throw new ParameterException(commandLine, (ring != null ? "--ring" :
                    "--shard-lease-namespace") + " needs --shards auto.");
        }
        try {
            apply(OperatorSettings.defaults());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, e.getMessage());
        }
    }

    OperatorSettings apply(OperatorSettings settings) {
        if (shards == null) {
            return settings;
        }
        return settings.toBuilder().sharding(s -> s.withRing(ring != null ? ring : s.ring())
                .withLeaseNamespace(namespace != null ? namespace : s.leaseNamespace()))
                .build();
    }

    /** Whether {@code --shards} is given. */
    boolean isEnabled() {
        return shards != null;
    }

    /** The same options for {@code kopf run}, in a generated Deployment. */
    List<String> runArgs() {
        List<String> args = new ArrayList<>();
        if (shards != null) {
            args.add("--shards=" + shards);
            if (ring != null) {
                args.add("--ring=" + ring);
            }
            if (namespace != null) {
                args.add("--shard-lease-namespace=" + namespace);
            }
        }
        return args;
    }

    /** The permissions sharding adds to those derived from the handlers. */
    List<PermissionNeed> needs(List<PermissionNeed> derived) {
        return shards == null ? List.of() : FeatureNeeds.sharding(namespace, derived);
    }
}
