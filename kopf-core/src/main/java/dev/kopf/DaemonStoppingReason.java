package dev.kopf;

/**
 * Why a daemon or timer is being stopped, as Kopf's {@code DaemonStoppingReason}; read it from
 * {@link DaemonStopped#reason()} when the reason matters to the daemon.
 *
 * @since 0.1
 */
public enum DaemonStoppingReason {
    /** The daemon has exited, whatever the reason. */
    DONE,
    /** The object no longer matches the daemon's filters. */
    FILTERS_MISMATCH,
    /** The object is being deleted. */
    RESOURCE_DELETED,
    /** The operator is pausing: a peer of higher priority, a freeze, or a lost lease. */
    OPERATOR_PAUSING,
    /** The operator is exiting. */
    OPERATOR_EXITING,
    /** The stop-flag was raised and the daemon is given its cancellation backoff. */
    DAEMON_SIGNALLED,
    /** The daemon's thread was interrupted, after its cancellation backoff. */
    DAEMON_CANCELLED,
    /** The daemon did not exit within its cancellation timeout and is left running. */
    DAEMON_ABANDONED
}
