package dev.kopf.internal.engines;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Random;

/**
 * This operator's identity in peering objects and leases, as Kopf's {@code detect_own_id}:
 * {@code $POD_ID} when set (the pod's name, from the downward API), else
 * {@code user@host/YYYYmmddHHMMSS/xyz} for an operator, or {@code user@host} for the
 * {@code freeze}/{@code resume} commands, so that a later resume removes the freeze.
 */
public final class PeerIdentity {

    private static final String ALPHABET = "abcdefhijklmnopqrstuvwxyz0123456789";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final Random RANDOM = new SecureRandom();

    private PeerIdentity() {
    }

    /**
     * Detects the identity from the process's environment.
     *
     * @param manual {@code true} for the commands run by a human, without time and random
     * @return the identity
     */
    public static String detect(boolean manual) {
        return detect(System.getenv(), manual, Instant.now());
    }

    static String detect(Map<String, String> env, boolean manual, Instant now) {
        String pod = env.get("POD_ID");
        if (pod != null) {
            return pod;
        }
        String user = System.getProperty("user.name", "unknown");
        String base = user + "@" + hostname();
        if (manual) {
            return base;
        }
        StringBuilder rnd = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            rnd.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return base + "/" + STAMP.format(now) + "/" + rnd;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env != null ? env : "localhost";
        }
    }
}
