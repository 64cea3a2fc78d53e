package dev.kopf.testing.internal.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A server that may be restarted gets a port the kernel does not hand out meanwhile. */
class ListeningPortsTest {

    @Test
    void anyFreePortIsOneBelowTheEphemeralRange() {
        int ephemeral = ListeningPorts.ephemeralRangeStart();
        assumeTrue(ephemeral > ListeningPorts.LOWEST, "The kernel tells its ephemeral range.");
        List<Integer> tried = new ArrayList<>();
        ListeningPorts.listen(0, tried::add);
        assertThat(tried).singleElement().satisfies(port -> assertThat(port)
                .isBetween(ListeningPorts.LOWEST, ephemeral - 1));
    }

    @Test
    void aTakenPortIsFollowedByAnotherAndOtherFailuresAreNot() {
        assumeTrue(ListeningPorts.ephemeralRangeStart() > ListeningPorts.LOWEST,
                "The kernel tells its ephemeral range.");
        List<Integer> tried = new ArrayList<>();
        ListeningPorts.listen(0, port -> {
            tried.add(port);
            if (tried.size() < 3) {
                throw new IllegalStateException("Cannot start",
                        new BindException("Address already in use"));
            }
        });
        assertThat(tried).hasSize(3);

        assertThatThrownBy(() -> ListeningPorts.listen(0, port -> {
            throw new IllegalStateException("Something else");
        })).hasMessage("Something else");
    }

    @Test
    void aGivenPortIsUsedAsItIs() {
        List<Integer> tried = new ArrayList<>();
        ListeningPorts.listen(45678, tried::add);
        assertThat(tried).containsExactly(45678);
    }

    @Test
    void theEmbeddedServerListensOutsideTheEphemeralRange() {
        int ephemeral = ListeningPorts.ephemeralRangeStart();
        assumeTrue(ephemeral > ListeningPorts.LOWEST, "The kernel tells its ephemeral range.");
        ApiServer server = ApiServer.start(0);
        try {
            assertThat(server.port()).isBetween(ListeningPorts.LOWEST, ephemeral - 1);
        } finally {
            server.close();
        }
    }
}
