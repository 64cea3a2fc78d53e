/**
 * What {@code KopfExtension} does for {@code @KopfTest} classes: connecting to the embedded
 * API server or to the cluster in {@code KUBECONFIG}, installing CRDs, and removing the
 * objects that a test created.
 *
 * <p>Must not start operators itself (that is {@code KopfRunner}'s job) and must not touch
 * objects that existed before a test. Internal; no compatibility guarantees.
 */
package dev.kopf.testing.internal.junit;
