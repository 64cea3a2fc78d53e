package dev.kopf.benchmarks.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The requests the embedded API server answered during one run, as served by its
 * {@code /kopf-embedded/calls} endpoint, and what the harness reads from them.
 */
final class ServerCalls {
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answered request; {@code atMicros} is when it was answered, epoch microseconds. */
    record Call(String method, String path, String query, String contentType, int code,
            long atMicros) {
        boolean isWatch() {
            for (String pair : query.split("&")) {
                if (pair.equals("watch=true") || pair.equals("watch=1")) {
                    return true;
                }
            }
            return false;
        }
    }

    private final List<Call> calls;

    ServerCalls(List<Call> calls) {
        this.calls = List.copyOf(calls);
    }

    static ServerCalls parse(String json) {
        try {
            List<Call> calls = new ArrayList<>();
            for (JsonNode row : JSON.readTree(json).path("calls")) {
                calls.add(new Call(row.get(0).asText(), row.get(1).asText(), row.get(2).asText(),
                        row.get(3).isNull() ? null : row.get(3).asText(), row.get(4).asInt(),
                        row.get(5).asLong()));
            }
            return new ServerCalls(calls);
        } catch (IOException e) {
            throw new UncheckedIOException("Unparseable call log from the API server.", e);
        }
    }

    List<Call> calls() {
        return calls;
    }

    /**
     * When the first LIST (a GET of the collection, not a watch) of {@code plural} was
     * answered, epoch microseconds; -1 if none was.
     */
    long firstListMicros(String plural) {
        for (Call call : calls) {
            if (call.method().equals("GET") && call.path().endsWith("/" + plural)
                    && !call.isWatch()) {
                return call.atMicros();
            }
        }
        return -1;
    }

    /** Whether a watch of {@code plural} has been answered (upgraded to a WebSocket). */
    boolean hasWatch(String plural) {
        return calls.stream().anyMatch(call -> call.method().equals("GET")
                && call.path().endsWith("/" + plural) && call.isWatch());
    }

    /**
     * The operator's writes by kind, e.g. {@code PATCH /status} or {@code POST events}.
     * Creations of {@code plural} are the harness's own and are left out.
     */
    Map<String, Integer> writesByKind(String plural) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Call call : calls) {
            if (!WRITES.contains(call.method())) {
                continue;
            }
            if (call.method().equals("POST") && call.path().endsWith("/" + plural)) {
                continue;
            }
            counts.merge(writeKind(call), 1, Integer::sum);
        }
        return counts;
    }

    /** Reads by kind: {@code LIST}, {@code WATCH}, {@code GET} (of one object or discovery). */
    Map<String, Integer> readsByKind(String plural) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Call call : calls) {
            if (!call.method().equals("GET")) {
                continue;
            }
            String kind = call.isWatch() ? "WATCH"
                    : call.path().endsWith("/" + plural) ? "LIST" : "GET";
            counts.merge(kind, 1, Integer::sum);
        }
        return counts;
    }

    static String writeKind(Call call) {
        String path = call.path();
        if (path.endsWith("/status")) {
            return call.method() + " /status";
        }
        if (path.contains("/events")) {
            return call.method() + " events";
        }
        return call.method();
    }
}
