package dev.kopf.internal.sharding;

import dev.kopf.LeaderElection;
import dev.kopf.OperatorSettings;
import dev.kopf.Resource;
import dev.kopf.ShardingSettings;
import dev.kopf.internal.clients.ApiException;
import dev.kopf.internal.clients.Patcher;
import dev.kopf.internal.clients.RingLeases;
import dev.kopf.internal.clients.WatchOptions;
import dev.kopf.internal.clients.Watcher;
import dev.kopf.internal.concurrent.Threads;
import dev.kopf.internal.concurrent.ToggleSet;
import dev.kopf.internal.engines.LeaderElector;
import dev.kopf.internal.intents.OperatorRegistry;
import dev.kopf.internal.intents.WebhookHandler;
import dev.kopf.internal.metrics.Meters;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica's part in a sharding ring, for the reactor: the selector of its own objects,
 * whether an object is its own, about to be handed over, or someone else's, and the
 * handover's last step; and, while running, its membership Lease and its candidacy for
 * the sharder.
 */
public final class Sharding implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger("kopf.sharding");

    /** Whose an object is, by its labels. */
    public enum Ownership {
        /** Ours: handle it. */
        OURS,
        /** Ours, but the sharder asks us to give it up: stop and release it. */
        DRAINING,
        /** Not ours (any more): forget it without treating it as deleted. */
        OTHERS
    }

    /**
     * What a running replica gives its sharding.
     *
     * @param client the client
     * @param toggles the operator's pause, which gets the toggle "not a ring member"
     * @param targets the streams the replica needs, without the ring's selector, for the
     *     sharder to watch every object of
     * @param watching the watch streams' timeouts and backoffs
     * @param standalone whether {@code --standalone} promises a single replica
     */
    public record Start(KubernetesClient client, ToggleSet toggles,
            Supplier<List<Watcher.Target>> targets, WatchOptions watching, boolean standalone) {
    }

    private static final Sharding DISABLED = new Sharding(null, null, null);

    private final ShardingSettings settings;
    private final ShardLabels labels;
    private final String member;
    private final ExecutorService switching = Threads.workers("kopf-sharder-switch", 1);
    /** The objects this replica handles now, for the gauge. */
    private final Set<String> owned = ConcurrentHashMap.newKeySet();
    private volatile Patcher patcher;
    private Membership membership;
    private LeaderElector candidacy;
    private Sharder sharder;
    /** The ring as this replica sees it, for the assignment webhook; only when served. */
    private volatile RingView view;
    private volatile boolean webhookServed;

    private Sharding(ShardingSettings settings, ShardLabels labels, String member) {
        this.settings = settings;
        this.labels = labels;
        this.member = member;
    }

    /**
     * Returns the sharding of these settings.
     *
     * @param settings the settings
     * @param identity the operator's identity
     * @return an enabled sharding, or one that does nothing
     */
    public static Sharding of(ShardingSettings settings, String identity) {
        if (!settings.enabled()) {
            return DISABLED;
        }
        return new Sharding(settings, new ShardLabels(settings.ring()),
                ShardLabels.memberName(identity));
    }

    /**
     * Tells whether sharding is on.
     *
     * @return {@code true} when the objects are divided among replicas
     */
    public boolean isEnabled() {
        return settings != null;
    }

    /**
     * Returns this replica's name in the ring.
     *
     * @return the member's name, or {@code null} when off
     */
    public String member() {
        return member;
    }

    /**
     * Narrows a stream's selector to this replica's objects.
     *
     * @param user the selector from the handlers' label filters, or {@code null}
     * @return the selector with the ring's label, or the user's when off
     */
    public String selector(String user) {
        if (!isEnabled()) {
            return user;
        }
        String own = labels.selectorOf(member);
        return user == null ? own : user + "," + own;
    }

    /**
     * Judges an object by its labels.
     *
     * @param body the object
     * @return whose it is; always {@link Ownership#OURS} when off
     */
    public Ownership ownership(Map<String, Object> body) {
        if (!isEnabled()) {
            return Ownership.OURS;
        }
        Map<String, ?> objectLabels = labelsOf(body);
        if (!member.equals(labels.ownerOf(objectLabels))) {
            return Ownership.OTHERS;
        }
        return labels.drainOf(objectLabels) != null ? Ownership.DRAINING : Ownership.OURS;
    }

    /**
     * Returns the member an object is drained to, for logs.
     *
     * @param body the object
     * @return the next owner, or {@code null}
     */
    public String nextOwner(Map<String, Object> body) {
        return isEnabled() ? labels.drainOf(labelsOf(body)) : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> labelsOf(Map<String, Object> body) {
        return body.get("metadata") instanceof Map<?, ?> metadata
                && metadata.get("labels") instanceof Map<?, ?> found
                ? (Map<String, ?>) found : null;
    }

    /**
     * The handover's last step: removes our assignment and the drain label, if the object
     * is still ours, so that the sharder assigns it to the next owner.
     *
     * @param resource the object's resource
     * @param body the object
     * @return {@code true} when released now, {@code false} when it was not ours any more
     * @throws ApiException when the API fails; the handover is retried
     */
    public boolean release(Resource resource, Map<String, Object> body) {
        List<Map<String, Object>> ops = new ArrayList<>();
        String owner = "/metadata/labels/" + Sharder.escape(labels.assignment());
        ops.add(Map.of("op", "test", "path", owner, "value", member));
        ops.add(Map.of("op", "remove", "path", owner));
        if (labels.drainOf(labelsOf(body)) != null) {
            ops.add(Map.of("op", "remove", "path",
                    "/metadata/labels/" + Sharder.escape(labels.drain())));
        }
        Map<?, ?> metadata = (Map<?, ?>) body.get("metadata");
        try {
            return patcher.jsonPatch(resource, (String) metadata.get("namespace"),
                    (String) metadata.get("name"), null, ops).isPresent();
        } catch (ApiException e) {
            if (e.code() == 422 || e.code() == 409) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Tells whether an object of a DELETED event still exists: then it only left this
     * replica's selector (it moved to another replica) and is not deleted.
     *
     * @param resource the object's resource
     * @param body the object as the event had it
     * @return {@code true} when the same object (by uid) is still there
     */
    public boolean stillExists(Resource resource, Map<String, Object> body) {
        Map<?, ?> metadata = (Map<?, ?>) body.get("metadata");
        Optional<Map<String, Object>> found = patcher.get(resource,
                (String) metadata.get("namespace"), (String) metadata.get("name"));
        return found.isPresent() && found.get().get("metadata") instanceof Map<?, ?> now
                && java.util.Objects.equals(now.get("uid"), metadata.get("uid"));
    }

    /**
     * Records whether this replica handles an object now.
     *
     * @param key the object's key in the replica
     * @param handled {@code true} while it is ours, {@code false} once it is gone or moved
     */
    public void track(String key, boolean handled) {
        if (handled) {
            owned.add(key);
        } else {
            owned.remove(key);
        }
    }

    /**
     * Registers the gauge of the objects this replica owns, when sharding is on.
     *
     * @param meters the operator's meters
     */
    public void registerGauge(Meters meters) {
        if (isEnabled()) {
            meters.shardObjects(settings.ring(), owned::size);
        }
    }

    /**
     * Returns the handlers of the built-in webhook that assigns new objects at creation
     * ({@link ShardAssignmentWebhook}), when sharding is on and an admission server is
     * configured; the ring's view it needs starts with {@link #start}.
     *
     * @param registry the handlers, whose watched resources are sharded
     * @param settings the settings in force
     * @return the mutating handlers, or none
     */
    public List<WebhookHandler> assignmentWebhooks(OperatorRegistry registry,
            OperatorSettings settings) {
        if (!isEnabled() || settings.admission().server() == null) {
            return List.of();
        }
        webhookServed = true;
        ShardAssignmentWebhook webhook = new ShardAssignmentWebhook(labels,
                this.settings.hashingKey(), () -> {
                    RingView current = view;
                    return current == null ? new HashRing(List.of(), 1) : current.ring();
                });
        return webhook.handlers(registry.selectors());
    }

    /**
     * Joins the ring and becomes a candidate for the sharder.
     *
     * @param start what the replica gives
     * @throws IllegalArgumentException with {@code --standalone} when other members live
     */
    public synchronized void start(Start start) {
        if (!isEnabled()) {
            return;
        }
        String namespace = settings.leaseNamespace() != null ? settings.leaseNamespace()
                : System.getenv().getOrDefault("POD_NAMESPACE", "default");
        RingLeases leases = new RingLeases(start.client(), namespace);
        patcher = new Patcher(start.client());
        membership = new Membership(leases, labels, member, member, settings,
                start.toggles().makeToggle("not a ring member", true), Clock.systemUTC());
        if (start.standalone()) {
            List<String> others = membership.others();
            if (!others.isEmpty()) {
                throw new IllegalArgumentException("Sharding with --standalone found other "
                        + "live members of ring '" + settings.ring() + "': " + others
                        + ". Drop --standalone to run several replicas.");
            }
        }
        membership.start();
        if (webhookServed) {
            view = new RingView(leases, labels, member, settings, Clock.systemUTC());
        }
        Sharder.Config config = new Sharder.Config(start.client(), leases, labels, settings,
                start.targets(), start.watching());
        ToggleSet notSharder = new ToggleSet();
        candidacy = new LeaderElector(leases.one(labels.sharderLease()), new LeaderElection(
                true, labels.sharderLease(), namespace, settings.leaseDuration(),
                settings.renewDeadline(), settings.retryPeriod()), member,
                notSharder.makeToggle("not the sharder", true), Clock.systemUTC());
        notSharder.onChange(off -> switching.execute(() -> switchSharder(!off, config)));
        // Elected before its own Lease is written, the sharder would read a ring without this
        // replica and keep it for a whole retry period, and so would the webhook's view: both
        // wait for the first renewal (done or failed). On the switching thread: not the
        // membership's, which a close holding this monitor waits for.
        LeaderElector elector = candidacy;
        RingView ringView = view;
        membership.firstRound().thenRunAsync(() -> startReading(elector, ringView), switching);
    }

    private synchronized void startReading(LeaderElector elector, RingView ringView) {
        if (candidacy != elector) {
            return;  // closed meanwhile
        }
        if (ringView != null) {
            ringView.start();
        }
        elector.start();
    }

    private void switchSharder(boolean leading, Sharder.Config config) {
        synchronized (this) {
            if (leading && sharder == null && candidacy != null) {
                sharder = new Sharder(config, Clock.systemUTC());
                sharder.start();
            } else if (!leading && sharder != null) {
                sharder.close();
                sharder = null;
            }
        }
    }

    /**
     * Leaves the ring: the sharder stops and its Lease is released, then this member's
     * Lease is deleted, so that the sharder gives our objects to the others at once. Called
     * after the last handler's write.
     */
    @Override
    public void close() {
        if (!isEnabled()) {
            return;
        }
        LeaderElector elector;
        synchronized (this) {
            // No sharder starts any more, and ours stops before its Lease is released.
            elector = candidacy;
            candidacy = null;
            if (sharder != null) {
                sharder.close();
                sharder = null;
            }
        }
        if (elector != null) {
            elector.close();
        }
        switching.shutdown();
        try {
            switching.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (view != null) {
            view.close();
        }
        synchronized (this) {
            if (membership != null) {
                membership.close();
                logger.debug("Sharding ring '{}' is left by {}.", settings.ring(), member);
            }
        }
    }
}
