package dev.kopf.cli;

import static dev.kopf.cli.ManifestsCommandTest.at;
import static dev.kopf.cli.ManifestsCommandTest.documents;
import static dev.kopf.cli.ManifestsCommandTest.kinds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.cli.handlers.ExampleHandlers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void shardsWithLeaderElectionAreAUsageError() {
        CliResult result = CliResult.execute(environment, "manifests", classes.toString(),
                "--shards", "auto", "--leader-election");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--shards cannot be combined with --leader-election "
                + "or -P: sharding needs every replica working.");
    }
}
