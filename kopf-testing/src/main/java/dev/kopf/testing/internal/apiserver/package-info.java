/**
 * The embedded Kubernetes API server behind {@link dev.kopf.testing.EmbeddedKubernetes}.
 *
 * <p>Internal; no compatibility guarantees.
 *
 * <p>Role: serve the Kubernetes REST API (discovery, CRUD, subresources, patches, finalizers,
 * watches) from an in-memory store over a Vert.x HTTP server ({@code HttpTransport}) that
 * streams watches over WebSocket and plain HTTP alike, reusing fabric8's
 * {@code io.fabric8.mockwebserver} request, response and WebSocket types. The semantics
 * follow the real API server wherever operators
 * depend on them; {@code docs/embedded-api-server.md} lists what is and is not emulated.
 *
 * <p>What it must not do: use fabric8's {@code KubernetesCrudDispatcher} or any other part of
 * {@code kubernetes-server-mock}; depend on kopf-core's classes (this is a plain Kubernetes
 * server, unaware of Kopf); block a writer on a slow watcher; run user code.
 */
package dev.kopf.testing.internal.apiserver;
