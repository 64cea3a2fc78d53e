package dev.kopf.internal.sharding;

import dev.kopf.Context;
import dev.kopf.Operation;
import dev.kopf.ShardingSettings.HashingKey;
import dev.kopf.internal.intents.Filters;
import dev.kopf.internal.intents.Selector;
import dev.kopf.internal.intents.WebhookHandler;
import dev.kopf.internal.intents.WebhookHandler.WebhookType;
import dev.kopf.internal.structs.FilterMarkers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in mutating webhook that assigns a new object to its ring member at creation,
 * with the label {@code sharding.kopf.dev/<ring>=<member>}, so that its owner sees it
 * labelled from its first event instead of after the sharder's write and one more watch
 * round trip.
 *
 * <p>Served by the admission server as one mutating handler per watched resource, only for
 * CREATE, with {@code failurePolicy: Ignore} and a short timeout: when the webhook is down
 * or cannot decide, the object is created unlabelled and the sharder labels it. Its view of
 * the ring is the replica's {@link RingView}; the sharder treats the label as its own and
 * corrects it when the view was stale.
 */
public final class ShardAssignmentWebhook {

    private static final Logger logger = LoggerFactory.getLogger("kopf.sharding.webhook");

    /** How long the API server waits for the webhook: the decision is local, no API call. */
    static final int TIMEOUT_SECONDS = 5;

    private final ShardLabels labels;
    private final HashingKey mode;
    private final Supplier<HashRing> ring;

    ShardAssignmentWebhook(ShardLabels labels, HashingKey mode, Supplier<HashRing> ring) {
        this.labels = labels;
        this.mode = mode;
        this.ring = ring;
    }

    /**
     * Decides the member a new object is assigned to.
     *
     * @param object the admitted object
     * @return the member, or {@code null} to leave it to the sharder: already assigned, its
     *     key not known yet ({@code generateName}; its own uid for the owner key), or no
     *     live member seen
     */
    String memberFor(Map<String, Object> object) {
        if (!(object.get("metadata") instanceof Map<?, ?> raw)) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) raw;
        Map<String, ?> existing = metadata.get("labels") instanceof Map<?, ?> found
                ? castLabels(found) : null;
        if (labels.ownerOf(existing) != null) {
            return null;
        }
        String key = ShardKeys.keyAtCreation(mode, metadata);
        return key == null ? null : ring.get().ownerOf(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> castLabels(Map<?, ?> found) {
        return (Map<String, ?>) found;
    }

    /** The handler's body: the label into the admission patch, or nothing. */
    private Object assign(Context context) {
        String member = memberFor(context.body().asMap());
        if (member != null) {
            context.patch().metadata().labels().put(labels.assignment(), member);
            logger.debug("Assigned {} to member {} of ring '{}' at creation.",
                    context.body().meta().name(), member, labels.ring());
        }
        return null;
    }

    /**
     * Returns the webhook's handlers, one per watched resource selector.
     *
     * @param selectors the selectors of the handlers whose objects are sharded
     * @return the mutating handlers, for CREATE only
     */
    List<WebhookHandler> handlers(Collection<Selector> selectors) {
        // The API server asks only for objects without the assignment label.
        Filters unassigned = new Filters(Map.of(labels.assignment(), FilterMarkers.ABSENT),
                Map.of(), null, null, null, null, null);
        WebhookHandler.Options options = new WebhookHandler.Options(Set.of(Operation.CREATE),
                null, false, false, true, TIMEOUT_SECONDS);
        List<WebhookHandler> handlers = new ArrayList<>();
        for (Selector selector : selectors) {
            handlers.add(new WebhookHandler(idOf(selector), WebhookType.MUTATING, selector,
                    unassigned, this::assign, options, null,
                    ShardAssignmentWebhook.class.getName() + " (built in)"));
        }
        return handlers;
    }

    /**
     * The handler's id, also its URL path and (with the managed suffix) its webhook name.
     *
     * @param selector the resource selector
     * @return e.g. {@code kopf.sharding.web.kopfexamples.kopf.dev}
     */
    String idOf(Selector selector) {
        String resource = selector.toString().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9.]+", "-").replaceAll("^-+|-+$", "");
        return "kopf.sharding." + labels.ring() + "." + resource;
    }
}
