package dev.kopf.internal.intents;

import dev.kopf.Diff;
import dev.kopf.Resource;
import java.util.Map;

/**
 * Why an object is being handled in this cycle, with the values handlers are given.
 *
 * @param reason the cause
 * @param initial whether the object is seen for the first time by this process and was
 *     handled before (so resume handlers are mixed in)
 * @param resource the resource
 * @param body the object
 * @param oldEssence the last-handled essence, or {@code null}
 * @param newEssence the current essence
 * @param diff the difference between the two
 */
public record ChangingCause(CauseReason reason, boolean initial, Resource resource,
        Map<String, Object> body, Map<String, Object> oldEssence,
        Map<String, Object> newEssence, Diff diff) {
}
