package dev.kopf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client {@code kopf run} makes, which the handlers get too. */
class ClusterConnectionTest {

    @TempDir
    Path directory;

    @Test
    void theClientsKopfRunMakesWatchOverPlainHttp() {
        // fabric8's Vert.x WebSocket client can lose a watch's first message.
        try (ClusterConnection connection = ClusterConnection.embedded(directory)) {
            assertThat(connection.client().getConfiguration().isOnlyHttpWatches()).isTrue();
        }
    }
}
