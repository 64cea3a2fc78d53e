package dev.kopf.internal.admission;

import dev.kopf.WebhookServer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code clientConfig} of the webhooks, as Kopf's {@code WebhookServer} yields it and
 * {@code _inject_handler_id} extends it per handler.
 */
final class ClientConfigs {

    private ClientConfigs() {
    }

    /** The root path without a trailing slash: {@code ""} or e.g. {@code /admission}. */
    static String root(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return "";
        }
        String root = path.startsWith("/") ? path : "/" + path;
        return root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }

    /** Turns a catch-all listening address into one that can be reached, as Kopf does. */
    static String accessible(String address) {
        if (address == null) {
            return "localhost";
        }
        return address.equals("0.0.0.0") ? "127.0.0.1" : address.equals("::") ? "::1" : address;
    }

    static Map<String, Object> build(WebhookServer settings, String host, int port,
            byte[] caBundle) {
        Map<String, Object> config = new LinkedHashMap<>();
        if (settings.service() != null) {
            WebhookServer.ServiceReference reference = settings.service();
            Map<String, Object> service = new LinkedHashMap<>();
            service.put("namespace", reference.namespace());
            service.put("name", reference.name());
            service.put("path", root(settings.path()));
            service.put("port", reference.port());
            config.put("service", service);
        } else {
            String shown = host.contains(":") ? "[" + host + "]" : host;
            config.put("url", "https://" + shown + (port == 443 ? "" : ":" + port)
                    + root(settings.path()));
        }
        if (caBundle != null) {
            config.put("caBundle", Base64.getEncoder().encodeToString(caBundle));
        }
        return config;
    }

    /** Appends the handler's id to the URL or the Service's path, URL-quoted. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> forHandler(Map<String, Object> config, String id) {
        String quoted = java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20").replace("%2F", "/");
        Map<String, Object> copy = new LinkedHashMap<>(config);
        Object url = copy.get("url");
        if (url instanceof String text) {
            copy.put("url", (text.endsWith("/") ? text.substring(0, text.length() - 1) : text)
                    + "/" + quoted);
        }
        if (copy.get("service") instanceof Map<?, ?> service) {
            Map<String, Object> changed = new LinkedHashMap<>((Map<String, Object>) service);
            changed.put("path", changed.getOrDefault("path", "") + "/" + quoted);
            copy.put("service", changed);
        }
        return copy;
    }
}
