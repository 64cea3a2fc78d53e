package dev.kopf.testing.internal.apiserver;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;

/**
 * Listens on a free port when any will do, outside the kernel's ephemeral port range where
 * the kernel says what that is (Linux's {@code ip_local_port_range}). A server that may be
 * stopped and restarted on the same port, as {@code EmbeddedKubernetes.restart()} does, must
 * not have a port that the kernel hands out meanwhile: as the local port of some program's
 * outgoing connection (the restart would then fail with "address already in use"), or to a
 * probe of the closed port, which would connect to itself. A real API server listens on a
 * fixed port (6443) for the same reason. Elsewhere, or when no such port is free, the kernel
 * picks one, as before.
 */
final class ListeningPorts {
    /** The lowest port tried: above the registered services most machines run. */
    static final int LOWEST = 10_000;
    private static final int ATTEMPTS = 32;
    private static final Path RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    private ListeningPorts() {
    }

    /**
     * Listens on {@code port}, or when it is 0, on a free port below the ephemeral range.
     *
     * @param port the port, or 0 for any
     * @param listen binds the server to the port it is given; fails when it is taken
     */
    static void listen(int port, IntConsumer listen) {
        int ephemeralFrom = port == 0 ? ephemeralRangeStart() : 0;
        if (ephemeralFrom <= LOWEST) {
            listen.accept(port);
            return;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                listen.accept(random.nextInt(LOWEST, ephemeralFrom));
                return;
            } catch (RuntimeException e) {
                if (!isTaken(e)) {
                    throw e;
                }
            }
        }
        listen.accept(0);
    }

    /** The first port of the kernel's ephemeral range, or 0 when it cannot be told. */
    static int ephemeralRangeStart() {
        try {
            // Not Files.readString: procfs reports a size of 0, and Java 17 then reads 1 byte.
            String[] bounds = Files.readAllLines(RANGE).get(0).trim().split("\\s+");
            return Integer.parseInt(bounds[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static boolean isTaken(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}
