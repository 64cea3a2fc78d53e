/**
 * The only package that calls the fabric8 {@code KubernetesClient}: scanning the served
 * resources, watching, patching, posting Events, and making the clients the operator owns
 * (configured as fabric8 does, or from the login handlers' credentials, with the vault that
 * answers 401s).
 *
 * <p>Everything above works with plain JSON maps and {@link dev.kopf.Resource}; this package
 * must not know about handlers, causes or progress. Internal; no compatibility guarantees.
 */
package dev.kopf.internal.clients;
