package dev.kopf.testing.internal.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * JSON plumbing shared by the API server: one mapper, parsing of request bodies into trees,
 * and small accessors for the fields every Kubernetes object has.
 */
final class JsonNodes {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory FACTORY = JsonNodeFactory.instance;

    private JsonNodes() {
    }

    static ObjectNode object() {
        return FACTORY.objectNode();
    }

    /** Parses a request body that must be a JSON object; a 400 Status otherwise. */
    static ObjectNode parseObject(byte[] body) {
        JsonNode node = parse(body);
        if (!(node instanceof ObjectNode objectNode)) {
            throw ApiStatusException.badRequest("The request body must be a JSON object.");
        }
        return objectNode;
    }

    /** Parses any JSON request body; a 400 Status if it is missing or malformed. */
    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiStatusException.badRequest("The request body is empty.");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiStatusException.badRequest("The request body is empty.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiStatusException.badRequest(
                    "The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The object's {@code metadata}, created empty if absent or not an object. */
    static ObjectNode metadata(ObjectNode object) {
        JsonNode metadata = object.get("metadata");
        if (metadata instanceof ObjectNode objectNode) {
            return objectNode;
        }
        return object.putObject("metadata");
    }

    /** The text at a path of field names, or {@code null} if any step is missing or not text. */
    static String text(JsonNode node, String... path) {
        JsonNode current = node;
        for (String field : path) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(field);
        }
        return current != null && current.isValueNode() && !current.isNull()
                ? current.asText() : null;
    }

    /** The current time as Kubernetes writes timestamps: RFC 3339, whole seconds, UTC. */
    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
