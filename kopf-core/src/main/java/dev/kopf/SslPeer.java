package dev.kopf;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The TLS client certificate the API server presented to the webhook, if any: an injectable
 * of {@link OnValidate} and {@link OnMutate} handlers (Kopf's {@code sslpeer}). Empty when the
 * client sent no certificate, which is the API server's default.
 *
 * @param certificates the client's certificate chain, the client's own first
 * @since 0.1
 */
public record SslPeer(List<X509Certificate> certificates) {

    /** No client certificate. */
    public static final SslPeer NONE = new SslPeer(List.of());

    /** Copies the chain. */
    public SslPeer {
        certificates = certificates == null ? List.of() : List.copyOf(certificates);
    }

    /**
     * Returns the subject of the client's certificate.
     *
     * @return e.g. {@code CN=kube-apiserver}, or {@code null} without a certificate
     */
    public String subject() {
        return certificates.isEmpty() ? null
                : certificates.get(0).getSubjectX500Principal().getName();
    }
}
