package dev.kopf;

/**
 * Which of an object's due changing handlers run in one cycle, as Kopf's
 * {@code kopf.lifecycles}. Each cycle ends with one patch of the object, so a lifecycle that
 * runs fewer handlers per cycle costs more writes (and more watch events) per change.
 *
 * <p>Set with {@code ExecutionSettings#withLifecycle}; it applies to sub-handlers
 * too.
 *
 * @since 0.2
 */
public enum Lifecycle {

    /**
     * All due handlers, in declaration order, in one cycle: one write for the whole change
     * when they all succeed. The default here (Kopf's default is {@link #ASAP}).
     */
    ALL_AT_ONCE,

    /**
     * The first due handler only, in declaration order: one cycle and one write per handler.
     * Each handler sees its predecessors' results on the object.
     */
    ONE_BY_ONE,

    /**
     * One due handler per cycle, the one with the fewest attempts so far (the first of those
     * in declaration order): a failing handler lets the others go first. One write per
     * attempt. Kopf's default.
     */
    ASAP,

    /** One due handler per cycle, chosen at random: one write per handler. */
    RANDOMIZED,

    /** All due handlers in one cycle, in a random order: one write, as {@link #ALL_AT_ONCE}. */
    SHUFFLED
}
