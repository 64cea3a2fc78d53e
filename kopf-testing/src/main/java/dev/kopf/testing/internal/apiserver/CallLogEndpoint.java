package dev.kopf.testing.internal.apiserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kopf.testing.RecordedCall;
import io.fabric8.mockwebserver.http.MockResponse;
import java.time.Instant;
import java.util.List;

/**
 * {@code /kopf-embedded/calls}: the call log over HTTP, for a benchmark that runs the server
 * in a process of its own and counts what an operator in another process asked of it.
 *
 * <p>Served only when {@code EmbeddedKubernetes.main} is given {@code --calls-endpoint}; not
 * part of the Kubernetes API, and its own requests are not recorded. {@code GET} answers
 * {@code {"calls": [[method, path, query, contentType, code, epochMicros], ...]}} in order of
 * completion; {@code DELETE} forgets them.
 */
final class CallLogEndpoint {
    static final String PATH = "/kopf-embedded/calls";

    private final CallLog calls;

    CallLogEndpoint(CallLog calls) {
        this.calls = calls;
    }

    static boolean matches(String path) {
        return path.equals(PATH);
    }

    MockResponse handle(String method) {
        switch (method) {
            case "GET":
                return Responses.json(200, JsonNodes.write(render(calls.snapshot())));
            case "DELETE":
                calls.clear();
                return Responses.json(200, "{}");
            default:
                return Responses.status(ApiStatusException.methodNotAllowed());
        }
    }

    private static ObjectNode render(List<RecordedCall> snapshot) {
        ObjectNode document = JsonNodes.object();
        ArrayNode array = document.putArray("calls");
        for (RecordedCall call : snapshot) {
            Instant at = call.timestamp();
            array.addArray()
                    .add(call.method())
                    .add(call.path())
                    .add(call.query())
                    .add(call.contentType())
                    .add(call.code())
                    .add(at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000);
        }
        return document;
    }
}
