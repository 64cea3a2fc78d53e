package dev.kopf.internal.clients;

import dev.kopf.ConnectionInfo;
import dev.kopf.NetworkingSettings;
import dev.kopf.OperatorSettings;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Makes the clients the operator owns: configured as fabric8 does, or from the login
 * handlers' {@link ConnectionInfo}; both with the networking and watching settings applied,
 * and watching over plain HTTP (a client given by the user is used as it is).
 */
public final class Connections {

    private Connections() {
    }

    /**
     * Makes a client configured as fabric8 does: KUBECONFIG, {@code ~/.kube/config}, or the
     * in-cluster service account.
     *
     * @param settings the settings whose networking and watching groups apply
     * @return a new client; the caller closes it
     */
    public static KubernetesClient autoConfigured(OperatorSettings settings) {
        Config config = apply(new ConfigBuilder(Config.autoConfigure(null)), settings).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /**
     * Makes a client from the login handlers' credentials. The server and certificates come
     * from the credential used now; every request carries the vault's current credential.
     *
     * @param info the credential to connect with
     * @param vault where the credentials are kept
     * @param settings the settings whose networking and watching groups apply
     * @return a new client; the caller closes it
     */
    public static KubernetesClient fromLogin(ConnectionInfo info, Vault vault,
            OperatorSettings settings) {
        ConfigBuilder builder = new ConfigBuilder(Config.empty())
                .withMasterUrl(info.server())
                .withTrustCerts(info.insecure())
                .withCaCertFile(info.caPath())
                .withCaCertData(base64(info.caData()))
                .withClientCertFile(info.certificatePath())
                .withClientCertData(base64(info.certificateData()))
                .withClientKeyFile(info.privateKeyPath())
                .withClientKeyData(base64(info.privateKeyData()))
                .withNamespace(info.defaultNamespace())
                .withUsername(info.username())
                .withPassword(info.password())
                .withOauthToken(info.token());
        if (info.proxyUrl() != null) {
            builder.withHttpsProxy(info.proxyUrl()).withHttpProxy(info.proxyUrl());
        }
        VaultInterceptor interceptor = new VaultInterceptor(vault);
        return new KubernetesClientBuilder().withConfig(apply(builder, settings).build())
                .withHttpClientBuilderConsumer(http ->
                        http.addOrReplaceInterceptor(VaultInterceptor.NAME, interceptor))
                .build();
    }

    /**
     * Makes a client for a configuration as it is, but watching over plain HTTP: fabric8's
     * Vert.x WebSocket client can lose a watch's first message (see
     * {@link Watcher#clientFor}), and the handlers get the operator's client.
     *
     * @param config the configuration, not changed
     * @return a new client; the caller closes it
     */
    public static KubernetesClient watchingOverHttp(Config config) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(config)
                .withOnlyHttpWatches(true).build()).build();
    }

    private static ConfigBuilder apply(ConfigBuilder builder, OperatorSettings settings) {
        NetworkingSettings networking = settings.networking();
        builder.withRequestTimeout(millis(networking.requestTimeout()));
        if (networking.connectTimeout() != null) {
            builder.withConnectionTimeout(millis(networking.connectTimeout()));
        }
        builder.withRequestRetryBackoffLimit(networking.errorBackoffs().size());
        if (!networking.errorBackoffs().isEmpty()) {
            builder.withRequestRetryBackoffInterval(networking.errorBackoffs().get(0) * 1000);
        }
        if (settings.watching().reconnectBackoff() != null) {
            builder.withWatchReconnectInterval(millis(settings.watching().reconnectBackoff()));
        }
        // The handlers' watches and informers too: fabric8's Vert.x WebSocket client can lose
        // a watch's first message (see Watcher.clientFor).
        builder.withOnlyHttpWatches(true);
        return builder;
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }

    // fabric8 takes base64 of PEM, as a kubeconfig's *-data fields hold it; users may give
    // either that or the PEM text itself (Kopf's rule: PEM starts with "-----BEGIN ").
    static String base64(String data) {
        if (data == null) {
            return null;
        }
        String text = data.strip();
        if (text.startsWith("-----BEGIN ")) {
            return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }
        String compact = text.replaceAll("\\s+", "");
        try {
            String pem = new String(Base64.getDecoder().decode(compact), StandardCharsets.US_ASCII);
            if (pem.strip().startsWith("-----BEGIN ")) {
                return compact;
            }
        } catch (IllegalArgumentException e) {
            // Not base64 either: said below.
        }
        throw new IllegalArgumentException("ConnectionInfo holds certificate or key data that is"
                + " neither PEM text nor base64 of it. Give what a kubeconfig's *-data field"
                + " holds, or the PEM text.");
    }
}
