package dev.kopf.testing.internal.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kopf.testing.internal.apiserver.ApiStatusException.Cause;
import dev.kopf.testing.internal.apiserver.ResourceType.Names;
import dev.kopf.testing.internal.apiserver.ResourceType.Scope;
import dev.kopf.testing.internal.apiserver.ResourceType.Trait;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the server does with {@code apiextensions.k8s.io/v1} CustomResourceDefinitions:
 * validates the parts it relies on, marks them established at once (the real server's CRD
 * controllers do so a moment later), and derives the resource types to serve.
 */
final class CustomResourceDefinitions {
    private static final GroupKind KIND =
            new GroupKind("apiextensions.k8s.io", "CustomResourceDefinition");

    private CustomResourceDefinitions() {
    }

    /** Validates a CRD about to be stored and fills in its status; returns it. */
    static ObjectNode establish(ObjectNode crd) {
        String name = JsonNodes.text(crd, "metadata", "name");
        JsonNode spec = crd.path("spec");
        String group = JsonNodes.text(spec, "group");
        String plural = JsonNodes.text(spec, "names", "plural");
        String kind = JsonNodes.text(spec, "names", "kind");
        List<Cause> causes = new ArrayList<>();
        require(causes, group, "spec.group");
        require(causes, plural, "spec.names.plural");
        require(causes, kind, "spec.names.kind");
        String scope = JsonNodes.text(spec, "scope");
        if (!"Namespaced".equals(scope) && !"Cluster".equals(scope)) {
            causes.add(new Cause("FieldValueNotSupported", "Unsupported value: \"" + scope
                    + "\": supported values: \"Cluster\", \"Namespaced\"", "spec.scope"));
        }
        if (group != null && plural != null && !(plural + "." + group).equals(name)) {
            causes.add(new Cause("FieldValueInvalid", "Invalid value: \"" + name
                    + "\": must be spec.names.plural+\".\"+spec.group", "metadata.name"));
        }
        if (!spec.path("versions").isArray() || spec.path("versions").isEmpty()) {
            causes.add(new Cause("FieldValueRequired", "Required value: must have exactly one"
                    + " version marked as storage version", "spec.versions"));
        }
        if (!causes.isEmpty()) {
            throw ApiStatusException.invalid(KIND, name, causes);
        }
        crd.set("status", status(spec));
        return crd;
    }

    private static void require(List<Cause> causes, String value, String field) {
        if (value == null || value.isEmpty()) {
            causes.add(new Cause("FieldValueRequired", "Required value", field));
        }
    }

    private static ObjectNode status(JsonNode spec) {
        ObjectNode status = JsonNodes.object();
        ArrayNode conditions = status.putArray("conditions");
        String now = JsonNodes.now();
        for (String type : new String[] {"NamesAccepted", "Established"}) {
            ObjectNode condition = conditions.addObject();
            condition.put("type", type);
            condition.put("status", "True");
            condition.put("lastTransitionTime", now);
            condition.put("reason", type.equals("Established") ? "InitialNamesAccepted"
                    : "NoConflicts");
            condition.put("message", type.equals("Established")
                    ? "the initial names have been accepted" : "no conflicts found");
        }
        ObjectNode accepted = status.putObject("acceptedNames");
        String kind = JsonNodes.text(spec, "names", "kind");
        accepted.put("plural", JsonNodes.text(spec, "names", "plural"));
        accepted.put("singular", singular(spec));
        accepted.put("kind", kind);
        accepted.put("listKind", kind + "List");
        accepted.set("shortNames", spec.path("names").path("shortNames").deepCopy());
        if (accepted.path("shortNames").isMissingNode()) {
            accepted.remove("shortNames");
        }
        ArrayNode stored = status.putArray("storedVersions");
        for (JsonNode version : spec.path("versions")) {
            if (version.path("storage").asBoolean(false)) {
                stored.add(version.path("name").asText());
            }
        }
        return status;
    }

    /** The types a stored CRD serves: one per served version. */
    static List<ResourceType> types(JsonNode crd) {
        JsonNode spec = crd.path("spec");
        GroupResource resource = new GroupResource(JsonNodes.text(spec, "group"),
                JsonNodes.text(spec, "names", "plural"));
        List<String> shortNames = new ArrayList<>();
        spec.path("names").path("shortNames").forEach(name -> shortNames.add(name.asText()));
        Names names = new Names(singular(spec), JsonNodes.text(spec, "names", "kind"),
                shortNames);
        Scope scope = "Cluster".equals(JsonNodes.text(spec, "scope"))
                ? Scope.CLUSTER : Scope.NAMESPACED;
        List<ResourceType> types = new ArrayList<>();
        for (JsonNode version : spec.path("versions")) {
            if (!version.path("served").asBoolean(true)) {
                continue;
            }
            Set<Trait> traits = EnumSet.of(Trait.GENERATION, Trait.DELETE_COLLECTION);
            if (version.path("subresources").has("status")
                    || spec.path("subresources").has("status")) {
                traits.add(Trait.STATUS_SUBRESOURCE);
            }
            types.add(new ResourceType(resource, version.path("name").asText(), names, scope,
                    traits));
        }
        return types;
    }

    private static String singular(JsonNode spec) {
        String singular = JsonNodes.text(spec, "names", "singular");
        return singular == null || singular.isEmpty()
                ? JsonNodes.text(spec, "names", "kind").toLowerCase(Locale.ROOT) : singular;
    }
}
