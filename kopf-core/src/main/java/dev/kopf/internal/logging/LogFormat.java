package dev.kopf.internal.logging;

/**
 * Kopf's log formats, as chosen with {@code --log-format}.
 */
public enum LogFormat {
    /** The message only, with the object prefix: {@code [ns/name] Handler 'x' succeeded.} */
    PLAIN,
    /**
     * Python's {@code [%(asctime)s] %(name)-20.20s [%(levelname)-8.8s] %(message)s}, with the
     * object prefix before the message.
     */
    FULL,
    /**
     * One JSON object per line: {@code message}, {@code timestamp}, the object reference (key
     * {@code object} by default) and {@code severity}; no prefix.
     */
    JSON
}
