/**
 * JDK-only concurrency kit: executors and thread factories.
 *
 * <p>Depends on nothing else of Kopf and knows nothing of Kubernetes. Internal; no
 * compatibility guarantees.
 */
package dev.kopf.internal.concurrent;
