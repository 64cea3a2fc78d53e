package dev.kopf.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.ByteArrayInputStream;
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
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build();

    /** An object to apply, and where it comes from (for error messages). */
    private record Manifest(HasMetadata object, Path file, int document) {
        String where() {
            return file + ", document " + document;
        }
    }

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
        List<Manifest> manifests = new ArrayList<>();
        for (Path file : files) {
            manifests.addAll(load(client, file));
        }
        manifests.sort(Comparator.comparingInt(manifest -> rank(manifest.object())));
        List<HasMetadata> applied = new ArrayList<>();
        List<CustomResourceDefinition> crds = new ArrayList<>();
        for (Manifest manifest : manifests) {
            if (rank(manifest.object()) > 0 && !crds.isEmpty()) {
                awaitEstablished(client, crds);
                crds.clear();
            }
            HasMetadata result = createOrReplace(client, manifest);
            logger.info("Applied {} {}.", result.getKind(), describe(result));
            if (result instanceof CustomResourceDefinition crd) {
                crds.add(crd);
            }
            applied.add(result);
        }
        awaitEstablished(client, crds);
        return applied;
    }

    private static HasMetadata createOrReplace(KubernetesClient client, Manifest manifest) {
        HasMetadata object = manifest.object();
        try {
            return client.resource(object).createOr(NonDeletingOperation::update);
        } catch (KubernetesClientException | IllegalStateException e) {
            // fabric8 says IllegalStateException when it has no handler for an unknown kind.
            throw ApplyErrors.explain(client, object, manifest.where(), e);
        }
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
                out.print(toYaml(client.getKubernetesSerialization().asJson(current)));
            }
        }
        out.flush();
    }

    // As kubectl prints: quotes only where YAML needs them, long strings unwrapped.
    static String toYaml(String json) {
        try {
            return YAML.writeValueAsString(YAML.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot print an object as YAML.", e);
        }
    }

    // Document by document, so that errors can say which one is wrong.
    private static List<Manifest> load(KubernetesClient client, Path file) {
        List<Manifest> manifests = new ArrayList<>();
        try (InputStream input = Files.newInputStream(file);
                MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class)
                        .readValues(input)) {
            int document = 0;
            while (documents.hasNextValue()) {
                JsonNode node = documents.nextValue();
                document++;
                if (node == null || node.isNull() || node.isEmpty()) {
                    continue;
                }
                String where = file + ", document " + document;
                checkComplete(node, where);
                for (HasMetadata object : client.load(new ByteArrayInputStream(
                        YAML.writeValueAsBytes(node))).items()) {
                    manifests.add(new Manifest(object, file, document));
                }
            }
            return manifests;
        } catch (ConfigurationException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Parsers report bad YAML with their own exception types; all mean the same here.
            throw new ConfigurationException("Cannot read the objects to apply from " + file
                    + ": " + e.getMessage(), e);
        }
    }

    private static void checkComplete(JsonNode node, String where) {
        List<String> missing = new ArrayList<>();
        if (!node.hasNonNull("apiVersion")) {
            missing.add("apiVersion");
        }
        if (!node.hasNonNull("kind")) {
            missing.add("kind");
        }
        if (!"List".equals(node.path("kind").asText())
                && !node.path("metadata").hasNonNull("name")) {
            missing.add("metadata.name");
        }
        if (!missing.isEmpty()) {
            throw ApplyErrors.incomplete(where, String.join(", ", missing));
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

    static String describe(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        String name = object.getMetadata().getName();
        return namespace == null ? name : namespace + "/" + name;
    }
}
