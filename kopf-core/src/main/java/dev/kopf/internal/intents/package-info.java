/**
 * What the operator intends to do: handlers, their resource selectors and object filters, and
 * the registry that holds them. Ported from Kopf's {@code _core/intents}.
 *
 * <p>Filled once by {@code discovery}, then only read by the runtime. Nothing here reads the
 * handler annotations, calls the Kubernetes API or keeps mutable state.
 *
 * <p>Internal; no compatibility guarantees.
 */
package dev.kopf.internal.intents;
