package dev.kopf.internal.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.Memo;
import dev.kopf.OperatorSettings;
import dev.kopf.Patch;
import dev.kopf.PersistenceSettings;
import dev.kopf.Resource;
import dev.kopf.internal.structs.CompactJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PatchEchoesTest {

    private static final Resource KEX = new Resource("kopf.dev", "v1", "kopfexamples",
            "KopfExample", true, List.of("kex"), List.of("status"));
    private static final PersistenceSettings PERSISTENCE =
            OperatorSettings.defaults().persistence();
    private static final PatchEchoes.FinalizerNeed NO_FINALIZER = (body, o, n) -> false;

    private final PatchEchoes echoes = new PatchEchoes(PERSISTENCE);

    /** An object as the server returns it after a handler's cycle stored its essence. */
    private static Map<String, Object> written(Map<String, Object> spec, String version) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiVersion", "kopf.dev/v1");
        body.put("kind", "KopfExample");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", "echo");
        metadata.put("namespace", "default");
        metadata.put("uid", "u-1");
        metadata.put("resourceVersion", version);
        body.put("metadata", metadata);
        body.put("spec", new LinkedHashMap<>(spec));
        Patch patch = new Patch();
        PERSISTENCE.diffBaseStorage().store(KEX, body, patch, PERSISTENCE.progressStorage()
                .clear(PERSISTENCE.diffBaseStorage().build(body, List.of())));
        patch.status().put("createFn", Map.of("message", "hello world"));
        // Through JSON, as the answer of the server comes.
        Map<String, Object> status = CompactJson.readMap(CompactJson.write(patch.status()));
        body.put("status", status);
        return body;
    }

    @Test
    void theStateOfAFinishedCycleIsQuiet() {
        Map<String, Object> written = written(Map.of("field", "value"), "42");
        assertThat(echoes.quietVersion(KEX, written, List.of(), NO_FINALIZER)).isEqualTo("42");
    }

    @Test
    void aSpecChangedByAnotherWriterBeforeThePatchIsNotQuiet() {
        Map<String, Object> written = written(Map.of("field", "value"), "42");
        // The patch's answer carries what another writer stored before the patch landed.
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) written.get("spec");
        spec.put("field", "changed by someone else");
        assertThat(echoes.quietVersion(KEX, written, List.of(), NO_FINALIZER)).isNull();
    }

    @Test
    void aLabelChangedByTheHandlersPatchIsNotQuiet() {
        Map<String, Object> written = written(Map.of("field", "value"), "42");
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) written.get("metadata");
        metadata.put("labels", Map.of("touched", "yes"));
        assertThat(echoes.quietVersion(KEX, written, List.of(), NO_FINALIZER)).isNull();
    }

    @Test
    void aStatusFieldOfAFieldHandlerCountsAsEssence() {
        Map<String, Object> written = written(Map.of("field", "value"), "42");
        List<List<String>> fields = List.of(List.of("status", "createFn"));
        assertThat(echoes.quietVersion(KEX, written, fields, NO_FINALIZER)).isNull();
    }

    @Test
    void anObjectWithoutAStoredEssenceIsNotQuiet() {
        Map<String, Object> written = written(Map.of("field", "value"), "42");
        written.remove("status");
        assertThat(echoes.quietVersion(KEX, written, List.of(), NO_FINALIZER)).isNull();
    }

    @Test
    void anObjectBeingDeletedIsNotQuiet() {
        Map<String, Object> written = written(Map.of("field", "value"), "42");
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) written.get("metadata");
        metadata.put("deletionTimestamp", "2026-01-01T00:00:00Z");
        metadata.put("finalizers", new ArrayList<>(List.of(PERSISTENCE.finalizer())));
        assertThat(echoes.quietVersion(KEX, written, List.of(), (b, o, n) -> true)).isNull();
    }

    @Test
    void aFinalizerThatMustBeAddedOrRemovedIsNotQuiet() {
        Map<String, Object> without = written(Map.of("field", "value"), "42");
        assertThat(echoes.quietVersion(KEX, without, List.of(), (b, o, n) -> true)).isNull();
        Map<String, Object> with = written(Map.of("field", "value"), "43");
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) with.get("metadata");
        metadata.put("finalizers", new ArrayList<>(List.of(PERSISTENCE.finalizer())));
        assertThat(echoes.quietVersion(KEX, with, List.of(), NO_FINALIZER)).isNull();
        assertThat(echoes.quietVersion(KEX, with, List.of(), (b, o, n) -> true))
                .isEqualTo("43");
    }

    @Test
    void nothingWrittenHasNoEcho() {
        assertThat(echoes.quietVersion(KEX, null, List.of(), NO_FINALIZER)).isNull();
    }

    @Test
    void onlyTheModifiedEventOfThatVersionIsTheEcho() {
        ObjectMemory memory = new ObjectMemory(new Memo());
        memory.quietEcho = "42";
        assertThat(PatchEchoes.isQuietEcho(memory, "MODIFIED", written(Map.of(), "43")))
                .isFalse();
        // The judgement holds for the next event only: a newer one has consumed it.
        assertThat(PatchEchoes.isQuietEcho(memory, "MODIFIED", written(Map.of(), "42")))
                .isFalse();
        memory.quietEcho = "42";
        assertThat(PatchEchoes.isQuietEcho(memory, "DELETED", written(Map.of(), "42")))
                .isFalse();
        memory.quietEcho = "42";
        assertThat(PatchEchoes.isQuietEcho(memory, "MODIFIED", written(Map.of(), "42")))
                .isTrue();
        assertThat(memory.quietEcho).isNull();
    }
}
