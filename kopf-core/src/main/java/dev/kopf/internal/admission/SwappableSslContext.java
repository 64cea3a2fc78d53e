package dev.kopf.internal.admission;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * A TLS context whose certificate can be replaced while the server runs: the JDK's
 * {@code HttpsServer} takes its configurator only before it starts, and makes one engine per
 * connection from it, so new connections get the renewed certificate and open ones finish
 * with the old.
 */
final class SwappableSslContext extends SSLContext {

    private final Spi spi;

    private SwappableSslContext(Spi spi, SSLContext initial) {
        super(spi, initial.getProvider(), initial.getProtocol());
        this.spi = spi;
    }

    static SwappableSslContext of(SSLContext initial) {
        return new SwappableSslContext(new Spi(initial), initial);
    }

    void swap(SSLContext next) {
        spi.current = next;
    }

    /** Delegates every call to the context in force. */
    private static final class Spi extends SSLContextSpi {
        private volatile SSLContext current;

        Spi(SSLContext current) {
            this.current = current;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr)
                throws KeyManagementException {
            throw new KeyManagementException("Already initialised; swap the context instead.");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return current.getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return current.getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return current.createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return current.createSSLEngine(host, port);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return current.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return current.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return current.getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return current.getSupportedSSLParameters();
        }
    }
}
