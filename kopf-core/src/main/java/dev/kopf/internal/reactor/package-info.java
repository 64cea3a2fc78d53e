/**
 * Running the operator: discovery results in, watch streams started, events routed to one
 * worker per object, and each object's state processed into causes, handler calls and
 * patches.
 *
 * <p>The top of the internal layers: it may use every other internal package, but must not
 * read handler annotations (that is {@code discovery}) or call the client directly (that is
 * {@code clients}). Internal; no compatibility guarantees.
 */
package dev.kopf.internal.reactor;
