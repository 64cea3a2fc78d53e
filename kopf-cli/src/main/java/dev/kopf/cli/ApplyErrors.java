package dev.kopf.cli;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Words {@code --apply} failures in Kubernetes terms, naming the file and the document:
 * an unknown kind is said to be not served, a rejected object gets the API server's own
 * message. fabric8's messages dump the whole object instead, which tells a user nothing.
 */
final class ApplyErrors {

    private ApplyErrors() {
    }

    /**
     * Explains why an object could not be applied.
     *
     * @param client the client, to ask whether the kind is served
     * @param object the object
     * @param where e.g. {@code foo.yaml, document 2}
     * @param error what the client threw
     * @return the error for the user
     */
    static ConfigurationException explain(KubernetesClient client, HasMetadata object,
            String where, RuntimeException error) {
        if (!isServed(client, object)) {
            return new ConfigurationException("Unknown kind " + object.getKind() + " (apiVersion "
                    + object.getApiVersion() + ") in " + where
                    + ": no such resource is served. Apply its CustomResourceDefinition first, "
                    + "or check the kind and apiVersion.", error);
        }
        return new ConfigurationException("Cannot apply " + object.getKind() + " "
                + Manifests.describe(object) + " from " + where + ": " + reason(error), error);
    }

    /**
     * Words a document that is not an object at all.
     *
     * @param where e.g. {@code foo.yaml, document 2}
     * @param missing the missing fields, e.g. {@code kind}
     * @return the error for the user
     */
    static ConfigurationException incomplete(String where, String missing) {
        return new ConfigurationException("The object in " + where + " has no " + missing
                + ". Every object needs apiVersion, kind and metadata.name.");
    }

    private static boolean isServed(KubernetesClient client, HasMetadata object) {
        try {
            APIResourceList resources = client.getApiResources(object.getApiVersion());
            if (resources == null || resources.getResources() == null) {
                return false;
            }
            for (APIResource resource : resources.getResources()) {
                if (object.getKind().equals(resource.getKind())
                        && !resource.getName().contains("/")) {
                    return true;
                }
            }
            return false;
        } catch (KubernetesClientException e) {
            // 404 for an unknown group or version; anything else: let the first error speak.
            return e.getCode() != 404;
        }
    }

    // The server's own sentence (e.g. 'KopfExample.kopf.dev "x" is invalid: ...') when there
    // is one, else the innermost cause's; never the request with the object in it.
    private static String reason(RuntimeException error) {
        if (error instanceof KubernetesClientException client && client.getStatus() != null
                && client.getStatus().getMessage() != null) {
            String message = client.getStatus().getMessage();
            return message.endsWith(".") ? message : message + ".";
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.toString();
        int dump = message.indexOf("GenericKubernetesResource(");
        if (dump >= 0) {
            message = message.substring(0, dump).strip();
        }
        return message.endsWith(".") ? message : message + ".";
    }
}
