package dev.kopf.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kopf.OperatorSettings;
import dev.kopf.cli.handlers.ProbeHandlers;
import dev.kopf.internal.engines.ActivityException;
import dev.kopf.testing.KopfRunner;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kopf run -L URL}: the liveness endpoint serves the probes' JSON document, and a
 * failing startup handler stops the command with its message.
 */
class LivenessTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @Test
    void theLivenessEndpointServesTheProbeResults() throws Exception {
        String classes = ClassFolders.of(temp, ProbeHandlers.class).toString();
        String url = "http://127.0.0.1:" + freePort() + "/healthz";
        try (KopfRunner runner = KopfRunner.run("run", "-A", "--embedded", "--verbose",
                "-L", url, classes)) {
            assertThat(runner.awaitReady(WAIT)).isTrue();
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValue("application/json; charset=utf-8");
            assertThat(response.body()).isEqualTo("{\"greeting\":\"hello\",\"answer\":42}");
            assertThat(runner.output()).contains("Serving health status at " + url);
        }
    }

    @Test
    void aFailedStartupStopsTheCommandWithItsMessage() throws Exception {
        String classes = ClassFolders.of(temp, ProbeHandlers.class).toString();
        KopfRunner runner = KopfRunner.builder().args("run", "-A", "--embedded", classes)
                .settings(OperatorSettings.builder()
                        .posting(p -> p.withReporting("kopf", "fail")).build())
                .start();
        assertThat(runner.awaitOutput("The operator has failed", WAIT)).isTrue();

        assertThatThrownBy(runner::close).isInstanceOf(ActivityException.class)
                .hasMessage("Startup activity has failed: 1 handler failed: 'startupFn': "
                        + "Asked to fail.");
        assertThat(runner.exitCode()).isEqualTo(1);
        assertThat(runner.output())
                .contains("Activity 'startupFn' failed permanently: Asked to fail.")
                .contains("Startup activity has failed: 1 handler failed: 'startupFn': "
                        + "Asked to fail.")
                .doesNotContain("\tat ");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
