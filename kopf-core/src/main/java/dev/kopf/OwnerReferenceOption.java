package dev.kopf;

/**
 * An option of {@link Kopf#appendOwnerReference} and {@link Kopf#buildOwnerReference}:
 * Kopf's {@code controller=False} and {@code block_owner_deletion=False}.
 *
 * <p>Without options, the owner reference says {@code controller: true} and
 * {@code blockOwnerDeletion: true}, as in Kopf.
 *
 * <pre>{@code
 * Kopf.appendOwnerReference(configMap, OwnerReferenceOption.NOT_CONTROLLER);
 * }</pre>
 *
 * @since 0.1
 */
public enum OwnerReferenceOption {

    /** Writes {@code controller: false}: the owner is not the managing controller. */
    NOT_CONTROLLER,

    /**
     * Writes {@code blockOwnerDeletion: false}: foreground deletion of the owner does not
     * wait for this child.
     */
    NOT_BLOCKING_OWNER_DELETION
}
