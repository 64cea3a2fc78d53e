package dev.kopf.benchmarks.harness;

import dev.kopf.internal.sharding.ShardLabels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Watches the benchmark's objects from the harness for the sharding scenario: each object's
 * assignment and drain labels ({@code sharding.kopf.dev/<ring>}, {@code ...-drain}), which
 * member it was assigned to when it was first seen handled (the one that handled it: an
 * object changes owner only through a drain, between handlers), when each member first
 * owned an object, and every change of owner from one member to another.
 */
final class ShardWatch implements AutoCloseable {
    private final ShardLabels labels;
    private final SharedIndexInformer<GenericKubernetesResource> informer;
    // All guarded by this.
    private final Map<String, String> owners = new HashMap<>();
    private final Map<String, String> drains = new HashMap<>();
    private final Map<String, String> lastOwners = new HashMap<>();
    private final Map<String, String> handledBy = new HashMap<>();
    private final Map<String, Long> handledAt = new HashMap<>();
    private final Map<String, Long> firstOwned = new HashMap<>();
    private long lastOwnerChange;
    private int ownerChanges;

    /** Starts watching and returns once the initial list is in and the watch is open. */
    ShardWatch(KubernetesClient client, String namespace, String ring) throws Exception {
        labels = new ShardLabels(ring);
        informer = ExampleWatch.start(client, namespace, this::update, 120);
    }

    private synchronized void update(GenericKubernetesResource obj) {
        long now = Clocks.nowMicros();
        String name = obj.getMetadata().getName();
        Map<String, String> objectLabels = obj.getMetadata().getLabels();
        String owner = labels.ownerOf(objectLabels);
        drains.put(name, labels.drainOf(objectLabels));
        if (!Objects.equals(owners.put(name, owner), owner)) {
            lastOwnerChange = now;
        }
        if (owner != null) {
            String last = lastOwners.put(name, owner);
            if (last != null && !last.equals(owner)) {
                ownerChanges++;
            }
            firstOwned.putIfAbsent(owner, now);
        }
        if (!handledAt.containsKey(name)
                && HandledTracker.isHandled(obj.getAdditionalProperties().get("status"))) {
            handledAt.put(name, now);
            handledBy.put(name, owner);
        }
    }

    /** The owner of each object now, by name ({@code null} when unassigned). */
    synchronized Map<String, String> owners() {
        return new HashMap<>(owners);
    }

    /** The objects, of those expected, not yet with their expected owner or still draining. */
    synchronized int mismatches(Map<String, String> expected) {
        return ShardMoves.mismatches(owners, drains, expected);
    }

    /** How many of the named objects are handled. */
    synchronized long handled(Collection<String> names) {
        return names.stream().filter(handledAt::containsKey).count();
    }

    /** Which member each handled object was assigned to when first seen handled. */
    synchronized Map<String, String> handledBy() {
        return new HashMap<>(handledBy);
    }

    /** The latest time an object was first seen handled, epoch microseconds; -1 if none. */
    synchronized long lastHandled() {
        return handledAt.values().stream().mapToLong(Long::longValue).max().orElse(-1);
    }

    /** The earliest time an object was first seen handled, epoch microseconds; -1 if none. */
    synchronized long firstHandled() {
        return handledAt.values().stream().mapToLong(Long::longValue).min().orElse(-1);
    }

    /** When an object's assignment label last changed, epoch microseconds. */
    synchronized long lastOwnerChange() {
        return lastOwnerChange;
    }

    /** When the member first owned an object, epoch microseconds; -1 if never. */
    synchronized long firstOwned(String member) {
        return firstOwned.getOrDefault(member, -1L);
    }

    /** How many times an object's owner changed from one member to another. */
    synchronized int ownerChanges() {
        return ownerChanges;
    }

    @Override
    public void close() {
        informer.close();
    }
}
