package dev.kopf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kopf.OperatorSettings;
import dev.kopf.WebhookServer;
import dev.kopf.cli.handlers.AdmissionHandlers;
import dev.kopf.cli.handlers.ExampleHandlers;
import dev.kopf.cli.handlers.OnValidate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kopf manifests}: the YAML it prints, its options and its errors. */
class ManifestsCommandTest {

    @TempDir
    Path temp;

    private Environment environment;
    private Path classes;

    @BeforeEach
    void prepare() throws IOException {
        Path home = Files.createDirectories(temp.resolve("home"));
        environment = Environment.of(Map.of("HOME", home.toString()), home, temp);
        classes = ClassFolders.of(temp.resolve("classes"), ExampleHandlers.class);
    }

    static List<Map<String, Object>> documents(String yaml) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (MappingIterator<Map<String, Object>> iterator = new YAMLMapper()
                .readerForMapOf(Object.class).readValues(yaml)) {
            while (iterator.hasNext()) {
                documents.add(iterator.next());
            }
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    static Object at(Object node, String... path) {
        for (String key : path) {
            node = node instanceof List<?> list ? list.get(Integer.parseInt(key))
                    : ((Map<String, Object>) node).get(key);
        }
        return node;
    }

    static List<String> kinds(List<Map<String, Object>> documents) {
        return documents.stream().map(d -> d.get("kind") + "/" + at(d, "metadata", "namespace"))
                .toList();
    }

    @Test
    void printsTheServiceAccountARolePerNamespaceAndTheDeployment() throws IOException {
        CliResult result = CliResult.execute(environment, "manifests", classes.toString(),
                "--apply", Resources.crd(), "-n", "ns1", "-n", "ns2", "--name", "example",
                "--operator-namespace", "operators", "--image", "example:1.0");

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<Map<String, Object>> documents = documents(result.out());
        assertThat(kinds(documents)).containsExactly("ServiceAccount/operators", "Role/ns1",
                "RoleBinding/ns1", "Role/ns2", "RoleBinding/ns2", "Deployment/operators");
        assertThat(at(documents.get(1), "rules")).isEqualTo(List.of(
                Map.of("apiGroups", List.of(""), "resources", List.of("events"),
                        "verbs", List.of("create")),
                Map.of("apiGroups", List.of("kopf.dev"), "resources", List.of("kopfexamples"),
                        "verbs", List.of("get", "list", "watch", "patch")),
                Map.of("apiGroups", List.of("kopf.dev"),
                        "resources", List.of("kopfexamples/status"),
                        "verbs", List.of("patch"))));
        assertThat(result.out()).contains("  # watch-stream of @OnCreate 'createFn'\n");
        assertThat(at(documents.get(2), "subjects", "0")).isEqualTo(Map.of(
                "kind", "ServiceAccount", "name", "example", "namespace", "operators"));
        Map<String, Object> deployment = documents.get(5);
        assertThat(at(deployment, "spec", "strategy", "type")).isEqualTo("Recreate");
        Object pod = at(deployment, "spec", "template", "spec");
        assertThat(at(pod, "serviceAccountName")).isEqualTo("example");
        assertThat(at(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
        Object container = at(pod, "containers", "0");
        assertThat(at(container, "image")).isEqualTo("example:1.0");
        assertThat(at(container, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/healthz");
        assertThat(at(container, "ports", "0", "containerPort")).isEqualTo(8080);
        assertThat(at(container, "volumeMounts", "0", "mountPath")).isEqualTo("/tmp");
        assertThat(at(container, "resources", "requests", "memory")).isEqualTo("192Mi");
    }

    @Test
    void allNamespacesMakeAClusterRole() throws IOException {
        CliResult result = CliResult.execute(environment, "manifests", classes.toString(),
                "--apply", Resources.crd(), "-A");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(kinds(documents(result.out()))).containsExactly("ServiceAccount/default",
                "ClusterRole/null", "ClusterRoleBinding/null", "Deployment/default");
    }

    @Test
    void theDeploymentsArgumentsAreAcceptedByKopfRun() throws IOException {
        CliResult result = CliResult.execute(environment, "manifests", classes.toString(),
                "--apply", Resources.crd(), "-n", "ns1,team-*");
        assertThat(result.exitCode()).as(result.err()).isZero();
        @SuppressWarnings("unchecked")
        List<String> args = (List<String>) at(documents(result.out()).get(3),
                "spec", "template", "spec", "containers", "0", "args");

        RunCommand run = new RunCommand(null);
        new CommandLine(run).setCaseInsensitiveEnumValuesAllowed(true)
                .parseArgs(args.toArray(String[]::new));
        assertThat(run.namespaces).containsExactly("ns1,team-*");
        assertThat(run.liveness).isEqualTo("http://0.0.0.0:8080/healthz");
        assertThat(run.standalone).isTrue();
        assertThat(run.paths).containsExactly(Path.of("/opt/operator/operator.jar"));
    }

    @Test
    void writesOneFilePerKindIntoTheOutputFolder() throws IOException {
        Path out = temp.resolve("deploy");
        CliResult result = CliResult.execute(environment, "manifests", classes.toString(),
                "--apply", Resources.crd(), "-n", "ns1", "-o", out.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(out.resolve("serviceaccount.yaml")).content().contains("kind: ServiceAccount");
        assertThat(out.resolve("rbac.yaml")).content().contains("kind: RoleBinding");
        assertThat(out.resolve("deployment.yaml")).content().contains("kind: Deployment");
        assertThat(out.resolve("service.yaml")).doesNotExist();
    }

    @Test
    void anUnservedResourceIsAnErrorNamingTheHandlerAndTheFix() {
        CliResult result = CliResult.execute(environment, "manifests", classes.toString(),
                "-n", "ns1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("Resource 'kopfexamples.v1.kopf.dev' of @OnCreate "
                + "'createFn' is not served by the API server or is ambiguous. Give its CRD "
                + "with --apply FILE.");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void severalReplicasWithoutCoordinationAreAUsageError() {
        CliResult result = CliResult.execute(environment, "manifests", classes.toString(),
                "--replicas", "2");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--replicas 2 runs several operators on the same "
                + "objects. Add --leader-election, -P NAME or --shards auto, or use one "
                + "replica.");
    }

    @Test
    void leaderElectionAddsTheLeaseRoleAndAllowsRollingUpdates() throws IOException {
        CliResult result = CliResult.execute(environment, "manifests", classes.toString(),
                "--apply", Resources.crd(), "-A", "--leader-election", "--replicas", "2");

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<Map<String, Object>> documents = documents(result.out());
        assertThat(kinds(documents)).containsExactly("ServiceAccount/default",
                "ClusterRole/null", "ClusterRoleBinding/null", "Role/default",
                "RoleBinding/default", "Deployment/default");
        assertThat(at(documents.get(3), "rules", "0", "resources")).isEqualTo(List.of("leases"));
        assertThat(at(documents.get(5), "spec", "strategy")).isNull();
    }

    @Test
    void aFolderWithoutHandlersIsAnError() throws IOException {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        CliResult result = CliResult.execute(environment, "manifests", empty.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("No handlers found in " + empty + ".");
    }

    @Test
    void extraRulesGrantWhatHandlersCallThemselves() throws IOException {
        CliResult result = CliResult.execute(environment, "manifests", classes.toString(),
                "--apply", Resources.crd(), "-n", "ns1", "--rule", "pods:create",
                "--rule", "deployments.apps:get,patch");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(at(documents(result.out()).get(1), "rules")).asList().contains(
                Map.of("apiGroups", List.of(""), "resources", List.of("pods"),
                        "verbs", List.of("create")),
                Map.of("apiGroups", List.of("apps"), "resources", List.of("deployments"),
                        "verbs", List.of("get", "patch")));
        assertThat(result.out()).contains("  # --rule pods:create\n");

        CliResult bad = CliResult.execute(environment, "manifests", classes.toString(),
                "--apply", Resources.crd(), "--rule", "pods");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--rule must be RESOURCE[.GROUP]:VERB[,VERB...], e.g. "
                + "pods:create: pods.");
    }

    @Test
    void admissionHandlersAddTheWebhookConfigurationsAndTheService() throws IOException {
        Path admission = ClassFolders.of(temp.resolve("admission"), AdmissionHandlers.class,
                OnValidate.class);
        CliResult result = CliResult.execute(environment, "manifests", admission.toString(),
                "--apply", Resources.crd(), "-n", "ns1", "--webhook-port", "8443");

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<Map<String, Object>> documents = documents(result.out());
        assertThat(kinds(documents)).containsExactly("ServiceAccount/default",
                "ClusterRole/null", "ClusterRoleBinding/null", "Role/ns1", "RoleBinding/ns1",
                "Deployment/default", "Service/default");
        assertThat(result.out()).contains("  # admission webhooks 'AdmissionHandlers.validate'\n");
        assertThat(at(documents.get(1), "rules", "1", "resources"))
                .isEqualTo(List.of("validatingwebhookconfigurations"));
        assertThat(at(documents.get(6), "spec", "ports", "0", "targetPort"))
                .isEqualTo("webhooks");
        assertThat(at(documents.get(5), "spec", "template", "spec", "containers", "0", "ports",
                "1", "containerPort")).isEqualTo(8443);

        // The operator serves the webhooks behind that Service and manages their configurations.
        @SuppressWarnings("unchecked")
        List<String> args = (List<String>) at(documents.get(5),
                "spec", "template", "spec", "containers", "0", "args");
        RunCommand run = new RunCommand(null);
        new CommandLine(run).setCaseInsensitiveEnumValuesAllowed(true)
                .parseArgs(args.toArray(String[]::new));
        WebhookServer server = run.admission.apply(OperatorSettings.defaults()).admission()
                .server();
        assertThat(server.service())
                .isEqualTo(new WebhookServer.ServiceReference("default", "kopf-operator", 443));
        assertThat(server.port()).isEqualTo(8443);
        assertThat(args).contains("--webhook-managed=kopf-operator.kopf.dev");
    }
}
