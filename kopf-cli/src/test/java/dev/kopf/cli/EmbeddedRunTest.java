package dev.kopf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.cli.handlers.ExampleHandlers;
import dev.kopf.testing.internal.cli.LaunchControls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kopf run --embedded --apply … --stop-when-idle …}: the demo path, end to end, with
 * the embedded API server and the real runtime.
 */
class EmbeddedRunTest {

    @TempDir
    Path temp;

    private Environment environment() throws IOException {
        Path home = Files.createDirectories(temp.resolve("home"));
        Files.createDirectories(temp.resolve("target"));
        return Environment.of(Map.of("HOME", home.toString()), home, temp);
    }

    @Test
    void aDemoRunHandlesTheAppliedObjectsAndPrintsThemWithTheirStatus() throws IOException {
        Path classes = ClassFolders.of(temp.resolve("classes"), ExampleHandlers.class);

        CliResult result = CliResult.execute(environment(), "run", "-A", "--embedded",
                "--apply", Resources.crd(), "--apply", Resources.obj(),
                "--stop-when-idle", "0.5", classes.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err())
                .contains("[INFO    ] Embedded Kubernetes API server is running at http")
                .contains("Use it with: kubectl --kubeconfig "
                        + temp.resolve("target/kopf-embedded.kubeconfig"))
                .contains("Applied CustomResourceDefinition kopfexamples.kopf.dev.")
                .contains("Applied KopfExample default/kopf-example-1.")
                .contains("kopf.objects         [INFO    ] [default/kopf-example-1] "
                        + "Handler 'createFn' succeeded.");
        assertThat(temp.resolve("target/kopf-embedded.kubeconfig")).isRegularFile();
        assertThat(result.out()).startsWith("---\napiVersion: kopf.dev/v1\nkind: KopfExample\n")
                .contains("  name: kopf-example-1\n")
                .contains("status:\n  createFn:\n    message: hello world\n")
                .doesNotContain("CustomResourceDefinition");
    }

    @Test
    void aStopRequestEndsTheRunGracefullyAndNothingIsPrinted() throws Exception {
        LaunchControls controls = new LaunchControls();
        AtomicBoolean ready = new AtomicBoolean();
        Thread stopper = new Thread(() -> {
            try {
                ready.set(controls.awaitReady(Duration.ofSeconds(60)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                controls.requestStop();
            }
        });
        stopper.start();

        CliResult result = CliResult.execute(environment(), controls, "run", "-A",
                "--embedded", "--apply", Resources.crd(), "--apply", Resources.obj(),
                ClassFolders.of(temp.resolve("classes"), ExampleHandlers.class).toString());
        stopper.join();

        assertThat(ready).isTrue();
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("Stop-flag is raised. Operator is stopping.");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void unreadableManifestsAreConfigurationErrors() throws IOException {
        Path yaml = Files.writeString(temp.resolve("bad.yaml"), "kind: [unclosed\n");

        CliResult result = CliResult.execute(environment(), "run", "-A", "--embedded",
                "--apply", yaml.toString(),
                ClassFolders.of(temp.resolve("classes"), ExampleHandlers.class).toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("Cannot read the objects to apply from " + yaml + ": ")
                .doesNotContain("\tat ");
    }

    private CliResult applying(String yaml) throws IOException {
        Path file = Files.writeString(temp.resolve("foo.yaml"), yaml);
        return CliResult.execute(environment(), "run", "-A", "--embedded",
                "--apply", Resources.crd(), "--apply", file.toString(),
                ClassFolders.of(temp.resolve("classes"), ExampleHandlers.class).toString());
    }

    @Test
    void anUnknownKindIsNamedWithItsFileAndDocument() throws IOException {
        CliResult result = applying("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: fine, namespace: default}
                ---
                apiVersion: v1
                kind: Foo
                metadata: {name: foo-1, namespace: default}
                """);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("Unknown kind Foo (apiVersion v1) in "
                + temp.resolve("foo.yaml") + ", document 2: no such resource is served.")
                .doesNotContain("GenericKubernetesResource").doesNotContain("\tat ");
    }

    @Test
    void anUnknownGroupIsAnUnknownKind() throws IOException {
        CliResult result = applying("""
                apiVersion: nowhere.example.com/v1
                kind: Foo
                metadata: {name: foo-1, namespace: default}
                """);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("Unknown kind Foo (apiVersion nowhere.example.com/v1)"
                + " in " + temp.resolve("foo.yaml") + ", document 1: no such resource is served.")
                .doesNotContain("GenericKubernetesResource").doesNotContain("\tat ");
    }

    @Test
    void anObjectWithoutANameIsNamedWithItsDocument() throws IOException {
        CliResult result = applying("""
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {namespace: default}
                """);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("The object in " + temp.resolve("foo.yaml")
                + ", document 1 has no metadata.name. Every object needs apiVersion, kind and "
                + "metadata.name.").doesNotContain("\tat ");
    }

    @Test
    void aRejectedObjectGetsTheServersMessage() throws IOException {
        CliResult result = applying("""
                apiVersion: kopf.dev/v1
                kind: KopfExample
                metadata: {name: Not_A_Name, namespace: default}
                """);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("Cannot apply KopfExample default/Not_A_Name from "
                + temp.resolve("foo.yaml") + ", document 1: ")
                .doesNotContain("GenericKubernetesResource").doesNotContain("\tat ");
    }
}
