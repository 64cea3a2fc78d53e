package dev.kopf.testing.internal.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * JSON Patch as RFC 6902 defines it ({@code add}, {@code remove}, {@code replace},
 * {@code move}, {@code copy}, {@code test}).
 *
 * <p>Written here rather than taken from zjsonpatch so that failures match the real server:
 * a failed {@code test}, a missing path to remove or replace, or a missing parent to add to
 * all answer 422 and never create intermediate objects.
 */
final class JsonPatch {
    private static final Comparator<JsonNode> NUMERIC_AWARE = (left, right) -> {
        if (left.equals(right)) {
            return 0;
        }
        if (left.isNumber() && right.isNumber()) {
            return new BigDecimal(left.asText()).compareTo(new BigDecimal(right.asText()));
        }
        return 1;
    };

    private JsonPatch() {
    }

    /** Applies a patch to a document that the caller owns; returns the patched document. */
    static JsonNode apply(JsonNode document, JsonNode patch) {
        if (!patch.isArray()) {
            throw ApiStatusException.badRequest(
                    "The JSON patch must be an array of operations: " + JsonNodes.write(patch));
        }
        JsonNode result = document;
        for (JsonNode operation : patch) {
            result = applyOperation(result, operation);
        }
        return result;
    }

    private static JsonNode applyOperation(JsonNode document, JsonNode operation) {
        String op = JsonNodes.text(operation, "op");
        String path = required(operation, "path", op);
        return switch (op == null ? "" : op) {
            case "add" -> add(document, path, value(operation, op));
            case "remove" -> {
                requireExisting(document, path, "unable to remove nonexistent key");
                yield remove(document, path);
            }
            case "replace" -> {
                requireExisting(document, path, "replace operation does not apply: doc is"
                        + " missing key");
                yield add(remove(document, path), path, value(operation, op));
            }
            case "move" -> {
                String from = required(operation, "from", op);
                JsonNode moved = requireExisting(document, from,
                        "move operation does not apply: doc is missing from path");
                yield add(remove(document, from), path, moved);
            }
            case "copy" -> {
                String from = required(operation, "from", op);
                JsonNode copied = requireExisting(document, from,
                        "copy operation does not apply: doc is missing from path");
                yield add(document, path, copied.deepCopy());
            }
            case "test" -> {
                JsonNode actual = find(document, path);
                if (actual == null || !actual.equals(NUMERIC_AWARE, value(operation, op))) {
                    throw ApiStatusException.unprocessablePatch(
                            "testing value " + path + " failed: test failed");
                }
                yield document;
            }
            default -> throw ApiStatusException.unprocessablePatch(
                    "Unexpected kind: " + op + " in operation " + JsonNodes.write(operation));
        };
    }

    private static String required(JsonNode operation, String field, String op) {
        String value = JsonNodes.text(operation, field);
        if (value == null) {
            throw ApiStatusException.unprocessablePatch(
                    "operation " + op + " is missing '" + field + "': "
                            + JsonNodes.write(operation));
        }
        return value;
    }

    private static JsonNode value(JsonNode operation, String op) {
        JsonNode value = operation.get("value");
        if (value == null) {
            throw ApiStatusException.unprocessablePatch(
                    "operation " + op + " is missing 'value': " + JsonNodes.write(operation));
        }
        return value.deepCopy();
    }

    private static JsonNode requireExisting(JsonNode document, String path, String message) {
        JsonNode found = find(document, path);
        if (found == null) {
            throw ApiStatusException.unprocessablePatch(message + ": " + path
                    + ": missing value");
        }
        return found;
    }

    private static JsonNode add(JsonNode document, String path, JsonNode value) {
        List<String> tokens = tokens(path);
        if (tokens.isEmpty()) {
            return value;
        }
        JsonNode parent = find(document, tokens.subList(0, tokens.size() - 1));
        String last = tokens.get(tokens.size() - 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            int index = last.equals("-") ? array.size() : index(last, array.size(), path);
            array.insert(index, value);
        } else {
            throw ApiStatusException.unprocessablePatch("add operation does not apply: doc is"
                    + " missing path: \"" + path + "\": missing value");
        }
        return document;
    }

    private static JsonNode remove(JsonNode document, String path) {
        List<String> tokens = tokens(path);
        if (tokens.isEmpty()) {
            return JsonNodes.FACTORY.nullNode();
        }
        ContainerNode<?> parent = (ContainerNode<?>) find(document,
                tokens.subList(0, tokens.size() - 1));
        String last = tokens.get(tokens.size() - 1);
        if (parent instanceof ObjectNode object) {
            object.remove(last);
        } else if (parent instanceof ArrayNode array) {
            array.remove(index(last, array.size() - 1, path));
        }
        return document;
    }

    private static JsonNode find(JsonNode document, String path) {
        return find(document, tokens(path));
    }

    private static JsonNode find(JsonNode document, List<String> tokens) {
        JsonNode current = document;
        for (String token : tokens) {
            if (current instanceof ObjectNode object) {
                current = object.get(token);
            } else if (current instanceof ArrayNode array && token.matches("0|[1-9][0-9]*")
                    && token.length() < 10 && Integer.parseInt(token) < array.size()) {
                current = array.get(Integer.parseInt(token));
            } else {
                return null;
            }
        }
        return current;
    }

    private static int index(String token, int max, String path) {
        if (!token.matches("0|[1-9][0-9]*") || token.length() > 9
                || Integer.parseInt(token) > max) {
            throw ApiStatusException.unprocessablePatch(
                    "Unable to access invalid index: " + token + " in " + path);
        }
        return Integer.parseInt(token);
    }

    /** Splits a JSON Pointer (RFC 6901) into unescaped reference tokens. */
    private static List<String> tokens(String pointer) {
        if (pointer.isEmpty()) {
            return List.of();
        }
        if (!pointer.startsWith("/")) {
            throw ApiStatusException.unprocessablePatch(
                    "JSON pointer must be empty or start with '/': " + pointer);
        }
        List<String> tokens = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }
}
