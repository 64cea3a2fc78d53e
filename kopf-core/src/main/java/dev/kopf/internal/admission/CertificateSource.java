package dev.kopf.internal.admission;

import dev.kopf.WebhookServer;
import dev.kopf.internal.concurrent.Threads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook server's certificate: generated once, or read from PEM files and re-read when
 * their contents change (Kopf's {@code file_check_interval}; mounted Secrets change without
 * file events, so the files are hashed, and only the hash is kept).
 */
final class CertificateSource implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(CertificateSource.class);

    private final WebhookServer settings;
    private volatile Certificates.Served current;
    private volatile byte[] digest;
    private ScheduledExecutorService checker;

    CertificateSource(WebhookServer settings, List<String> hostnames) {
        this.settings = settings;
        if (settings.certFile() == null) {
            logger.debug("Generating a self-signed certificate for HTTPS.");
            current = Certificates.generate(hostnames);
        } else {
            logger.debug("Using a provided certificate for HTTPS.");
            digest = digest();
            current = load();
        }
    }

    Certificates.Served current() {
        return current;
    }

    /** Starts checking the files; {@code onChange} gets each renewed certificate. */
    void watch(Consumer<Certificates.Served> onChange) {
        if (settings.certFile() == null) {
            return;
        }
        checker = Threads.scheduler("kopf-webhook-certs");
        long millis = Math.max(1, settings.fileCheckInterval().toMillis());
        checker.scheduleWithFixedDelay(() -> check(onChange), millis, millis,
                TimeUnit.MILLISECONDS);
    }

    /** Checks the files once; public to the package so that tests need not wait. */
    void check(Consumer<Certificates.Served> onChange) {
        try {
            byte[] now = digest();
            if (Arrays.equals(now, digest)) {
                return;
            }
            Certificates.Served renewed = load();
            digest = now;
            current = renewed;
            onChange.accept(renewed);
        } catch (RuntimeException e) {
            // Half-written files during a rotation: keep serving the old ones, retry later.
            logger.warn("Cannot reload the webhook certificate files; the old ones are still"
                    + " served: {}", e.getMessage());
        }
    }

    private Certificates.Served load() {
        Certificates.Served served = Certificates.read(read(settings.certFile()),
                read(settings.keyFile()));
        return settings.caFile() == null ? served
                : new Certificates.Served(served.context(), read(settings.caFile()));
    }

    private byte[] digest() {
        try {
            MessageDigest hasher = MessageDigest.getInstance("SHA-256");
            List<Path> paths = new ArrayList<>(List.of(settings.certFile(), settings.keyFile()));
            if (settings.caFile() != null) {
                paths.add(settings.caFile());
            }
            for (Path path : paths) {
                hasher.update(read(path));
            }
            return hasher.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (checker != null) {
            checker.shutdownNow();
        }
    }
}
