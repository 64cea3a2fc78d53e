package dev.kopf.internal.admission;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.kopf.Headers;
import dev.kopf.SslPeer;
import dev.kopf.WebhookServer;
import dev.kopf.internal.concurrent.Threads;
import dev.kopf.internal.structs.CompactJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook endpoint on the JDK's {@code HttpsServer}, as Kopf's {@code WebhookServer}:
 * {@code POST <path>/<handler id>} with an AdmissionReview, answered by the
 * {@link AdmissionProcessor}. Malformed requests get a 400 with a one-line message; the
 * certificate files are watched by {@link CertificateSource} and swapped in for new
 * connections without a restart.
 */
final class WebhookHttpsServer implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(WebhookHttpsServer.class);

    static {
        // The JDK's server writes headers and body apart; with Nagle's algorithm and delayed
        // ACKs each keep-alive answer then waits ~40 ms. Read once, when the server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }
    /** The API server's own limit for a request body; a review is never larger. */
    private static final int MAX_BODY = 3 * 1024 * 1024 + 64 * 1024;

    private final HttpsServer server;
    private final ExecutorService threads;
    private final CertificateSource certificates;
    private final String root;
    private final SwappableSslContext ssl;
    private Consumer<Certificates.Served> renewed = served -> { };

    private WebhookHttpsServer(HttpsServer server, ExecutorService threads,
            CertificateSource certificates, String root, SwappableSslContext ssl) {
        this.ssl = ssl;
        this.server = server;
        this.threads = threads;
        this.certificates = certificates;
        this.root = root;
    }

    /**
     * Starts serving.
     *
     * @param settings where and how
     * @param host the host name for the client config (the preset's or the given one)
     * @param processor answers the reviews
     * @param onConfig told the client config now and after every certificate change
     * @return the running server
     * @throws IOException when the port cannot be bound
     */
    static WebhookHttpsServer start(WebhookServer settings, String host,
            AdmissionProcessor processor, Consumer<Map<String, Object>> onConfig)
            throws IOException {
        String address = settings.address() == null ? "localhost" : settings.address();
        List<String> names = new ArrayList<>();
        names.add(host);
        names.add(ClientConfigs.accessible(address));
        if (settings.service() != null) {
            WebhookServer.ServiceReference service = settings.service();
            names.add(service.name() + "." + service.namespace() + ".svc");
            names.add(service.name() + "." + service.namespace() + ".svc.cluster.local");
        }
        names.addAll(settings.extraSans());
        CertificateSource certificates = new CertificateSource(settings, names);
        HttpsServer server = HttpsServer.create(
                new InetSocketAddress(address, settings.port()), 64);
        SwappableSslContext ssl = SwappableSslContext.of(certificates.current().context());
        server.setHttpsConfigurator(configurator(ssl));
        ExecutorService threads = Threads.workers("kopf-webhook",
                Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
        server.setExecutor(threads);
        String root = ClientConfigs.root(settings.path());
        WebhookHttpsServer webhooks = new WebhookHttpsServer(server, threads, certificates,
                root, ssl);
        server.createContext(root.isEmpty() ? "/" : root, exchange -> webhooks.handle(
                exchange, processor));
        server.start();
        int port = server.getAddress().getPort();
        logger.debug("Listening for webhooks at https://{}:{}{}.", address, port, root);
        onConfig.accept(ClientConfigs.build(settings, host, port,
                certificates.current().caBundle()));
        webhooks.renewed = served -> {
            logger.info("Serving webhooks with the renewed certificate files.");
            onConfig.accept(ClientConfigs.build(settings, host, port, served.caBundle()));
        };
        certificates.watch(served -> {
            ssl.swap(served.context());
            webhooks.renewed.accept(served);
        });
        return webhooks;
    }

    /** Checks the certificate files now rather than at the next interval; for tests. */
    void checkCertificates() {
        certificates.check(served -> {
            ssl.swap(served.context());
            renewed.accept(served);
        });
    }

    /** The port actually listened on. */
    int port() {
        return server.getAddress().getPort();
    }

    private static HttpsConfigurator configurator(SSLContext context) {
        return new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                // Ask for, but never require, a client certificate: Kopf's sslpeer.
                javax.net.ssl.SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setWantClientAuth(false);
                params.setSSLParameters(ssl);
            }
        };
    }

    private void handle(HttpExchange exchange, AdmissionProcessor processor) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "POST");
                reply(exchange, 405, "Webhooks accept only POST requests.");
                return;
            }
            String rest = exchange.getRequestURI().getRawPath().substring(root.length());
            rest = rest.startsWith("/") ? rest.substring(1) : rest;
            String webhookId = rest.isEmpty() ? null
                    : URLDecoder.decode(rest, StandardCharsets.UTF_8);
            Object review;
            try {
                review = CompactJson.read(readBody(exchange.getRequestBody()));
            } catch (IllegalArgumentException e) {
                reply(exchange, 400, "The body is not valid JSON: " + firstLine(e) + ".");
                return;
            }
            Map<String, Object> answer;
            try {
                answer = processor.serve(review, new AdmissionProcessor.Call(webhookId, null,
                        new Headers(exchange.getRequestHeaders()), sslPeer(exchange)));
            } catch (WebhookRequestException e) {
                reply(exchange, e.status(), e.getMessage());
                return;
            }
            byte[] json = CompactJson.write(answer).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, json.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(json);
            }
        } catch (RuntimeException e) {
            logger.error("Webhook request failed unexpectedly.", e);
        }
    }

    private static String readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new IllegalArgumentException("the body is over " + MAX_BODY + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        message = newline < 0 ? message : message.substring(0, newline);
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    private static SslPeer sslPeer(HttpExchange exchange) {
        if (!(exchange instanceof HttpsExchange https) || https.getSSLSession() == null) {
            return SslPeer.NONE;
        }
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : https.getSSLSession().getPeerCertificates()) {
                chain.add((X509Certificate) certificate);
            }
            return new SslPeer(chain);
        } catch (SSLPeerUnverifiedException e) {
            return SslPeer.NONE;
        }
    }

    private static void reply(HttpExchange exchange, int status, String message)
            throws IOException {
        byte[] text = (message + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, text.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(text);
        }
    }

    @Override
    public void close() {
        certificates.close();
        server.stop(0);
        threads.shutdownNow();
    }
}
