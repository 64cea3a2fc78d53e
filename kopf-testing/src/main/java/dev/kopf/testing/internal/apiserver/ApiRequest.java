package dev.kopf.testing.internal.apiserver;

import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as the API server needs it: method, decoded path segments, query
 * parameters, the headers that matter, and the body.
 *
 * @param method the HTTP method in upper case
 * @param path the path without the query string
 * @param query the raw query string, empty if none
 * @param parameters the decoded query parameters (the first value of each)
 * @param contentType the Content-Type header without parameters, or {@code null}
 * @param webSocket whether the request asks for a WebSocket upgrade
 * @param body the body, empty if none
 */
record ApiRequest(String method, String path, String query, Map<String, String> parameters,
        String contentType, boolean webSocket, byte[] body) {

    ApiRequest {
        parameters = Map.copyOf(parameters);
    }

    static ApiRequest from(RecordedRequest recorded) {
        String target = recorded.getPath() == null ? "/" : recorded.getPath();
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? "" : target.substring(question + 1);
        String contentType = recorded.getHeader("Content-Type");
        if (contentType != null) {
            contentType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        }
        String upgrade = recorded.getHeader("Upgrade");
        byte[] body = recorded.getBody() == null ? new byte[0] : recorded.getBody().getBytes();
        return new ApiRequest(recorded.getMethod().toUpperCase(Locale.ROOT), path, query,
                parse(query), contentType, "websocket".equalsIgnoreCase(upgrade), body);
    }

    private static Map<String, String> parse(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** The decoded, non-empty path segments. */
    List<String> segments() {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(decode(segment));
            }
        }
        return segments;
    }

    String parameter(String name) {
        return parameters.get(name);
    }

    boolean flag(String name) {
        String value = parameters.get(name);
        return "true".equalsIgnoreCase(value) || "1".equals(value);
    }

    boolean hasBody() {
        return body.length > 0;
    }
}
