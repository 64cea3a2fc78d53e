/**
 * The only package that calls the fabric8 {@code KubernetesClient}: scanning the served
 * resources, watching, patching, and posting Events.
 *
 * <p>Everything above works with plain JSON maps and {@link dev.kopf.Resource}; this package
 * must not know about handlers, causes or progress. Internal; no compatibility guarantees.
 */
package dev.kopf.internal.clients;
