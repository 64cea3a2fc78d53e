package dev.kopf.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Checks before the operator starts that the API server accepts connections, so that an
 * unreachable cluster ends the run within the connect timeout with one line naming the
 * server and the cause. Without it, the client retries with its backoffs for minutes and
 * then fails with a stack trace.
 *
 * <p>Only the TCP connection is tried: any answer of the server, even 401 or 403, means the
 * cluster is reachable, and the credentials are the operator's business.
 */
final class ServerReachability {

    private ServerReachability() {
    }

    /**
     * Connects to the server and closes the connection.
     *
     * @param server the API server's URL, e.g. {@code https://127.0.0.1:6443}
     * @param timeout how long the connection may take
     * @throws ConfigurationException naming the server and the cause when it cannot connect
     */
    static void check(String server, Duration timeout) {
        URI uri;
        try {
            uri = URI.create(server);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("The Kubernetes API server's URL is invalid: "
                    + server + ".", e);
        }
        String host = uri.getHost();
        if (host == null) {
            throw new ConfigurationException("The Kubernetes API server's URL has no host: "
                    + server + ".");
        }
        int port = uri.getPort() >= 0 ? uri.getPort()
                : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
        String address = host + ":" + port;
        try (Socket socket = new Socket()) {
            // Zero is no limit, for Socket as for fabric8.
            socket.connect(new InetSocketAddress(host, port),
                    (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        } catch (UnknownHostException e) {
            throw unreachable(server, "Unknown host: " + host, e);
        } catch (SocketTimeoutException e) {
            throw unreachable(server, "Connect timed out after " + seconds(timeout) + ": "
                    + address, e);
        } catch (ConnectException e) {
            String reason = e.getMessage() == null ? "Cannot connect"
                    : e.getMessage().replaceFirst(" \\(.*\\)$", "");
            throw unreachable(server, reason + ": " + address, e);
        } catch (IOException e) {
            throw unreachable(server, e.getMessage() + ": " + address, e);
        }
    }

    private static ConfigurationException unreachable(String server, String cause,
            IOException e) {
        // fabric8 normalises the URL with a trailing slash; users wrote it without.
        String shown = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        return new ConfigurationException("Cannot reach the Kubernetes API server at " + shown
                + ": " + cause + ".", e);
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " seconds"
                : timeout.toMillis() / 1000.0 + " seconds";
    }
}
