package dev.kopf.cli;

import dev.kopf.OperatorSettings;
import dev.kopf.Resource;
import dev.kopf.internal.engines.HealthReporter;
import dev.kopf.internal.logging.LogBackend;
import dev.kopf.internal.logging.LogConfig;
import dev.kopf.internal.rbac.FeatureNeeds;
import dev.kopf.internal.rbac.PermissionNeed;
import dev.kopf.internal.rbac.RbacRules;
import dev.kopf.internal.rbac.RolePlan;
import dev.kopf.internal.rbac.RoleSpec;
import dev.kopf.internal.rbac.Serving;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kopf manifests}: the ServiceAccount, the least-privilege Roles or ClusterRoles
 * with their bindings, the Deployment and (with admission handlers) the Service of an
 * operator, derived from its handlers as {@code kopf run} would register them.
 */
@Command(name = "manifests", sortOptions = false,
        description = "Print the Kubernetes manifests (RBAC, Deployment) for the handlers.")
final class ManifestsCommand implements Callable<Integer> {

    /** Kubernetes object names: DNS subdomains (RFC 1123), at most 253 characters. */
    private static final Pattern DNS_NAME =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    ShardingOptions sharding;

    @Option(order = 30, names = {"-h", "--help"}, usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    @Parameters(paramLabel = "PATH", arity = "1..*",
            description = "Jars or class folders with the handler classes, as for kopf run.")
    List<Path> paths = new ArrayList<>();

    @Option(order = 1, names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "Serve this namespace, as kopf run -n: a Role in each. Globs make "
                    + "a ClusterRole. Repeatable.")
    List<String> namespaces = new ArrayList<>();

    @Option(order = 2, names = {"-A", "--all-namespaces"},
            description = "Serve all namespaces: a ClusterRole.")
    boolean clusterwide;

    @Option(order = 3, names = "--name", paramLabel = "NAME", defaultValue = "kopf-operator",
            description = "Name of the ServiceAccount, roles, bindings and Deployment "
                    + "(default: ${DEFAULT-VALUE}).")
    String name;

    @Option(order = 4, names = "--operator-namespace", paramLabel = "NS",
            defaultValue = "default",
            description = "Namespace of the ServiceAccount and the Deployment "
                    + "(default: ${DEFAULT-VALUE}).")
    String operatorNamespace;

    @Option(order = 5, names = "--image", paramLabel = "IMAGE",
            defaultValue = "kopf-operator:latest",
            description = "Container image, whose entrypoint is kopf run "
                    + "(default: ${DEFAULT-VALUE}).")
    String image;

    @Option(order = 6, names = "--image-path", paramLabel = "PATH",
            description = "Handler jar or folder inside the image, passed to kopf run "
                    + "(default: /opt/operator/operator.jar). Repeatable.")
    List<String> imagePaths = new ArrayList<>();

    @Option(order = 7, names = "--replicas", paramLabel = "N", defaultValue = "1",
            description = "Replicas of the Deployment (default: ${DEFAULT-VALUE}); more than "
                    + "one needs --leader-election, -P or --shards.")
    int replicas;

    @Option(order = 8, names = {"-L", "--liveness"}, paramLabel = "URL",
            defaultValue = "http://0.0.0.0:8080/healthz",
            description = "Liveness endpoint of kopf run, probed by Kubernetes "
                    + "(default: ${DEFAULT-VALUE}).")
    String liveness;

    @Option(order = 9, names = {"-P", "--peering"}, paramLabel = "NAME",
            description = "Peering object name, as kopf run -P: adds the peering rules.")
    String peering;

    @Option(order = 10, names = "--leader-election",
            description = "Leader election with a Lease, as kopf run: adds the Lease rules.")
    boolean leaderElection;

    @Option(order = 11, names = "--lease-namespace", paramLabel = "NS",
            description = "Namespace of the Lease (default: the operator's namespace).")
    String leaseNamespace;

    @Option(order = 12, names = "--webhook-port", paramLabel = "PORT", defaultValue = "9443",
            description = "Port of the admission webhook server, when there are admission "
                    + "handlers (default: ${DEFAULT-VALUE}).")
    int webhookPort;

    @Option(order = 13, names = "--apply", paramLabel = "FILE",
            description = "YAML files with the CRDs of the handled resources, to resolve "
                    + "them as the API server will. Repeatable.")
    List<Path> crdFiles = new ArrayList<>();

    @Option(order = 14, names = "--rule", paramLabel = "RESOURCE[.GROUP]:VERB[,VERB…]",
            description = "An extra permission where the objects are served, for API calls "
                    + "that handlers make themselves, e.g. pods:create or "
                    + "deployments.apps:get,patch. Repeatable.")
    List<String> extraRules = new ArrayList<>();

    @Option(order = 15, names = {"-o", "--output-dir"}, paramLabel = "DIR",
            description = "Write one file per kind of manifest into this folder instead of "
                    + "printing them.")
    Path outputDir;

    ManifestsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        validate();
        LogConfig previous = LogBackend.configure(logging.toConfig(context.err()));
        try {
            Map<String, List<String>> files = manifests();
            if (outputDir == null) {
                List<String> all = new ArrayList<>();
                files.values().forEach(all::addAll);
                context.out().print(String.join("---\n", all));
                context.out().flush();
                return 0;
            }
            Files.createDirectories(outputDir);
            for (Map.Entry<String, List<String>> file : files.entrySet()) {
                Path target = outputDir.resolve(file.getKey());
                Files.writeString(target, String.join("---\n", file.getValue()),
                        StandardCharsets.UTF_8);
                context.out().println(target);
            }
            return 0;
        } finally {
            LogBackend.configure(previous);
        }
    }

    /** The manifests by file name, in the order to apply them. */
    Map<String, List<String>> manifests() {
        OperatorSettings settings = OperatorSettings.defaults();
        HandlerRegistration handlers = HandlerRegistration.scan(paths, settings);
        List<Resource> served = ServedResources.discover(crdFiles);
        Serving serving = new Serving(namespaces, clusterwide, operatorNamespace);
        RbacRules.Derivation derivation = RbacRules.derive(handlers.registry(), settings,
                served, serving);
        if (!derivation.problems().isEmpty()) {
            throw new ConfigurationException(String.join("\n", derivation.problems()));
        }
        List<PermissionNeed> needs = new ArrayList<>(derivation.needs());
        needs.addAll(featureNeeds(handlers.admissionHandlers()));
        needs.addAll(sharding.needs(derivation.needs()));
        List<RoleSpec> roles = RolePlan.plan(needs, serving);
        boolean webhooks = !handlers.admissionHandlers().isEmpty();
        DeploymentManifest deployment = new DeploymentManifest(name, operatorNamespace, image,
                replicas, runArgs(webhooks), HealthReporter.parse(liveness),
                replicas == 1 && !leaderElection && !sharding.isEnabled(),
                webhooks ? webhookPort : 0);
        Map<String, List<String>> files = new LinkedHashMap<>();
        files.put("serviceaccount.yaml",
                List.of(RbacManifests.serviceAccount(name, operatorNamespace)));
        files.put("rbac.yaml", RbacManifests.roles(roles, name, operatorNamespace,
                derivation.notes()));
        files.put("deployment.yaml", List.of(deployment.deployment()));
        if (webhooks) {
            files.put("service.yaml", List.of(deployment.service()));
        }
        return files;
    }

    /** What the optional features add; the features' branches add theirs here. */
    private List<PermissionNeed> featureNeeds(List<String> admissionHandlers) {
        List<PermissionNeed> needs = new ArrayList<>();
        if (leaderElection) {
            needs.addAll(FeatureNeeds.leaderElection(leaseNamespace));
        }
        if (peering != null && !peering.isEmpty()) {
            needs.addAll(FeatureNeeds.peering(peering,
                    new Serving(namespaces, clusterwide, operatorNamespace).isClusterwide()));
        }
        needs.addAll(FeatureNeeds.admission(admissionHandlers));
        for (String rule : extraRules) {
            needs.add(extraRule(rule));
        }
        return needs;
    }

    /** Parses {@code --rule pods:create} or {@code deployments.apps:get,patch}. */
    private PermissionNeed extraRule(String rule) {
        int colon = rule.indexOf(':');
        String resource = colon < 0 ? "" : rule.substring(0, colon).strip();
        List<String> verbs = colon < 0 ? List.of() : List.of(rule.substring(colon + 1)
                .split(",")).stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
        if (resource.isEmpty() || verbs.isEmpty()) {
            throw usage("--rule must be RESOURCE[.GROUP]:VERB[,VERB...], e.g. pods:create: "
                    + rule + ".");
        }
        int dot = resource.indexOf('.');
        String plural = dot < 0 ? resource : resource.substring(0, dot);
        String group = dot < 0 ? "" : resource.substring(dot + 1);
        return PermissionNeed.served(group, plural, verbs, "--rule " + rule);
    }

    /**
     * The arguments of {@code kopf run} that serve the same as these options.
     *
     * @param webhooks whether there are admission handlers: then the webhook server listens
     *     behind the generated Service and manages its webhook configurations
     */
    List<String> runArgs(boolean webhooks) {
        List<String> args = new ArrayList<>();
        if (clusterwide || namespaces.isEmpty()) {
            args.add("--all-namespaces");
        }
        for (String namespace : namespaces) {
            args.add("--namespace=" + namespace);
        }
        args.add("--liveness=" + liveness);
        if (peering != null && !peering.isEmpty()) {
            args.add("--peering=" + peering);
        } else if (!sharding.isEnabled()) {
            args.add("--standalone");
        }
        args.addAll(sharding.runArgs());
        if (leaderElection) {
            args.add("--leader-election");
            if (leaseNamespace != null) {
                args.add("--lease-namespace=" + leaseNamespace);
            }
        }
        if (webhooks) {
            args.add("--webhook-server=service");
            args.add("--webhook-service=" + operatorNamespace + "/" + name);
            args.add("--webhook-port=" + webhookPort);
            args.add("--webhook-managed=" + name + ".kopf.dev");
        }
        args.addAll(imagePaths.isEmpty() ? List.of("/opt/operator/operator.jar") : imagePaths);
        return args;
    }

    private void validate() {
        if (clusterwide && !namespaces.isEmpty()) {
            throw usage("Either --namespace or --all-namespaces can be used, not both.");
        }
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw usage("PATH does not exist: " + path + ". Give jars or class folders.");
            }
        }
        for (Path file : crdFiles) {
            if (!Files.isRegularFile(file)) {
                throw usage("--apply file does not exist: " + file + ".");
            }
        }
        for (String value : List.of(name, operatorNamespace)) {
            if (value.length() > 63 || !DNS_NAME.matcher(value).matches() || value.contains(".")) {
                throw usage("Not a valid Kubernetes name: \"" + value + "\". Use lowercase "
                        + "letters, digits and '-', at most 63 characters.");
            }
        }
        if (replicas < 1) {
            throw usage("--replicas must be >= 1: " + replicas + ".");
        }
        sharding.check(spec.commandLine());
        if (sharding.isEnabled() && (leaderElection || (peering != null && !peering.isEmpty()))) {
            throw usage("--shards cannot be combined with --leader-election or -P: sharding "
                    + "needs every replica working.");
        }
        boolean coordinated = leaderElection || (peering != null && !peering.isEmpty())
                || sharding.isEnabled();
        if (replicas > 1 && !coordinated) {
            throw usage("--replicas " + replicas + " runs several operators on the same "
                    + "objects. Add --leader-election, -P NAME or --shards auto, or use one "
                    + "replica.");
        }
        if (leaseNamespace != null && !leaderElection) {
            throw usage("--lease-namespace needs --leader-election.");
        }
        if (webhookPort < 1 || webhookPort > 65535) {
            throw usage("--webhook-port must be in 1..65535: " + webhookPort + ".");
        }
        try {
            URI uri = HealthReporter.parse(liveness);
            if (uri.getPort() < 1) {
                throw usage("The liveness endpoint needs a port for the probe: " + liveness
                        + ". Give e.g. http://0.0.0.0:8080/healthz.");
            }
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
