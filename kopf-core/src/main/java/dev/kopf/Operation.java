package dev.kopf;

/**
 * The API operation under admission: an injectable of {@link OnValidate} and {@link OnMutate}
 * handlers, and the values of their {@code operations} option (Kopf's {@code operation}).
 *
 * @since 0.1
 */
public enum Operation {
    /** An object is created. */
    CREATE,
    /** An object (or its subresource) is replaced or patched. */
    UPDATE,
    /** An object is deleted. */
    DELETE,
    /** A connection is made, e.g. {@code pods/exec}. */
    CONNECT
}
