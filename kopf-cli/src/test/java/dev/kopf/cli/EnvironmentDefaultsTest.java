package dev.kopf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.cli.handlers.ExampleHandlers;
import dev.kopf.testing.internal.cli.LaunchControls;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code KOPF_RUN_*} variables as defaults of {@code kopf run}'s options, as Kopf's click. */
class EnvironmentDefaultsTest {

    @TempDir
    Path temp;

    private Environment with(Map<String, String> variables) throws IOException {
        Path home = Files.createDirectories(temp.resolve("home"));
        Map<String, String> all = new HashMap<>(variables);
        all.put("HOME", home.toString());
        return Environment.of(all, home, temp);
    }

    @Test
    void everyRunOptionHasKopfsVariableName() {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        CliContext context = new CliContext(nowhere, nowhere, new LaunchControls(),
                Environment.of(Map.of(), temp, temp), new AtomicReference<>());
        CommandLine root = new CommandLine(new KopfCommand(), new Main.Factory(context));
        List<String> names = root.getSubcommands().get("run").getCommandSpec().options()
                .stream().map(EnvironmentDefaults::variableName).toList();

        assertThat(names).contains("KOPF_RUN_NAMESPACES", "KOPF_RUN_CLUSTERWIDE",
                "KOPF_RUN_STANDALONE", "KOPF_RUN_DEV", "KOPF_RUN_LIVENESS_ENDPOINT",
                "KOPF_RUN_PEERING", "KOPF_RUN_PRIORITY", "KOPF_RUN_VERBOSE", "KOPF_RUN_DEBUG",
                "KOPF_RUN_QUIET", "KOPF_RUN_LOG_FORMAT", "KOPF_RUN_LOG_PREFIX",
                "KOPF_RUN_LOG_REFKEY", "KOPF_RUN_EMBEDDED", "KOPF_RUN_APPLY",
                "KOPF_RUN_STOP_WHEN_IDLE");
        assertThat(root.getCommandSpec().options()).extracting(EnvironmentDefaults::variableName)
                .containsOnlyNulls();
    }

    @Test
    void variablesAreReadAsTheOptionsWouldBe() throws IOException {
        CliResult result = CliResult.execute(with(Map.of("KOPF_RUN_NAMESPACES", "a b",
                "KOPF_RUN_CLUSTERWIDE", "yes")), "run");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains("Either --namespace or --all-namespaces can be used, not both.");
    }

    @Test
    void optionsOfOurOwnHaveTheirLongNames() throws IOException {
        CliResult result = CliResult.execute(with(Map.of("KOPF_RUN_STOP_WHEN_IDLE", "-1")),
                "run", "-A");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--stop-when-idle must be >= 0: -1.0.");
    }

    @Test
    void flagsTakeClicksWords() throws IOException {
        CliResult on = CliResult.execute(with(Map.of("KOPF_RUN_CLUSTERWIDE", "on")), "run");
        CliResult off = CliResult.execute(with(Map.of("KOPF_RUN_CLUSTERWIDE", "0")), "run");

        assertThat(on.err()).doesNotContain(RunCommand.NO_SCOPE)
                .contains("No Kubernetes cluster is configured");
        assertThat(off.err()).contains(RunCommand.NO_SCOPE);
    }

    @Test
    void theCommandLineWinsOverTheVariable() throws IOException {
        CliResult result = CliResult.execute(with(Map.of("KOPF_RUN_LOG_FORMAT", "xml")),
                "run", "-A", "--log-format", "plain");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("No Kubernetes cluster is configured");
    }

    @Test
    void aBadValueIsAUsageError() throws IOException {
        CliResult result = CliResult.execute(with(Map.of("KOPF_RUN_LOG_FORMAT", "xml")),
                "run", "-A");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("xml");
    }

    @Test
    void peeringKeepsItsVariable() throws IOException {
        CliResult result = CliResult.execute(with(Map.of("KOPF_RUN_PEERING", "example")),
                "run", "-A", "--embedded",
                ClassFolders.of(temp.resolve("classes"), ExampleHandlers.class).toString());

        // The peering named by the variable is mandatory, and its CRD is not installed.
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("peering 'example' is mandatory");
    }
}
