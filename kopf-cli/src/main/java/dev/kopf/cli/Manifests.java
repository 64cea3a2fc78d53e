package dev.kopf.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --apply}: creates (or replaces) the objects of YAML files before the operator
 * starts, CRDs first and then namespaces, so that custom objects can be created and the
 * operator sees them on its first listing. Afterwards it prints them back for demos.
 */
final class Manifests {

    private static final Logger logger = LoggerFactory.getLogger("kopf.cli");
    private static final long ESTABLISHED_TIMEOUT_SECONDS = 60;

    private Manifests() {
    }

    /**
     * Applies every object of the files, in order of kind: CRDs, namespaces, the rest as
     * written.
     *
     * @param client the client
     * @param files YAML files, several documents each allowed
     * @return the applied objects, as the server returned them
     * @throws ConfigurationException when a file cannot be read
     */
    static List<HasMetadata> apply(KubernetesClient client, List<Path> files) {
        List<HasMetadata> objects = new ArrayList<>();
        for (Path file : files) {
            objects.addAll(load(client, file));
        }
        objects.sort(Comparator.comparingInt(Manifests::rank));
        List<HasMetadata> applied = new ArrayList<>();
        List<CustomResourceDefinition> crds = new ArrayList<>();
        for (HasMetadata object : objects) {
            if (rank(object) > 0 && !crds.isEmpty()) {
                awaitEstablished(client, crds);
                crds.clear();
            }
            HasMetadata result = client.resource(object).createOr(NonDeletingOperation::update);
            logger.info("Applied {} {}.", object.getKind(), describe(result));
            if (result instanceof CustomResourceDefinition crd) {
                crds.add(crd);
            }
            applied.add(result);
        }
        awaitEstablished(client, crds);
        return applied;
    }

    /**
     * Prints the current state of the applied objects, except CRDs, as YAML documents.
     *
     * @param client the client
     * @param applied the objects returned by {@link #apply(KubernetesClient, List)}
     * @param out where to print
     */
    static void print(KubernetesClient client, List<HasMetadata> applied, PrintStream out) {
        for (HasMetadata object : applied) {
            if (object instanceof CustomResourceDefinition) {
                continue;
            }
            HasMetadata current = client.resource(object).get();
            if (current != null) {
                String yaml = client.getKubernetesSerialization().asYaml(current);
                out.print(yaml.startsWith("---") ? yaml : "---\n" + yaml);
                if (!yaml.endsWith("\n")) {
                    out.println();
                }
            }
        }
        out.flush();
    }

    private static List<HasMetadata> load(KubernetesClient client, Path file) {
        try (InputStream input = Files.newInputStream(file)) {
            return client.load(input).items();
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the file to apply: " + file + " ("
                    + e.getMessage() + ").", e);
        }
    }

    private static int rank(HasMetadata object) {
        if (object instanceof CustomResourceDefinition) {
            return 0;
        }
        return "Namespace".equals(object.getKind()) && "v1".equals(object.getApiVersion())
                ? 1 : 2;
    }

    // A real API server serves a new CRD's objects only once it is established.
    private static void awaitEstablished(KubernetesClient client,
            List<CustomResourceDefinition> crds) {
        for (CustomResourceDefinition crd : crds) {
            client.resource(crd).waitUntilCondition(Manifests::isEstablished,
                    ESTABLISHED_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static boolean isEstablished(CustomResourceDefinition crd) {
        if (crd == null || crd.getStatus() == null || crd.getStatus().getConditions() == null) {
            return false;
        }
        for (CustomResourceDefinitionCondition condition : crd.getStatus().getConditions()) {
            if ("Established".equals(condition.getType())
                    && "True".equals(condition.getStatus())) {
                return true;
            }
        }
        return false;
    }

    private static String describe(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        String name = object.getMetadata().getName();
        return namespace == null ? name : namespace + "/" + name;
    }
}
