package dev.kopf.internal.admission;

import dev.kopf.IndexView;
import dev.kopf.Memo;
import dev.kopf.OperatorSettings;
import dev.kopf.Resource;
import dev.kopf.WebhookServer;
import dev.kopf.internal.clients.Scanner;
import dev.kopf.internal.clients.WebhookConfigurationsClient;
import dev.kopf.internal.intents.OperatorRegistry;
import dev.kopf.internal.intents.WebhookHandler;
import dev.kopf.internal.intents.WebhookHandler.WebhookType;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admission side of a running operator, as Kopf's {@code admission_webhook_server} and
 * {@code configuration_manager} root tasks: serves the webhooks and keeps the managed
 * configurations patched; at a graceful exit, patches them down to the persistent webhooks.
 *
 * <p>Started by the reactor once the startup handlers have set the settings.
 */
public final class AdmissionService implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(AdmissionService.class);

    private final List<WebhookHandler> handlers;
    private final List<Resource> resources;
    private final String managed;
    private final WebhookConfigurationsClient configurations;
    private volatile Map<String, Object> clientConfig;
    private WebhookHttpsServer server;

    private AdmissionService(List<WebhookHandler> handlers, List<Resource> resources,
            String managed, WebhookConfigurationsClient configurations) {
        this.handlers = handlers;
        this.resources = resources;
        this.managed = managed;
        this.configurations = configurations;
    }

    /**
     * Starts serving the registry's admission handlers, if it has any.
     *
     * @param registry the handlers
     * @param settings the settings in force (after the startup handlers)
     * @param client the operator's client
     * @param memo the operator's memo
     * @param indices finds indexes by id
     * @return the running service, or {@code null} without admission handlers
     * @throws IllegalStateException when handlers exist but no server is configured
     */
    public static AdmissionService start(OperatorRegistry registry, OperatorSettings settings,
            KubernetesClient client, Memo memo, Function<String, IndexView<?, ?>> indices) {
        return start(registry, settings, client, memo, indices, List.of());
    }

    /**
     * Starts serving the registry's admission handlers and the framework's own, if any.
     *
     * @param registry the handlers
     * @param settings the settings in force (after the startup handlers)
     * @param client the operator's client
     * @param memo the operator's memo
     * @param indices finds indexes by id
     * @param builtIn the framework's own webhooks, served after the user's (e.g. the
     *     sharding assignment at creation)
     * @return the running service, or {@code null} without any admission handlers
     * @throws IllegalStateException when handlers exist but no server is configured
     */
    public static AdmissionService start(OperatorRegistry registry, OperatorSettings settings,
            KubernetesClient client, Memo memo, Function<String, IndexView<?, ?>> indices,
            List<WebhookHandler> builtIn) {
        List<WebhookHandler> handlers = new ArrayList<>(registry.webhookHandlers());
        handlers.addAll(builtIn);
        if (handlers.isEmpty()) {
            return null;
        }
        WebhookServer serverSettings = settings.admission().server();
        if (serverSettings == null) {
            throw new IllegalStateException("Admission handlers exist, but no admission server"
                    + " is configured in settings.admission().server(...). Set one in an"
                    + " @OnStartup handler, e.g. WebhookServer.auto(); see docs/admission.md.");
        }
        List<Resource> served = Scanner.scan(client);
        Set<Resource> resources = new LinkedHashSet<>();
        for (WebhookHandler handler : handlers) {
            resources.addAll(handler.selector().select(served));
        }
        WebhookConfigurationsClient configurations = new WebhookConfigurationsClient(client);
        AdmissionService service = new AdmissionService(handlers, List.copyOf(resources),
                settings.admission().managed(), configurations);
        AdmissionProcessor processor = new AdmissionProcessor(handlers, service.resources,
                memo, client, indices, builtIn.stream().map(WebhookHandler::id)
                        .collect(java.util.stream.Collectors.toSet()));
        String host = Hosts.choose(serverSettings, configurations);
        try {
            service.server = WebhookHttpsServer.start(serverSettings, host, processor,
                    service::reconfigure);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serve webhooks on port "
                    + serverSettings.port() + ": " + e.getMessage(), e);
        } catch (LinkageError e) {
            // A broken classpath (e.g. mixed BouncyCastle releases) must fail the start-up.
            throw new IllegalStateException("Cannot start the webhook server: " + e, e);
        }
        return service;
    }

    /** The port the webhooks are served on. */
    public int port() {
        return server.port();
    }

    private synchronized void reconfigure(Map<String, Object> config) {
        clientConfig = config;
        if (managed == null) {
            return;
        }
        for (WebhookType type : WebhookType.values()) {
            String kind = ManagedWebhooks.kind(type);
            logger.info("Reconfiguring the {} webhook {}.", type.name().toLowerCase(), managed);
            configurations.createIfAbsent(kind, managed);
            configurations.patchWebhooks(kind, managed, ManagedWebhooks.build(handlers, type,
                    resources, managed, config, false));
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
        }
        if (managed == null || clientConfig == null) {
            return;
        }
        // Kopf keeps both configurations but leaves only the persistent webhooks in them.
        logger.info("Cleaning up the admission webhook {}.", managed);
        for (WebhookType type : WebhookType.values()) {
            try {
                configurations.patchWebhooks(ManagedWebhooks.kind(type), managed,
                        ManagedWebhooks.build(handlers, type, resources, managed, clientConfig,
                                true));
            } catch (RuntimeException e) {
                logger.warn("Cannot clean up the {} {}: {}", ManagedWebhooks.kind(type), managed,
                        e.getMessage());
            }
        }
    }

    /** For tests: the handlers' resources as scanned. */
    List<Resource> resources() {
        return new ArrayList<>(resources);
    }
}
