package dev.kopf.testing.internal.apiserver;

import io.fabric8.mockwebserver.http.MockResponse;

/** Builds the transport's responses: JSON bodies and Status errors. */
final class Responses {
    private Responses() {
    }

    static MockResponse json(int code, String json) {
        return new MockResponse()
                .setResponseCode(code)
                .setHeader("Content-Type", "application/json")
                .setBody(json);
    }

    static MockResponse status(ApiStatusException failure) {
        MockResponse response = json(failure.code(), JsonNodes.write(failure.toStatus()));
        if (failure.retryAfterSeconds() > 0) {
            response.setHeader("Retry-After", String.valueOf(failure.retryAfterSeconds()));
        }
        return response;
    }

    static MockResponse text(int code, String text) {
        return new MockResponse()
                .setResponseCode(code)
                .setHeader("Content-Type", "text/plain; charset=utf-8")
                .setBody(text);
    }
}
