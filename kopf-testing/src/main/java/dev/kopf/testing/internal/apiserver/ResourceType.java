package dev.kopf.testing.internal.apiserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One served resource in one version, with the traits that change how it is written.
 *
 * <p>Built-in types come from {@link BuiltinResources}; custom ones from the CRDs posted to the
 * server ({@link CustomResourceDefinitions}).
 *
 * @param resource the group and plural name (the unit of storage)
 * @param version the served version, e.g. {@code v1}
 * @param names singular, kind, list kind and short names
 * @param scope namespaced or cluster-wide
 * @param traits the behaviours that differ between kinds
 */
record ResourceType(GroupResource resource, String version, Names names, Scope scope,
        Set<Trait> traits) {

    /** Where objects of a type live. */
    enum Scope { NAMESPACED, CLUSTER }

    /** Behaviours that differ between kinds. */
    enum Trait {
        /** Has a {@code /status} subresource: main writes ignore status, status writes the rest. */
        STATUS_SUBRESOURCE,
        /** Maintains {@code metadata.generation}. */
        GENERATION,
        /** Accepts a PUT whose body carries no resourceVersion. */
        UNCONDITIONAL_UPDATE,
        /** Accepts {@code application/strategic-merge-patch+json} (built-in kinds only). */
        STRATEGIC_MERGE_PATCH,
        /** Supports DELETE on the collection. */
        DELETE_COLLECTION
    }

    /**
     * The names of a type.
     *
     * @param singular the singular resource name
     * @param kind the kind of the objects
     * @param shortNames the short names offered to kubectl
     */
    record Names(String singular, String kind, List<String> shortNames) {
        Names {
            shortNames = List.copyOf(shortNames);
        }
    }

    ResourceType {
        traits = Set.copyOf(traits);
    }

    String group() {
        return resource.group();
    }

    String plural() {
        return resource.resource();
    }

    String kind() {
        return names.kind();
    }

    String listKind() {
        return names.kind() + "List";
    }

    String apiVersion() {
        return group().isEmpty() ? version : group() + "/" + version;
    }

    boolean isNamespaced() {
        return scope == Scope.NAMESPACED;
    }

    boolean has(Trait trait) {
        return traits.contains(trait);
    }

    GroupKind groupKind() {
        return new GroupKind(group(), kind());
    }

    /** The verbs listed in discovery for the main resource. */
    List<String> verbs() {
        List<String> verbs = new ArrayList<>(List.of("create", "delete"));
        if (has(Trait.DELETE_COLLECTION)) {
            verbs.add("deletecollection");
        }
        verbs.addAll(List.of("get", "list", "patch", "update", "watch"));
        return verbs;
    }
}
