package dev.kopf.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerCallsTest {
    private static final String NS = "/apis/kopf.dev/v1/namespaces/default/kopfexamples";

    private static final String LOG = "{\"calls\": ["
            + "[\"GET\", \"/apis/kopf.dev/v1\", \"\", null, 200, 100],"
            + "[\"GET\", \"" + NS + "\", \"resourceVersion=0\", null, 200, 1500],"
            + "[\"GET\", \"" + NS + "\", \"watch=true&resourceVersion=7\", null, 101, 1600],"
            + "[\"POST\", \"" + NS + "\", \"\", \"application/json\", 201, 1700],"
            + "[\"PATCH\", \"" + NS + "/a/status\", \"\", \"application/merge-patch+json\", 200, 1800],"
            + "[\"PATCH\", \"" + NS + "/a\", \"\", \"application/merge-patch+json\", 200, 1900],"
            + "[\"POST\", \"/api/v1/namespaces/default/events\", \"\", \"application/json\", 201, 2000],"
            + "[\"GET\", \"" + NS + "\", \"\", null, 200, 2100]"
            + "]}";

    @Test
    void firstListIsTheFirstNonWatchGetOfTheCollection() {
        ServerCalls calls = ServerCalls.parse(LOG);
        assertThat(calls.calls()).hasSize(8);
        assertThat(calls.firstListMicros("kopfexamples")).isEqualTo(1500);
        assertThat(calls.firstListMicros("configmaps")).isEqualTo(-1);
        assertThat(calls.hasWatch("kopfexamples")).isTrue();
    }

    @Test
    void writesAreCountedByKindLeavingOutTheHarnessCreations() {
        assertThat(ServerCalls.parse(LOG).writesByKind("kopfexamples"))
                .containsExactly(
                        org.assertj.core.api.Assertions.entry("PATCH", 1),
                        org.assertj.core.api.Assertions.entry("PATCH /status", 1),
                        org.assertj.core.api.Assertions.entry("POST events", 1));
    }

    @Test
    void readsAreListsWatchesAndGets() {
        assertThat(ServerCalls.parse(LOG).readsByKind("kopfexamples"))
                .containsEntry("LIST", 2).containsEntry("WATCH", 1).containsEntry("GET", 1);
    }
}
