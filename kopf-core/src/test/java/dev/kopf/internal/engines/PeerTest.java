package dev.kopf.internal.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The peering records in Python Kopf's exact wire format, read and written. */
class PeerTest {

    private static final Instant NOW = Instant.parse("2026-12-03T05:00:00Z");

    @Test
    void readsARecordWrittenByPythonKopf() {
        // As Kopf's Peer.as_dict() writes it: ints, and isoformat() of an aware UTC time.
        Peer peer = Peer.parse("kopf@host/20261203045959/abc", Map.of("priority", 100,
                "lifetime", 60, "lastseen", "2026-12-03T04:59:30.123456+00:00"), NOW);
        assertThat(peer.priority()).isEqualTo(100);
        assertThat(peer.lifetime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(peer.lastseen()).isEqualTo(Instant.parse("2026-12-03T04:59:30.123456Z"));
        assertThat(peer.isDead(NOW)).isFalse();
        assertThat(peer.isDead(NOW.plusSeconds(31))).isTrue();
    }

    @Test
    void writesTheSameFormatAsPythonKopf() {
        Peer peer = new Peer("me", 5, Duration.ofSeconds(60),
                Instant.parse("2026-12-03T04:59:30.123456789Z"));
        assertThat(peer.asMap()).containsExactly(Map.entry("priority", 5),
                Map.entry("lifetime", 60L),
                Map.entry("lastseen", "2026-12-03T04:59:30.123456+00:00"));
        // Python omits the fraction when it is zero.
        assertThat(Peer.formatTime(Instant.parse("2026-12-03T04:59:30Z")))
                .isEqualTo("2026-12-03T04:59:30+00:00");
    }

    @Test
    void aRecordWithoutLifetimeOrLastseenIsTreatedAsKopfDoes() {
        Peer peer = Peer.parse("old", Map.of("priority", 0), NOW);
        assertThat(peer.lifetime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(peer.lastseen()).isEqualTo(NOW);
        assertThat(peer.deadline()).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void acceptsZuluAndNaiveTimesAsTheIso8601PackageDoes() {
        assertThat(Peer.parseTime("2026-12-03T04:59:30Z"))
                .isEqualTo(Instant.parse("2026-12-03T04:59:30Z"));
        assertThat(Peer.parseTime("2026-12-03T04:59:30.5"))
                .isEqualTo(Instant.parse("2026-12-03T04:59:30.5Z"));
    }

    @Test
    void aBrokenRecordIsAClearError() {
        assertThatThrownBy(() -> Peer.parse("x", Map.of("priority", "high"), NOW))
                .hasMessage("priority is not an integer: 'high'.");
        assertThatThrownBy(() -> Peer.parse("x", Map.of("lastseen", "yesterday"), NOW))
                .hasMessage("lastseen is not an ISO 8601 time: 'yesterday'.");
    }

    @Test
    void showsAsKopfsReprInLogs() {
        Peer peer = new Peer("me", 5, Duration.ofSeconds(60),
                Instant.parse("2026-12-03T04:59:30.000001Z"));
        assertThat(peer).hasToString(
                "<Peer me: priority=5, lifetime=60, lastseen='2026-12-03T04:59:30.000001+00:00'>");
    }

    @Test
    void theIdentityIsThePodIdElseKopfsForm() {
        assertThat(PeerIdentity.detect(Map.of("POD_ID", "op-7d9f"), false, NOW))
                .isEqualTo("op-7d9f");
        assertThat(PeerIdentity.detect(Map.of(), false, NOW))
                .matches("[^@/]+@[^/]+/20261203050000/[a-z0-9]{3}");
        assertThat(PeerIdentity.detect(Map.of(), true, NOW)).matches("[^@/]+@[^/]+");
    }
}
