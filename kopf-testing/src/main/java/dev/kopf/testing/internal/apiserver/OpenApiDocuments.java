package dev.kopf.testing.internal.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kopf.testing.internal.apiserver.ResourceRegistry.ApiGroup;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A skeleton of {@code /openapi/v3}: one document per group version, listing each kind's
 * PATCH operation with its {@code fieldValidation} parameter and no schemas.
 *
 * <p>That is exactly what kubectl checks before sending {@code create -f} or {@code apply}:
 * seeing the parameter, it leaves validation to the server instead of downloading schemas
 * (which this server does not have; {@code /openapi/v2} answers 404).
 */
final class OpenApiDocuments {
    private OpenApiDocuments() {
    }

    /** The {@code /openapi/v3} index of group versions. */
    static ObjectNode index(ResourceRegistry registry) {
        ObjectNode index = JsonNodes.object();
        ObjectNode paths = index.putObject("paths");
        addGroupVersion(registry, paths, "", "v1");
        for (ApiGroup group : registry.groups()) {
            for (String version : group.versions()) {
                addGroupVersion(registry, paths, group.name(), version);
            }
        }
        return index;
    }

    private static void addGroupVersion(ResourceRegistry registry, ObjectNode paths,
            String group, String version) {
        String path = prefix(group, version);
        String hash = hash(JsonNodes.write(document(registry, group, version)));
        paths.putObject(path).put("serverRelativeURL", "/openapi/v3/" + path + "?hash=" + hash);
    }

    /** The document of one group version, or {@code null} if it is not served. */
    static ObjectNode document(ResourceRegistry registry, String group, String version) {
        List<ResourceType> types = registry.types(group, version);
        if (types.isEmpty()) {
            return null;
        }
        ObjectNode document = JsonNodes.object();
        document.put("openapi", "3.0.0");
        ObjectNode info = document.putObject("info");
        info.put("title", "Kubernetes");
        info.put("version", DiscoveryDocuments.KUBERNETES_VERSION);
        ObjectNode paths = document.putObject("paths");
        for (ResourceType type : types) {
            String collection = "/" + prefix(group, version)
                    + (type.isNamespaced() ? "/namespaces/{namespace}/" : "/") + type.plural();
            ObjectNode patch = paths.putObject(collection + "/{name}").putObject("patch");
            patch.put("operationId", "patch" + type.kind());
            ObjectNode kind = patch.putObject("x-kubernetes-group-version-kind");
            kind.put("group", group);
            kind.put("version", version);
            kind.put("kind", type.kind());
            patch.put("x-kubernetes-action", "patch");
            ObjectNode parameter = patch.putArray("parameters").addObject();
            parameter.put("name", "fieldValidation");
            parameter.put("in", "query");
            parameter.putObject("schema").put("type", "string");
            patch.putObject("responses").putObject("200").put("description", "OK");
        }
        return document;
    }

    private static String prefix(String group, String version) {
        return group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available.", e);
        }
    }
}
