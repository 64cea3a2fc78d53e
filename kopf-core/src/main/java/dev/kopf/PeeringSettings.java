package dev.kopf;

import java.time.Duration;

/**
 * How operators coordinate through peering objects ({@code KopfPeering} in the served
 * namespaces, or {@code ClusterKopfPeering}), as Kopf's {@code settings.peering}; see
 * {@code docs/peering.md}.
 *
 * <p>The {@code peering} group of {@link OperatorSettings}, changed with
 * {@link OperatorSettings.Builder#peering}.
 *
 * @param name the peering object's name
 * @param priority this operator's priority: a live peer with a higher one pauses this
 *     operator; one with the same pauses both
 * @param lifetime how long this operator's record stays valid; it is renewed 5 to 10
 *     seconds before it expires (whole seconds)
 * @param mandatory whether peering must be used: the operator fails to start without the
 *     peering CRD, and stays paused until it has seen the peering object
 * @param standalone whether to run without peering even if the peering object exists
 * @param stealth whether to keep this operator's keep-alives out of the logs
 * @param clusterwide whether to use the cluster-wide peering object rather than those
 *     of the served namespaces; set from the operator's mode before the startup handlers
 * @since 0.1
 */
public record PeeringSettings(String name, int priority, Duration lifetime, boolean mandatory,
        boolean standalone, boolean stealth, boolean clusterwide) {

    /**
     * Kopf's fields without {@code clusterwide}, which then is {@code false}.
     *
     * @param name the peering object's name
     * @param priority this operator's priority
     * @param lifetime how long this operator's record stays valid
     * @param mandatory whether peering must be used
     * @param standalone whether to run without peering
     * @param stealth whether to keep the keep-alives out of the logs
     */
    public PeeringSettings(String name, int priority, Duration lifetime, boolean mandatory,
            boolean standalone, boolean stealth) {
        this(name, priority, lifetime, mandatory, standalone, stealth, false);
    }

    /**
     * Returns a copy with another priority.
     *
     * @param value the priority
     * @return a new group
     */
    public PeeringSettings withPriority(int value) {
        return new PeeringSettings(name, value, lifetime, mandatory,
                standalone, stealth, clusterwide);
    }

    /**
     * Returns a copy that uses the named peering object, mandatorily (as {@code -P}).
     *
     * @param value the peering object's name
     * @return a new group
     */
    public PeeringSettings withMandatoryName(String value) {
        return new PeeringSettings(value, priority, lifetime, true,
                standalone, stealth, clusterwide);
    }

    /**
     * Returns a copy with another standalone mode (as {@code --standalone}).
     *
     * @param value whether to run without peering
     * @return a new group
     */
    public PeeringSettings withStandalone(boolean value) {
        return new PeeringSettings(name, priority, lifetime, mandatory,
                value, stealth, clusterwide);
    }

    /**
     * Returns a copy with another scope of the peering object.
     *
     * @param value whether to use the cluster-wide peering object
     * @return a new group
     */
    public PeeringSettings withClusterwide(boolean value) {
        return new PeeringSettings(name, priority, lifetime, mandatory, standalone, stealth, value);
    }

    /**
     * Returns a copy with another lifetime of this operator's record.
     *
     * @param value the lifetime (whole seconds, at least 1)
     * @return a new group
     */
    public PeeringSettings withLifetime(Duration value) {
        return new PeeringSettings(name, priority, value, mandatory,
                standalone, stealth, clusterwide);
    }
}
