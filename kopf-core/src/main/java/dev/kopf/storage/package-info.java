/**
 * Where the framework keeps its state on the objects it handles, in Kopf's formats.
 *
 * <p>Two kinds of state exist, each behind a small SPI:
 * <ul>
 *   <li>{@link dev.kopf.storage.ProgressStorage}: one {@link dev.kopf.storage.ProgressRecord}
 *       per handler while a cause is being handled (started, retries, delays, outcome);</li>
 *   <li>{@link dev.kopf.storage.DiffBaseStorage}: the last-handled configuration (the
 *       object's "essence"), from which creations, updates and their diffs are detected.</li>
 * </ul>
 *
 * <p>The built-ins write exactly what Kopf writes, so that an operator can move between
 * Python Kopf and Kopf for Java without re-running handlers: {@code Annotations*} storages use
 * Kopf's annotation keys and compact JSON, {@code Status*} storages Kopf's
 * {@code status.kopf} fields. The defaults are the {@code Smart*} storages, which prefer the
 * status and read Kopf's annotations too.
 *
 * <p>Storages never call the Kubernetes API: they read the object's body and put their writes
 * into the cycle's {@link dev.kopf.Patch}.
 *
 * @since 0.1
 */
package dev.kopf.storage;
