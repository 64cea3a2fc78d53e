package dev.kopf;

import java.time.Instant;
import java.util.Objects;

/**
 * How to reach and authenticate to the Kubernetes API: what an {@link OnLogin} handler
 * returns, as Kopf's {@code kopf.ConnectionInfo}. Immutable; made with {@link #builder()}.
 *
 * <pre>{@code
 * return ConnectionInfo.builder().server("https://10.0.0.1:6443").token(token)
 *         .caPath("/var/run/secrets/kubernetes.io/serviceaccount/ca.crt").build();
 * }</pre>
 *
 * <p>When several login handlers return credentials, the highest {@code priority} is used
 * first; a credential the API server answers with 401 is dropped, and once none is left the
 * login handlers run again. A credential is also dropped at its {@code expiration}.
 *
 * @param server the API server's URL, e.g. {@code https://10.0.0.1:6443}
 * @param caPath a file with the server's CA certificates (PEM), or {@code null}
 * @param caData the server's CA certificates: PEM text, or base64 of it as a kubeconfig's
 *     {@code certificate-authority-data} holds it; or {@code null}
 * @param insecure whether to skip verifying the server's certificate
 * @param username the user name for basic authentication, or {@code null}
 * @param password the password for basic authentication, or {@code null}
 * @param scheme the authorization scheme for the token; {@code Bearer} when {@code null}
 * @param token the token, or {@code null}
 * @param certificatePath a file with the client certificate (PEM), or {@code null}
 * @param certificateData the client certificate: PEM text, or base64 of it as a
 *     kubeconfig's {@code client-certificate-data} holds it; or {@code null}
 * @param privateKeyPath a file with the client key (PEM), or {@code null}
 * @param privateKeyData the client key: PEM text, or base64 of it as a kubeconfig's
 *     {@code client-key-data} holds it; or {@code null}
 * @param defaultNamespace the namespace for requests that name none, or {@code null}
 * @param proxyUrl an HTTP(S) proxy, or {@code null}
 * @param priority which credential is used first: higher first
 * @param expiration when the credential stops being valid, or {@code null} for never
 * @since 0.1
 */
public record ConnectionInfo(String server, String caPath, String caData, boolean insecure,
        String username, String password, String scheme, String token, String certificatePath,
        String certificateData, String privateKeyPath, String privateKeyData,
        String defaultNamespace, String proxyUrl, int priority, Instant expiration) {

    /**
     * Requires the server, and at most one of a path and data for each certificate, as Kopf.
     *
     * @throws IllegalArgumentException when both a path and data are set
     */
    public ConnectionInfo {
        Objects.requireNonNull(server, "server");
        if (caPath != null && caData != null) {
            throw new IllegalArgumentException("Both CA path & data are set. Need only one.");
        }
        if (certificatePath != null && certificateData != null) {
            throw new IllegalArgumentException(
                    "Both certificate path & data are set. Need only one.");
        }
        if (privateKeyPath != null && privateKeyData != null) {
            throw new IllegalArgumentException(
                    "Both private key path & data are set. Need only one.");
        }
    }

    /**
     * Starts an empty builder.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Keeps secrets out of log lines. */
    @Override
    public String toString() {
        return "ConnectionInfo[server=" + server + ", username=" + username + ", token="
                + (token == null ? null : "***") + ", priority=" + priority + ", expiration="
                + expiration + "]";
    }

    /**
     * Builds a {@link ConnectionInfo}; only the server is required.
     *
     * @since 0.1
     */
    public static final class Builder {
        private String server;
        private String caPath;
        private String caData;
        private boolean insecure;
        private String username;
        private String password;
        private String scheme;
        private String token;
        private String certificatePath;
        private String certificateData;
        private String privateKeyPath;
        private String privateKeyData;
        private String defaultNamespace;
        private String proxyUrl;
        private int priority;
        private Instant expiration;

        private Builder() {
        }

        /**
         * Sets the API server's URL.
         *
         * @param value e.g. {@code https://10.0.0.1:6443}
         * @return this builder
         */
        public Builder server(String value) {
            server = value;
            return this;
        }

        /**
         * Sets a file with the server's CA certificates.
         *
         * @param value a PEM file path
         * @return this builder
         */
        public Builder caPath(String value) {
            caPath = value;
            return this;
        }

        /**
         * Sets the server's CA certificates.
         *
         * @param value PEM text, or base64 of it (a kubeconfig's
         *     {@code certificate-authority-data})
         * @return this builder
         */
        public Builder caData(String value) {
            caData = value;
            return this;
        }

        /**
         * Skips verifying the server's certificate.
         *
         * @return this builder
         */
        public Builder insecure() {
            insecure = true;
            return this;
        }

        /**
         * Sets basic-authentication credentials.
         *
         * @param user the user name
         * @param secret the password
         * @return this builder
         */
        public Builder basicAuth(String user, String secret) {
            username = user;
            password = secret;
            return this;
        }

        /**
         * Sets a bearer token.
         *
         * @param value the token
         * @return this builder
         */
        public Builder token(String value) {
            token = value;
            return this;
        }

        /**
         * Sets the authorization scheme used with the token.
         *
         * @param value e.g. {@code Bearer}
         * @return this builder
         */
        public Builder scheme(String value) {
            scheme = value;
            return this;
        }

        /**
         * Sets the client certificate and key files.
         *
         * @param certificate a PEM file with the certificate
         * @param privateKey a PEM file with the key
         * @return this builder
         */
        public Builder clientCertificateFiles(String certificate, String privateKey) {
            certificatePath = certificate;
            privateKeyPath = privateKey;
            return this;
        }

        /**
         * Sets the client certificate and key.
         *
         * @param certificate PEM text of the certificate, or base64 of it (a kubeconfig's
         *     {@code client-certificate-data})
         * @param privateKey PEM text of the key, or base64 of it (a kubeconfig's
         *     {@code client-key-data})
         * @return this builder
         */
        public Builder clientCertificateData(String certificate, String privateKey) {
            certificateData = certificate;
            privateKeyData = privateKey;
            return this;
        }

        /**
         * Sets the default namespace.
         *
         * @param value the namespace
         * @return this builder
         */
        public Builder defaultNamespace(String value) {
            defaultNamespace = value;
            return this;
        }

        /**
         * Sets a proxy.
         *
         * @param value the proxy's URL
         * @return this builder
         */
        public Builder proxyUrl(String value) {
            proxyUrl = value;
            return this;
        }

        /**
         * Sets the priority among several credentials.
         *
         * @param value higher is used first
         * @return this builder
         */
        public Builder priority(int value) {
            priority = value;
            return this;
        }

        /**
         * Sets when the credential expires.
         *
         * @param value the expiration, or {@code null} for never
         * @return this builder
         */
        public Builder expiration(Instant value) {
            expiration = value;
            return this;
        }

        /**
         * Builds the connection info.
         *
         * @return the info
         * @throws NullPointerException when no server is set
         */
        public ConnectionInfo build() {
            return new ConnectionInfo(server, caPath, caData, insecure, username, password,
                    scheme, token, certificatePath, certificateData, privateKeyPath,
                    privateKeyData, defaultNamespace, proxyUrl, priority, expiration);
        }
    }
}
