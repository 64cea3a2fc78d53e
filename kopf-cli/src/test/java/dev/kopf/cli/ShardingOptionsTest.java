package dev.kopf.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kopf.OperatorSettings;
import dev.kopf.ShardingSettings;
import dev.kopf.cli.handlers.ExampleHandlers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kopf run --shards auto [--ring NAME]}: the settings made, and what is refused. */
class ShardingOptionsTest {

    @TempDir
    Path temp;

    private static ShardingOptions parse(String... args) {
        ShardingOptions options = new ShardingOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void shardsAutoEnablesShardingOnTheNamedRing() {
        ShardingSettings sharding = parse("--shards", "auto", "--ring", "web",
                "--shard-lease-namespace", "ops").apply(OperatorSettings.defaults()).sharding();
        assertThat(sharding.enabled()).isTrue();
        assertThat(sharding.ring()).isEqualTo("web");
        assertThat(sharding.leaseNamespace()).isEqualTo("ops");
        assertThat(parse("--shards", "auto").apply(OperatorSettings.defaults()).sharding()
                .ring()).isEqualTo("kopf");
        assertThat(parse().apply(OperatorSettings.defaults()).sharding().enabled()).isFalse();
    }

    @Test
    void badValuesAreUsageErrors() {
        CommandLine line = new CommandLine(new ShardingOptions());
        assertThat(catchThrowable(() -> parse("--shards", "3").check(line)))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--shards must be 'auto': '3'. The members of the ring are the "
                        + "replicas with a live Lease.");
        assertThat(catchThrowable(() -> parse("--ring", "web").check(line)))
                .hasMessage("--ring needs --shards auto.");
        assertThat(catchThrowable(() -> parse("--shards", "auto", "--ring", "Web!").check(line)))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("DNS label");
    }

    @Test
    void aBadShardsValueExitsWithTwo() throws IOException {
        CliResult result = CliResult.execute(withKubeconfig(), "run", "-A", "--shards", "many");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--shards must be 'auto': 'many'.");
    }

    @Test
    void shardingWithPrioritiesIsRefusedAtStartUpInOneLine() throws IOException {
        Path classes = ClassFolders.of(temp.resolve("classes"), ExampleHandlers.class);

        CliResult result = CliResult.execute(withKubeconfig(), "run", "-A", "--shards", "auto",
                "--priority", "100", classes.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("Sharding cannot be combined with peering priority "
                + "100 (--priority, --dev) pauses the replicas of lower priority. Sharding needs "
                + "every replica working; drop those options.\n").doesNotContain("\tat ");
    }

    @Test
    void shardingWithLeaderElectionIsRefused() throws IOException {
        Path classes = ClassFolders.of(temp.resolve("classes"), ExampleHandlers.class);

        CliResult result = CliResult.execute(withKubeconfig(), "run", "-A", "--shards", "auto",
                "--leader-election", classes.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("leader election (--leader-election) lets one "
                + "replica work");
    }

    // A kubeconfig for a server that is never contacted: the refusals come before.
    private Environment withKubeconfig() throws IOException {
        Path home = Files.createDirectories(temp.resolve("home"));
        Path kubeconfig = Files.createDirectories(home.resolve(".kube")).resolve("config");
        Files.writeString(kubeconfig, String.join("\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters: [{name: c, cluster: {server: 'https://127.0.0.1:1'}}]",
                "users: [{name: u, user: {token: t}}]",
                "contexts: [{name: x, context: {cluster: c, user: u, namespace: default}}]",
                "current-context: x",
                ""));
        return Environment.of(Map.of("HOME", home.toString()), home, temp);
    }
}
