/**
 * Testing operators without a cluster: {@link dev.kopf.testing.KopfRunner} runs an operator
 * in the background of a test, as Kopf's {@code KopfRunner} does, and
 * {@link dev.kopf.testing.EmbeddedKubernetes} is an in-process Kubernetes API server faithful
 * to what operators rely on. {@link dev.kopf.testing.KopfTest} (a JUnit 5 extension,
 * {@link dev.kopf.testing.KopfExtension}) wires both into a test class, or uses the cluster in
 * {@code KUBECONFIG} instead.
 *
 * <p>See {@code docs/testing.md} and {@code docs/embedded-api-server.md}.
 */
package dev.kopf.testing;
