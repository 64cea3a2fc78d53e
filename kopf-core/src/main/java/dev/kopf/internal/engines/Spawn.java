package dev.kopf.internal.engines;

import dev.kopf.Resource;
import dev.kopf.internal.actions.DefaultContext;
import dev.kopf.internal.actions.ObjectLogger;

/**
 * What the daemons engine needs to start an object's daemons and timers: Kopf's
 * {@code SpawningCause}, made by the resource processor for each cycle.
 *
 * @param resource the object's resource
 * @param logger the object's logger
 * @param context the values every daemon of the object is given: memo, client, indexes,
 *     resource; the engine adds the live body, the patch, the flag and the handler's own
 * @param onExit called when a daemon or timer of the object exits or is abandoned, so that
 *     the object is processed again (to release its finalizer, or to restart the daemon)
 */
public record Spawn(Resource resource, ObjectLogger logger, DefaultContext context,
        Runnable onExit) {
}
