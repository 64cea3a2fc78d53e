package dev.kopf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.HandlerDeclarationException;
import dev.kopf.cli.handlers.BadHandlers;
import dev.kopf.cli.handlers.ExampleHandlers;
import dev.kopf.testing.internal.cli.LaunchControls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParameterException;

/** The command line through {@code Main.execute}: parsing, exit codes and error messages. */
class MainTest {

    @TempDir
    Path temp;

    private Environment noCluster;

    @BeforeEach
    void describeAMachineWithoutCluster() throws IOException {
        Path home = Files.createDirectories(temp.resolve("home"));
        noCluster = Environment.of(Map.of("HOME", home.toString()), home, temp);
    }

    // A kubeconfig for a server that is never contacted: the tests fail before connecting.
    private Environment withKubeconfig() throws IOException {
        return withKubeconfig("https://127.0.0.1:1");
    }

    private Environment withKubeconfig(String server) throws IOException {
        Path home = Files.createDirectories(temp.resolve("home-with-config"));
        Path kubeconfig = Files.createDirectories(home.resolve(".kube")).resolve("config");
        Files.writeString(kubeconfig, String.join("\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters: [{name: c, cluster: {server: '" + server + "'}}]",
                "users: [{name: u, user: {token: t}}]",
                "contexts: [{name: x, context: {cluster: c, user: u, namespace: default}}]",
                "current-context: x",
                ""));
        return Environment.of(Map.of("HOME", home.toString()), home, temp);
    }

    @Test
    void unknownOptionsAreUsageErrors() {
        CliResult result = CliResult.execute(noCluster, "run", "--bogus");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Unknown option: '--bogus'").contains("Usage: kopf run");
    }

    @Test
    void namespaceTogetherWithAllNamespacesIsAUsageError() {
        CliResult result = CliResult.execute(noCluster, "run", "-n", "x", "-A");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains("Either --namespace or --all-namespaces can be used, not both.")
                .contains("Usage: kopf run");
    }

    @Test
    void aMissingSubcommandIsAUsageError() {
        CliResult result = CliResult.execute(noCluster);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required subcommand.").contains("Usage: kopf");
    }

    @Test
    void badValuesAreUsageErrors() {
        assertThat(CliResult.execute(noCluster, "run", "--log-format", "xml").exitCode())
                .isEqualTo(2);
        assertThat(CliResult.execute(noCluster, "run", "--stop-when-idle", "-1").exitCode())
                .isEqualTo(2);
        assertThat(CliResult.execute(noCluster, "run", "-p", "high").exitCode()).isEqualTo(2);
        CliResult missingPath = CliResult.execute(noCluster, "run", "-A",
                temp.resolve("nope").toString());
        assertThat(missingPath.exitCode()).isEqualTo(2);
        assertThat(missingPath.err()).contains("PATH does not exist: ");
        CliResult missingFile = CliResult.execute(noCluster, "run", "-A", "--apply",
                temp.resolve("nope.yaml").toString());
        assertThat(missingFile.exitCode()).isEqualTo(2);
        assertThat(missingFile.err()).contains("--apply file does not exist: ");
    }

    @Test
    void usageErrorsAreRecordedForKopfRunner() {
        LaunchControls controls = new LaunchControls();

        CliResult.execute(noCluster, controls, "run", "--bogus");

        assertThat(controls.exception()).isInstanceOf(ParameterException.class);
    }

    @Test
    void versionIsTheProjectVersion() {
        CliResult result = CliResult.execute(noCluster, "--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().strip()).matches("kopf, version \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void helpListsTheCommands() {
        CliResult result = CliResult.execute(noCluster, "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: kopf").contains("run ");
    }

    @Test
    void runHelpListsKopfsOptionsAndOurs() {
        CliResult result = CliResult.execute(noCluster, "run", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("-n, --namespace=NS", "-A, --all-namespaces",
                "--standalone", "--dev", "-L, --liveness=URL", "-P, --peering=NAME",
                "-p, --priority=N", "-v, --verbose", "-d, --debug", "-q, --quiet",
                "--log-format=FORMAT", "plain, full, json", "--embedded", "--apply=FILE",
                "--stop-when-idle=SECONDS");
    }

    @Test
    void noClusterConfiguredExitsWith1AndSaysWhatToDo() {
        CliResult result = CliResult.execute(noCluster, "run", "-A");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("No Kubernetes cluster is configured: no KUBECONFIG, "
                + "no ~/.kube/config, no in-cluster service account. "
                + "Run with --embedded to use the embedded API server.\n");
        assertThat(result.err()).doesNotContain("\tat ");
    }

    @Test
    void neitherNamespaceNorAllNamespacesWarnsAndServesTheCluster() {
        CliResult result = CliResult.execute(noCluster, "run");

        assertThat(result.err()).containsPattern("\\] kopf.cli +\\[WARNING \\] Neither "
                + "--namespace nor --all-namespaces is specified; assuming --all-namespaces. "
                + "This will be an error in the future.\n");
    }

    @Test
    void logFormatIsChosenOnTheCommandLine() {
        String json = CliResult.execute(noCluster, "run", "--log-format", "json").err();
        String plain = CliResult.execute(noCluster, "run", "--log-format", "plain").err();

        assertThat(json).startsWith("{\"message\": \"Neither --namespace nor --all-namespaces")
                .contains("\"severity\": \"warn\"}\n");
        assertThat(plain).startsWith("Neither --namespace nor --all-namespaces is specified; "
                + "assuming --all-namespaces. This will be an error in the future.\n");
    }

    @Test
    void quietStillShowsWarnings() {
        CliResult result = CliResult.execute(noCluster, "run", "-q");

        assertThat(result.err()).contains("[WARNING ] Neither --namespace");
    }

    @Test
    void standaloneDevPriorityAndPeeringAreAccepted() {
        CliResult result = CliResult.execute(noCluster, "run", "-A", "--standalone", "--dev",
                "-p", "100", "-P", "example");

        assertThat(result.err()).contains("No Kubernetes cluster is configured");
    }

    @Test
    void livenessUrlsOtherThanHttpAreUsageErrors() {
        CliResult result = CliResult.execute(noCluster, "run", "-A",
                "-L", "https://0.0.0.0:8080/healthz");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Unsupported scheme of the liveness endpoint: "
                + "https://0.0.0.0:8080/healthz. Only http:// is served");
    }

    @Test
    void handlerDeclarationErrorsPrintTheMessageOnly() throws IOException {
        Path classes = ClassFolders.of(temp.resolve("classes"), BadHandlers.class);
        LaunchControls controls = new LaunchControls();

        CliResult result = CliResult.execute(withKubeconfig(), controls, "run", "-A",
                classes.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .contains("[INFO    ] Client is configured via kubeconfig file.")
                .contains("1 problem in handler declarations:")
                .contains("BadHandlers.created")
                .doesNotContain("\tat ");
        assertThat(controls.exception()).isInstanceOf(HandlerDeclarationException.class);
    }

    @Test
    void aMissingKubeconfigFileIsNamed() {
        Path missing = temp.resolve("missing-kubeconfig");
        Environment environment = Environment.of(Map.of("KUBECONFIG", missing.toString()),
                temp, temp);

        CliResult result = CliResult.execute(environment, "run", "-A");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("KUBECONFIG names a file that does not exist: "
                + missing + ". Point it to a kubeconfig file, or unset it.\n")
                .doesNotContain("\tat ");
    }

    @Test
    void anUnreachableClusterFailsWithOneLine() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path classes = ClassFolders.of(temp.resolve("classes"), ExampleHandlers.class);

        CliResult result = CliResult.execute(withKubeconfig("https://127.0.0.1:" + port),
                "run", "-A", classes.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("Cannot reach the Kubernetes API server at "
                + "https://127.0.0.1:" + port + ": Connection refused: 127.0.0.1:" + port
                + ".\n").doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void noPathIsAnError() throws IOException {
        CliResult result = CliResult.execute(withKubeconfig(), "run", "-A");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("No handlers found: no PATH is given. Give the jars "
                + "or class folders with the handler classes.\n").doesNotContain("\tat ");
    }

    @Test
    void pathsWithoutHandlersAreAnError() throws IOException {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        Path text = Files.writeString(temp.resolve("notes.txt"), "no classes");

        CliResult folder = CliResult.execute(withKubeconfig(), "run", "-A", empty.toString());
        CliResult file = CliResult.execute(withKubeconfig(), "run", "-A", text.toString());

        assertThat(folder.exitCode()).isEqualTo(1);
        assertThat(folder.err()).contains("- No handlers found in " + empty + ".")
                .doesNotContain("\tat ");
        assertThat(file.exitCode()).isEqualTo(1);
        assertThat(file.err()).contains("- No handlers found in " + text
                + ": it is neither a jar nor a folder.");
    }

    @Test
    void debugAddsTheStackTrace() throws IOException {
        Path classes = ClassFolders.of(temp.resolve("classes"), BadHandlers.class);

        CliResult result = CliResult.execute(withKubeconfig(), "run", "-A", "-d",
                classes.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("1 problem in handler declarations:")
                .contains("dev.kopf.HandlerDeclarationException: ").contains("\tat ");
    }

    @Test
    void thePublicExecuteUsesTheProcessEnvironment() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exitCode = Main.execute(new String[] {"--version"},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(exitCode).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("kopf, version ");
    }
}
