package dev.kopf.cli;

import static dev.kopf.cli.ManifestsCommandTest.at;
import static dev.kopf.cli.ManifestsCommandTest.documents;
import static dev.kopf.cli.ManifestsCommandTest.kinds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.OperatorSettings;
import dev.kopf.cli.handlers.AdmissionHandlers;
import dev.kopf.cli.handlers.ExampleHandlers;
import dev.kopf.cli.handlers.OnValidate;
import dev.kopf.internal.intents.OperatorRegistry;
import dev.kopf.internal.intents.WebhookHandler;
import dev.kopf.internal.sharding.Sharding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kopf manifests --shards auto}: the Lease and label rules, and the Deployment. */
class ManifestsShardingTest {

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

    @Test
    @SuppressWarnings("unchecked")
    void shardsAddTheLeaseRulesAndRunEveryReplicaOnTheRing() throws IOException {
        CliResult result = CliResult.execute(environment, "manifests", classes.toString(),
                "--apply", Resources.crd(), "-A", "--shards", "auto", "--ring", "web",
                "--replicas", "3");

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<Map<String, Object>> documents = documents(result.out());
        assertThat(kinds(documents)).containsExactly("ServiceAccount/default",
                "ClusterRole/null", "ClusterRoleBinding/null", "Role/default",
                "RoleBinding/default", "Deployment/default");
        assertThat(at(documents.get(3), "rules", "0", "resources")).isEqualTo(List.of("leases"));
        assertThat(at(documents.get(3), "rules", "0", "verbs"))
                .isEqualTo(List.of("get", "list", "create", "update", "delete"));
        assertThat(result.out()).contains("# sharding (--shards): the labels");
        List<?> rules = (List<?>) at(documents.get(1), "rules");
        assertThat(rules).anySatisfy(rule -> {
            assertThat(at(rule, "resources")).isEqualTo(List.of("kopfexamples"));
            assertThat((List<Object>) at(rule, "verbs")).contains("get", "patch", "list", "watch");
        });
        Map<String, Object> deployment = documents.get(5);
        assertThat(at(deployment, "spec", "replicas")).isEqualTo(3);
        // Sharded replicas may overlap in a rolling update: the handover keeps them apart.
        assertThat(at(deployment, "spec", "strategy")).isNull();
        List<Object> args = (List<Object>) at(deployment, "spec", "template", "spec", "containers", "0",
                "args");
        assertThat(args).contains("--shards=auto", "--ring=web").doesNotContain("--standalone");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shardsWithWebhooksServeTheAssignmentWebhookWithWhatItNeeds() throws IOException {
        Path admission = ClassFolders.of(temp.resolve("admission"), AdmissionHandlers.class,
                OnValidate.class);
        CliResult result = CliResult.execute(environment, "manifests", admission.toString(),
                "--apply", Resources.crd(), "-A", "--shards", "auto", "--ring", "web",
                "--replicas", "2");

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<Map<String, Object>> documents = documents(result.out());
        assertThat(kinds(documents)).contains("Service/default");
        // Every replica lists the ring's Leases for its view, and the operator keeps the
        // mutating configuration the assignment webhook is registered in.
        assertThat(documents).anySatisfy(role -> assertThat((List<Object>) at(role, "rules"))
                .anySatisfy(rule -> {
                    assertThat(at(rule, "resources")).isEqualTo(List.of("leases"));
                    assertThat((List<Object>) at(rule, "verbs")).contains("list");
                }));
        assertThat(documents).anySatisfy(role -> assertThat((List<Object>) at(role, "rules"))
                .anySatisfy(rule -> {
                    assertThat(at(rule, "resources"))
                            .isEqualTo(List.of("mutatingwebhookconfigurations"));
                    assertThat((List<Object>) at(rule, "verbs"))
                            .contains("get", "create", "patch");
                }));

        // The Deployment's kopf run has both: the assignment webhook is served and managed.
        Map<String, Object> deployment = documents.stream().filter(d -> "Deployment".equals(
                d.get("kind"))).findFirst().orElseThrow();
        List<String> args = (List<String>) at(deployment, "spec", "template", "spec",
                "containers", "0", "args");
        RunCommand run = new RunCommand(null);
        new CommandLine(run).setCaseInsensitiveEnumValuesAllowed(true)
                .parseArgs(args.toArray(String[]::new));
        OperatorSettings settings = run.sharding.apply(run.admission.apply(
                OperatorSettings.defaults()));
        assertThat(settings.admission().managed()).isEqualTo("kopf-operator.kopf.dev");
        OperatorRegistry registry = HandlerRegistration.scan(List.of(admission), settings)
                .registry();
        assertThat(Sharding.of(settings.sharding(), "pod-1").assignmentWebhooks(registry,
                settings)).extracting(WebhookHandler::id)
                .containsExactly("kopf.sharding.web.kopfexamples.v1.kopf.dev");
    }

    @Test
    void shardsWithLeaderElectionAreAUsageError() {
        CliResult result = CliResult.execute(environment, "manifests", classes.toString(),
                "--shards", "auto", "--leader-election");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--shards cannot be combined with --leader-election "
                + "or -P: sharding needs every replica working.");
    }
}
