package dev.kopf.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kopf.HandlerDeclarationException;
import dev.kopf.cli.handlers.BadHandlers;
import dev.kopf.cli.handlers.ExampleHandlers;
import dev.kopf.internal.engines.ActivityException;
import dev.kopf.testing.KopfRunner;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParameterException;

/** {@code KopfRunner.run(args)}: the command line in a background thread, as in Kopf. */
class KopfRunnerCliTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @Test
    void runsTheCommandUntilClosed() throws InterruptedException {
        String classes = ClassFolders.of(temp, ExampleHandlers.class).toString();
        KopfRunner runner = KopfRunner.run("run", "-A", "--verbose", "--embedded",
                "--apply", Resources.crd(), "--apply", Resources.obj(), classes);
        try (runner) {
            assertThat(runner.awaitReady(WAIT)).isTrue();
            assertThat(runner.awaitOutput("Handler 'createFn' succeeded.", WAIT)).isTrue();
            assertThat(runner.output()).contains("[default/kopf-example-1] And here we are!")
                    .contains("[INFO    ] Handlers for 'kopfexamples.v1.kopf.dev': "
                            + "@OnCreate 'createFn'.");
            assertThatThrownBy(runner::exitCode).isInstanceOf(IllegalStateException.class);
        }

        assertThat(runner.exitCode()).isZero();
        assertThat(runner.exception()).isNull();
        assertThat(runner.output())
                .contains("[DEBUG   ] [default/kopf-example-1] Handler 'createFn' is invoked.")
                .contains("Stop-flag is raised. Operator is stopping.");
    }

    @Test
    void presetHandlersReachTheCommand() throws InterruptedException {
        try (KopfRunner runner = KopfRunner.builder().handlers(ExampleHandlers.class)
                .args("run", "-A", "--embedded", "--apply", Resources.crd(),
                        "--apply", Resources.obj())
                .timeout(WAIT)
                .start()) {
            assertThat(runner.awaitReady(WAIT)).isTrue();
            assertThat(runner.awaitOutput("Handler 'createFn' succeeded.", WAIT)).isTrue();
        }
    }

    @Test
    void usageErrorsEndTheRunWithExitCode2() throws InterruptedException {
        KopfRunner runner = KopfRunner.builder().args("run", "--bogus").noReraise().start();
        runner.close();

        assertThat(runner.exitCode()).isEqualTo(2);
        assertThat(runner.exception()).isInstanceOf(ParameterException.class);
        assertThat(runner.output()).contains("Unknown option: '--bogus'");
        assertThat(runner.awaitReady(WAIT)).isFalse();
    }

    @Test
    void closeReraisesTheCommandsError() throws InterruptedException {
        // A mandatory peering without its CRD fails the start, as a clear one-line error.
        String classes = ClassFolders.of(temp, ExampleHandlers.class).toString();
        KopfRunner runner = KopfRunner.run("run", "-A", "--embedded", "-P", "example", classes);
        assertThat(runner.awaitOutput("is mandatory", WAIT)).isTrue();

        assertThatThrownBy(runner::close).isInstanceOf(ActivityException.class)
                .hasMessageStartingWith("The peering CRD for ClusterKopfPeering is absent, but "
                        + "peering 'example' is mandatory.");
        assertThat(runner.exitCode()).isEqualTo(1);
        assertThat(runner.output()).contains("is mandatory").doesNotContain("\tat ");
    }

    @Test
    void declarationErrorsAreReraisedAsThemselves() {
        String classes = ClassFolders.of(temp, BadHandlers.class).toString();
        KopfRunner runner = KopfRunner.run("run", "-A", "--embedded", classes);

        assertThatThrownBy(runner::close).isInstanceOf(HandlerDeclarationException.class)
                .hasMessageContaining("BadHandlers.created");
        assertThat(runner.output()).contains("1 problem in handler declarations:");
    }

    @Test
    void awaitOutputGivesUpWhenTheRunHasEnded() throws InterruptedException {
        try (KopfRunner runner = KopfRunner.builder().args("run", "-A", "--apply",
                "no-such-file.yaml").noReraise().start()) {
            assertThat(runner.awaitOutput("never printed", WAIT)).isFalse();
            assertThat(runner.output()).contains("--apply file does not exist");
        }
    }
}
