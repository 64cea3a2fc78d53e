/**
 * Acting on one object: binding and invoking handlers, executing them with retries and error
 * modes, the per-object logger, and applying a cycle's patch.
 *
 * <p>Must not watch, queue, or detect causes; it is given a cause and handlers and returns
 * what happened. Internal; no compatibility guarantees.
 */
package dev.kopf.internal.actions;
