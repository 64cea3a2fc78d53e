package dev.kopf.testing.internal.apiserver;

import dev.kopf.testing.internal.apiserver.ObjectStore.Outcome;
import dev.kopf.testing.internal.apiserver.WriteRules.Preconditions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the real server's controllers do after some deletions, done at once: a deleted
 * namespace loses its contents and disappears once empty; a deleted CRD stops being served
 * and its custom resources are removed (watchers see them DELETED), then the watches of
 * that resource end.
 *
 * <p>Objects with finalizers in a deleted namespace are only marked; the namespace goes away
 * when the last of them does. Custom resources of a deleted CRD are removed regardless of
 * their finalizers (the real server would wait for them).
 */
final class DeletionCascade {
    private static final Logger logger = LoggerFactory.getLogger(DeletionCascade.class);
    private static final Set<String> PROTECTED_NAMESPACES =
            Set.of("default", "kube-system", "kube-public");

    private final ObjectStore store;
    private final ResourceRegistry registry;

    DeletionCascade(ObjectStore store, ResourceRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    /** Deletes a namespace: marks it terminating, deletes its contents, removes it if empty. */
    Outcome deleteNamespace(String name, Preconditions preconditions) {
        if (PROTECTED_NAMESPACES.contains(name)) {
            throw ApiStatusException.forbidden(GroupResource.NAMESPACES, name,
                    "this namespace may not be deleted");
        }
        Outcome marked = store.mutate(GroupResource.NAMESPACES, null, name, current -> {
            if (current == null) {
                throw ApiStatusException.notFound(GroupResource.NAMESPACES, name);
            }
            return WriteRules.prepareNamespaceDelete(current, preconditions);
        });
        for (Map.Entry<GroupResource, List<StoredObject>> entry
                : store.contents(name).entrySet()) {
            for (StoredObject object : entry.getValue()) {
                store.mutate(entry.getKey(), name, object.name(), current -> current == null
                        ? new Mutation.Keep()
                        : WriteRules.prepareDelete(entry.getKey(), current, Preconditions.NONE));
            }
        }
        Outcome removed = finishNamespace(name);
        return removed != null ? removed : marked;
    }

    /** Called after any write; completes the cascades that the write's outcome triggers. */
    void afterWrite(ResourceType type, Outcome outcome) {
        if (outcome.type() == null) {
            return;
        }
        if (type.resource().equals(GroupResource.CUSTOM_RESOURCE_DEFINITIONS)) {
            if (outcome.isRemoved()) {
                removeCustomResources(outcome.before());
            } else {
                registry.register(outcome.after().name(),
                        CustomResourceDefinitions.types(outcome.after().node()));
            }
        }
        if (outcome.isRemoved() && type.isNamespaced()) {
            finishNamespace(outcome.before().namespace());
        }
    }

    /** Removes a terminating namespace that has become empty; the outcome, or {@code null}. */
    private Outcome finishNamespace(String name) {
        Outcome outcome = store.mutate(GroupResource.NAMESPACES, null, name,
                current -> current != null && WriteRules.isDeleting(current.node())
                        && WriteRules.finalizers(current.node()).isEmpty()
                        && store.contents(name).isEmpty()
                        ? new Mutation.Remove(current.copy()) : new Mutation.Keep());
        return outcome.isRemoved() ? outcome : null;
    }

    private void removeCustomResources(StoredObject crd) {
        List<ResourceType> types = CustomResourceDefinitions.types(crd.node());
        registry.unregister(crd.name());
        if (types.isEmpty()) {
            return;
        }
        GroupResource resource = types.get(0).resource();
        List<StoredObject> objects = store.all(resource);
        for (StoredObject object : objects) {
            String namespace = object.namespace().isEmpty() ? null : object.namespace();
            store.mutate(resource, namespace, object.name(), current -> current == null
                    ? new Mutation.Keep() : new Mutation.Remove(current.copy()));
        }
        // The real server ends the watches of a resource it no longer serves; a new watch
        // (or list) gets 404 from now on.
        for (WatchStream stream : store.streams()) {
            if (stream.resource().equals(resource)) {
                stream.finish();
            }
        }
        logger.debug("Removed {} objects of {} with their CRD.", objects.size(), resource);
    }
}
