/**
 * Plain data-structure routines: field paths in JSON-like trees, diffs, essences, Kopf's
 * annotation-key naming and its BLAKE2b hashing, and Python-compatible compact JSON.
 *
 * <p>Ported from Kopf's {@code _cogs/structs} and the naming parts of {@code _cogs/configs}.
 * These classes hold no state, do no I/O and import nothing from the layers above (storage,
 * clients, actions, reactor); they may use only the JDK and Jackson.
 *
 * <p>Internal; no compatibility guarantees.
 */
package dev.kopf.internal.structs;
