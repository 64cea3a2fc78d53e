package dev.kopf.testing.internal.apiserver;

import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The embedded server's down time, as when kube-apiserver crashes or is restarted while etcd
 * keeps the data: while stopped, the port is closed (connections are refused) and every watch
 * has ended; on restart the same port serves the same store, so objects, resourceVersions and
 * the watch history continue where they were. Guards the transport's stop and start.
 */
final class ServerOutage {
    private int port = -1;
    private boolean stopped;

    /** The port served, or the one that will be served again while stopped. */
    synchronized int port(IntSupplier listening) {
        return stopped ? port : listening.getAsInt();
    }

    synchronized boolean isStopped() {
        return stopped;
    }

    /** Ends the watches and closes the port; does nothing if already stopped. */
    synchronized void stop(IntSupplier listening, Supplier<List<WatchStream>> streams,
            Runnable stopListening) {
        if (stopped) {
            return;
        }
        port = listening.getAsInt();
        stopped = true;
        for (WatchStream stream : streams.get()) {
            stream.close();
        }
        stopListening.run();
    }

    /** Listens again on the port kept at the stop; does nothing if not stopped. */
    synchronized void restart(IntConsumer listen) {
        if (!stopped) {
            return;
        }
        listen.accept(port);
        stopped = false;
    }
}
