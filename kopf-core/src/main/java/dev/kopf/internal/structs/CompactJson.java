package dev.kopf.internal.structs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * JSON text as Python's {@code json.dumps(value, separators=(',', ':'))} writes it.
 *
 * <p>Used by the storages for annotation values and the status-held diff-base, so that what
 * we write is byte-for-byte what Kopf writes: no spaces, insertion order kept, and every
 * character outside printable ASCII escaped as a lowercase {@code \}{@code uXXXX} (Python's
 * default {@code ensure_ascii=True}). Floats are written as Jackson writes doubles, which
 * can differ from Python's {@code repr} in exponent notation; they parse back equal.
 */
public final class CompactJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final ObjectMapper WRITER = new ObjectMapper();

    static {
        WRITER.getFactory().setCharacterEscapes(new PythonEscapes());
    }

    private CompactJson() {
    }

    /**
     * Writes a JSON-like value compactly.
     *
     * @param value maps, lists, strings, numbers, booleans and {@code null}s
     * @return the JSON text
     */
    public static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses JSON text into maps ({@link java.util.LinkedHashMap}), lists and scalars.
     *
     * @param text the JSON text
     * @return the parsed value
     * @throws IllegalArgumentException when the text is not valid JSON
     */
    public static Object read(String text) {
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Converts any value Jackson can write (records, POJOs, maps) to plain JSON values: maps,
     * lists, strings, numbers, booleans, {@code null}s — without writing text in between.
     *
     * @param value the value, e.g. a handler's result
     * @return its JSON form
     */
    public static Object normalize(Object value) {
        return MAPPER.convertValue(value, Object.class);
    }

    /**
     * Parses JSON text that must hold an object.
     *
     * @param text the JSON text
     * @return the parsed object, mutable
     * @throws IllegalArgumentException when the text is not a JSON object
     */
    public static Map<String, Object> readMap(String text) {
        Object value = read(text);
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("Expected a JSON object, got: " + text);
        }
        return DictPaths.cast(map);
    }

    /**
     * Parses UTF-8 JSON bytes that must hold an object, e.g. an API server's answer.
     *
     * @param bytes the JSON bytes
     * @return the parsed object, mutable
     * @throws IllegalArgumentException when the bytes are not a JSON object
     */
    public static Map<String, Object> readMap(byte[] bytes) {
        Object value;
        try {
            value = MAPPER.readValue(bytes, Object.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("Invalid JSON: " + e.getMessage(), e);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("Expected a JSON object, got: " + value);
        }
        return DictPaths.cast(map);
    }

    /** Python's escaping: short forms for the usual five, lowercase hex for everything else. */
    private static final class PythonEscapes extends CharacterEscapes {

        private static final long serialVersionUID = 1L;

        private final int[] asciiEscapes;

        PythonEscapes() {
            asciiEscapes = standardAsciiEscapesForJSON();
            for (int ch = 0; ch < 0x20; ch++) {
                if ("\b\t\n\f\r".indexOf(ch) < 0) {
                    asciiEscapes[ch] = ESCAPE_CUSTOM;
                }
            }
            asciiEscapes[0x7F] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return asciiEscapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return new SerializedString(String.format("\\u%04x", ch));
        }
    }
}
